"""Present mode's step panel: the step's quote, the teaching note and its sources, and the step buttons."""

from __future__ import annotations

import streamlit as st

from ..render.views import esc
from ..state import LAST_STEP, STEPS, clause_of
from .navigation import step
from .resources import document, folders

SUBSTEP_TITLES = {"C3": "hold the mountains", "C3P": "partisans in the enemy's rear"}


@st.fragment
def panel() -> None:
    """One present-mode step: a button or key reruns only this panel. The map is outside it and
    steps itself in the browser (MapState, the same keys and these buttons), so it is never resent."""
    doc = document(folders()[0])
    view = st.session_state.view
    name = STEPS[view.step]
    note = doc.notes.get(name, {})
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
