"""The About text, the feature list and the downloads, in dialogs: drawn only when asked for, they
do not weigh on every first load (time to first map, measured by `bench`). Their titles, and the feature list, in
the page's language (#34), but for the citations, the words quoted and the data's credits (geodata/SOURCES.md)."""

from __future__ import annotations

import streamlit as st

from ..i18n import ui
from ..render.views import N_, about_html, feature_list_html
from .navigation import language
from .resources import credits_md, document, folders, product

OFFLINE = (  # what the dialog offers: kind, what it is, button, file name, MIME type
    (
        "html",
        N_(
            "**The map as one HTML file.** Opens in any browser with no internet: the text, every layer, "
            "the links between them, the arrow keys and the date control."
        ),
        N_("Download the offline map (HTML)"),
        "telegram-1950-10-11-map.html",
        "text/html",
    ),
    (
        "pdf",
        N_("**The handout.** A4 PDF: the text, a map per directive with its quote, method and sources."),
        N_("Download the printable handout (PDF)"),
        "telegram-1950-10-11-handout.pdf",
        "application/pdf",
    ),
)


def about() -> None:
    st.dialog(ui(language()).gettext("About this map"), width="large")(_about)()


def _about() -> None:
    layers, geodata = folders()
    doc = document(layers)
    lang = language()
    st.html(about_html(doc, doc.notes.get("caveats", []), lang))
    if lang != "en":  # the data's credits, as their licences word them
        st.caption(ui(lang).gettext("The data's sources and licences, in English as their makers give them:"))
    st.markdown(credits_md(geodata))


def features() -> None:
    st.dialog(ui(language()).gettext("All layers and features, as text"), width="large")(_features)()


def _features() -> None:
    st.html(feature_list_html(document(folders()[0]), level=3, lang=language()))


def offline() -> None:
    st.dialog(ui(language()).gettext("Take it offline"))(_offline)()


def _offline() -> None:
    _ = ui(language()).gettext
    for kind, intro, label, file_name, mime in OFFLINE:
        st.markdown(_(intro))

        # built on the first click, then cached; in the page's language, taken now: Streamlit runs the callable
        # with no session (no ScriptRunContext)
        def build(kind: str = kind, lang: str = language()) -> bytes:
            return product(kind, *folders(), lang)

        st.download_button(
            _(label),
            data=build,
            file_name=file_name,
            mime=mime,
            key=f"dl-{kind}",
            on_click="ignore",
            width="stretch",
        )
