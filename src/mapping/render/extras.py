"""What every map carries beside its layers: credits, its accessible name, zoom classes, the sea.

MapExtras (web/map_extras.js) sets the credits and the map's label, puts a `map-zN` class on
the container so labels can thin out by zoom, and paints the sea only inside the window the
base data covers. tooltip_from is the hover label that DataLayer uses (web/tooltip.js).
"""

from __future__ import annotations

import json

import folium
from branca.element import MacroElement
from jinja2 import Template

from .assets import WebScripts
from .style import SEA
from .view import BOUNDS

CREDITS = (
    "Base map: Natural Earth; GSHHG (Wessel &amp; Smith); DCW-GMT; relief from pvlib Altitude.h5 "
    "(Mapzen: SRTM, GMTED2010, ETOPO1); places: GeoNames (CC BY 4.0). Leaflet (BSD-2)."
)


class MapExtras(WebScripts, MacroElement):
    """Credits, and a `map-zN` class on the map container so labels can thin out by zoom."""

    web_js = ("map_extras.js",)
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.tmMapExtras({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, credits: str, label: str) -> None:
        super().__init__()
        self._name = "MapExtras"
        self.bounds, self.sea = BOUNDS, SEA
        self.credits = credits
        self.label = label

    @property
    def config(self) -> dict:
        return {"credits": self.credits, "label": self.label, "bounds": self.bounds, "sea": self.sea}


def tooltip_from(field: str) -> folium.JsCode:
    """A hover label from one property, set as text (never parsed as HTML): an onEachFeature.

    folium's GeoJsonTooltip compiles a template on every render, which made each rerun
    slow; this is a constant function (web/tooltip.js, which DataLayer puts on the page)."""
    return folium.JsCode(f"window.tmTooltipFrom({json.dumps(field)})")
