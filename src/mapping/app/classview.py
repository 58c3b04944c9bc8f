"""The class's map in the app (web/class_map.js, a components-v2 component) and what it is drawn on.

The base is only the geography, in the main map's colours (cartography.py): the sea, relief, coasts, named
rivers, borders, the 38th parallel and the 1950 places, their names decluttered as on the main map
(web/declutter.js). It is published once as static files; the coarse land and relief beyond the window
(tm-class-outer, the outer relief) are fetched only when a view reaches past the window. The map's own
reading of the words is added only at the reveal. The map opens on the task's place (`task`).
"""

from __future__ import annotations

import json

import streamlit as st

from ..cartography import BORDER, COAST, LAND, RIVER, SEA
from ..classroom.tasks import TASKS
from ..document.telegram import TELEGRAM_DATE
from ..document.timeline import active_on
from ..i18n.places import native_names
from ..paths import VENDOR, WEB
from ..render import BOUNDS, OUTER_BOUNDS
from ..render.extras import CREDITS
from ..render.view import bounds_of
from .mapview import LOADER, publish
from .resources import CACHE, CACHE_URL, STATIC_URL, basemap, document, folders
from .student_text import js_table

# the component's module: the loader, the main map's label declutter and outline helper (TM.declutterLabels,
# TM.outlineLines), the class map's base and legend, then the module itself; i18n.js first (TM.t: the legend's
# words, from the table `show` sends)
SCRIPTS = ("i18n.js", "declutter.js", "data_layer.js", "class_base.js", "class_legend.js", "class_map.js")
COMPONENT = st.components.v2.component(
    "telegram_class_map",
    html='<div class="tm-class-map" role="region"></div>',
    css="\n".join((WEB / name).read_text(encoding="utf-8") for name in ("class_base.css", "class_map.css")),
    js=LOADER + "\n".join((WEB / name).read_text(encoding="utf-8") for name in SCRIPTS),
    isolate_styles=False,  # Leaflet's and Geoman's stylesheets apply in the page
)
VENDOR_URL = STATIC_URL + VENDOR.name + "/"
KOREA = [[37.4, 124.0], [43.2, 130.8]]  # the first view without a task: North Korea and its borders with China
PAD = 0.06  # the task's view: its place's box, and this share of it on each side
COLOURS = {"sea": SEA, "land": LAND, "coast": COAST, "river": RIVER, "border": BORDER}


def the_maps_features(task_id: str) -> list[dict]:
    """The map's own reading of the task's words: its layer's features on the telegram's day (the 11 Oct
    front, not the later ones), without the railway the C3 band is measured from; core and possible."""
    layer = next(ly for ly in document(folders()[0]).layers if ly.id == TASKS[task_id].layer)
    return [
        f
        for f in layer.features
        if f["properties"]["role"] != "railway" and active_on(f["properties"].get("when"), TELEGRAM_DATE)
    ]


@st.cache_resource(show_spinner=False)
def task_view(layers: str, task_id: str | None) -> list[list[float]]:
    """The first view: the bounds of the map's reading of the task's words as drawn on the telegram's day
    (its core and possible bands), padded a little; KOREA without a task. Computed once per task."""
    if task_id not in TASKS:
        return KOREA
    west, south, east, north = bounds_of(the_maps_features(task_id))
    dx, dy = max(east - west, 0.5) * PAD, max(north - south, 0.5) * PAD
    return [[round(south - dy, 4), round(west - dx, 4)], [round(north + dy, 4), round(east + dx, 4)]]


@st.cache_resource(show_spinner=False)
def base_files(geodata: str) -> tuple[str, str, str, str]:
    """The geography a reading is drawn on, the relief image, and (fetched only when the view goes beyond the
    window) the coarse land and relief out to the outer box: static files, published once."""
    base = basemap(geodata)
    places = [
        {
            "lat": f["geometry"]["coordinates"][1],
            "lon": f["geometry"]["coordinates"][0],
            "name": p["name_1950"],
            "rank": int(p["rank"]),
            "left": p.get("label_side") == "left",
            "names": native_names(p),  # in the reader's script, where the places data has it (#34)
        }
        for f in base.collections["places"]["features"]
        if int((p := f["properties"])["rank"]) <= 3
    ]
    rivers = base.collections["rivers"]
    data = {
        "countries": base.collections["countries"],
        "border": base.collections["border"],
        "parallel": base.collections["parallel"],
        # the named rivers only (the Yalu, the Tumen, the Ch'ŏngch'ŏn, ...): the lighter file a phone loads
        "rivers": {**rivers, "features": [f for f in rivers["features"] if f["properties"].get("name")]},
        "places": places,
    }
    base_url = publish(json.dumps(data, ensure_ascii=False).encode("utf-8"), "tm-class-base", ".json", CACHE, CACHE_URL)
    outer = json.dumps({"outer": base.collections.get("outer")}, ensure_ascii=False).encode("utf-8")
    outer_url = publish(outer, "tm-class-outer", ".json", CACHE, CACHE_URL)
    relief = base.relief_webp()
    relief_url = publish(relief, "tm-relief", ".webp", CACHE, CACHE_URL) if relief else ""
    outer_relief = base.relief_webp(True)
    relief_outer_url = publish(outer_relief, "tm-relief-outer", ".webp", CACHE, CACHE_URL) if outer_relief else ""
    return base_url, relief_url, outer_url, relief_outer_url


def map_data() -> dict:
    """What web/class_base.js draws the base from (TM.classBase's `data`): the class map's and the student page's."""
    base_url, relief_url, outer_url, relief_outer_url = base_files(folders()[1])
    return {
        "vendor": VENDOR_URL,
        "base_url": base_url,
        "outer_url": outer_url,
        "relief_url": relief_url,
        "relief_outer_url": relief_outer_url,
        "relief_bounds": BOUNDS,
        "bounds": OUTER_BOUNDS,
        "colours": COLOURS,
        "credits": f'<span lang="en">{CREDITS}</span>',  # the data's credits, as their makers word them
    }


def show(
    *, key: str, label: str, layers: list[dict], version: str = "", task: str | None = None, lang: str = "en"
) -> object:
    """The class's map on the teacher's screen: `layers` redrawn when `version` changes; `task` (a task id,
    tasks.TASKS) frames the first view on the task's place, else on KOREA.

    Each layer is {"kind", "geojson"} (a GeoJSON FeatureCollection, Feature or geometry), drawn in the order of
    its kind whatever the list's order: "shading" (the class's agreement; properties.share), "readings" (the
    class's routes), "clusters" (places marked; properties.readings), "possible" and "core" (the map's bands, with
    "color"), "majority" (at least half the class), "one" (one reading shown large to the class, with an optional
    "label", e.g. "Reading 3"). A legend on the map lists the kinds present. `lang`: the legend's words and the
    places' names in that language (#34)."""
    return COMPONENT(
        key=key,
        data={"mode": "view", "layers": layers, "version": version, "label": label,
              "view": task_view(folders()[0], task), **map_data(), "lang": lang,
              "strings": js_table(lang, SCRIPTS)},  # fmt: skip
        height="content",
    )
