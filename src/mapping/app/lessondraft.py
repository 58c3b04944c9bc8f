"""The lesson being edited: the draft in session state (`ls_draft`), the widgets' values copied into it, the
editor's callbacks, and the draft as a checked Lesson. The editor's page (lessoneditor.py) draws it and its
right-hand column (lessonactions.py) acts on it; both import this, and this neither of them.

Widgets are keyed by step name, so reordering moves a step's words with it; each run and each callback copies
the widgets back into the draft first, because Streamlit forgets a widget's value once it is not drawn (in the
preview, for example).
"""

from __future__ import annotations

import json
import re
from typing import Any

import streamlit as st

from ..classroom.keys import StoreError
from ..classroom.lesson import ALL_STEPS, Lesson, LessonError, loads, parse, step_label
from ..paths import LESSONS
from .langswitch import gettext
from .navigation import follow, language
from .resources import document, folders, store
from .teacherkit import focus

EMPTY = {"title": "My lesson", "audience": "", "steps": []}


def examples() -> dict[str, Lesson]:
    """The lessons shipped in lessons/, by title."""
    found = {}
    for path in sorted(LESSONS.glob("*.lesson.json")):
        lesson = loads(path.read_bytes())
        found[lesson.title] = lesson
    return found


def as_draft(lesson: Lesson | None) -> dict:
    if lesson is None:  # a new lesson, its title in the teacher's language
        _ = gettext()  # called by its name: pybabel extracts _("...") calls
        return json.loads(json.dumps(EMPTY)) | {"title": _("My lesson")}
    data = lesson.to_json()
    for s in data["steps"]:
        s["questions"] = (s.get("questions", []) + ["", "", ""])[:3]
    return data


def start(lesson: Lesson | None = None, lesson_id: str | None = None) -> None:
    """Open the editor on a lesson (a copy, unless `lesson_id` names the saved one it edits)."""
    draft = as_draft(lesson)
    st.session_state.ls_draft, st.session_state.ls_id = draft, lesson_id
    for key in [k for k in st.session_state if str(k).startswith("ls-")]:
        del st.session_state[key]  # the widgets take the draft's values
    st.session_state.editing = True


def fill_widgets(draft: dict) -> None:
    """Give each widget its draft value when it has none (the first run, or after a preview)."""
    st.session_state.setdefault("ls-title", draft["title"])
    st.session_state.setdefault("ls-audience", draft.get("audience", ""))
    for s in draft["steps"]:
        n = s["step"]
        st.session_state.setdefault(f"ls-min-{n}", s.get("minutes") or 5)
        st.session_state.setdefault(f"ls-note-{n}", s.get("note", ""))
        for k in range(3):
            st.session_state.setdefault(f"ls-q{k}-{n}", s["questions"][k])


def sync() -> dict:
    """The widgets' values, copied into the draft."""
    draft = st.session_state.ls_draft
    ss = st.session_state
    draft["title"] = ss.get("ls-title", draft["title"])
    draft["audience"] = ss.get("ls-audience", draft.get("audience", ""))
    for s in draft["steps"]:
        n = s["step"]
        s["minutes"] = ss.get(f"ls-min-{n}", s.get("minutes"))
        s["note"] = ss.get(f"ls-note-{n}", s.get("note", ""))
        s["questions"] = [ss.get(f"ls-q{k}-{n}", s["questions"][k]) for k in range(3)]
    return draft


def lesson_of(draft: dict) -> Lesson:
    """The draft as a Lesson, checked as a file is (LessonError names each fault)."""
    _ = gettext()
    data: dict[str, Any] = {
        "format": "telegram-map-lesson",
        "version": 1,
        "title": draft["title"].strip() or _("My lesson"),
    }
    if draft.get("audience", "").strip():
        data["audience"] = draft["audience"].strip()
    data["steps"] = []
    for s in draft["steps"]:
        one = {"step": s["step"], "minutes": int(s["minutes"] or 5)}
        if s.get("note", "").strip():
            one["note"] = s["note"].strip()
        questions = [q.strip() for q in s["questions"] if q.strip()]
        if questions:
            one["questions"] = questions
        data["steps"].append(one)
    if not data["steps"]:
        raise LessonError(["steps: add at least one step"])
    return parse(data)


# -- the callbacks: each copies the widgets into the draft first ---------------------------------------------
def move(i: int, by: int) -> None:
    steps = sync()["steps"]
    j = i + by
    if 0 <= j < len(steps):
        steps[i], steps[j] = steps[j], steps[i]
        edge = j == 0 if by < 0 else j == len(steps) - 1  # at the end now: its other button is the live one
        where = ("down" if by < 0 else "up") if edge else ("up" if by < 0 else "down")
        focus(f".st-key-ls-{where}-{steps[j]['step']} button")


def remove(i: int) -> None:
    steps = sync()["steps"]
    gone = steps.pop(i)["step"]
    for part in ("min", "note", "q0", "q1", "q2"):  # re-added later, the step starts blank
        st.session_state.pop(f"ls-{part}-{gone}", None)
    focus(f".st-key-ls-exp-{steps[min(i, len(steps) - 1)]['step']} summary" if steps else ".st-key-ls-add input")


def add() -> None:
    name = st.session_state.get("ls-add")
    draft = sync()
    if name in ALL_STEPS and name not in [s["step"] for s in draft["steps"]]:
        draft["steps"].append({"step": name, "minutes": 5, "note": "", "questions": ["", "", ""]})
        for s in draft["steps"]:  # the new step opens, with the focus on its first field; the others fold
            st.session_state[f"ls-exp-{s['step']}"] = s["step"] == name
        focus(f".st-key-ls-min-{name} input")


def present(at: int) -> None:
    """Preview (or present) the draft on the projector's layout, from step `at`."""
    try:
        lesson = lesson_of(sync())
    except LessonError:
        return  # the faults are listed on the page
    if st.session_state.get("ls_id"):
        lesson = Lesson(lesson.title, lesson.steps, lesson.audience, lesson.author, id=st.session_state.ls_id)
    st.session_state.editing, st.session_state.previewing = False, True
    follow(lesson, at)
    focus(".st-key-next button", ".st-key-mode button")  # Next (the clicker's next action); one step: Back


def where(problem: str, draft: dict) -> str:
    """`steps[2].note: ...` as a teacher reads it: `Step 3 (Conclusion 2), note: ...`."""
    m = re.match(r"steps\[(\d+)\]\.?(\w*)(.*)", problem)
    if not m or int(m.group(1)) >= len(draft["steps"]):
        return problem
    i = int(m.group(1))
    step = step_label(document(folders()[0]), draft["steps"][i]["step"], language())
    _ = gettext()
    return _("Step %(n)d (%(step)s), %(field)s") % {"n": i + 1, "step": step, "field": m.group(2) + m.group(3)}


def open_saved(lesson_id: str, key: str) -> None:
    try:
        lesson = store().lessons.get(lesson_id)
    except StoreError as exc:
        st.error(str(exc))
        return
    start(lesson, lesson.id)
    st.session_state.lesson_key = key
