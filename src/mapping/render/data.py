"""The map's geometry: the data bundle, sent once, and the layers drawn from it.

Everything the map draws travels in one bundle, keyed by layer and slimmed to the properties
the browser uses (data_bundle, bundle_script): a cached static file in the app, inline in the
export. DataScript loads it in the browser (web/data_script.js) and each DataLayer draws its
part (web/data_layer.js), so the map script stays small and a rerun resends kilobytes, not the
half-megabyte of geometry.
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from jinja2 import Template

from ..cartography import BORDER, RIVER
from ..document.basemap import Basemap
from ..document.load import Document, Layer, as_list
from .assets import WebScripts
from .style import feature_style

# a DataLayer's style: one of web/data_layer.js's named styles, or a constant style object
PROPERTY_STYLE = "property"  # each feature's own style (feature_style), carried in the bundle
RIVER_STYLE = "river"  # heavier where the river is named
BORDER_STYLE = "border"  # dashed along the Paektu section (the 1962 treaty line)
NAMED_COLOURS = {RIVER_STYLE: RIVER, BORDER_STYLE: BORDER}  # a named style's colour, sent in its config


def const_style(**kw: object) -> dict:
    """The same style for every feature of a layer."""
    return kw


def display_collection(layer: Layer) -> dict:
    """Only what the browser needs: the shape, its id, clauses, title, certainty, kind and dates."""
    feats = []
    # a possible band is drawn before (under) its core: drawn after it, its hatching took every click
    # on the core, which could then never be chosen
    for f in sorted(layer.features, key=lambda f: f["properties"].get("band") != "possible"):
        p = f["properties"]
        when = p.get("when") or {}
        feats.append(
            {
                "type": "Feature",
                "id": p["id"],
                "geometry": f["geometry"],
                "properties": {
                    "id": p["id"],
                    "clause": " ".join(as_list(p["clause"])),
                    "title": p["title"],  # shown with textContent, never as HTML
                    "certainty": p["certainty"],
                    "band": p.get("band"),
                    "kind": layer.meta["kind"],
                    "when_start": when.get("start"),
                    "when_end": when.get("end", when.get("start")),
                    "style": feature_style(layer, p, f["geometry"]["type"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


class DataLayer(WebScripts, folium.map.Layer):
    """A GeoJSON layer whose features come from the shared data bundle (TM.data[key]).

    The bundle is one script loaded once (a cached static file in the app, inline in the
    export), so the map script itself stays small and a rerun resends kilobytes, not the
    half-megabyte of geometry. Styles and hover labels are constant JavaScript (web/data_layer.js).
    """

    web_js = ("tooltip.js", "data_layer.js")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = TM.dataLayer({{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        key: str,
        name: str,
        style: str | dict,
        label_field: str | None = None,
        interactive: bool = True,
        show: bool = True,
        register: bool = False,
        pane: str | None = None,
        outline: list[list[list[float]]] | None = None,
        line_pane: str | None = None,
        class_name: str | None = None,
    ) -> None:
        """`pane`: the Leaflet pane to draw in (default the overlay pane). `outline`: boxes [[s, w], [n, e]]
        the polygons were cut at; their outlines are drawn except along those boxes' edges, in `line_pane`
        if given (else in `pane`). `class_name`: a class on every shape, for web/map.css."""
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DataLayer"
        self.register = register  # a telegram layer: MapState selects, dims and dates its features
        self.key = key
        self.style_spec = style
        self.label_field = label_field
        self.interactive = interactive
        self.pane = pane
        self.outline = outline
        self.line_pane = line_pane
        self.class_name = class_name

    @property
    def config(self) -> dict:
        return {
            "key": self.key,
            "style": self.style_spec,
            "colour": NAMED_COLOURS.get(self.style_spec) if isinstance(self.style_spec, str) else None,
            "label": self.label_field,
            "interactive": self.interactive,
            "register": self.register,
            "pane": self.pane,
            "outline": self.outline,
            "line_pane": self.line_pane,
            "class_name": self.class_name,
        }


class DataScript(WebScripts, MacroElement):
    """`TM.whenData(fn)`: calls fn with the data bundle as soon as the map has it (web/data_script.js).

    The export carries the bundle inline in its head. The app's map loads it from `url`
    itself, after the map and its controls are drawn rather than before: the download
    overlaps that work (st_folium loads the frame's scripts one by one). Measured with the
    bench's first-map probe, 24 alternating rounds in one run: 1.36 -> 1.32x the bare page.
    """

    web_js = ("loader.js", "data_script.js")
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.whenData = TM.dataScript({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, url: str | None) -> None:
        super().__init__()
        self._name = "DataScript"
        self.url = url

    @property
    def config(self) -> dict:
        return {"url": self.url}


BASE_KEYS = ("outer", "countries", "manchuria", "rivers", "border", "parallel")


# the only base properties the map uses (hover labels and styles); sources stay in geodata/ and the About panel
BASE_PROPS = {
    "outer": (),
    "countries": ("name_1950",),
    "manchuria": (),
    "rivers": ("name",),
    "border": ("section",),
    "parallel": (),
}


def _slim(collection: dict, keep: tuple[str, ...]) -> dict:
    feats = [
        {
            "type": "Feature",
            "properties": {k: f["properties"][k] for k in keep if k in f["properties"]},
            "geometry": f["geometry"],
        }
        for f in collection["features"]
    ]
    return {"type": "FeatureCollection", "features": feats}


# 0.001 degree: rounding moves a point by at most 0.0005 degree, under half a screen pixel at the map's
# closest zoom (10: 728 px per degree of longitude, 950 of latitude at 40 N); the countries are simplified
# by 0.01 degree, and no layer's shape is known to 50 m. Four decimals cost 46 KB more (issue #12's budget)
DISPLAY_DECIMALS = 3


def _rounded(coords: object) -> object:
    if isinstance(coords, float):
        return round(coords, DISPLAY_DECIMALS)
    if isinstance(coords, list):
        return [_rounded(c) for c in coords]
    return coords


def _display(collection: dict) -> dict:
    """The same features with coordinates rounded for display; the data files keep full precision."""
    feats = [
        {**f, "geometry": {**f["geometry"], "coordinates": _rounded(f["geometry"]["coordinates"])}}
        for f in collection["features"]
    ]
    return {**collection, "features": feats}


def data_bundle(base: Basemap, doc: Document | None, lang: str = "en") -> dict[str, dict]:
    """Everything the map draws, keyed by layer, with only the properties it uses: sent once. In `lang`, the
    features' titles (their hover labels and names) are i18n.content's."""
    bundle = {f"base-{k}": _slim(base.collections[k], BASE_PROPS[k]) for k in BASE_KEYS if k in base.collections}
    for layer in doc.layers if doc else []:
        bundle[f"layer-{layer.id}"] = display_collection(layer)
        if lang != "en":
            from ..i18n.content import translate

            for f in bundle[f"layer-{layer.id}"]["features"]:
                p = f["properties"]
                if "title" in p:
                    p["title"] = translate(lang, f"feature:{p.get('id')}:title", p["title"])
    return {k: _display(v) for k, v in bundle.items()}


def bundle_script(bundle: dict[str, dict]) -> str:
    """The bundle as a script; '<' is escaped so no string in the data can close a script tag.

    It is a string handed to JSON.parse, not an object literal: V8 parses JSON faster (about
    23 against 35 ms for this bundle in Chromium here)."""
    text = json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"(window.TM = window.TM || {{}}).data = JSON.parse({json.dumps(text, ensure_ascii=False)});\n"
