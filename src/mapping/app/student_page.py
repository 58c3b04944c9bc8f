"""The student's page: one small HTML document, its stylesheet and one script bundle (web/student*.js with the
class map's base before them), published once as static files with content-hashed names, so a phone fetches
each once and a class of thirty costs the server one build. No Streamlit front end: a phone joining loads a
fraction of it (bench: the phone's first join).
"""

from __future__ import annotations

import json
from functools import cache

from ..i18n import LANGS, NAMES, ui
from ..paths import WEB
from ..render.views import esc
from .mapview import publish
from .resources import CACHE, CACHE_URL, STATIC_URL
from .student_text import js_table

# the page's scripts, in order: the strings' lookup (TM.t), the loader and the main map's helpers, the class map's
# base and legend, then the student's page itself (each a classic script adding to the one namespace, window.TM)
SCRIPTS = ("i18n.js", "loader.js", "declutter.js", "data_layer.js", "class_base.js", "class_legend.js",
           "student_map.js", "student_draw.js", "student_places.js", "student_views.js", "student.js")  # fmt: skip
STYLES = ("student.css", "class_base.css", "student_map.css")  # the places' style shared with the class map
VENDOR = STATIC_URL + "vendor/"


@cache
def assets() -> tuple[str, str]:
    """The page's script bundle and stylesheet, published (their URLs)."""
    js = "\n".join((WEB / name).read_text(encoding="utf-8") for name in SCRIPTS)
    css = "\n".join((WEB / name).read_text(encoding="utf-8") for name in STYLES)
    return (
        publish(js.encode("utf-8"), "tm-student", ".js", CACHE, CACHE_URL),
        publish(css.encode("utf-8"), "tm-student", ".css", CACHE, CACHE_URL),
    )


def _json(data: object) -> str:
    """JSON inside a <script> element: no end tag, no comment opening."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "\\u003c!--")


def _switch(code: str, lang: str, said: str) -> str:
    """Links to the page in each language, each named in its own words, the language kept in the address."""
    path = f"/join/{code}" if code else "/join"
    links = "".join(
        f'<a href="{esc(path)}?lang={other}" lang="{other}" hreflang="{other}"'
        + (' aria-current="page"' if other == lang else "")
        + f">{esc(NAMES[other])}</a>"
        for other in LANGS
    )
    return f'<nav class="tm-s-langs" aria-label="{esc(said)}">{links}</nav>'


def page_html(code: str | None, first: dict | None = None, lang: str = "en", translations=None) -> str:
    """The page for the class `code` (checked by the caller: letters and digits only), or for typing a code, in
    `lang` (i18n.LANGS). `first`: the class as the API gives it to a student who has not joined, put in the page (a
    phone on a slow network sees Join a round trip sooner), with the map's geography asked for at once (its
    relief, the largest file, only once the map is drawn: it would share the network with what the drawing needs
    first). `translations`: the interface strings' (by default i18n.ui(lang); a test passes a pseudo-locale's)."""
    t = translations or ui(lang)
    _ = t.gettext
    js, css = assets()
    code = code or ""
    early = ""
    if first:
        early = (
            f'<link rel="preload" as="fetch" crossorigin="anonymous" href="{esc(first["map"]["base_url"])}">'
            f'<script type="application/json" id="tm-s-first">{_json(first)}</script>'
        )
    strings = f'<script type="application/json" id="tm-s-strings">{_json(js_table(lang, SCRIPTS, t))}</script>'
    api = f"/api/class/{code}" if code else ""
    heading = _("Class %(code)s") % {"code": code} if code else _("Join a class")
    title = _("%(heading)s: the telegram of 11 October 1950") % {"heading": heading}
    switch = _switch(code, lang, _("Language"))  # (outside the f-strings: extraction does not look inside them)
    noscript = _("This page needs JavaScript to draw on the map.")
    return (
        "<!DOCTYPE html>"
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f"<title>{esc(title)}</title>"
        f'<link rel="stylesheet" href="{VENDOR}leaflet/leaflet.css">'
        f'<link rel="stylesheet" href="{VENDOR}geoman/leaflet-geoman.css">'
        f'<link rel="stylesheet" href="{esc(css)}">'
        f'<script defer src="{VENDOR}leaflet/leaflet.js"></script>'
        f'<script defer src="{esc(js)}"></script>{strings}{early}'
        "</head><body>"
        f'<main id="tm-student" data-code="{esc(code)}" data-api="{esc(api)}">'
        f"{switch}"
        f"<h1>{esc(heading)}</h1>"
        f"<noscript><p>{esc(noscript)}</p></noscript>"
        "</main></body></html>"
    )
