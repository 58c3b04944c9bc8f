"""The interface in English, Korean, Simplified and Traditional Chinese (#34): which language a page speaks, and
its interface strings, gettext style with Babel.

- `LANGS`: the languages, as BCP 47 tags (`<html lang>`, `?lang=`); `NAMES`: each in its own words.
- `choose(query, accept_language)`: the `?lang=` value when it names one of them, else the browser's
  Accept-Language at its best match, else English.
- `ui(lang)`: the interface strings' translations (`gettext`, `ngettext`; plural forms from each catalog's
  Plural-Forms header), read from `locales/<ko|zh_Hans|zh_Hant>/LC_MESSAGES/ui.po` and compiled in memory once
  per process (no .mo file is committed); English is the msgids themselves (NullTranslations).

Interface strings are English msgids marked `_("...")` / `ngettext(...)` in Python and `TM.t("...")` /
`TM.tn(one, many, n)` in the browser's code. The catalogs follow the source with (babel.cfg at the root):

    ./dev i18n   # pybabel extract -F babel.cfg -o src/mapping/i18n/locales/ui.pot . && pybabel update -D ui ...

then translate what is new or fuzzy in each ui.po; tests/test_i18n.py fails on any msgid missing, empty or fuzzy.
The map's own texts (notes, task prompts, interpretations) are another domain, content.po (i18n/content.py).

- `printed(lang)`: the printed pages' strings (the handout, its maps and story, the worksheet: outputs/), a domain
  of their own, `print`: `locales/<lang>/LC_MESSAGES/print.po`, extracted with `i18n/print.cfg` (see there),
  compiled in memory like `ui()`.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

LANGS = ("en", "ko", "zh-Hans", "zh-Hant")
NAMES = {"en": "English", "ko": "한국어", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
LOCALES = Path(__file__).parent / "locales"
_HANT_REGIONS = ("tw", "hk", "mo")


def folder(lang: str) -> str:
    """The catalog folder of a language: zh-Hans -> zh_Hans (gettext's locale names)."""
    return lang.replace("-", "_")


def _match(tag: str) -> str | None:
    """One language tag of a browser or an address, as one of LANGS, or None."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    if parts[0] == "en":
        return "en"
    if parts[0] == "ko":
        return "ko"
    if parts[0] == "zh":
        rest = parts[1:]
        if "hant" in rest:
            return "zh-Hant"
        if "hans" in rest:
            return "zh-Hans"
        return "zh-Hant" if any(r in _HANT_REGIONS for r in rest) else "zh-Hans"
    return None


def _weighted(accept_language: str) -> list[str]:
    """Accept-Language's tags, most wanted first (a stable sort: equal weights keep their order); q=0 left out."""
    tags = []
    for n, item in enumerate(accept_language.split(",")[:40]):
        tag, *params = (p.strip() for p in item.split(";"))
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if tag and tag != "*" and q > 0:
            tags.append((-q, n, tag))
    return [t for _, _, t in sorted(tags)]


def choose(query: str | None, accept_language: str | None) -> str:
    """The page's language: `?lang=`'s when it names one, else the browser's best match, else "en"."""
    if query and (lang := _match(query[:35])):
        return lang
    for tag in _weighted((accept_language or "")[:500]):
        if lang := _match(tag):
            return lang
    return "en"


@cache
def ui(lang: str) -> gettext.NullTranslations:
    """The interface strings in `lang` (English, or an unknown language: the msgids as they are)."""
    if lang not in LANGS or lang == "en":
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with (LOCALES / folder(lang) / "LC_MESSAGES" / "ui.po").open("rb") as fh:
        catalog = read_po(fh, locale=folder(lang), domain="ui")
    mo = io.BytesIO()
    write_mo(mo, catalog)  # fuzzy entries left out: an unreviewed string shows in English
    mo.seek(0)
    return Translations(mo, domain="ui")


PRINT_DOMAIN = "print"


@cache
def printed(lang: str) -> gettext.NullTranslations:
    """The printed pages' strings in `lang` (the `print` domain; English: the msgids as they are). A language
    outside LANGS is refused: a printed page is made for a reader who asked for one language."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
    if lang == "en":
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    with (LOCALES / folder(lang) / "LC_MESSAGES" / f"{PRINT_DOMAIN}.po").open("rb") as fh:
        catalog = read_po(fh, locale=folder(lang), domain=PRINT_DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog)  # fuzzy entries left out: an unreviewed string prints in English
    mo.seek(0)
    return Translations(mo, domain=PRINT_DOMAIN)
