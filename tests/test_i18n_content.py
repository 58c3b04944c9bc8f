"""The map's own texts in Korean and Chinese (#34): content.po is current and complete, keeps placeholders and
quotations, follows the glossary, and translate() never shows a stale translation. Fast, no browser."""

from __future__ import annotations

import csv
import re
from functools import cache

import pytest
from babel.messages.pofile import read_po

from mapping.devtools.i18n_content import Text, gather, refresh
from mapping.i18n import content
from mapping.i18n.content import FOLDERS, GLOSSARY, catalog_path, translate

LANGS = tuple(FOLDERS)  # ko, zh-Hans, zh-Hant
COLUMN = {"ko": "ko", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant"}

# How each glossary term is found in the English (after quotations are taken out: they stay in English).
MATCH = {
    "Korean People's Army": r"Korean People's Army",
    "Chinese People's Volunteers": r"Chinese People's Volunteers",
    "Volunteers (short form)": r"\bVolunteers\b|\bCPV\b",
    "UN Command": r"\bUN Command\b",
    "UN forces": r"\bUN\b",
    "the 38th parallel": r"38th parallel",
    "Yalu River": r"\bYalu\b",
    "Tumen River": r"\bTumen\b",
    "Ch'ŏngch'ŏn River": r"Ch'[oŏ]ngch'[oŏ]n",
    "telegram": r"\b[Tt]elegram|\bcable\b",
    "Filippov (Stalin)": r"Filippov",
    "Stalin": r"\bStalin\b",
    "Zhou Enlai": r"\bZhou\b",
    "Mao Zedong": r"\bMao\b",
    "Kim Il Sung": r"\bKim\b",
    "P'yŏngyang": r"\bP'?y[oŏ]ngyang",
    "Wŏnsan": r"\bW[oŏ]nsan",
    "Manchuria": r"(?<!South )Manchuria",
    "partisan": r"\bpartisan",
    "guerrilla": r"\bguerrilla",
    "evacuation": r"\bevacuat",
    "front (line)": r"\bfront\b",
    "Volunteers' crossing": r"\b(Volunteers|CPV)( began to)? cross(es|ed)? the Yalu",
    "Central Committee of the VKP(b)": r"VKP\(b\)",
    "North Korea": r"\bNorth Korea",
    "Korea (the peninsula)": r"(?<!North )\bKorea\b(?!n)",
    "ROK (South Korean) troops": r"\bROK\b|R\.O\.K\.",
    "Eighth Army": r"Eighth Army",
    "X Corps": r"\bX Corps\b",
    "Onjŏng": r"\bOnj[oŏ]ng",
    "Sinŭiju": r"\bSin[uŭ]iju",
    "Peng Dehuai": r"\bPeng Dehuai\b",
}

# Texts left in English on purpose, with the reason (the test below checks nothing else is).
LEFT_IN_ENGLISH = {
    "feature:thrust-1950-10-26:summary": "a quotation of Time (6 Nov 1950), built from positions.csv's evidence column",
}
# (glossary term, context) -> why its rendering need not appear there.
GLOSSARY_EXCEPTIONS: dict[tuple[str, str], str] = {}

DOUBLE_QUOTED = re.compile(r'"([^"]+)"')
SINGLE_QUOTED = re.compile(r"(?<![A-Za-z])'([^']+?)'(?![A-Za-z])")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# characters that exist in only one of the two Chinese scripts (a sample of the common ones)
SIMPLIFIED_ONLY = set("这们国军线东说为后时区图战铁画应节边经过处应级设们实")
TRADITIONAL_ONLY = set("這們國軍線東說為後時區圖戰鐵畫應節邊經過處級設實")


@cache
def texts() -> tuple[Text, ...]:
    return tuple(gather())


@cache
def catalog(lang: str) -> dict[str, tuple[str, str, bool]]:
    """msgctxt -> (msgid, msgstr, fuzzy) of one content.po."""
    with catalog_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=FOLDERS[lang], domain="content")
    return {m.context: (m.id, m.string, m.fuzzy) for m in cat if m.id}


@cache
def glossary() -> tuple[dict[str, str], ...]:
    with GLOSSARY.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def quotations(english: str) -> list[str]:
    return DOUBLE_QUOTED.findall(english) + SINGLE_QUOTED.findall(english)


def unquoted(english: str) -> str:
    return SINGLE_QUOTED.sub(" ", DOUBLE_QUOTED.sub(" ", english))


