"""The teacher's screen for a class: open or resume one, the join code (and a join screen for the back row), the
class's agreement as readings arrive, the reveal, one reading shown to the class, and the files after class.

The class's key is held in the teacher's session and in their browser's local storage (teacherkit.py), never
on screen, in a URL or in a log: a reload or a browser restart comes back to the class. Keys typed into
"Resume a class" go through the limiter of this session alone (classroom/limits.py): a student's wrong tries
never slow the teacher. After every action the focus goes where the next action is.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time

import streamlit as st

from ..classroom.agreement import agreement, clusters
from ..classroom.limits import OPENS, WRONG_KEYS
from ..classroom.store import NotAllowed, StoreError
from ..classroom.tasks import TASKS
from ..i18n.content import translate
from ..render.views import esc
from . import classview, langswitch, teacherkit
from .classroom import app_address, bands_layers, clause_label, clause_words, qr_png, style, the_maps_bands
from .langswitch import gettext
from .navigation import language
from .resources import basemap, document, folders, store

HEADING = "#tm-class-heading"
COMMAND = "<code>./dev app --lan</code>"


def unreachable() -> str:
    """What the QR code says, when the server listens on this machine alone."""
    _ = gettext()
    said = esc(
        _(
            "%(phones)s it is this computer's own. Stop the app and start it with %(command)s, on the students' "
            "network."
        )
    ) % {"phones": "<strong>" + esc(_("Phones cannot open this address:")) + "</strong>", "command": COMMAND}
    return f'<p class="tm-class-unreachable" role="alert">{said}</p>'


def counted(joined: int, submitted: int, students: bool = False) -> str:
    """'3 joined · 2 readings' (or '3 students joined · ...'), in the page's language."""
    ngettext = langswitch.ngettext()  # named so: pybabel extracts ngettext's calls
    if students:
        who = ngettext("%(n)d student joined", "%(n)d students joined", joined)
    else:
        who = ngettext("%(n)d joined", "%(n)d joined", joined)
    readings = ngettext("%(n)d reading", "%(n)d readings", submitted)  # (pybabel reads no call inside an f-string)
    return f"{who % {'n': joined}} · {readings % {'n': submitted}}"


def teach(code: str, secret: str) -> None:
    st.session_state.teacher = {"code": code, "secret": secret}
    st.session_state.teaching = True
    teacherkit.remember(code, secret)
    teacherkit.focus(HEADING)


def resume_from_browser() -> None:
    """After a reload or a browser restart: back on the class screen this browser was showing, with its key."""
    ring = teacherkit.ring()
    if ring is None or st.session_state.get("teacher") or st.session_state.get("tm_resumed"):
        return
    st.session_state.tm_resumed = True
    code = ring["current"] or ring.get("following")
    if code and ring["classes"].get(code):
        try:
            with WRONG_KEYS.guard(teacherkit.client()):  # what a browser sends as its keys is a guess too
                store().readings(code, ring["classes"][code])
            teach(code, ring["classes"][code])
            st.session_state.teaching = bool(ring["current"])  # or back on present mode, the class following it
        except StoreError:  # deleted or expired since: forget it
            teacherkit.remember(code, None)


def open_dialog() -> None:
    """The dialog that opens a class (titled in the page's language: made when opened)."""
    _ = gettext()  # called by its name: pybabel extracts _("...") calls
    st.dialog(_("Open a class"))(_open_class)()


def _open_class() -> None:
    _, lang = gettext(), language()
    names = {t: f"{clause_label(t)}: {translate(lang, f'task:{t}:prompt', TASKS[t].prompt)}" for t in TASKS}
    asked = st.session_state.pop("class_task", None)  # a lesson's class-readings step names its task
    view = st.session_state.get("view")  # opened in present mode: the class follows its steps from this one
    step = view.steps[view.step] if view is not None and view.mode == "present" else None
    first = list(TASKS).index(asked or "C2")
    task = st.selectbox(_("The task"), list(TASKS), format_func=names.__getitem__, index=first)
    days = st.number_input(_("Keep the class's readings for (days)"), min_value=1, max_value=365, value=30)
    if st.button(_("Open the class"), type="primary"):
        try:
            OPENS.take(teacherkit.client())
            opened = store().open_class(task, days)
            if step:
                store().set_step(opened.code, opened.secret, step)
                st.session_state.tm_followed = (opened.code, step)
        except StoreError as exc:
            st.error(str(exc))
        else:
            teach(opened.code, opened.secret)
            st.rerun()
    kept = (teacherkit.ring() or {}).get("classes", {})
    with st.expander(_("Resume a class"), expanded=bool(kept)):
        for code, key in list(kept.items()):
            try:
                info = store().info(code)
            except StoreError:  # deleted or expired
                teacherkit.remember(code, None)
                continue
            counts = counted(info["joined"], info["submitted"])
            said = _("Class %(code)s: %(task)s · %(counts)s") % {"code": code, "task": clause_label(info["task"]),
                                                                   "counts": counts}  # fmt: skip
            if st.button(said, key=f"tm-resume-{code}"):
                try:
                    with WRONG_KEYS.guard(teacherkit.client()):
                        store().readings(code, key)
                    teach(code, key)
                    st.rerun()
                except StoreError as exc:
                    st.error(str(exc))
        if kept:
            st.caption(_("The classes this browser opened. In another browser, type the code and the teacher key:"))
        code = st.text_input(_("Class code"))
        secret = st.text_input(_("Teacher key"), type="password")
        if st.button(_("Resume")):
            try:
                with WRONG_KEYS.guard(teacherkit.client()):  # this session's wrong tries, and only its own, slow it
                    store().readings(code, secret)
                teach(code.strip().upper(), secret)
                st.rerun()
            except StoreError as exc:
                st.error(str(exc))


