"""Make a folium map load nothing from the internet.

Folium points every element's scripts and styles at CDNs. Each element's `default_js` and
`default_css` are rewritten on the instance (never the class) to the project's vendored
copies; the ones a plain vector map does not use (jQuery, Bootstrap, awesome-markers,
fonts) are dropped. An asset with no local copy is an error, so a new plugin cannot
quietly bring a CDN link back.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import folium
from branca.element import Element

# folium's asset name -> file under static/ ; None means "not needed: drop it"
ASSETS: dict[str, str | None] = {
    "leaflet": "vendor/leaflet/leaflet.js",
    "leaflet_css": "vendor/leaflet/leaflet.css",
    "jquery": None,
    "bootstrap": None,
    "bootstrap_css": None,
    "bootstrap_theme_css": None,
    "glyphicons_css": None,
    "awesome_markers": None,
    "awesome_markers_css": None,
    "awesome_markers_font_css": None,
    "awesome_rotate_css": None,
}


class OfflineAssetError(RuntimeError):
    """An element wants a script or style sheet that the project has not vendored."""


def walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from walk(child)


def localize(fmap: folium.Map, base_url: str) -> folium.Map:
    """Point every asset of `fmap` and its children at `base_url` + the vendored path."""
    for element in walk(fmap):
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if not links:
                continue
            local = []
            for name, url in links:
                if name.startswith("tm_"):  # the project's own files (the data bundle): already local
                    local.append((name, url))
                    continue
                if name not in ASSETS:
                    raise OfflineAssetError(f"{type(element).__name__} needs {name} ({url}); vendor it first")
                if (asset := ASSETS[name]) is not None:
                    local.append((name, base_url + asset))
            setattr(element, attr, local)
    return fmap


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