def test_texts_are_gathered_from_every_source():
    kinds = {t.context.split(":")[0] for t in texts()}
    assert kinds == {"notes", "task", "layer", "feature", "clause", "timeline", "provenance"}
    assert len(texts()) > 250
    assert not any("citations" in t.context or "quote" in t.context for t in texts())


@pytest.mark.parametrize("lang", LANGS)
def test_no_stale_entry(lang):
    """Every entry's msgid is the current English of its msgctxt (a changed text must be re-translated)."""
    current = {t.context: t.english for t in texts()}
    stale = [ctx for ctx, (msgid, _, _) in catalog(lang).items() if current.get(ctx) != msgid]
    assert not stale, f"{lang}: entries whose English is gone or changed (run python -m mapping.devtools.i18n_content)"


@pytest.mark.parametrize("lang", LANGS)
def test_complete(lang):
    cat = catalog(lang)
    missing = [t.context for t in texts() if t.context not in cat or not cat[t.context][1].strip()]
    fuzzy = [ctx for ctx, (_, _, f) in cat.items() if f]
    assert not missing, f"{lang}: not translated: {missing[:10]}"
    assert not fuzzy, f"{lang}: fuzzy (to review): {fuzzy[:10]}"


def test_catalogs_and_template_are_up_to_date():
    assert refresh(check=True) == []


@pytest.mark.parametrize("lang", LANGS)
def test_translated_not_copied(lang):
    cat = catalog(lang)
    same = [t.context for t in texts() if cat[t.context][1] == t.english and t.context not in LEFT_IN_ENGLISH]
    assert not same, f"{lang}: left in English: {same}"
    for ctx in LEFT_IN_ENGLISH:
        assert cat[ctx][1] == cat[ctx][0], f"{lang}: {ctx} is a quotation and stays in English"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_preserved(lang):
    cat = catalog(lang)
    brace = [t for t in texts() if t.brace_format]
    assert {t.context for t in brace} == {f"task:{tid}:how" for tid in ("C2", "C3", "C4", "C5", "F2")}
    for t in texts():
        wanted = sorted(PLACEHOLDER.findall(t.english)) if t.brace_format else []
        assert sorted(PLACEHOLDER.findall(cat[t.context][1])) == wanted, f"{lang}: {t.context}"
    values = {"min_elevation_m": 1000, "max_border_distance_km": 60, "max_km_north_of_line": 100}
    for t in brace:
        cat[t.context][1].format(core=values, possible=values)  # a translator's typo in a field fails here


@pytest.mark.parametrize("lang", LANGS)
def test_quotations_kept_verbatim(lang):
    """Quoted words of the telegram and of the sources stay in their English; a one- or two-word scare quote
    ('waist', 'reneged') is translated."""
    cat = catalog(lang)
    for t in texts():
        for q in quotations(t.english):
            if len(q.split()) >= 3:
                assert q in cat[t.context][1], f"{lang}: {t.context}: quotation {q!r} not kept"


def test_the_telegram_itself_is_not_in_the_catalogs():
    from mapping.document.telegram import Telegram
    from mapping.paths import PROVENANCE, TELEGRAM

    telegram = Telegram.load(TELEGRAM, PROVENANCE).text
    for t in texts():
        assert len(t.english) < 120 or t.english not in telegram, t.context


def test_glossary_has_sources():
    rows = glossary()
    assert rows and set(rows[0]) == {
        "term_en", "ko", "zh_Hans", "zh_Hant", "source_ko", "source_zh_Hans", "source_zh_Hant", "note",
    }  # fmt: skip
    for row in rows:
        for col in COLUMN.values():
            assert row[col].strip(), f"{row['term_en']}: no {col} rendering"
            source = row[f"source_{col}"].strip()
            assert source or "uncertain" in row["note"], f"{row['term_en']}: {col} has no source and no uncertain: note"
            assert not source or "http" in source, f"{row['term_en']}: {col}'s source names no address"
    assert {row["term_en"] for row in rows} == set(MATCH), "every glossary term has a pattern here, and back"
    required = {"Korean People's Army", "Chinese People's Volunteers", "UN Command", "UN forces", "the 38th parallel",
                "Yalu River", "Tumen River", "Ch'ŏngch'ŏn River", "telegram", "Filippov (Stalin)", "Zhou Enlai",
                "Mao Zedong", "Kim Il Sung", "P'yŏngyang", "Wŏnsan", "Manchuria", "partisan", "guerrilla",
                "evacuation", "front (line)", "Volunteers' crossing", "Central Committee of the VKP(b)"}  # fmt: skip
    assert required <= set(MATCH)


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_followed(lang):
    """Wherever a glossary term is in a text (outside quotations), its translation holds the glossary's rendering."""
    cat = catalog(lang)
    faults = []
    for row in glossary():
        pattern = re.compile(MATCH[row["term_en"]])
        rendering = row[COLUMN[lang]]
        for t in texts():
            if t.context in LEFT_IN_ENGLISH or (row["term_en"], t.context) in GLOSSARY_EXCEPTIONS:
                continue
            if pattern.search(unquoted(t.english)) and rendering not in cat[t.context][1]:
                faults.append(f"{row['term_en']} -> {rendering}: {t.context}")
    assert not faults, f"{lang}: " + "; ".join(faults)


