"""The student's page: one small HTML document, its stylesheet and one script bundle (web/student*.js with the
class map's base before them), published once as static files with content-hashed names, so a phone fetches
each once and a class of thirty costs the server one build. No Streamlit front end: a phone joining loads a
fraction of it (bench: the phone's first join).
"""

from __future__ import annotations

import json
from functools import cache

from ..paths import WEB
from ..render.views import esc
from .mapview import publish
from .resources import CACHE, CACHE_URL, STATIC_URL

# the page's scripts, in order: the loader and the main map's helpers, the class map's base and legend, then
# the student's page itself (each a classic script adding to the one namespace, window.TM)
SCRIPTS = ("loader.js", "declutter.js", "data_layer.js", "class_base.js", "class_legend.js", "student_map.js",
           "student_draw.js", "student_places.js", "student_views.js", "student.js")  # fmt: skip
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


def page_html(code: str | None, first: dict | None = None) -> str:
    """The page for the class `code` (checked by the caller: letters and digits only), or for typing a code.
    `first`: the class as the API gives it to a student who has not joined, put in the page (a phone on a slow
    network sees Join a round trip sooner), with the map's geography asked for at once (its relief, the largest
    file, only once the map is drawn: it would share the network with what the drawing needs first)."""
    js, css = assets()
    code = code or ""
    early = ""
    if first:
        data = json.dumps(first, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "\\u003c!--")
        early = (
            f'<link rel="preload" as="fetch" crossorigin="anonymous" href="{esc(first["map"]["base_url"])}">'
            f'<script type="application/json" id="tm-s-first">{data}</script>'
        )
    api = f"/api/class/{code}" if code else ""
    title = (f"Class {code}" if code else "Join a class") + ": the telegram of 11 October 1950"
    return (
        "<!DOCTYPE html>"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
        f"<title>{esc(title)}</title>"
        f'<link rel="stylesheet" href="{VENDOR}leaflet/leaflet.css">'
        f'<link rel="stylesheet" href="{VENDOR}geoman/leaflet-geoman.css">'
        f'<link rel="stylesheet" href="{esc(css)}">'
        f'<script defer src="{VENDOR}leaflet/leaflet.js"></script>'
        f'<script defer src="{esc(js)}"></script>{early}'
        "</head><body>"
        f'<main id="tm-student" data-code="{esc(code)}" data-api="{esc(api)}">'
        f"<h1>{esc(f'Class {code}' if code else 'Join a class')}</h1>"
        "<noscript><p>This page needs JavaScript to draw on the map.</p></noscript>"
        "</main></body></html>"
    )
