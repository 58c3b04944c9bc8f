"""The map's own texts in Korean and Chinese: notes, task prompts, the features' titles, summaries and
interpretations, the clause labels and the timeline's captions (#34).

Catalogs: `locales/<ko|zh_Hans|zh_Hant>/LC_MESSAGES/content.po`, one entry per text, its msgctxt naming where
the text lives (`notes:C3:text`, `task:C2:how`, `feature:c1-border-yalu:summary`, ...) and its msgid the English
as it stands there. `translate` gives the catalog's text only while that msgid is still the current English: a
text edited in English shows in English until its translation is brought up to date (never a stale
translation). The catalogs are refreshed by `python -m mapping.devtools.i18n_content`; the terms follow
`glossary.csv`. The telegram, quotations of it and of the sources, and citations are not translated.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
GLOSSARY = Path(__file__).parent / "glossary.csv"
DOMAIN = "content"
FOLDERS = {"ko": "ko", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant"}  # lang -> catalog folder


def catalog_path(lang: str) -> Path:
    return LOCALES / FOLDERS[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _entries(lang: str) -> dict[str, tuple[str, str]]:
    """msgctxt -> (msgid, msgstr) of one language's catalog: translated, non-fuzzy entries only."""
    from babel.messages.pofile import read_po

    path = catalog_path(lang)
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=FOLDERS[lang], domain=DOMAIN)
    found: dict[str, tuple[str, str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not message.context:
            continue
        if isinstance(message.id, str) and isinstance(message.string, str) and message.string:
            found[message.context] = (message.id, message.string)
    return found


def translate(lang: str, context: str, english: str) -> str:
    """`english` (the text at `context`) in `lang`; English itself when there is no current translation."""
    if lang not in FOLDERS:
        return english
    entry = _entries(lang).get(context)
    if entry is None or entry[0] != english:
        return english
    return entry[1]


def clear_cache() -> None:
    """Forget the catalogs read (after the dev script rewrites them, in the same process)."""
    _entries.cache_clear()
