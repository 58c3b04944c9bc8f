"""The October 1950 Telegram Map: the Streamlit app (explore and present modes), laid out.

Run it with `./dev app`. Its rooms are in src/mapping/app/: what every session shares, loaded and
rendered once per process (resources), the view and its URL (navigation), the dialogs, and present
mode's step panel. A rerun sends the map only the view state (the map component's data), and a
present step reruns only the step panel, so steps and clicks never reload the map.
"""

from __future__ import annotations

import streamlit as st

from mapping.app import (
    classroom,
    dialogs,
    langswitch,
    lessoneditor,
    mapview,
    present,
    teacherkit,
    teacherscreen,
    textview,
)
from mapping.app.navigation import (
    MAP_KEY,
    TEXT_KEY,
    followed,
    language,
    on_map_select,
    on_text_clause,
    start,
    toggle_mode,
)
from mapping.app.resources import (
    basemap,
    bundle_url,
    css,
    document,
    folders,
    lesson_views,
    rendered_map,
    step_views,
    text_view,
)
from mapping.i18n.content import translate
from mapping.render import CENTER, ZOOM
from mapping.render.views import esc, feature_details_html, find_feature, md_escape
from mapping.state import STEPS

PRESENT_TITLE_STYLE = "font-size: 1.45rem; padding: 0 0 0.2rem 0"

lang = language()  # ?lang=, else the browser's (#34): every string a reader sees below is in it
_ = langswitch.gettext(lang)
st.set_page_config(page_title=_("The October 1950 Telegram Map"), layout="wide", initial_sidebar_state="collapsed")

layers, geodata = folders()
doc, base = document(layers), basemap(geodata)
if "class" in st.query_params:  # an earlier join address (?class=CODE): students now join at /join/CODE
    classroom.moved(st.query_params["class"])
    st.stop()
teacherscreen.resume_from_browser()  # a reload, or a browser restarted: back to the class it was showing
if st.session_state.get("teacher") and st.session_state.get("teaching", True):  # a teacher's class, projected
    teacherscreen.teacher_screen()
    st.stop()
if st.session_state.get("editing"):  # the teacher's lesson editor
    lessoneditor.page()
    teacherkit.draw()
    st.stop()
view = start()
lesson = followed()  # the teacher's lesson present mode follows, if any
if st.session_state.pop("open_class", False):  # a lesson's class-readings step asked for a class
    teacherscreen.open_dialog()

active = view.active_clause
active_label = translate(lang, f"clause:{active}:label", doc.clause(active)["label"]) if active else ""

# -- the map: its base stays the same for the whole session, or the component reloads it. It opens on
# the view the session started with (a deep link's); later views move it in place
center = zoom = fitted = None
if view.mode == "present":  # the step's own view and day (a step of what happened next has no clause)
    fitted = (lesson_views(layers, lesson.names) if lesson else step_views(layers))[view.step]
elif active:  # every mapped clause is a present step: reuse the view computed once for it
    fitted = step_views(layers)[STEPS.index(active)]
if fitted:
    center, zoom = tuple(fitted["center"]), fitted["zoom"]
if "initial_view" not in st.session_state:
    st.session_state.initial_view = (center, zoom) if center else (CENTER, ZOOM)
rendered, script_url = rendered_map(layers, geodata, *st.session_state.initial_view, lang)

# -- style: the static sheet, and present mode's (style only: Streamlit puts it in the page's event
# container, where it takes no space)
st.html(f"<style>{css(view.mode == 'present')}</style>")

presenting = view.mode == "present"
# the last column holds only the skip links and the early loader (st.html: drawn late, as a placeholder
# first, which then folds away), so that it never sets the header's height and nothing moves
# the buttons stand over the right-hand column (the text, or the quote), as the map's column does over the
# title: head and body share their proportions (four at 1280 px wrapped a line)
head = st.columns([3, 1, 1.2, 0.01] if presenting else [3, 2, 0.01], gap="medium")
head_l, head_r, head_load = head[0], head[1], head[-1]
with head_l:
    if presenting:  # one small line: the screen is for the quote and the map. Sized in the element itself,
        # so it is drawn at its size (the page's CSS arrives later: a title that shrank moved the page up)
        title = esc(lesson.title) if lesson else esc(_("The telegram of 11 October 1950"))
        st.markdown(f'<h1 style="{PRESENT_TITLE_STYLE}">{title}</h1>', unsafe_allow_html=True)
    else:
        st.title(_("The telegram of 11 October 1950"), anchor=False)
        # a caption, drawn with the title (st.html is drawn later, and the page below moved when it
        # arrived); its container's key lets app.css darken it without changing its size
        st.container(key="tm-caption").caption(
            md_escape(
                _(
                    "Filippov [Stalin] and Zhou Enlai to Mao Zedong, via the Soviet ambassador in Peking. Every "
                    "shape on this map is an interpretation of the telegram's words; click one to see how it was "
                    "drawn."
                )
            )
        )
with head_r:
    if presenting and st.session_state.get("previewing"):  # a preview from the lesson editor
        st.button(_("◀ Back to the editor"), key="mode", on_click=lessoneditor.resume)
    else:
        st.button(
            _("◀ Back to exploring") if presenting else _("▶ Present"),
            key="mode",
            on_click=toggle_mode,
            type="secondary" if presenting else "primary",
        )
