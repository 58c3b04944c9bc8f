"""The map in the app: a Streamlit components-v2 component, mounted in the page itself (no iframe).

folium builds the map; it is rendered once per process and starting view, and its script is
published as a static file that the browser fetches once. The component (web/map_component.js)
loads Leaflet and that script into the page on its first render; on every later render Python
sends only the view state (mode, clause, step: a few bytes), which the component applies with
TM.apply, so a rerun never reloads the map. A chosen shape comes back as the trigger
value "select". Keys reach the map wherever focus is, because map and page are one document.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

import folium
import streamlit as st
from branca.element import Figure

from ..outputs.errors import write_atomic
from ..paths import WEB

_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_STYLE_TAG = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)

# The one script loader (web/loader.js, TM.loadScript): put in front of the component's module and of
# the header's early script, so both load each file once, and wait on the same loads
LOADER = (WEB / "loader.js").read_text(encoding="utf-8")

COMPONENT = st.components.v2.component(
    "telegram_map",
    # the h2 is for screen readers: the map's parts and the details (h3) below it
    html='<h2 class="tm-sr-only">The map</h2><div class="tm-map-host"></div>',
    css=(WEB / "map_component.css").read_text(encoding="utf-8"),
    js=LOADER + (WEB / "map_component.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # Leaflet's stylesheet and the map's own CSS apply in the page
)


@cache
def fullscreen(lang: str, label: str) -> Callable[..., object]:
    """Present mode's own script: the full-screen button, labelled in the page's language, and each step's type
    fitted to the screen (present_fit.js). One component per language, its label in its HTML: sent as the
    component's data, the label made the map's present keys lose a lesson's steps (test_lesson_browser)."""
    return st.components.v2.component(
        f"telegram_map_fullscreen_{lang.replace('-', '_')}",
        html=f'<button id="tm-fullscreen" type="button" class="tm-fullscreen">{html.escape(label)}</button>',
        js="\n".join((WEB / name).read_text(encoding="utf-8") for name in ("present_fit.js", "fullscreen.js")),
        isolate_styles=False,
    )


@dataclass(frozen=True)
class RenderedMap:
    script: str  # everything the map runs: its CSS (injected once), folium's inline setup and map script
    html: str  # the map's container element
    map_id: str
    css_links: list[str]
    js_links: list[str]


def _links(fmap: folium.Map) -> tuple[list[str], list[str]]:
    css: list[str] = []
    js: list[str] = []

    def walk(el):
        css.extend(href for _, href in getattr(el, "default_css", []))
        js.extend(src for _, src in getattr(el, "default_js", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(fmap)
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def render_once(fmap: folium.Map) -> RenderedMap:
    """The map's parts, rendered once: its stylesheet, inline setup, container and script."""
    root = cast(Figure, fmap.get_root())  # a folium Map's root is its Figure
    root.render()
    header = root.header.render()
    styles = "\n".join(_STYLE_TAG.findall(header))
    inline = "\n".join(body for attrs, body in _SCRIPT_TAG.findall(header) if "src=" not in attrs)
    css, js = _links(fmap)
    script = (
        f"(function () {{ var s = document.createElement('style'); s.textContent = {json.dumps(styles)};"
        " document.head.appendChild(s); })();\n" + inline + "\n" + root.script.render()
    )
    return RenderedMap(script, root.html.render().strip(), f"{fmap._name.lower()}_{fmap._id}", css, js)


EARLY_LOAD = LOADER + (WEB / "early_load.js").read_text(encoding="utf-8")
# st.html's sanitizer drops a script whose text has a less-than sign before a letter: none may be in it
if "<" in EARLY_LOAD:
    raise ValueError("web/loader.js and web/early_load.js must hold no less-than sign: st.html would drop them")


def early_scripts(urls: list[str], preload: list[str]) -> str:
    """The inline script (web/loader.js, then web/early_load.js) that starts loading these files as soon
    as the page draws it: `urls` run at once, in order; `preload` are only fetched, for the component to
    run later."""
    return (
        f'<script data-urls="{html.escape(" ".join(urls))}" data-preload="{html.escape(" ".join(preload))}">'
        f"{EARLY_LOAD}</script>"
    )


def show(
    rendered: RenderedMap,
    script_url: str,
    *,
    key: str,
    height: int | None,
    state: dict,
    said: dict[str, str],
    on_select: Callable[[], None] | None = None,
) -> object:
    """Mount the map (once per session and starting view) and hand it the view state. `said`: the words the
    component says for itself, in the page's language: `heading` (for screen readers), `beside` and `under` (the
    details announced, with {title}), `failed` (with {error})."""
    return COMPONENT(
        key=key,
        data={
            "script_url": script_url,
            "html": rendered.html,
            "css_links": rendered.css_links,
            "js_links": rendered.js_links,
            "state": state,
            "said": said,
        },
        # A box held from the first paint (`height`), or none: the component's own CSS sizes it when it
        # is drawn (web/map_component.css). A held box keeps a phone's text from moving down when the
        # map arrives; with none, the page's first frame is short, and Streamlit's switch from its
        # loading skeleton to the wide layout moves less of it (bench: layout shift)
        height=height if height else "content",
        on_select_change=on_select or (lambda: None),
    )


def publish(content: bytes, stem: str, suffix: str, folder: Path, url_prefix: str) -> str:
    """Write a file the browser fetches once, under a name made from its content, and return its URL.

    Streamlit serves ./static; the files live in static/cache/ (not committed). The name
    changes whenever the content does, so a browser never uses a stale copy, and two server
    processes writing the same file write the same bytes.
    """
    name = f"{stem}-{hashlib.sha256(content).hexdigest()[:16]}{suffix}"
    if not (folder / name).exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, content, force=True)  # a racing process writes the same bytes
    return url_prefix + name
