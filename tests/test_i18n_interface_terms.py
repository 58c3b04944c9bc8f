"""The interface's catalogs (ui.po, the screens'; print.po, the printed pages') reviewed against the same glossary
as the map's own texts (#34): wherever a glossary term is in a msgid (outside quotations), its translation holds
the glossary's rendering; Simplified and Traditional are not mixed; Taiwan's usage in zh-Hant."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from mapping.i18n import LOCALES, folder
from tests.test_i18n_content import COLUMN, MATCH, SIMPLIFIED_ONLY, TRADITIONAL_ONLY, glossary, unquoted

LANGS = ("ko", "zh-Hans", "zh-Hant")
DOMAINS = ("ui", "print")


def pairs(lang: str, domain: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of a catalog, each plural form's English with its translation."""
    with (LOCALES / folder(lang) / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for m in catalog:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        said = m.string if isinstance(m.string, tuple) else (m.string,)
        out += [(english, said[0]) for english in ids]
    return out


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_is_followed(lang, domain):
    faults = []
    for row in glossary():
        pattern = re.compile(MATCH[row["term_en"]])
        for english, said in pairs(lang, domain):
            if pattern.search(unquoted(english)) and row[COLUMN[lang]] not in said:
                faults.append(f"{row['term_en']} -> {row[COLUMN[lang]]}: {english!r} is {said!r}")
    assert not faults, f"{lang} {domain}: " + "; ".join(faults)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize(("lang", "foreign"), [("zh-Hans", TRADITIONAL_ONLY), ("zh-Hant", SIMPLIFIED_ONLY)])
def test_chinese_scripts_not_mixed(lang, foreign, domain):
    mixed = {english: sorted(set(said) & foreign) for english, said in pairs(lang, domain)}
    assert not {k: v for k, v in mixed.items() if v}, f"{lang} {domain}: characters of the other script"


@pytest.mark.parametrize("domain", DOMAINS)
def test_taiwan_usage(domain):
    joined = "".join(said for _, said in pairs("zh-Hant", domain))
    assert "斯大林" not in joined and "公里" in joined or domain == "print"
    assert "螢幕" in joined or domain == "print"  # a screen, as Taiwan says it (not 屏幕)
    assert "屏幕" not in joined and "视频" not in joined
