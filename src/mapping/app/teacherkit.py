"""The teacher's browser side (web/teacher.js): the keys of the classes this browser opened, kept in its local
storage so that a reload or a browser restart comes back to the class; the focus moved to where the next
action is; and the reveal key, active only with the focus on the class screen.

A key travels only between the teacher's own browser and the server, over the app's WebSocket: never on
screen, in a URL or in the server's log. `draw()` is called once on every teacher page; the rest say what
it should do.
"""

from __future__ import annotations

import itertools
import secrets

import streamlit as st

from ..paths import WEB

COMPONENT = st.components.v2.component(
    "telegram_teacher",
    html="<span hidden></span>",
    js=(WEB / "teacher.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)
STATUS = st.components.v2.component(
    "telegram_status",
    html='<p class="tm-class-counts" role="status" aria-live="polite"></p>',
    js=(WEB / "status.js").read_text(encoding="utf-8"),
    isolate_styles=False,
)
KEY = "tm-kit"
_NONCE = itertools.count(1)


def client() -> str:
    """The device this session comes from, for the limits (classroom/limits.py): its address, as the server saw
    it (under --lan, the one nginx saw), so that a reload starts no fresh count; one student's tries count
    against their own device, never the teacher's. A session with no known address counts alone."""
    return st.context.ip_address or st.session_state.setdefault("tm_client", secrets.token_hex(12))


def ring() -> dict | None:
    """The keyring this browser sent when the page loaded: {"classes": {code: key}, "current": code or None,
    "following": code or None}, or None before it has arrived."""
    return st.session_state.get("tm_ring")


def _received() -> None:
    got = (st.session_state.get(KEY) or {}).get("keys")
    if isinstance(got, dict) and isinstance(got.get("classes"), dict):
        classes = {str(c)[:16].upper(): str(k)[:200] for c, k in list(got["classes"].items())[:50]}
        current, following = got.get("current"), got.get("following")
        st.session_state.tm_ring = {
            "classes": classes,
            "current": str(current).upper() if current else None,
            "following": str(following).upper() if following else None,
        }
    else:
        st.session_state.tm_ring = {"classes": {}, "current": None, "following": None}


def remember(code: str, key: str | None) -> None:
    """Keep a class's key in this browser (None: forget it, after the class is deleted)."""
    st.session_state.setdefault("tm_saves", {})[code] = key
    r = ring()
    if r is not None:
        if key:
            r["classes"][code] = key
        else:
            r["classes"].pop(code, None)


def focus(*selectors: str) -> None:
    """Move the focus, once it is drawn (after this run), to the first of `selectors` that can take it."""
    st.session_state.tm_focus = {"selector": list(selectors), "nonce": next(_NONCE)}


def status(text: str, key: str) -> None:
    """Text a screen reader announces politely when it changes (a count as readings arrive)."""
    STATUS(key=key, data={"text": text}, height="content")


def draw(*, reveal_scope: str | None = None, reveal_button: str | None = None) -> None:
    teacher = st.session_state.get("teacher")
    data: dict = {
        "saves": st.session_state.get("tm_saves", {}),
        "focus": st.session_state.get("tm_focus"),
        "key_scope": reveal_scope,
        "key_button": reveal_button,
    }
    # once the browser's ring is known, or this session has a class: a stored class is never cleared unread (a
    # browser with an empty ring sends none, so a session with no class leaves its ring as it is)
    if ring() is not None or teacher:
        teaching = st.session_state.get("teaching", True)
        presenting = getattr(st.session_state.get("view"), "mode", None) == "present"
        data["current"] = teacher["code"] if teacher and teaching else None
        # present mode with a class: a reload keeps the class following the steps, with the map on screen
        data["following"] = teacher["code"] if teacher and not teaching and presenting else None
    with st.container(height=1, border=False, key="tm-kit-box"):
        COMPONENT(key=KEY, data=data, on_keys_change=_received, height=0)
