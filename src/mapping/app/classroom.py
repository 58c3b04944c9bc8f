"""A class in the app: the student's page (join, draw, say why, see the result) and the teacher's screen.

A student opens ?class=CODE (the QR code's address): no account, an optional nickname. The teacher's
screen lives in the teacher's own session: the secret is held there, never put in a URL or on the screen
(the teacher can save it as a file, to resume after a reload). The live parts are fragments that rerun
every few seconds on their own, never the whole page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time

import streamlit as st

from ..classroom.agreement import agreement, clusters
from ..classroom.cli import lan_address
from ..classroom.measures import compare
from ..classroom.readings import ReadingError
from ..classroom.store import NotAllowed, StoreError
from ..classroom.tasks import TASKS
from ..document.telegram import TELEGRAM_DATE
from ..document.timeline import active_on
from ..paths import GEODATA
from ..render.views import esc, md_escape
from . import classview
from .resources import basemap, css, document, folders, store

WORDS = {"Polygon": "an area", "Point": "points", "LineString": "a line"}


def join_url(code: str) -> str:
    """The address students open: the LAN address ./dev app --lan set (browser.serverAddress), else this
    machine's own when the server listens beyond it, else localhost."""
    host = st.get_option("browser.serverAddress") or "localhost"
    if host in ("localhost", "127.0.0.1") and st.get_option("server.address") not in ("127.0.0.1", "localhost"):
        host = lan_address() or host
    port = st.get_option("browser.serverPort") or st.get_option("server.port")  # nginx's, behind --lan
    return f"http://{host}:{port}/?class={code}"


def qr_png(url: str) -> bytes:
    import io

    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


def the_maps_bands(task_id: str) -> tuple[list[dict], list[dict], dict]:
    """The map's own reading of the task's words: its layer's features on the telegram's day (the 11 Oct
    front, not the later ones), without the railway the C3 band is measured from; core and possible."""
    doc = document(folders()[0])
    layer = next(ly for ly in doc.layers if ly.id == TASKS[task_id].layer)
    feats = [
        f
        for f in layer.features
        if f["properties"]["role"] != "railway" and active_on(f["properties"].get("when"), TELEGRAM_DATE)
    ]
    core = [f for f in feats if f["properties"].get("band") != "possible"]
    possible = [f for f in feats if f["properties"].get("band") == "possible"]
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
                st.session_state[f"tm-token-{code}"] = st.query_params["me"] = store().join(code)
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
        key=f"tm-result-{code}", mode="view", label="Your reading over the map's", layers=layers, version="r"
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


# -- the teacher ----------------------------------------------------------------------------------------------
def class_map_html(code: str, secret: str) -> bytes:
    """The offline map (the export), with the class's agreement as one more layer a reader can turn on."""
    from ..outputs import products
    from ..outputs.class_record import agreement_layer

    got = store().readings(code, secret)
    layers, geodata = folders()
    layer = agreement_layer(code, agreement([r["geometry"] for r in got]))
    return products.export_html(document(layers), basemap(geodata), [layer])


def record_pdf(code: str, secret: str) -> bytes:
    from ..outputs.class_record import record

    info, got = store().info(code), store().readings(code, secret)
    layers, geodata = folders()
    doc = document(layers)
    layer = next(ly for ly in doc.layers if ly.id == TASKS[info["task"]].layer)
    opened = time.strftime("%Y-%m-%d", time.localtime(store().dates(code)["created"]))
    task = {
        "id": info["task"],
        "prompt": TASKS[info["task"]].prompt,
        "code": code,
        "joined": info["joined"],
        "opened": opened,
    }
    return record(doc, basemap(geodata), task, layer, agreement([r["geometry"] for r in got]), got)


@st.dialog("Open a class")
def open_dialog() -> None:
    doc = document(folders()[0])
    names = {t: f"{doc.clause(t)['label']}: {TASKS[t].prompt}" for t in TASKS}
    asked = st.session_state.pop("class_task", None)  # a lesson's class-readings step names its task
    task = st.selectbox("The task", list(TASKS), format_func=names.get, index=list(TASKS).index(asked or "C2"))
    days = st.number_input("Keep the class's readings for (days)", min_value=1, max_value=365, value=30)
    if st.button("Open the class", type="primary"):
        opened = store().open_class(task, days)
        st.session_state.teacher = {"code": opened.code, "secret": opened.secret, "shown": 0}
        st.rerun()
    with st.expander("Resume a class"):
        code = st.text_input("Class code")
        secret = st.text_input("Teacher key", type="password")
        if st.button("Resume"):
            try:
                store().readings(code, secret)
                st.session_state.teacher = {"code": code.strip().upper(), "secret": secret, "shown": 0}
                st.rerun()
            except StoreError as exc:
                st.error(str(exc))


def teacher_screen() -> None:
    style()
    t = st.session_state.teacher
    code, secret = t["code"], t["secret"]
    try:
        info = store().info(code)
    except StoreError as exc:
        st.error(str(exc))
        del st.session_state.teacher
        return
    task = TASKS[info["task"]]
    left, right = st.columns([3, 2], gap="medium")
    with right:
        url = join_url(code)
        st.markdown(f"## Join: **{code}**")
        qr = base64.b64encode(qr_png(url)).decode()
        st.html(
            f'<img class="tm-class-qr" src="data:image/png;base64,{qr}" width="200" height="200" '
            f'alt="QR code of the join address, {esc(url)}"><p class="tm-class-url">{esc(url)}</p>'
        )
        clause_words(task.id)
        controls(code, secret, info)
    with left:
        live(code, secret)