def teacher_screen() -> None:
    style()
    langswitch.page_lang()
    t = st.session_state.teacher
    code, secret = t["code"], t["secret"]
    try:
        info = store().info(code)
    except StoreError as exc:
        st.error(str(exc))
        del st.session_state.teacher
        return
    url, reachable = app_address(f"join/{code}")
    if st.session_state.get("tm_join_big"):
        join_screen(code, url, reachable)
        return
    task = TASKS[info["task"]]
    left, right = st.columns([3, 2], gap="medium")
    with right, st.container(key="tm-class-controls"):
        join_box(code, url, reachable)
        if not info["drawing"]:
            waiting(code, secret, info)
        clause_words(task.id)
        controls(code, secret, info)
    with left:
        live(code, secret)
    teacherkit.draw(reveal_scope=".st-key-tm-class-controls", reveal_button=".st-key-tm-reveal button")


def join_box(code: str, url: str, reachable: bool) -> None:
    _ = gettext()
    qr = base64.b64encode(qr_png(url)).decode()
    join = esc(_("Join: %(code)s")) % {"code": f"<strong>{esc(code)}</strong>"}
    alt = esc(_("QR code of the join address, %(url)s") % {"url": url})
    st.html(
        f'<h2 id="tm-class-heading" class="tm-class-heading" tabindex="-1">{join}</h2>'
        + ("" if reachable else unreachable())
        + f'<div class="tm-class-join"><img class="tm-class-qr{"" if reachable else " tm-class-qr-off"}" '
        f'src="data:image/png;base64,{qr}" width="180" height="180" alt="{alt}">'
        f'<p class="tm-class-url">{esc(url)}</p></div>'
    )
    a, b = st.columns(2)
    a.button(_("Show the join code large"), key="tm-join-big-open", on_click=big, args=(True,), width="stretch")
    b.button(_("Back to the map"), key="tm-back", on_click=leave, width="stretch", help=_("The class stays open"))


def waiting(code: str, secret: str, info: dict) -> None:
    """The class follows a lesson at a step with nothing to draw: say so, and let the teacher set the task now."""
    _, label = gettext(), clause_label(info["task"])
    said = esc(
        _(
            "The class follows your lesson: at this step your students have nothing to draw. They draw %(clause)s at "
            "its class-readings step."
        )
    ) % {"clause": f"<strong>{esc(label)}</strong>"}
    st.html(f'<p class="tm-class-waiting" role="status">{said}</p>')
    st.button(_("Let the class draw %(clause)s now") % {"clause": label}, key="tm-draw-now", on_click=draw_now,
              args=(code, secret))  # fmt: skip


def draw_now(code: str, secret: str) -> None:
    store().set_step(code, secret, None)
    teacherkit.focus(".st-key-tm-close button")


def big(on: bool) -> None:
    st.session_state.tm_join_big = on
    teacherkit.focus("#tm-join-big-heading" if on else ".st-key-tm-join-big-open button")


def leave() -> None:
    st.session_state.teaching = False
    teacherkit.focus(".st-key-class button")  # the map's "Back to class" button


