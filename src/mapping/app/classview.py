"""The class's map in the app (web/class_map.js, a components-v2 component) and what it is drawn on.

The base is only the geography: relief, coasts, borders, the 38th parallel and the 1950 places, published
once as a static file. The map's own reading of the words is added only at the reveal.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from ..paths import VENDOR, WEB
from ..render import BOUNDS, OUTER_BOUNDS
from ..render.extras import CREDITS
from .mapview import LOADER, publish
from .resources import CACHE, CACHE_URL, STATIC_URL, basemap, folders

COMPONENT = st.components.v2.component(
    "telegram_class_map",
    html='<div class="tm-class-map" role="region"></div>',
    css=(WEB / "class_map.css").read_text(encoding="utf-8"),
    js=LOADER + (WEB / "class_map.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # Leaflet's and Geoman's stylesheets apply in the page
)
VENDOR_URL = STATIC_URL + VENDOR.name + "/"
KOREA = [[37.4, 124.0], [43.2, 130.8]]  # the first view: North Korea and its borders with China


@st.cache_resource(show_spinner=False)
def base_files(geodata: str) -> tuple[str, str]:
    """The geography a reading is drawn on, and the relief image: static files, published once."""
    base = basemap(geodata)
    places = [
        {
            "lat": f["geometry"]["coordinates"][1],
            "lon": f["geometry"]["coordinates"][0],
            "name": p["name_1950"],
            "left": p.get("label_side") == "left",
        }
        for f in base.collections["places"]["features"]
        if (p := f["properties"])["rank"] <= 2
    ]
    data = {
        "countries": base.collections["countries"],
        "border": base.collections["border"],
        "parallel": base.collections["parallel"],
        "places": places,
    }
    base_url = publish(json.dumps(data, ensure_ascii=False).encode("utf-8"), "tm-class-base", ".json", CACHE, CACHE_URL)
    relief_url = publish(base.relief_webp(), "tm-relief", ".webp", CACHE, CACHE_URL)
    return base_url, relief_url


def show(
    *,
    key: str,
    mode: str,
    label: str,
    kind: str | None = None,
    mine: dict | None = None,
    layers: list[dict] | None = None,
    version: str = "",
    on_drawing: Callable[[], None] | None = None,
) -> object:
    base_url, relief_url = base_files(folders()[1])
    return COMPONENT(
        key=key,
        data={
            "mode": mode,
            "kind": kind,
            "mine": mine,
            "layers": layers or [],
            "version": version,
            "label": label,
            "vendor": VENDOR_URL,
            "base_url": base_url,
            "relief_url": relief_url,
            "relief_bounds": BOUNDS,
            "bounds": OUTER_BOUNDS,
            "view": KOREA,
            "credits": CREDITS,
        },
        default={"drawing": mine},
        on_drawing_change=on_drawing or (lambda: None),
        height="content",
    )
