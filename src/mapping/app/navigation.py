"""The view (mode, clause, step), the URL that mirrors it, and the callbacks that change it.

Every change goes through set_view, so a copied link always reopens what was on the screen.
"""

from __future__ import annotations

import streamlit as st

from ..document.clauses import MAPPED
from ..document.load import as_list
from ..render.views import find_feature
from ..state import View, parse, to_params
from .resources import document, folders

MAP_KEY = "map"
TEXT_KEY = "text"


def _doc():
    return document(folders()[0])


def set_view(view: View) -> None:
    st.session_state.view = view
    params = to_params(view)
    if view.mode == "explore" and st.session_state.get("feature"):
        params["feature"] = st.session_state.feature  # the open details, so a copied link reopens them
    st.query_params.from_dict(params)


def start() -> View:
    """The session's view: on its first run the URL decides, later runs keep it."""
    if "view" not in st.session_state:
        params = st.query_params.to_dict()
        view = parse(params)
        # ?feature=ID opens a shape's details (the text list's links): an id the document does not hold is ignored
        first = find_feature(_doc(), params.get("feature"))
        st.session_state.feature = first["properties"]["id"] if first is not None else None
        if first is not None and view.mode == "explore":
            view = View("explore", feature_clause(first), view.step)
        set_view(view)
    return st.session_state.view


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
    feat = find_feature(_doc(), fid)
    if feat is None:
        return
    st.session_state.feature = fid
    v = st.session_state.view
    if v.mode == "explore":
        set_view(View("explore", feature_clause(feat), v.step))