if presenting:
    with head[2]:
        full_col, lang_col = st.columns(2, gap="small")
        with full_col:  # in the page: its click is the gesture full screen needs
            mapview.fullscreen(lang, _("Full screen"))(key="fullscreen")
        with lang_col:  # the projected lesson in another language, at the same step
            langswitch.switch()
# A box of one pixel, held from the first paint: on a phone the header's columns stack, and the element drawn
# late, as a placeholder that then folds away, moved the map up by 40 px (bench: layout shift). The skip
# links show over it when focused (app.css)
with head_load, st.container(height=1, border=False, key="tm-early"):
    # The skip links: the keyboard's way straight to the map and its layer toggles, or past the map to
    # the telegram's words. With them, Leaflet, the data bundle and the map's script start loading
    # here, with the page's first elements: the map component mounts later (it is loaded lazily) and
    # then finds them ready (map_component.js). Our own loader, inline, is the only script in it
    # (st.html runs scripts only when allowed to), and it loads each file once, however often
    # Streamlit draws this element again.
    early = [*rendered.js_links, bundle_url(layers, geodata, lang)]
    skip_map, skip_text = esc(_("Skip to the map and its layers")), esc(_("Skip to the telegram's text"))
    st.html(
        langswitch.page_lang_script(lang)  # <html lang> first: the map's script reads it (TM.lang)
        + f'<a class="tm-skip" href="#tm-map">{skip_map}</a><a class="tm-skip" href="#tm-text">{skip_text}</a>'
        + mapview.early_scripts(early, [script_url]),
        unsafe_allow_javascript=True,
    )

for error in base.errors + doc.errors:
    st.error(error)
if st.session_state.pop("lesson_missing", False):
    st.warning(_("No saved lesson has that address: here are the map's own steps."))

# The map comes first in the page, on the left: a phone stacks the columns in this order, so the map is
# at the top from the first paint (a CSS `order` arrived after the columns and moved the whole page)
map_col, text_col = st.columns([3, 2] if view.mode == "explore" else [8, 5], gap="medium")

with map_col:
    state: dict = {"mode": view.mode, "clause": view.clause, "step": view.step}
    if lesson and presenting:  # the lesson's steps, each with its view: the map steps through them itself
        state["steps"] = lesson_views(layers, lesson.names)
    day = fitted["date"] if presenting else None  # a present step's day goes with its view
    kept = st.session_state.pop("keep_map_view", False)  # a shape chosen on the map: the map does not move
    if center is not None and not kept and st.session_state.get("map_view") != (center, zoom, day):
        # move only when the view changes, not on every rerun
        state["view"] = {"center": list(center), "zoom": zoom} | ({"date": day} if day else {})
    st.session_state.map_view = (center, zoom, day)
    # explore holds a box for the map from the first paint, a phone's (half of an 844-px screen): on a
    # phone the text is below it. On a larger screen the map then grows to 640 px, and only the
    # buttons under it move, out of view. Present mode, a projector's, has nothing below the map, and a
    # short first frame moves less (mapview.show)
    held = 420 if view.mode == "explore" else None
    said = {
        "heading": _("The map"),
        "beside": _("Details shown beside the map, under its words: {title}."),
        "under": _("Details shown under the map: {title}."),
        "failed": _("The map could not be loaded: {error}"),
    }
    mapview.show(rendered, script_url, key=MAP_KEY, height=held, state=state, said=said, on_select=on_map_select)
    feat = find_feature(doc, st.session_state.get("feature"))
    # a shape's details: beside the map, under its words in the text's column (web/text_component.js), so that
    # neither the page nor the map moves; on a phone under the map, which the text is below (app.css shows one)
    details = feature_details_html(feat["properties"], doc.bibliography, lang=lang) if feat is not None else None
    if view.mode == "explore":
        if details:
            st.html(f'<div class="tm-details-under">{details}</div>')
        elif active:
            hint = _("**%(clause)s**: click a highlighted shape for its quote, method and sources.")
            st.markdown(hint % {"clause": esc(active_label)})
        if active:  # a phone's way to the words below the map (a wider screen shows them beside it: app.css)
            read = esc(_("Read %(clause)s's words ↓") % {"clause": active_label})
            st.html(f'<a class="tm-read-words" href="#words-{esc(active)}">{read}</a>')
        about_col, list_col, take_col = st.columns(3)
        if about_col.button(_("About this map and its sources"), key="about", width="stretch"):
            dialogs.about()
        if list_col.button(_("All layers and features, as text"), key="feature-list", width="stretch"):
            dialogs.features()
        if take_col.button(_("Download for offline use"), key="offline", width="stretch"):
            dialogs.offline()
        if st.session_state.get("teacher"):
            back = _("Back to class %(code)s") % {"code": st.session_state.teacher["code"]}
            if st.button(back, key="class", type="primary"):
                st.session_state.teaching = True
                teacherkit.focus(teacherscreen.HEADING)
                st.rerun()
        elif st.button(_("Open a class: students draw their reading"), key="class"):
            teacherscreen.open_dialog()
        st.button(_("Make a lesson: your steps, notes and questions"), key="make-lesson", on_click=lessoneditor.resume)
        # the page in another language (#34): last, so that the keyboard meets the skip links and the map first
        langswitch.switch()

with text_col:
    if view.mode == "explore":
        textview.show(text_view(layers, lang), key=TEXT_KEY, active=active, details=details, on_clause=on_text_clause)
    else:
        present.panel()

teacherkit.draw()  # last, so that its box moves nothing: the teacher's keys, the focus after an action
