"""Present mode's step panel: the step's quote, the map's teaching note and its sources, the step buttons, and,
when a lesson is followed, the teacher's own note and questions beside the map's, marked as the teacher's."""

from __future__ import annotations

import streamlit as st

from ..classroom.keys import StoreError
from ..classroom.lesson import teacher_html
from ..classroom.tasks import TASKS
from ..document.timeline import overtaken_text
from ..i18n import ui
from ..i18n.content import translate
from ..render.views import N_, esc
from ..state import CLASS_PREFIX, STORY, SUBSTEP_TITLES, clause_of
from .lessoneditor import edit
from .navigation import followed, language, step
from .resources import document, folders, store

SUBSTEPS_SAID = (N_("hold the mountains"), N_("partisans in the enemy's rear"))  # state.SUBSTEP_TITLES, extracted


@st.cache_data(show_spinner=False, max_entries=128)
def step_parts(folder: str, name: str, marked: bool, lang: str = "en") -> tuple[str, str, str]:
    """A step's heading, its quote and the map's note with its sources, as HTML: the same for every session,
    made once (the citations are rendered by citeproc), so a class stepping at once costs the server little.
    `marked`: the note is labelled as the map's, beside a teacher's, in a fold. `lang`: the heading, the note and
    the labels in that language (#34); the quote (the telegram's words) and the citations stay in English."""
    _ = ui(lang).gettext
    doc = document(folder)
    key = name.removeprefix(CLASS_PREFIX)
    note = doc.notes.get(key, {})
    clause_id = clause_of(name)
    quote = ""
    if clause_id:
        clause = doc.clause(clause_id)
        label = translate(lang, f"clause:{clause_id}:label", clause["label"]) if clause else clause_id
        heading = f"{label}: {_(SUBSTEP_TITLES[name])}" if name in SUBSTEP_TITLES else label
        heading = _("Class readings: %(label)s") % {"label": label} if name.startswith(CLASS_PREFIX) else heading
        quote = (
            f'<div class="tm-present-quote" data-clause="{esc(clause_id)}" data-step="{esc(name)}" aria-live="polite">'
            f"{esc(clause['text'] if clause else '')}</div>"
        )
    else:
        heading = translate(lang, f"notes:{key}:heading", note.get("heading", ""))
    text = translate(lang, f"notes:{key}:text", note.get("text", ""))
    cites = "; ".join(doc.bibliography.cite(note.get("citations", [])))
    held = f'<p class="tm-present-held">{esc(overtaken_text(doc, STORY[name], lang))}</p>' if name in STORY else ""
    sources = _("Sources: %(citations)s") % {"citations": cites}  # the citations: HTML, rendered by citeproc
    note_html = f'<p class="tm-present-note">{esc(text)}</p>{held}<p class="tm-present-source">{sources}</p>'
    if marked:  # beside a teacher's words, it folds when the step would not fit the screen (web/present_fit.js)
        mark = esc(_("The map's note"))
        fold = f'<details class="tm-map-fold" open><summary class="tm-map-mark">{mark}</summary>'
        note_html = f"{fold}{note_html}</details>"

    return heading, quote, note_html


@st.fragment
def panel() -> None:
    """One present-mode step: a button or key reruns only this panel. The map is outside it and
    steps itself in the browser (MapState, the same keys and these buttons), so it is never resent."""
    view = st.session_state.view
    lang = language()
    _ = ui(lang).gettext
    lesson = followed()
    name = view.steps[view.step]
    total = view.last + 1
    where = ui(lang).ngettext("Step %(n)d of %(total)d", "Step %(n)d of %(total)d", total) % {
        "n": view.step + 1,  # counted from 1, as a class counts
        "total": total,
    }
    where += f" · {lesson.title}" if lesson else ""
    keys = _("keys → / PageDown, ← / PageUp")
    st.progress(view.step / max(1, view.last), text=f"{where} · {keys}")
    prev_col, next_col = st.columns(2)
    prev_col.button(
        _("◀ Previous"),
        key="prev",
        on_click=step,
        args=(-1,),
        shortcut="Left",
        disabled=view.step == 0,
        width="stretch",
    )
    next_col.button(
        _("Next ▶"),
        key="next",
        on_click=step,
        args=(1,),
        shortcut="Right",
        disabled=view.step == view.last,
        width="stretch",
        type="primary",
    )
    follow(name)
    heading, quote, note_html = step_parts(folders()[0], name, lesson is not None, lang)
    st.header(heading, anchor=False)
    teacher = teacher_html(lesson.steps[view.step], lang) if lesson else ""
    reading = name.startswith(CLASS_PREFIX)
    st.html(quote + teacher + ("" if reading else note_html))  # one element: a step sends little
    if reading:
        class_readings(name.removeprefix(CLASS_PREFIX), lang)
    tasks = [s.task for s in lesson.steps if s.task] if lesson else []
    if tasks and not reading and not st.session_state.get("teacher"):
        if st.button(_("Open the lesson's class (one code for all its drawing tasks)"), key="class-lesson"):
            st.session_state.class_task = tasks[0]
            st.session_state.open_class = True
            st.rerun(scope="app")
    if lesson and not st.session_state.get("previewing") and st.button(_("Edit this lesson"), key="edit-lesson"):
        edit(lesson)  # a copy, unless this session's key saved it
        st.rerun(scope="app")


def follow(name: str) -> None:
    """A teacher with a class open: the class follows the step on the projector (store.set_step), once a step."""
    teacher = st.session_state.get("teacher")
    if not teacher or st.session_state.get("tm_followed") == (teacher["code"], name):
        return
    try:
        store().set_step(teacher["code"], teacher["secret"], name)
    except StoreError:  # deleted or expired: the step asks for a new class
        return
    st.session_state.tm_followed = (teacher["code"], name)


def class_readings(task: str, lang: str = "en") -> None:
    """A class-readings step: the task, and the way to the class's readings (the teacher's screen, where the
    agreement and the reveal are), or to opening a class for this task."""
    _ = ui(lang).gettext
    prompt = translate(lang, f"task:{task}:prompt", TASKS[task].prompt)
    draws = _("The class draws: %(prompt)s") % {"prompt": prompt}
    st.html(f'<p class="tm-present-note">{esc(draws)}</p>')
    teacher = st.session_state.get("teacher")
    info = None
    if teacher:
        try:
            info = store().info(teacher["code"])
        except StoreError:  # a class deleted or expired: offer a new one
            info = None
    if info and info["task"] == task:  # the class follows the step: its task is this step's
        n = ui(lang).ngettext
        joined = n("%(n)d joined", "%(n)d joined", info["joined"]) % {"n": info["joined"]}
        readings = n("%(n)d reading", "%(n)d readings", info["submitted"]) % {"n": info["submitted"]}
        said = {"code": esc(info["code"]), "joined": joined, "readings": readings}
        st.markdown(_("Class **%(code)s**: %(joined)s · %(readings)s") % said)
        if st.button(_("Show the class's readings"), key="class-step", type="primary"):
            st.session_state.teaching = True
            st.rerun(scope="app")
    elif st.button(_("Open a class for this task"), key="class-step"):
        st.session_state.class_task = task
        st.session_state.open_class = True
        st.rerun(scope="app")