def join_screen(code: str, url: str, reachable: bool) -> None:
    """The code and the QR code filling the screen, for the back row (app.css: tm-join-big)."""
    _ = gettext()
    qr = base64.b64encode(qr_png(url)).decode()
    warn = "" if reachable else unreachable()
    join = esc(_("Join with the code %(code)s")) % {"code": f'<strong class="tm-join-big-code">{esc(code)}</strong>'}
    alt = esc(_("QR code of the join address, %(url)s") % {"url": url})
    st.html(
        f'<div class="tm-join-big"><h2 id="tm-join-big-heading" tabindex="-1">{join}</h2>{warn}'
        f'<img class="tm-join-big-qr{"" if reachable else " tm-class-qr-off"}" src="data:image/png;base64,{qr}" '
        f'alt="{alt}"><p class="tm-join-big-url">{esc(url)}</p></div>'
    )
    st.button(_("◀ Back to the class screen"), key="tm-join-big", on_click=big, args=(False,))
    teacherkit.draw()


def toggle(code: str, secret: str, **state: bool) -> None:
    try:
        store().set_state(code, secret, **state)
    except NotAllowed as exc:
        st.session_state.tm_error = str(exc)
        return
    if "revealed" in state:
        teacherkit.focus("#tm-reveal-heading" if state["revealed"] else ".st-key-tm-reveal button")
    else:
        teacherkit.focus(".st-key-tm-close button")


def controls(code: str, secret: str, info: dict) -> None:
    _, lang = gettext(), language()  # the files in the teacher's language, as they built when clicked
    if st.session_state.get("tm_error"):
        st.error(st.session_state.pop("tm_error"))
    a, b = st.columns(2)
    a.button(_("Reopen the task") if info["closed"] else _("Close the task"), key="tm-close", width="stretch",
             on_click=toggle, args=(code, secret), kwargs={"closed": not info["closed"]})  # fmt: skip
    b.button(_("Hide the map's reading (V)") if info["revealed"] else _("Reveal the map's reading (V)"),
             key="tm-reveal", type="primary", width="stretch", on_click=toggle, args=(code, secret),
             kwargs={"revealed": not info["revealed"]})  # fmt: skip
    st.download_button(_("Save the teacher key (a file, to resume in another browser)"),  # made only when clicked
                       lambda: f"class {code}\nteacher key {secret}\n", f"class-{code}-teacher-key.txt",
                       width="stretch", on_click="ignore")  # fmt: skip
    # what a teacher needs after the class, folded so the projected screen shows the class
    with st.expander(_("After class: the readings, the record, the map")):
        st.download_button(_("Readings (GeoJSON)"), lambda: export_json(code, secret), f"class-{code}-readings.geojson",
                           "application/geo+json", width="stretch", on_click="ignore")  # fmt: skip
        st.download_button(_("The class's record (PDF)"), lambda: record_pdf(code, secret, lang),
                           f"class-{code}-record.pdf", "application/pdf", width="stretch",
                           on_click="ignore")  # fmt: skip
        st.download_button(_("The map with the class's agreement (HTML)"), lambda: class_map_html(code, secret, lang),
                           f"class-{code}-map.html", "text/html", width="stretch", on_click="ignore")  # fmt: skip
    with st.expander(_("Delete the class")):
        if st.button(_("Delete the class and every reading now"), key="tm-delete"):
            store().delete(code, secret)
            teacherkit.remember(code, None)
            del st.session_state.teacher
            teacherkit.focus(".st-key-class button")  # the map's "Open a class"
            st.rerun()
    langswitch.switch()  # the class screen in another language (the students' pages each have their own)


def export_json(code: str, secret: str) -> bytes:
    return json.dumps(store().export(code, secret), ensure_ascii=False, indent=1).encode("utf-8")


def class_map_html(code: str, secret: str, lang: str = "en") -> bytes:
    """The offline map (the export), with the class's agreement as one more layer a reader can turn on."""
    from ..outputs import products
    from ..outputs.class_layer import agreement_layer

    got = store().readings(code, secret)
    layers, geodata = folders()
    layer = agreement_layer(code, agreement([r["geometry"] for r in got]), lang)
    return products.export_html(document(layers), basemap(geodata), [layer], lang=lang)


def record_pdf(code: str, secret: str, lang: str = "en") -> bytes:
    from ..outputs.class_record import record

    info, got = store().info(code), store().readings(code, secret)
    layers, geodata = folders()
    doc = document(layers)
    layer = next(ly for ly in doc.layers if ly.id == TASKS[info["task"]].layer)
    opened = time.strftime("%Y-%m-%d", time.localtime(store().dates(code)["created"]))
    prompt = translate(lang, f"task:{info['task']}:prompt", TASKS[info["task"]].prompt)
    task = {"id": info["task"], "prompt": prompt, "code": code, "joined": info["joined"], "opened": opened}
    return record(doc, basemap(geodata), task, layer, agreement([r["geometry"] for r in got]), got, lang)