def prepared(col, ask: str, offer: str, build, file_name: str, mime: str) -> None:
    """A file built when asked for, then offered. A download whose data is made on its own click would be
    forgotten by the next rerun of the live fragment, which reruns every 2 s."""
    if col.button(ask, width="stretch"):
        st.session_state[f"tm-file-{file_name}"] = build()
    if st.session_state.get(f"tm-file-{file_name}"):
        col.download_button(offer, st.session_state[f"tm-file-{file_name}"], file_name, mime, width="stretch")


def controls(code: str, secret: str, info: dict) -> None:
    a, b = st.columns(2)
    try:
        if a.button("Reopen the task" if info["closed"] else "Close the task", width="stretch"):
            store().set_state(code, secret, closed=not info["closed"])
            st.rerun()
        if b.button(
            "Hide the map's reading" if info["revealed"] else "Reveal the map's reading",
            type="primary",
            width="stretch",
            shortcut="V",  # one key on the teacher's keyboard (R and C are Streamlit's own)
        ):
            store().set_state(code, secret, revealed=not info["revealed"])
            st.rerun()
        data = json.dumps(store().export(code, secret), ensure_ascii=False, indent=1)
    except NotAllowed as exc:
        st.error(str(exc))
        return
    c, d = st.columns(2)
    c.download_button(
        "Save the teacher key",
        f"class {code}\nteacher key {secret}\n",
        f"class-{code}-teacher-key.txt",
        width="stretch",
    )
    if d.button("Back to the map (the class stays open)", width="stretch"):
        st.session_state.teaching = False
        st.rerun()
    # what a teacher needs after the class, folded so the projected screen shows the class
    with st.expander("After class: the readings, the record, the map"):
        e, f = st.columns(2)
        e.download_button(
            "Readings (GeoJSON)", data, f"class-{code}-readings.geojson", "application/geo+json", width="stretch"
        )
        prepared(e, "The class's record (PDF)", "Download the record (PDF)", lambda: record_pdf(code, secret),
                 f"class-{code}-record.pdf", "application/pdf")  # fmt: skip
        prepared(f, "The map with the class's agreement (HTML)", "Download the map (HTML)",
                 lambda: class_map_html(code, secret), f"class-{code}-map.html", "text/html")  # fmt: skip
    with st.expander("Delete the class"):
        if st.button("Delete the class and every reading now"):
            store().delete(code, secret)
            del st.session_state.teacher
            st.rerun()


@st.fragment(run_every=2)
def live(code: str, secret: str) -> None:
    """The counts, the agreement map and the sentences, as readings arrive: this fragment alone reruns."""
    try:
        info = store().info(code)
        got = store().readings(code, secret)
    except StoreError as exc:
        st.error(str(exc))
        return
    st.markdown(f"### {info['joined']} joined · {info['submitted']} readings")
    version = hashlib.sha256(
        json.dumps([info["revealed"], [(r["submitted"], r["revisions"]) for r in got]]).encode()
    ).hexdigest()[:16]
    if st.session_state.get("tm-agreement-version") != version:
        st.session_state["tm-agreement"] = agreement([r["geometry"] for r in got]) if got else None
        st.session_state["tm-agreement-version"] = version
    a = st.session_state["tm-agreement"]
    layers = [{"kind": "shading", "geojson": a["shading"]}] if a else []
    if a and a["majority"]:
        layers.append({"kind": "majority", "geojson": a["majority"]})
    kind = TASKS[info["task"]].draw
    if kind == "Point":  # the places marked, gathered: a circle per place, with how many students marked it
        layers.append({"kind": "clusters", "geojson": clusters([r["geometry"] for r in got])})
    elif kind == "LineString":  # each route, faint: where they overlap, they darken
        layers.append(
            {"kind": "readings", "geojson": {"type": "GeometryCollection", "geometries": [r["geometry"] for r in got]}}
        )
    if info["revealed"]:
        layers = bands_layers(info["task"]) + layers
    classview.show(
        key=f"tm-agreement-{code}", mode="view", label="The class's agreement", layers=layers, version=version
    )
    st.caption(
        "Darker: more readings cover the place; outlined: where at least half the class agrees."
        + (" The map's own reading: filled core band, dashed possible band." if info["revealed"] else "")
    )
    if info["revealed"]:
        core, _, meta = the_maps_bands(info["task"])
        st.markdown(f"**The map's method:** {md_escape(core[0]['properties']['method']['description'])}")
    if got and st.toggle("Show the sentences (no names)", key="tm-sentences"):
        if st.radio("Show", ["one at a time", "all"], horizontal=True, key="tm-sentences-how") == "all":
            for r in got:
                st.text(r["sentence"])  # plain text: whatever a student wrote is never markup
        else:
            n = st.number_input("Sentence", min_value=1, max_value=len(got), value=1, key="tm-sentence-n")
            st.text(got[int(n) - 1]["sentence"])
