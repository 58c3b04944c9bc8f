"""The October 1950 Telegram Map: the Streamlit app (explore and present modes).

Run it with `./dev app`. The document and base map are loaded and validated once per
process, and the map is rendered once per starting view. A rerun sends the map only the
view state (the map component's data), and a present step reruns only the step panel, so steps
and clicks never reload the map.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from mapping import mapview, products, textview
from mapping.basemap import Basemap, load_basemap
from mapping.clauses import MAPPED
from mapping.document import Document, as_list, load_document
from mapping.paths import APP_CSS, PRESENT_CSS, STATIC, geodata_dir, layers_dir
from mapping.render import CENTER, ZOOM, base_map, bundle_script, data_bundle, present_views
from mapping.state import LAST_STEP, STEPS, View, clause_of, parse, to_params
from mapping.timeline import load as dates_in
from mapping.views import about_html, esc, feature_details_html, feature_list_html, find_feature, md_escape, text_html

PRESENT_TITLE_STYLE = "font-size: 1.45rem; padding: 0 0 0.2rem 0"
SUBSTEP_TITLES = {"C3": "hold the mountains", "C3P": "partisans in the enemy's rear"}
STATIC_URL = "/app/static/"  # Streamlit serves ./static here (server.enableStaticServing)
MAP_KEY = "map"
TEXT_KEY = "text"
# present mode's buttons, by their widget keys: the map steps at once when one is clicked
STEP_BUTTONS = {".st-key-next button": 1, ".st-key-prev button": -1}  # PageDown / PageUp press them too

st.set_page_config(page_title="The October 1950 Telegram Map", layout="wide", initial_sidebar_state="collapsed")


@st.cache_resource(show_spinner=False)
def document(folder: str) -> Document:
    # loaded and validated once per process; shared read-only by every session
    return load_document(Path(folder))


@st.cache_resource(show_spinner=False)
def basemap(folder: str) -> Basemap:
    return load_basemap(Path(folder))


@st.cache_data(show_spinner=False)
def app_css() -> str:
    return APP_CSS.read_text(encoding="utf-8")


@st.cache_data(show_spinner=False)
def present_css() -> str:
    return PRESENT_CSS.read_text(encoding="utf-8")


@st.cache_resource(show_spinner=False)
def bundle_url(layers: str, geodata: str) -> str:
    # every shape the map draws, as one static file the browser fetches once
    script = bundle_script(data_bundle(basemap(geodata), document(layers))).encode("utf-8")
    return mapview.publish(script, "tm-data", ".js", STATIC / "cache", STATIC_URL + "cache/")


@st.cache_resource(show_spinner=False)
def rendered_map(layers: str, geodata: str, center: tuple[float, float], zoom: int) -> tuple[mapview.RenderedMap, str]:
    # one per starting view (the default and each clause's): every session that starts there shares it.
    # The geometry and the relief are static files the browser fetches once, not part of the map script.
    base, doc = basemap(geodata), document(layers)
    cache, url = STATIC / "cache", STATIC_URL + "cache/"
    relief_url = mapview.publish(base.relief_png, "tm-relief", ".png", cache, url) if base.relief_png else None
    relief_outer_url = (
        mapview.publish(base.relief_outer_png, "tm-relief-outer", ".png", cache, url) if base.relief_outer_png else None
    )
    fmap = base_map(
        base,
        doc,
        STATIC_URL,
        center,
        zoom,
        data_url=bundle_url(layers, geodata),
        relief_url=relief_url,
        relief_outer_url=relief_outer_url,
        dates=timeline(layers),
        present_keys=True,
        step_buttons=STEP_BUTTONS,
    )
    rendered = mapview.render_once(fmap)
    return rendered, mapview.publish(rendered.script.encode("utf-8"), "tm-map", ".js", cache, url)


@st.cache_resource(show_spinner=False)
def text_view(layers: str):  # a components-v2 callable
    # the text and the map as text, registered once per process with this document's words
    return textview.component(text_html(document(layers)))


@st.cache_resource(show_spinner=False)
def step_views(layers: str) -> list[dict]:
    # each present step's clause and map view, computed once; explore reuses them for a selected clause
    return present_views(document(layers), STEPS)


@st.cache_resource(show_spinner="Building the file…")
def product(kind: str, layers: str, geodata: str) -> bytes:
    # built once per process, on the first click: the same bytes the CLI writes
    d, b = document(layers), basemap(geodata)
    return products.export_html(d, b) if kind == "html" else products.handout_pdf(d, b)


@st.cache_data(show_spinner=False)
def credits_md(folder: str) -> str:
    sources = Path(folder) / "SOURCES.md"
    if not sources.exists():
        return "geodata/SOURCES.md is missing: rebuild it with `./dev build`."
    return sources.read_text(encoding="utf-8").replace("# geodata/", "#### geodata/")


@st.cache_data(show_spinner=False)
def timeline(folder: str) -> list[dict]:
    return dates_in(Path(folder) / "timeline.json")


@st.cache_data(show_spinner=False)
def notes(folder: str) -> dict:
    return json.loads((Path(folder) / "notes.json").read_text(encoding="utf-8"))


doc = document(str(layers_dir()))
base = basemap(str(geodata_dir()))
teaching = notes(str(layers_dir()))


def set_view(view: View) -> None:
    st.session_state.view = view
    params = to_params(view)
    if view.mode == "explore" and st.session_state.get("feature"):
        params["feature"] = st.session_state.feature  # the open details, so a copied link reopens them
    st.query_params.from_dict(params)


def feature_clause(feat: dict) -> str | None:
    """The first mapped clause a feature belongs to: choosing the feature selects it."""
    return next((c for c in as_list(feat["properties"]["clause"]) if c in MAPPED), None)


def select_clause(cid: str) -> None:
    st.session_state.feature = None
    set_view(View("explore", cid, st.session_state.view.step))


def on_text_clause() -> None:
    """A clause chosen in the text (its button: a click, Enter or Space) selects it."""
    cid = getattr(st.session_state.get(TEXT_KEY), "clause", None)
    if cid in MAPPED:
        select_clause(cid)


def step(delta: int) -> None:
    set_view(st.session_state.view.stepped(delta))


def toggle_mode() -> None:
    v = st.session_state.view
    set_view(View("explore" if v.mode == "present" else "present", v.clause, v.step))


def on_map_select() -> None:
    """A shape chosen on the map (a click, or Enter on a focused shape) selects its clause and opens its details."""
    fid = getattr(st.session_state.get(MAP_KEY), "select", None)
    feat = find_feature(doc, fid)
    if feat is None:
        return
    st.session_state.feature = fid
    v = st.session_state.view
    if v.mode == "explore":
        set_view(View("explore", feature_clause(feat), v.step))


# The About text, the feature list and the downloads open in dialogs: drawn only when asked for,
# they no longer weigh on every first load (time to first map, measured by `bench`).
@st.dialog("About this map", width="large")
def about_dialog() -> None:
    st.html(about_html(doc, teaching.get("caveats", [])))
    st.markdown(credits_md(str(geodata_dir())))


@st.dialog("All layers and features, as text", width="large")
def features_dialog() -> None:
    st.html(feature_list_html(doc, level=3))


OFFLINE = (  # what the dialog offers: kind, what it is, button, file name, MIME type
    (
        "html",
        "**The map as one HTML file.** Opens in any browser with no internet: the text, every layer, "
        "the links between them, the arrow keys and the date control.",
        "Download the offline map (HTML)",
        "telegram-1950-10-11-map.html",
        "text/html",
    ),
    (
        "pdf",
        "**The handout.** A4 PDF: the text, a map per directive with its quote, method and sources.",
        "Download the printable handout (PDF)",
        "telegram-1950-10-11-handout.pdf",
        "application/pdf",
    ),
)


@st.dialog("Take it offline")
def offline_dialog() -> None:
    folders = (str(layers_dir()), str(geodata_dir()))
    for kind, intro, label, file_name, mime in OFFLINE:
        st.markdown(intro)
        st.download_button(
            label,
            data=lambda kind=kind: product(kind, *folders),  # built on the first click, then cached
            file_name=file_name,
            mime=mime,
            key=f"dl-{kind}",
            on_click="ignore",
            width="stretch",
        )


@st.fragment
def present_panel() -> None:
    """One present-mode step: a button or key reruns only this panel. The map is outside it and
    steps itself in the browser (MapState, the same keys and these buttons), so it is never resent."""
    view = st.session_state.view
    name = STEPS[view.step]
    note = teaching.get(name, {})
    clause_id = clause_of(name)
    st.progress(view.step / LAST_STEP, text=f"Step {view.step} of {LAST_STEP} · keys → / PageDown, ← / PageUp")
    prev_col, next_col = st.columns(2)
    prev_col.button(
        "◀ Previous",
        key="prev",
        on_click=step,
        args=(-1,),
        shortcut="Left",
        disabled=view.step == 0,
        width="stretch",
    )
    next_col.button(
        "Next ▶",
        key="next",
        on_click=step,
        args=(1,),
        shortcut="Right",
        disabled=view.step == LAST_STEP,
        width="stretch",
        type="primary",
    )
    if clause_id:
        clause = doc.clause(clause_id)
        label = clause["label"] if clause else clause_id
        st.header(f"{label}: {SUBSTEP_TITLES[name]}" if name in SUBSTEP_TITLES else label, anchor=False)
        st.html(
            f'<div class="tm-present-quote" data-clause="{esc(clause_id)}" data-step="{esc(name)}" aria-live="polite">'
            f"{esc(clause['text'] if clause else '')}</div>"
        )
    else:
        st.header(note.get("heading", ""), anchor=False)
    st.html(
        f'<p class="tm-present-note">{esc(note.get("text", ""))}</p>'
        f'<p class="tm-present-source">Sources: {"; ".join(doc.bibliography.cite(note.get("citations", [])))}</p>'
    )


if "view" not in st.session_state:  # first run of this session: the URL decides
    params = st.query_params.to_dict()
    st.session_state.view = parse(params)
    # ?feature=ID opens a shape's details (the text list's links): an id the document does not hold is ignored
    first = find_feature(doc, params.get("feature"))
    st.session_state.feature = first["properties"]["id"] if first is not None else None
    if first is not None and st.session_state.view.mode == "explore":
        st.session_state.view = View("explore", feature_clause(first), st.session_state.view.step)
    set_view(st.session_state.view)
view: View = st.session_state.view
active = view.active_clause

# -- the map: its base stays the same for the whole session, or the component reloads it. It opens on
# the view the session started with (a deep link's); later views move it in place
center = zoom = None
if active:  # every mapped clause is a present step: reuse the view computed once for it
    fitted = step_views(str(layers_dir()))[STEPS.index(active)]
    center, zoom = tuple(fitted["center"]), fitted["zoom"]
if "initial_view" not in st.session_state:
    st.session_state.initial_view = (center, zoom) if center else (CENTER, ZOOM)
rendered, script_url = rendered_map(str(layers_dir()), str(geodata_dir()), *st.session_state.initial_view)

# -- style: the static sheet; present mode is projector-first: everything on one screen (present.css)
# (style only: Streamlit puts it in the page's event container, where it takes no space)
st.html(f"<style>{app_css()}{present_css() if view.mode == 'present' else ''}</style>")

presenting = view.mode == "present"
# the last column holds only the skip links and the early loader (st.html: drawn late, as a placeholder
# first, which then folds away), so that it never sets the header's height and nothing moves
# the buttons stand over the right-hand column (the text, or the quote), as the map's column does over the
# title: head and body share their proportions (four at 1280 px wrapped a line)
head = st.columns([3, 1, 0.8, 0.01] if presenting else [3, 2, 0.01], gap="medium")
head_l, head_r, head_load = head[0], head[1], head[-1]
with head_l:
    if presenting:  # one small line: the screen is for the quote and the map. Sized in the element itself,
        # so it is drawn at its size (the page's CSS arrives later: a title that shrank moved the page up)
        st.markdown(f'<h1 style="{PRESENT_TITLE_STYLE}">The telegram of 11 October 1950</h1>', unsafe_allow_html=True)
    else:
        st.title("The telegram of 11 October 1950", anchor=False)
        # a caption, drawn with the title (st.html is drawn later, and the page below moved when it
        # arrived); its container's key lets app.css darken it without changing its size
        st.container(key="tm-caption").caption(
            md_escape(
                "Filippov [Stalin] and Zhou Enlai to Mao Zedong, via the Soviet ambassador in Peking. Every shape "
                "on this map is an interpretation of the telegram's words; click one to see how it was drawn."
            )
        )
with head_r:
    st.button(
        "◀ Back to exploring" if presenting else "▶ Present",
        key="mode",
        on_click=toggle_mode,
        type="secondary" if presenting else "primary",
    )
if presenting:
    with head[2]:
        mapview.FULLSCREEN(key="fullscreen")  # in the page: its click is the gesture full screen needs
with head_load:
    # The skip links: the keyboard's way straight to the map and its layer toggles, or past the map to
    # the telegram's words. With them, Leaflet, the data bundle and the map's script start loading
    # here, with the page's first elements: the map component mounts later (it is loaded lazily) and
    # then finds them ready (map_component.js). Our own loader, inline, is the only script in it
    # (st.html runs scripts only when allowed to), and it loads each file once, however often
    # Streamlit draws this element again.
    early = [*rendered.js_links, bundle_url(str(layers_dir()), str(geodata_dir()))]
    st.html(
        '<a class="tm-skip" href="#tm-map">Skip to the map and its layers</a>'
        '<a class="tm-skip" href="#tm-text">Skip to the telegram\'s text</a>'
        + mapview.early_scripts(early, [script_url]),
        unsafe_allow_javascript=True,
    )

for error in base.errors + doc.errors:
    st.error(error)

# The map comes first in the page, on the left: a phone stacks the columns in this order, so the map is
# at the top from the first paint (a CSS `order` arrived after the columns and moved the whole page)
map_col, text_col = st.columns([3, 2] if view.mode == "explore" else [8, 5], gap="medium")

with map_col:
    state: dict = {"mode": view.mode, "clause": view.clause, "step": view.step}
    if center is not None and st.session_state.get("map_view") != (center, zoom):
        state["view"] = {"center": list(center), "zoom": zoom}  # move only when the clause changes, not on every rerun
    st.session_state.map_view = (center, zoom)
    # explore holds a box for the map from the first paint, a phone's (half of an 844-px screen): on a
    # phone the text is below it. On a larger screen the map then grows to 640 px, and only the
    # buttons under it move, out of view. Present mode, a projector's, has nothing below the map, and a
    # short first frame moves less (mapview.show)
    held = 420 if view.mode == "explore" else None
    mapview.show(rendered, script_url, key=MAP_KEY, height=held, state=state, on_select=on_map_select)
    feat = find_feature(doc, st.session_state.get("feature"))
    if view.mode == "explore":
        if feat is not None:
            st.html(feature_details_html(feat["properties"], doc.bibliography))
        elif active:
            st.markdown(
                f"**{esc(doc.clause(active)['label'])}**: click a highlighted shape for its quote, method and sources."
            )
        if active:  # a phone's way to the words below the map (a wider screen shows them beside it: app.css)
            label = esc(doc.clause(active)["label"])
            st.html(f'<a class="tm-read-words" href="#words-{esc(active)}">Read {label}\'s words ↓</a>')
        about_col, list_col, take_col = st.columns(3)
        if about_col.button("About this map and its sources", key="about", width="stretch"):
            about_dialog()
        if list_col.button("All layers and features, as text", key="feature-list", width="stretch"):
            features_dialog()
        if take_col.button("Download for offline use", key="offline", width="stretch"):
            offline_dialog()

with text_col:
    if view.mode == "explore":
        textview.show(text_view(str(layers_dir())), key=TEXT_KEY, active=active, on_clause=on_text_clause)
    else:
        present_panel()
