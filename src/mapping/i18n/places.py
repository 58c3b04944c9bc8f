"""A 1950 place's name in the reader's script (#34), from the names the places data already holds (geodata's
places.geojson, `names`: derive/places.py's toponyms of data/places.csv), never made up:

- ko: the 1950 Hangul name (lang "ko", when 1950);
- zh-Hant: the 1950 Chinese name (lang "zh-Hant", when 1950), else the 1950 Hanja of a Korean place ("ko-Hani");
- zh-Hans: that same name with its characters simplified (OpenCC's table, document/names.py: 瀋陽 -> 沈阳).

A place with no 1950 name in a script has none here: the page shows its romanized name.
"""

from __future__ import annotations

from ..document.names import to_simplified


def _first(names: list[dict], lang: str) -> str | None:
    return next((n["toponym"] for n in names if n.get("lang") == lang and n.get("when") == "1950"), None)


def native_names(properties: dict) -> dict[str, str]:
    """{lang: name} for the languages in which the place has a 1950 name in the reader's script."""
    names = properties.get("names") or []
    out = {}
    if hangul := _first(names, "ko"):
        out["ko"] = hangul
    if hanzi := _first(names, "zh-Hant") or _first(names, "ko-Hani"):
        out["zh-Hant"] = hanzi
        out["zh-Hans"] = to_simplified(hanzi)
    return out


def place_name(properties: dict, lang: str) -> str:
    """The name a reader of `lang` reads: the 1950 name in their script, else the romanized 1950 name."""
    return native_names(properties).get(lang) or properties["name_1950"]
