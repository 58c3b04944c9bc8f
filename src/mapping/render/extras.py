"""What every map carries beside its layers: its accessible name, zoom classes, the sea; and the credits, which
controls.sources shows behind a button.

MapExtras (web/map_extras.js) sets the map's label, puts a `map-zN` class on
the container so labels can thin out by zoom, paints the sea over the whole outer box (the coarse
land beyond the window lies on it), and raises the min zoom on a large map so the view never
grows larger than that box.
"""

from __future__ import annotations

from branca.element import MacroElement
from jinja2 import Template

from ..cartography import LAND, SEA
from .assets import WebScripts
from .view import FIT_SIZE, MIN_ZOOM, OUTER_BOUNDS, VIEW_BOUNDS

CREDITS = (
    "Base map: Natural Earth; GSHHG (Wessel &amp; Smith); DCW-GMT; relief from pvlib Altitude.h5 "
    "(Mapzen: SRTM, GMTED2010, ETOPO1); places: GeoNames (CC BY 4.0). Leaflet (BSD-2). "
    "Beyond 115-135&deg;E, 33-50&deg;N: coarse land only, no borders (those of 1950 differed)."
)


class MapExtras(WebScripts, MacroElement):
    """The map's label, a `map-zN` class on the map container so labels can thin out by zoom, the sea, the min zoom,
    and `tm-narrow` on a narrow map (a phone's), where the controls take less room (web/map.css)."""

    web_js = ("map_extras.js",)
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        TM.mapExtras({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, label: str) -> None:
        super().__init__()
        self._name = "MapExtras"
        self.outer, self.sea, self.min_zoom, self.fit_size = OUTER_BOUNDS, SEA, MIN_ZOOM, FIT_SIZE
        self.label = label

    @property
    def config(self) -> dict:
        return {
            "label": self.label,
            "outer": self.outer,
            "view": VIEW_BOUNDS,
            "sea": self.sea,
            "land": LAND,
            "min_zoom": self.min_zoom,
            "fit_size": list(self.fit_size),
        }
