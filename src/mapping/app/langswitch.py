"""The app's language (#34): the switch on the page (explore and present mode), the script that sets the page's
`<html lang>` (web/page_lang.js), and the interface strings' lookup. The language itself is navigation's (the
view's URL keeps it)."""

from __future__ import annotations

import html

import streamlit as st

from ..i18n import LANGS, NAMES, ui
from ..paths import WEB
from .navigation import LANG_KEY, language, on_lang

PAGE_LANG = (WEB / "page_lang.js").read_text(encoding="utf-8")
if "<" in PAGE_LANG:  # st.html's sanitizer would drop the script
    raise ValueError("web/page_lang.js must hold no less-than sign")


def gettext(lang: str | None = None):
    """The interface strings' gettext in `lang` (by default the page's)."""
    return ui(lang or language()).gettext


def ngettext(lang: str | None = None):
    return ui(lang or language()).ngettext


def page_lang_script(lang: str) -> str:
    """The inline script that sets `<html lang>` (put in an st.html that may run scripts)."""
    return f'<script data-lang="{html.escape(lang)}">{PAGE_LANG}</script>'


def page_lang() -> None:
    """`<html lang>` on a page the app's header is not drawn on (the class screen, the lesson editor), which a
    reload or a restarted browser may open first."""
    st.html(page_lang_script(language()), unsafe_allow_javascript=True)


def switch() -> None:
    """A small selectbox: each language named in its own words; a choice reruns the page in it."""
    _ = gettext()
    lang = language()
    st.selectbox(
        _("Language"),
        LANGS,
        index=LANGS.index(lang),
        format_func=NAMES.__getitem__,
        key=LANG_KEY,
        on_change=on_lang,
        label_visibility="collapsed",
    )
