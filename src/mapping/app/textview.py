"""The telegram's text in the app: a Streamlit components-v2 component, in the page itself.

One element holds every part of the text (views.text_html) and the map as text below it, where a
widget per paragraph made some 25 elements that the page drew, one by one, before the map could
mount. Its stylesheet (web/text.css) comes with it, so the text is drawn at its size at once. A
clause chosen (click, Enter or Space on its button) comes back as the trigger value "clause";
Python sends only the selected clause, and the details of a shape chosen, on a rerun (web/text_component.js marks
the clause pressed, with web/steps.js's TM.pressOnly, put in front of the module, and puts the details under it).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ..paths import WEB


def component(html: str, name: str = "telegram_text") -> Callable[..., object]:
    """The component for this document's text (register once per process and language: app.py caches it)."""
    return st.components.v2.component(
        name,
        html=f'<div class="tm-text-view">{html}</div>',
        css=(WEB / "text.css").read_text(encoding="utf-8"),
        js=(WEB / "steps.js").read_text(encoding="utf-8") + (WEB / "text_component.js").read_text(encoding="utf-8"),
        isolate_styles=False,  # the page's own styles (app.css) reach the list's links too
    )


def show(
    text: Callable[..., object],
    *,
    key: str,
    active: str | None,
    on_clause: Callable[[], None],
    details: str | None = None,
) -> object:
    """Draw the text, with `active` (a clause id, or None) marked as pressed and, under its words, `details`: a
    shape's details (views.feature_details_html, escaped), shown there beside the map on a wide screen."""
    return text(key=key, data={"active": active, "details": details}, on_clause_change=on_clause)
