"""The map in the reader's language (#34): its controls, legend, place names and layer list.

`base_map(..., lang=)` renders the map in one of i18n.LANGS. What the map's Python builds (the controls'
names, the front's sentences, the legend) goes through `ui(lang).gettext`; the map's own texts (the layers'
titles and legends, the timeline's labels and captions, the features' titles) through `i18n.content`. What
its browser code builds (web/control.js, place_labels.js, map_lang.js, export_glue.js) goes through TM.t
(web/i18n.js): `MapStrings` hands those scripts' msgids, translated, to `TM.addStrings` before any other call of
the map's script runs, so it works where the map mounts in the Streamlit page (no iframe, no page of its own) as
in the export; and it sets `lang` on the map's container, so the browser picks Korean or Chinese glyph forms.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date as day_of
from functools import cache

from branca.element import MacroElement
from jinja2 import Template

from ..i18n import ui
from ..paths import WEB
from .assets import WebScripts

# the map's scripts whose strings go through TM.t (babel.cfg lists them too)
MAP_SCRIPTS = ("control.js", "place_labels.js", "map_lang.js", "export_glue.js")
_T = re.compile(r'TM\.t\(\s*"((?:[^"\\]|\\.)*)"')
_TN = re.compile(r'TM\.tn\(\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"')


def gettext_for(lang: str) -> Callable[[str], str]:
    return ui(lang).gettext


def content(lang: str, context: str, english: str) -> str:
    """A text of the map's own (`layer:ID:title`, `timeline:DATE:caption`, ...) in `lang`, else its English."""
    if lang == "en":
        return english
    from ..i18n import content as catalog

    return catalog.translate(lang, context, english)


def short_day(day: str, lang: str = "en") -> str:
    """A day of 1950 without its year, as a reader of `lang` writes it: 19 Oct, 10월 19일, 10月19日."""
    d = day_of.fromisoformat(day)
    if lang == "ko":
        return f"{d.month}월 {d.day}일"
    if lang.startswith("zh"):
        return f"{d.month}月{d.day}日"
    return f"{d.day} {d.strftime('%b')}"


@cache
def _msgids() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    singles: dict[str, None] = {}
    plurals: dict[tuple[str, str], None] = {}
    for name in MAP_SCRIPTS:
        source = (WEB / name).read_text(encoding="utf-8")
        for m in _T.finditer(source):
            singles[json.loads(f'"{m.group(1)}"')] = None
        for m in _TN.finditer(source):
            plurals[(json.loads(f'"{m.group(1)}"'), json.loads(f'"{m.group(2)}"'))] = None
    return tuple(singles), tuple(plurals)


def js_table(lang: str) -> dict:
    """The map's scripts' strings in `lang`: {"s": {msgid: text}, "p": {one: [form for 1, form for others]}}."""
    t = ui(lang)
    singles, plurals = _msgids()
    return {
        "s": {m: t.gettext(m) for m in singles},
        "p": {one: [t.ngettext(one, many, 1), t.ngettext(one, many, 2)] for one, many in plurals},
    }


class MapStrings(WebScripts, MacroElement):
    """The map's language: its scripts' string table (TM.addStrings), `lang` on its container, the zoom buttons'
    names (web/map_lang.js). Added first, so every other call of the map's script finds the strings."""

    web_js = ("i18n.js", "map_lang.js")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.mapLang({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "MapStrings"
        self.lang = lang

    @property
    def config(self) -> dict:
        return {"lang": self.lang, "strings": js_table(self.lang) if self.lang != "en" else {}}
