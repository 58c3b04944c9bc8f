"""What every session shares, loaded, validated or rendered once per process.

The document and base map are read once and shared read-only; the map is rendered once per
starting view and published, with its data bundle and reliefs, as static files the browser
fetches once (mapview.publish).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ..classroom.store import Store
from ..document.basemap import Basemap, load_basemap
from ..document.load import Document, load_document
from ..outputs import products
from ..paths import APP_CSS, PRESENT_CSS, STATIC, WEB, class_store_url, geodata_dir, layers_dir
from ..render import base_map, bundle_script, data_bundle, present_views
from ..render.legend import legend_html
from ..render.views import text_html
from ..state import STEPS, clause_of
from . import mapview, textview

STATIC_URL = "/app/static/"  # Streamlit serves ./static here (server.enableStaticServing)
CACHE, CACHE_URL = STATIC / "cache", STATIC_URL + "cache/"
# present mode's buttons, by their widget keys: the map steps at once when one is clicked
STEP_BUTTONS = {".st-key-next button": 1, ".st-key-prev button": -1}  # PageDown / PageUp press them too


def folders() -> tuple[str, str]:
    """The layers and geodata folders, as the cache keys of everything below."""
    return str(layers_dir()), str(geodata_dir())


@st.cache_resource(show_spinner=False)
def document(folder: str) -> Document:
    return load_document(Path(folder))


@st.cache_resource(show_spinner=False)
def basemap(folder: str) -> Basemap:
    return load_basemap(Path(folder))


@st.cache_resource(show_spinner=False)
def store() -> Store:
    # the class store's database: a class's readings and the teachers' lessons
    return Store(class_store_url())


@st.cache_data(show_spinner=False)
def css(present: bool) -> str:
    # present mode is projector-first: everything on one screen (present.css)
    sheets = [APP_CSS, WEB / "lesson.css", *([PRESENT_CSS] if present else [])]
    return "\n".join(p.read_text(encoding="utf-8") for p in sheets)


@st.cache_resource(show_spinner=False)
def bundle_url(layers: str, geodata: str, lang: str = "en") -> str:
    # every shape the map draws, as one static file the browser fetches once (per language: the features' titles)
    script = bundle_script(data_bundle(basemap(geodata), document(layers), lang)).encode("utf-8")
    return mapview.publish(script, "tm-data", ".js", CACHE, CACHE_URL)


@st.cache_resource(show_spinner=False)
def step_views(layers: str) -> list[dict]:
    # each present step's clause and map view, computed once; explore reuses them for a selected clause
    return present_views(document(layers), STEPS)


def lesson_views(layers: str, names: tuple[str, ...]) -> list[dict]:
    """A lesson's step views: each step's own; a class-readings step frames its clause's place and conceals
    the map's reading of it (the class draws first; the teacher reveals the map's reading on the class's screen)."""
    views = step_views(layers)
    out = []
    for n in names:
        clause = clause_of(n)
        if n in STEPS or clause is None:  # (None: not a step of this map, and STEPS.index says so)
            out.append(views[STEPS.index(n)])
        else:
            out.append({**views[STEPS.index(clause)], "clause": None, "conceal": clause})
    return out


@st.cache_resource(show_spinner=False)
def rendered_map(
    layers: str, geodata: str, center: tuple[float, float], zoom: int, lang: str = "en"
) -> tuple[mapview.RenderedMap, str]:
    # one per starting view (the default and each clause's) and language (#34: its controls, legend, layer list
    # and place names; the cache's key holds it): every session that starts there shares it.
    # The geometry and the relief are static files the browser fetches once, not part of the map script.
    base, doc = basemap(geodata), document(layers)

    def webp(outer: bool, name: str) -> str | None:
        data = base.relief_webp(outer)
        return mapview.publish(data, name, ".webp", CACHE, CACHE_URL) if data else None

    fmap = base_map(
        base,
        doc,
        STATIC_URL,
        center,
        zoom,
        data_url=bundle_url(layers, geodata, lang),
        relief_url=webp(False, "tm-relief"),
        relief_outer_url=webp(True, "tm-relief-outer"),
        steps=step_views(layers),
        legend_html=legend_html(doc, lang),
        dates=doc.timeline,
        present_keys=True,
        step_buttons=STEP_BUTTONS,
        lang=lang,
    )
    rendered = mapview.render_once(fmap)
    return rendered, mapview.publish(rendered.script.encode("utf-8"), "tm-map", ".js", CACHE, CACHE_URL)


@st.cache_resource(show_spinner=False)
def text_view(layers: str, lang: str = "en"):  # a components-v2 callable
    # the text and the map as text, registered once per process and language with this document's words
    name = "telegram_text" if lang == "en" else f"telegram_text_{lang.replace('-', '_')}"
    return textview.component(text_html(document(layers), lang), name)


@st.cache_resource(show_spinner="Building the file…")
def product(kind: str, layers: str, geodata: str, lang: str = "en") -> bytes:
    # built once per process and language, on the first click: the same bytes the CLI writes with --lang
    d, b = document(layers), basemap(geodata)
    return products.export_html(d, b, lang=lang) if kind == "html" else products.handout_pdf(d, b, lang=lang)


@st.cache_data(show_spinner=False)
def credits_md(folder: str) -> str:
    sources = Path(folder) / "SOURCES.md"
    if not sources.exists():
        return "geodata/SOURCES.md is missing: rebuild it with `./dev build`."
    return sources.read_text(encoding="utf-8").replace("# geodata/", "#### geodata/")
