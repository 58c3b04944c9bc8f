"""The teacher's lesson editor, beside present mode: choose the steps, order them, write a note and questions on
each, preview on the projector, save under the teacher's key, and take the lesson away as a file, an offline
map or a worksheet. The map's own notes are never changed: the teacher's appear beside them.

The page draws the draft (lessondraft.py) on the left and its actions (lessonactions.py) on the right.
"""

from __future__ import annotations

import streamlit as st

from ..classroom.lesson import ALL_STEPS, Lesson, step_label
from . import langswitch
from .langswitch import gettext
from .lessonactions import actions
from .lessondraft import add, fill_widgets, move, present, remove, start, sync
from .navigation import language
from .resources import css, document, folders, store


def resume() -> None:
    """Back to the editor (from the map, or a preview), on the draft as it was."""
    st.session_state.editing, st.session_state.previewing = True, False


def edit(lesson: Lesson) -> None:
    """Edit the lesson being presented: itself when this session's key saved it, else a copy (saved anew)."""
    key = st.session_state.get("lesson_key")
    mine = bool(key and lesson.id in {r["id"] for r in store().lessons.mine(key)})
    start(lesson, lesson.id if mine else None)


# -- the page ---------------------------------------------------------------------------------------------------
def page() -> None:
    st.html(f"<style>{css(False)}</style>")
    langswitch.page_lang()
    if "ls_draft" not in st.session_state:
        start()
    draft = st.session_state.ls_draft
    fill_widgets(draft)
    doc, _, lang = document(folders()[0]), gettext(), language()
    st.title(_("Your lesson"), anchor=False)
    st.caption(
        _(
            "Choose the map's steps and the class's readings, put them in order, and write your own note and up to "
            "three questions on each. They appear beside the map's own notes, marked as yours; the map's are not "
            "changed."
        )
    )
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.text_input(_("Title"), key="ls-title", max_chars=120)
        st.text_input(_("For whom (the audience)"), key="ls-audience", max_chars=120)
        for i, s in enumerate(draft["steps"]):
            step_box(doc, i, s, len(draft["steps"]))
        chosen = [s["step"] for s in draft["steps"]]
        left_over = [n for n in ALL_STEPS if n not in chosen]
        if left_over:
            a, b = st.columns([3, 1], vertical_alignment="bottom")
            a.selectbox(_("Add a step"), left_over, key="ls-add", format_func=lambda n: step_label(doc, n, lang))
            b.button(_("Add the step"), key="ls-add-button", on_click=add, width="stretch")
    draft = sync()
    with right:
        actions(draft)


def step_box(doc, i: int, s: dict, count: int) -> None:
    """One step: a folded card (its number and name), what it holds, and its buttons, each naming its step."""
    name, n = s["step"], i + 1
    ss, _, ngettext = st.session_state, gettext(), langswitch.ngettext()
    asked = sum(1 for k in range(3) if str(ss.get(f"ls-q{k}-{name}", "")).strip())
    minutes = int(ss.get(f"ls-min-{name}") or 5)
    held = [ngettext("%(n)d min", "%(n)d min", minutes) % {"n": minutes}]
    held += [_("a note")] if str(ss.get(f"ls-note-{name}", "")).strip() else []
    held += [ngettext("%(n)d question", "%(n)d questions", asked) % {"n": asked}] if asked else []
    with st.container(border=True, key=f"ls-step-{name}"):
        # its title names the step alone: Streamlit draws an expander anew when its title changes, and a title
        # that said what the card holds changed as a field was taken, and lost what was being typed in the next
        label = f"{n}. {step_label(doc, name, language())}"
        # folded, but the one just added: its open state is session state (on_change), so add() can set it
        with st.expander(label, key=f"ls-exp-{name}", on_change="rerun"):
            st.number_input(_("Minutes"), min_value=1, max_value=60, step=1, key=f"ls-min-{name}")
            st.text_area(_("Your note"), key=f"ls-note-{name}", max_chars=600, height=90,
                         help=_("Plain text; **bold**, *italic* and lines starting '- ' as a list"))  # fmt: skip
            for k in range(3):
                st.text_input(_("Question %(n)d") % {"n": k + 1}, key=f"ls-q{k}-{name}", max_chars=200)
        sep = _(", ")  # not in the f-string: pybabel does not look inside one
        st.container(key=f"ls-held-{name}").caption(sep.join(held))  # what the card holds, folded or not
        up, down, out, show = st.columns(4)
        up.button(_("↑ Move step %(n)d up") % {"n": n}, key=f"ls-up-{name}", on_click=move, args=(i, -1),
                  disabled=i == 0, width="stretch")  # fmt: skip
        down.button(_("↓ Move step %(n)d down") % {"n": n}, key=f"ls-down-{name}", on_click=move, args=(i, 1),
                    disabled=i == count - 1, width="stretch")  # fmt: skip
        out.button(_("Remove step %(n)d") % {"n": n}, key=f"ls-rm-{name}", on_click=remove, args=(i,),
                   width="stretch")  # fmt: skip
        show.button(_("Preview step %(n)d") % {"n": n}, key=f"ls-show-{name}", on_click=present, args=(i,),
                    width="stretch", help=_("This step on the projector's layout"))  # fmt: skip