@pytest.mark.parametrize(("lang", "foreign"), [("zh-Hans", TRADITIONAL_ONLY), ("zh-Hant", SIMPLIFIED_ONLY)])
def test_chinese_scripts_not_mixed(lang, foreign):
    cat = catalog(lang)
    mixed = {t.context: sorted(set(cat[t.context][1]) & foreign) for t in texts()}
    assert not {k: v for k, v in mixed.items() if v}, f"{lang}: characters of the other script"


def test_taiwan_usage():
    """zh-Hant is written for Taiwan, not converted: metres are 公尺, Stalin 史達林, North Korea 北韓."""
    cat = catalog("zh-Hant")
    joined = "".join(s for _, s, _ in cat.values())
    assert "公尺" in joined and "米" not in joined.replace("米格", "")
    assert "史達林" in joined and "斯大林" not in joined
    assert "北韓" in joined


def test_korean_place_names_in_hangul():
    cat = catalog("ko")
    for t in texts():
        for roman, hangul in (("Sinŭiju", "신의주"), ("Wŏnsan", "원산"), ("Ch'ŏngch'ŏn", "청천강"), ("Kilchu", "길주")):
            if roman in unquoted(t.english):
                assert hangul in cat[t.context][1] and roman not in cat[t.context][1], t.context


def test_translate_uses_the_catalog_and_falls_back_to_english():
    t = next(x for x in texts() if x.context == "notes:C3:text")
    assert translate("ko", t.context, t.english) == catalog("ko")[t.context][1] != t.english
    assert translate("zh-Hant", t.context, t.english) == catalog("zh-Hant")[t.context][1]
    changed = t.english + " (edited)"
    for lang in LANGS:
        assert translate(lang, t.context, changed) == changed  # the msgid no longer matches: English, not stale
    assert translate("en", t.context, t.english) == t.english
    assert translate("fr", t.context, t.english) == t.english
    assert translate("ko", "notes:nowhere:text", "Anything") == "Anything"


def test_translate_ignores_fuzzy_entries(tmp_path, monkeypatch):
    po = tmp_path / "ko" / "LC_MESSAGES" / "content.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgctxt "a"\nmsgid "One"\nmsgstr "하나"\n\nmsgctxt "b"\nmsgid "Two"\nmsgstr "둘"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(content, "LOCALES", tmp_path)
    content.clear_cache()
    try:
        assert translate("ko", "a", "One") == "One"
        assert translate("ko", "b", "Two") == "둘"
    finally:
        monkeypatch.undo()
        content.clear_cache()


def test_merge_keeps_marks_and_reuses():
    """The dev script keeps a current translation, marks one whose English changed fuzzy (with the old English),
    fills a new text that repeats another's English, and leaves a new text empty."""
    from babel.messages.catalog import Catalog

    from mapping.devtools.i18n_content import merge, template

    old = Catalog(locale="ko", domain="content")
    old.add("Same", "같다", context="a")
    old.add("Before", "전", context="b")
    pot = template([Text("a", "Same", "x"), Text("b", "After", "x"), Text("c", "Same", "x"), Text("d", "New", "x")])
    new = {m.context: m for m in merge(pot, old, "ko") if m.id}
    assert (new["a"].string, new["a"].fuzzy) == ("같다", False)
    assert (new["b"].string, new["b"].fuzzy, new["b"].previous_id) == ("전", True, ["Before"])
    assert (new["c"].string, new["c"].fuzzy) == ("같다", False)
    assert new["d"].string == ""
