"""The teacher's lesson editor, beside present mode: choose the steps, order them, write a note and questions on
each, preview on the projector, save under the teacher's key, and take the lesson away as a file, an offline
map or a worksheet. The map's own notes are never changed: the teacher's appear beside them.

The draft lives in `ls_draft` (plain session state). Widgets are keyed by step name, so reordering moves a
step's words with it; each run and each callback copies the widgets back into the draft first, because
Streamlit forgets a widget's value once it is not drawn (in the preview, for example).
"""

from __future__ import annotations

import json
import re

import streamlit as st

from ..classroom.keys import StoreError
from ..classroom.lesson import ALL_STEPS, Lesson, LessonError, loads, parse, step_label
from ..paths import LESSONS
from ..render.views import plural
from .navigation import follow
from .resources import css, document, folders, store
from .teacherkit import focus

EMPTY = {"title": "My lesson", "audience": "", "steps": []}


def _doc():
    return document(folders()[0])


def examples() -> dict[str, Lesson]:
    """The lessons shipped in lessons/, by title."""
    found = {}
    for path in sorted(LESSONS.glob("*.lesson.json")):
        lesson = loads(path.read_bytes())
        found[lesson.title] = lesson
    return found


def as_draft(lesson: Lesson | None) -> dict:
    if lesson is None:
        return json.loads(json.dumps(EMPTY))
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


def resume() -> None:
    """Back to the editor (from the map, or a preview), on the draft as it was."""
    st.session_state.editing, st.session_state.previewing = True, False


def _widgets(draft: dict) -> None:
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
    data = {"format": "telegram-map-lesson", "version": 1, "title": draft["title"].strip() or "My lesson"}
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
    return f"Step {i + 1} ({step_label(_doc(), draft['steps'][i]['step'])}), {m.group(2)}{m.group(3)}"


# -- the page ---------------------------------------------------------------------------------------------------
def page() -> None:
    st.html(f"<style>{css(False)}</style>")
    if "ls_draft" not in st.session_state:
        start()
    draft = st.session_state.ls_draft
    _widgets(draft)
    doc = _doc()
    st.title("Your lesson", anchor=False)
    st.caption(
        "Choose the map's steps and the class's readings, put them in order, and write your own note and up to "
        "three questions on each. They appear beside the map's own notes, marked as yours; the map's are not changed."
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.text_input("Title", key="ls-title", max_chars=120)
        st.text_input("For whom (the audience)", key="ls-audience", max_chars=120)
        for i, s in enumerate(draft["steps"]):
            step_box(doc, i, s, len(draft["steps"]))
        chosen = [s["step"] for s in draft["steps"]]
        left_over = [n for n in ALL_STEPS if n not in chosen]
        if left_over:
            a, b = st.columns([3, 1], vertical_alignment="bottom")
            a.selectbox("Add a step", left_over, key="ls-add", format_func=lambda n: step_label(doc, n))
            b.button("Add the step", key="ls-add-button", on_click=add, width="stretch")
    draft = sync()
    with right:
        from .lessonactions import actions

        actions(draft)


def step_box(doc, i: int, s: dict, count: int) -> None:
    """One step: a folded card (its number, name and what it holds), with its buttons, each naming its step."""
    name, n = s["step"], i + 1
    ss = st.session_state
    asked = sum(1 for k in range(3) if str(ss.get(f"ls-q{k}-{name}", "")).strip())
    held = [plural(int(ss.get(f"ls-min-{name}") or 5), "min", "min")]
    held += ["a note"] if str(ss.get(f"ls-note-{name}", "")).strip() else []
    held += [plural(asked, "question")] if asked else []
    with st.container(border=True, key=f"ls-step-{name}"):
        label = f"{n}. {step_label(doc, name)} · {', '.join(held)}"
        # folded, but the one just added: its open state is session state (on_change), so add() can set it
        with st.expander(label, key=f"ls-exp-{name}", on_change="rerun"):
            st.number_input("Minutes", min_value=1, max_value=60, step=1, key=f"ls-min-{name}")
            st.text_area("Your note", key=f"ls-note-{name}", max_chars=600, height=90,
                         help="Plain text; **bold**, *italic* and lines starting '- ' as a list")  # fmt: skip
            for k in range(3):
                st.text_input(f"Question {k + 1}", key=f"ls-q{k}-{name}", max_chars=200)
        up, down, out, show = st.columns(4)
        up.button(f"↑ Move step {n} up", key=f"ls-up-{name}", on_click=move, args=(i, -1), disabled=i == 0,
                  width="stretch")  # fmt: skip
        down.button(f"↓ Move step {n} down", key=f"ls-down-{name}", on_click=move, args=(i, 1),
                    disabled=i == count - 1, width="stretch")  # fmt: skip
        out.button(f"Remove step {n}", key=f"ls-rm-{name}", on_click=remove, args=(i,), width="stretch")
        show.button(f"Preview step {n}", key=f"ls-show-{name}", on_click=present, args=(i,), width="stretch",
                    help="This step on the projector's layout")  # fmt: skip


def edit(lesson: Lesson) -> None:
    """Edit the lesson being presented: itself when this session's key saved it, else a copy (saved anew)."""
    key = st.session_state.get("lesson_key")
    mine = bool(key) and lesson.id in {r["id"] for r in store().lessons.mine(key)}
    start(lesson, lesson.id if mine else None)


def open_saved(lesson_id: str, key: str) -> None:
    try:
        lesson = store().lessons.get(lesson_id)
    except StoreError as exc:
        st.error(str(exc))
        return
    start(lesson, lesson.id)
    st.session_state.lesson_key = key
