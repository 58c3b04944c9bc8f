"""The lesson editor's right-hand column: present, save under the teacher's key, take the lesson away (its
file, the offline map with it, the worksheet), import a file, start from an example, open a saved lesson.

The teacher's key is held in the session (`lesson_key`; a class's key when the teacher has opened one, so
one key file serves both). It is never shown, put in a URL or logged: the teacher can save it as a file.
"""

from __future__ import annotations

import streamlit as st

from ..classroom.keys import StoreError
from ..classroom.lesson import Lesson, LessonError, loads
from ..classroom.limits import SAVES
from . import langswitch
from .classroom import app_address
from .langswitch import gettext
from .lessondraft import examples, lesson_of, open_saved, present, start, where
from .navigation import language
from .resources import basemap, document, folders, store
from .teacherkit import client


def actions(draft: dict) -> None:
    _, ngettext = gettext(), langswitch.ngettext()  # so named: pybabel extracts its calls
    try:
        lesson = lesson_of(draft)
    except LessonError as exc:
        lesson = None
        if not draft["steps"]:  # a new lesson: nothing is wrong yet
            st.info(_("Add a first step (on the left) to present, save or print the lesson."))
        else:
            st.error(_("Not ready yet:") + "\n\n" + "\n".join(f"- {where(p, draft)}" for p in exc.problems))
    if lesson:
        asked, steps, minutes = sum(len(s.questions) for s in lesson.steps), len(lesson.steps), lesson.minutes
        counts = (ngettext("%(n)d step", "%(n)d steps", steps) % {"n": steps},
                  ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes},
                  ngettext("%(n)d question", "%(n)d questions", asked) % {"n": asked})  # fmt: skip
        st.markdown(f"**{' · '.join(counts)}**")
        from ..outputs.worksheet import room

        lines, one_page = room(document(folders()[0]), lesson)
        if asked and (lines < 2 or not one_page):  # the worksheet's student page (outputs/worksheet.py)
            said = (
                _("The worksheet's questions run onto a second page: about ten fit one page with room to answer; "
                  "the others can be asked aloud.")
                if not one_page
                else _("The worksheet's questions leave one line to answer each: about ten fit one page with room "
                       "to answer; the others can be asked aloud.")
            )  # fmt: skip
            st.caption(said)
    st.button(_("▶ Present the lesson"), key="ls-present", type="primary", on_click=present, args=(0,),
              disabled=lesson is None, width="stretch")  # fmt: skip
    if st.button(_("Save the lesson"), key="ls-save", disabled=lesson is None, width="stretch") and lesson is not None:
        save(lesson)
    saved = st.session_state.get("ls_id")
    if saved and st.session_state.get("lesson_key"):
        link, reachable = app_address(f"?lesson={saved}&step=0")
        st.markdown(
            (_("Saved as lesson %(id)s. Its link opens it on any screen:") if reachable else
             _("Saved as lesson %(id)s. Its link opens it on any screen of this computer (start the app with "
               "%(command)s for others):")) % {"id": f"**{saved}**", "command": "`./dev app --lan`"}
        )  # fmt: skip
        st.code(link, language=None)  # with a button that copies it
        st.download_button(_("Save the teacher key"), f"lesson {saved}\nteacher key {st.session_state.lesson_key}\n",
                           f"lesson-{saved}-teacher-key.txt", key="ls-key-file", width="stretch")  # fmt: skip
    if lesson:
        take_away(lesson)
    with st.expander(_("Import a lesson file")):
        got = st.file_uploader(_("A lesson.json from another teacher, or one you saved"), type=["json"], key="ls-file")
        if got is not None and st.button(_("Open it as a new lesson"), key="ls-import"):
            try:
                start(loads(got.getvalue()))
                st.rerun()
            except LessonError as exc:
                st.error(
                    _("This file was not opened, and nothing was changed:")
                    + "\n\n"
                    + "\n".join(f"- {p}" for p in exc.problems)
                )
    with st.expander(_("Start from an example, or afresh")):
        shipped = examples()
        empty = _("An empty lesson")
        choice = st.selectbox(_("Start from"), [*shipped, empty], key="ls-example")
        if st.button(_("Start (your unsaved changes are dropped)"), key="ls-start"):
            start(shipped.get(choice))
            st.rerun()
    with st.expander(_("Your saved lessons")):
        key = st.session_state.get("lesson_key") or st.text_input(_("Your teacher key"), type="password", key="ls-key")
        for row in store().lessons.mine(key) if key else []:
            said = _("Open: %(title)s (%(id)s)") % {"title": row["title"], "id": row["id"]}
            if st.button(said, key=f"ls-open-{row['id']}"):
                open_saved(row["id"], key)
                st.rerun()
    if st.button(_("◀ Back to the map"), key="ls-back", width="stretch"):
        st.session_state.editing = False
        st.rerun()
    langswitch.switch()  # the editor in another language: the draft stays as it is


def save(lesson: Lesson) -> None:
    """A new lesson, or (with its id and the key that saved it) a new version of the same one."""
    teacher = st.session_state.get("teacher")
    key = st.session_state.get("lesson_key") or (teacher or {}).get("secret")
    try:
        SAVES.take(client())  # saves from this browser session, limited: never another's
        lesson_id, key = store().lessons.save(lesson, key, st.session_state.get("ls_id"))
    except StoreError as exc:
        st.error(str(exc))
        return
    st.session_state.ls_id, st.session_state.lesson_key = lesson_id, key
    _ = gettext()
    st.success(_("Saved."))


def take_away(lesson: Lesson) -> None:
    """The lesson's file, its offline map and its worksheet: each one click, built when clicked."""
    from ..outputs import products

    layers, geodata = folders()
    _, lang = gettext(), language()
    for label, build, name, mime in (
        (_("Download the lesson file (lesson.json)"), lesson.dumps, "lesson.json", "application/json"),
        (_("Download the offline map with this lesson (HTML)"),
         lambda: products.export_html(document(layers), basemap(geodata), lesson=lesson, lang=lang), "lesson-map.html",
         "text/html"),
        (_("Download the worksheet (PDF)"),
         lambda: products.worksheet_pdf(document(layers), basemap(geodata), lesson, lang), "lesson-worksheet.pdf",
         "application/pdf"),
    ):  # fmt: skip
        st.download_button(label, build, name, mime, key=f"ls-dl-{name}", width="stretch", on_click="ignore")
