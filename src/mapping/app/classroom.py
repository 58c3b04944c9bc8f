"""A class in the app: the student's page (join, draw, say why, see the result), and what the teacher's screen
(teacherscreen.py) shares with it: the join address, the clause's words, the map's own reading of them.

A student opens ?class=CODE (the QR code's address): no account, an optional nickname. The live parts are
fragments that rerun every few seconds on their own, never the whole page.
"""

from __future__ import annotations

import streamlit as st

from ..classroom.cli import lan_address
from ..classroom.measures import compare
from ..classroom.readings import ReadingError
from ..classroom.store import StoreError
from ..classroom.tasks import TASKS
from ..paths import GEODATA
from ..render.views import esc
from . import classview, teacherkit
from .resources import basemap, css, document, folders, store

WORDS = {"Polygon": "an area", "Point": "points", "LineString": "a line"}


LOCAL = ("localhost", "127.0.0.1", "::1", "[::1]")


def app_address(path: str) -> tuple[str, bool]:
    """The server's address with `path` (`join/CODE`, `?lesson=ID&step=0`), and whether another device can open
    it: the LAN address ./dev app --lan set (browser.serverAddress), else this machine's own when the server
    listens beyond it, else localhost, which a phone takes for itself."""
    host = st.get_option("browser.serverAddress") or "localhost"
    if host in LOCAL and st.get_option("server.address") not in LOCAL:
        host = lan_address() or host
    port = st.get_option("browser.serverPort") or st.get_option("server.port")  # nginx's, behind --lan
    return f"http://{host}:{port}/{path}", host not in LOCAL and not host.startswith("127.")


def qr_png(url: str) -> bytes:
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


def the_maps_bands(task_id: str) -> tuple[list[dict], list[dict], dict]:
    """The map's own reading of the task's words (classview.the_maps_features), as its core and possible bands,
    and its layer's metadata."""
    feats = classview.the_maps_features(task_id)
    core = [f for f in feats if f["properties"].get("band") != "possible"]
    possible = [f for f in feats if f["properties"].get("band") == "possible"]
    layer = next(ly for ly in document(folders()[0]).layers if ly.id == TASKS[task_id].layer)
    return core, possible, layer.meta


def bands_layers(task_id: str) -> list[dict]:
    core, possible, meta = the_maps_bands(task_id)
    color = meta["style"]["color"]
    return [
        {"kind": "possible", "color": color, "geojson": {"type": "FeatureCollection", "features": possible}},
        {"kind": "core", "color": color, "geojson": {"type": "FeatureCollection", "features": core}},
    ]


def clause_words(task_id: str) -> None:
    clause = document(folders()[0]).clause(task_id)
    st.html(
        f'<p class="tm-class-words">{esc(clause["text"])}</p><p class="tm-class-task">{esc(TASKS[task_id].prompt)}</p>'
    )


# -- the student ------------------------------------------------------------------------------------------
def style() -> None:
    st.html(f"<style>{css(False)}</style>")  # the app's sheet: the class's words and task (app.css)


def student_page(code: str) -> None:
    style()
    try:
        info = store().info(code)
    except StoreError as exc:
        st.error(str(exc))
        return
    code, task = info["code"], TASKS[info["task"]]
    label = document(folders()[0]).clause(task.id)["label"]
    st.title(f"Class {code}: {label}", anchor=False)
    clause_words(task.id)
    # the student's token lives in their own address (?class=CODE&me=TOKEN), so that a reload, or a server
    # restarted mid-lesson, finds their reading again; only their browser has it
    token = st.query_params.get("me") or st.session_state.get(f"tm-token-{code}")
    if not token:
        nickname = st.text_input("A nickname, if you like (it is never shown to the class or exported)", max_chars=24)
        if st.button("Join the class", type="primary", disabled=info["closed"]):
            try:
                st.session_state[f"tm-token-{code}"] = st.query_params["me"] = store().join(code, teacherkit.client())
                st.session_state[f"tm-nick-{code}"] = nickname
            except StoreError as exc:
                st.error(str(exc))
            st.rerun()
        return
    watch(code, info["closed"], info["revealed"])
    mine = store().my_reading(code, token)
    if info["revealed"]:
        result(code, task.id, mine)
        return
    st.caption(f"Draw {WORDS[task.draw]} with the tools on the map (a finger works too), then say why.")
    drawn = classview.show(
        key=f"tm-draw-{code}", mode="draw", kind=task.draw, label=task.prompt, mine=mine and mine["geometry"]
    )
    sentence = st.text_area("One sentence: why there?", value=(mine or {}).get("sentence", ""), max_chars=280)
    if st.button("Submit my reading", type="primary", disabled=info["closed"]):
        try:
            geometry = getattr(drawn, "drawing", None)
            store().submit(code, token, geometry, sentence, st.session_state.get(f"tm-nick-{code}"))
            st.success("Your reading is stored. You can change it and submit again until your teacher closes the task.")
        except (ReadingError, StoreError) as exc:
            st.error(str(exc))
    if info["closed"]:
        st.info("Your teacher has closed the task: your last reading is kept.")


@st.fragment(run_every=3)
def watch(code: str, closed: bool, revealed: bool) -> None:
    """Reload the student's page when the teacher closes the task or reveals the map's reading."""
    try:
        now = store().info(code)
    except StoreError:
        return
    if (now["closed"], now["revealed"]) != (closed, revealed):
        st.rerun(scope="app")


def result(code: str, task_id: str, mine: dict | None) -> None:
    st.subheader("Your reading and the map's", anchor=False)
    layers = bands_layers(task_id)
    if mine:
        layers.append({"kind": "mine", "geojson": mine["geometry"]})
    classview.show(
        key=f"tm-result-{code}", mode="view", label="Your reading over the map's", layers=layers, task=task_id
    )
    if not mine:
        st.info("You did not submit a reading.")
        return
    core, possible, _ = the_maps_bands(task_id)
    border = basemap(folders()[1]).collections["border"]["features"]
    m = compare(mine["geometry"], core, possible, border, GEODATA / "elevation.asc")
    rows = {
        "area_km2": "Your area (km²)",
        "share_in_core": "Share of your area inside the map's core band",
        "core_outside_yours_km2": "The map's core band outside your area (km²)",
        "yours_beyond_the_bands_km2": "Your area beyond both of the map's bands (km²)",
        "distance_to_border_km": "Distance from the Chinese border (km)",
        "share_above_height": f"Share of your area at or above {m.get('height_m', '')} m (the map's method)",
        "mean_distance_to_the_maps_km": "Mean distance from the map's shapes (km)",
    }
    st.table({rows[k]: [f"{v:.0%}" if k.startswith("share") else v] for k, v in m.items() if k in rows})
    if "differs_most_at" in m:
        lon, lat = m["differs_most_at"]
        st.caption(f"Where yours differs most from the map's: around {lat:.2f}° N, {lon:.2f}° E.")
