"""The map in the app: streamlit-folium's component, fed from a base map rendered once per process.

`st_folium` re-renders the whole folium map on every rerun. Folium compiles each element's
rendered script as a Jinja template, so ~0.5 MB of GeoJSON was lexed on every click and
every present-mode step (0.3-0.6 s per rerun on this machine). The base map never changes
within a session, so its parts (script, header, html, links) are rendered once per
(centre, zoom) and cached; a rerun only renders the small selection feature groups. The
arguments handed to the component are exactly the ones st_folium builds (streamlit-folium
0.27, pinned in pyproject.toml).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import folium
import streamlit as st
import streamlit_folium as sf

from .outputs import write_atomic


@dataclass(frozen=True)
class RenderedMap:
    script: str
    header: str
    html: str
    map_id: str
    css_links: list[str]
    js_links: list[str]
    bounds: dict


def _links(fmap: folium.Map) -> tuple[list[str], list[str]]:
    css: list[str] = []
    js: list[str] = []

    def walk(el):  # noqa: ANN001, ANN202
        css.extend(href for _, href in getattr(el, "default_css", []))
        js.extend(src for _, src in getattr(el, "default_js", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(fmap)
    return list(dict.fromkeys(css)), list(dict.fromkeys(js))


def render_once(fmap: folium.Map) -> RenderedMap:
    """What st_folium computes from a map, computed once."""
    fmap.get_root().render()
    fmap.render()
    html = sf._get_html(fmap)
    header = sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    (s, w), (n, e) = fmap.get_bounds()
    bounds = {"_southWest": {"lat": s, "lng": w}, "_northEast": {"lat": n, "lng": e}}
    css, js = _links(fmap)
    return RenderedMap(script, header, html, sf.get_full_id(fmap), css, js, bounds)


@functools.lru_cache(maxsize=64)
def _widget_key(script: str, key: str) -> str:
    # st_folium hashes the whole map script on every run; the script is fixed per rendered map
    return sf.generate_js_hash(script, key, False)


def show(
    rendered: RenderedMap,
    *,
    key: str,
    height: int,
    update: str,
    center: tuple[float, float] | None,
    zoom: int | None,
    returned_objects: list[str],
    on_change: Callable[[], None] | None = None,
) -> dict:
    """Draw the cached base map, and run `update` (render.state_script) on the live map: no reload.

    `update` goes where st_folium puts the script of its feature_group_to_add, which the
    component runs on the existing map whenever it changes."""
    hash_key = _widget_key(rendered.script, key)
    defaults = {"last_active_drawing": None, "bounds": rendered.bounds}

    def _on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})
        if on_change is not None:
            on_change()

    return sf._component_func(
        script=rendered.script,
        header=rendered.header,
        html=rendered.html,
        id=rendered.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default={k: v for k, v in defaults.items() if k in returned_objects},
        zoom=zoom,
        center=center,
        feature_group=update,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=rendered.css_links,
        js_links=rendered.js_links,
        on_change=_on_change,
        wrap_longitude=False,
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
