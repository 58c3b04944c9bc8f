"""The view (mode, clause, step, the lesson followed), the page's language, the URL that mirrors them, and the
callbacks that change them.

Every change goes through set_view, so a copied link always reopens what was on the screen, in its language
(`?lang=`, #34: kept in the address once chosen, or when it is not English; else the browser's).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from ..classroom.keys import StoreError
from ..document.clauses import MAPPED
from ..document.load import as_list
from ..i18n import LANGS, choose
from ..render.views import find_feature
from ..state import View, parse, to_params
from .resources import document, folders, store

MAP_KEY = "map"
TEXT_KEY = "text"
LANG_KEY = "tm-lang"  # the language switch's widget


def language() -> str:
    """The page's language (i18n.LANGS): on the session's first run `?lang=`, else the browser's, else English."""
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang")
        headers = st.context.headers
        browser = (headers.get("Accept-Language") if headers else None) or st.context.locale
        st.session_state.lang = choose(asked, browser)
        # the address named a language when the browser's makes no difference
        st.session_state.lang_chosen = bool(asked) and choose(asked, "ko") == choose(asked, "en")
    return st.session_state.lang


def on_lang() -> None:
    """The language switch: the page in that language, the address saying so."""
    chosen = st.session_state.get(LANG_KEY)
    if chosen in LANGS:
        st.session_state.lang = chosen
        st.session_state.lang_chosen = True
        if "view" in st.session_state:
            set_view(st.session_state.view)


def _doc():
    return document(folders()[0])


def set_view(view: View) -> None:
    st.session_state.view = view
    params = to_params(view)
    if view.mode == "explore" and st.session_state.get("feature"):
        params["feature"] = st.session_state.feature  # the open details, so a copied link reopens them
    lang = st.session_state.get("lang", "en")
    if lang != "en" or st.session_state.get("lang_chosen"):
        params["lang"] = lang
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
        if view.lesson:  # ?lesson=ID&step=N: the saved lesson, read once; an unknown id is said, never echoed
            try:
                follow(store().lessons.get(view.lesson), view.step, view)
                return st.session_state.view
            except StoreError:
                st.session_state.lesson_missing = True
                view = View("present")
        set_view(view)
    return st.session_state.view


def feature_clause(feat: dict) -> str | None:
    """The first mapped clause a feature belongs to: choosing the feature selects it."""
    return next((c for c in as_list(feat["properties"]["clause"]) if c in MAPPED), None)


def follow(lesson, step: int = 0, view: View | None = None) -> None:
    """Present a lesson (a saved one, or the editor's draft) from `step`; None: the map's own steps."""
    st.session_state.lesson = lesson
    view = replace(view or st.session_state.view, mode="present")
    set_view(view.following(lesson.names if lesson else None, lesson.id if lesson else None, step))


def followed():
    """The lesson present mode follows, or None (the map's own steps)."""
    lesson = st.session_state.get("lesson")
    return lesson if lesson is not None and st.session_state.view.steps == lesson.names else None


def select_clause(cid: str) -> None:
    st.session_state.feature = None
    set_view(replace(st.session_state.view, mode="explore", clause=cid))


def on_text_clause() -> None:
    """A clause chosen in the text (its button: a click, Enter or Space) selects it."""
    cid = getattr(st.session_state.get(TEXT_KEY), "clause", None)
    if cid in MAPPED:
        select_clause(cid)


def step(delta: int) -> None:
    set_view(st.session_state.view.stepped(delta))


def toggle_mode() -> None:
    v = st.session_state.view
    set_view(replace(v, mode="explore" if v.mode == "present" else "present"))


def on_map_select() -> None:
    """A shape chosen on the map (a click, or Enter on a focused shape) selects its clause and opens its details,
    and the map stays where it is: its reader is looking at the shape there. One chosen from the text's list of
    features ({id, frame}) may be out of view: the map frames its clause."""
    chosen = getattr(st.session_state.get(MAP_KEY), "select", None)
    fid, frame = (chosen.get("id"), True) if isinstance(chosen, dict) else (chosen, False)
    feat = find_feature(_doc(), fid)
    if feat is None:
        return
    st.session_state.feature = fid
    st.session_state.keep_map_view = not frame
    v = st.session_state.view
    if v.mode == "explore":
        set_view(replace(v, clause=feature_clause(feat)))