def show_one(n: int | None) -> None:
    """One reading large, for discussion (None: the whole class again). The whole page reruns, not only the
    live fragment, so that the focus moves (teacherkit is drawn outside the fragment)."""
    st.session_state["tm-one"] = n
    teacherkit.focus("#tm-one-heading" if n else ".st-key-tm-one-show button")
    st.rerun(scope="app")


@st.fragment(run_every=2)
def live(code: str, secret: str) -> None:
    """The counts, the agreement map and the sentences, as readings arrive: this fragment alone reruns."""
    try:
        info = store().info(code)
        got = store().readings(code, secret)
    except StoreError as exc:
        st.error(str(exc))
        return
    _, lang = gettext(), language()
    teacherkit.status(counted(info["joined"], info["submitted"], students=True), key="tm-class-counts")
    one = st.session_state.get("tm-one")
    one = one if one and one <= len(got) else None
    version = hashlib.sha256(
        json.dumps([info["revealed"], one, [(r["submitted"], r["revisions"]) for r in got]]).encode()
    ).hexdigest()[:16]
    task = info["task"]
    if one:  # its words above the map, so that the focus on them leaves the map in view
        st.html(
            '<h3 id="tm-one-heading" tabindex="-1">' + esc(_("Reading %(n)d") % {"n": one}) + "</h3>"
            f'<blockquote class="tm-one-sentence">{esc(got[one - 1]["sentence"])}</blockquote>'
        )
        if st.button(_("◀ Back to the whole class"), key="tm-one-back"):
            show_one(None)
        layers = [{"kind": "one", "label": _("Reading %(n)d") % {"n": one}, "geojson": got[one - 1]["geometry"]}]
    else:
        layers = class_layers(task, got, version)
    if info["revealed"]:
        layers = bands_layers(task) + layers
    classview.show(key=f"tm-agreement-{code}", label=_("The class's agreement"), layers=layers, version=version,
                   task=task, lang=lang)  # fmt: skip
    if info["revealed"]:
        core, possible, _meta = the_maps_bands(task)
        params = {"core": core[0]["properties"]["method"].get("parameters", {}),
                  "possible": (possible or core)[0]["properties"]["method"].get("parameters", {})}  # fmt: skip
        heading, how = _("The map's reading"), translate(lang, f"task:{task}:how", TASKS[task].how)
        st.html(
            f'<h3 id="tm-reveal-heading" tabindex="-1">{esc(heading)}</h3>'
            f'<p class="tm-class-how">{esc(how.format(**params))}</p>'
        )
        with st.expander(_("The technical method")):
            st.text(core[0]["properties"]["method"]["description"])
            st.json(params, expanded=False)
    if got and not one:
        a, b = st.columns([1, 2], vertical_alignment="bottom")
        n = a.number_input(_("Reading number"), min_value=1, max_value=len(got), value=1, key="tm-one-n")
        if b.button(_("Show this reading to the class"), key="tm-one-show"):
            show_one(int(n))
    if got and st.toggle(_("Show the sentences (no names)"), key="tm-sentences"):
        ways = {"one": _("one at a time"), "all": _("all")}
        how = st.radio(_("Show"), list(ways), format_func=ways.__getitem__, horizontal=True, key="tm-sentences-how")
        if how == "all":
            for i, r in enumerate(got, 1):
                st.text(f"{i}. {r['sentence']}")  # plain text: whatever a student wrote is never markup
        else:
            n = st.number_input(_("Sentence"), min_value=1, max_value=len(got), value=1, key="tm-sentence-n")
            st.text(f"{int(n)}. {got[int(n) - 1]['sentence']}")


def class_layers(task: str, got: list[dict], version: str) -> list[dict]:
    """The class's agreement as the class map draws it (computed again only when a reading changes)."""
    if st.session_state.get("tm-agreement-version") != version:
        st.session_state["tm-agreement"] = agreement([r["geometry"] for r in got]) if got else None
        st.session_state["tm-agreement-version"] = version
    a = st.session_state["tm-agreement"]
    layers = [{"kind": "shading", "geojson": a["shading"]}] if a else []
    if a and a["majority"]:
        layers.append({"kind": "majority", "geojson": a["majority"]})
    kind = TASKS[task].draw
    if kind == "Point":  # the places marked, gathered: a circle per place, with how many students marked it
        layers.append({"kind": "clusters", "geojson": clusters([r["geometry"] for r in got])})
    elif kind == "LineString":  # each route, faint: where they overlap, they darken
        layers.append(
            {"kind": "readings", "geojson": {"type": "GeometryCollection", "geometries": [r["geometry"] for r in got]}}
        )
    return layers
