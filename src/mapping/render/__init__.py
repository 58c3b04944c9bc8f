"""The one map renderer: the app, the standalone export and the handout all start here.

It turns the loaded base geography into a folium map. It never computes geometry; it
only styles what geodata/ (and later layers/) already hold.

One module per map feature, the way folium lays out its plugins, each with its browser code
in a real file under web/ (a classic script adding one function to the page's namespace, window.TM,
which the element's template calls with a JSON config; web/map.css for the styles):

    view      the map's window (CENTER, ZOOM, BOUNDS), the box the view never leaves (OUTER_BOUNDS) and fit_view
    style     classes, colours, dashes and fill patterns (Patterns); the CSS
    data      the data bundle and the layers drawn from it (DataScript, DataLayer)
    controls  All/None, the legend, the date and the place names (BrowserControl)
    labels    the place labels (PlaceLabels)
    state     the view state in the browser (MapState, TM.apply), present_views
    extras    credits, zoom classes, the sea (MapExtras)
    map       base_map, add_base_layers, add_document_layers
    assets    the web/ files, read once at import, and how an element puts them on the page

The names the app, the export, the handout, the bench and the tests import from it are re-exported here;
anything else is imported from its module.
"""

from __future__ import annotations

from ..cartography import LAND, SEA
from .data import DataScript, bundle_script, data_bundle
from .map import base_map
from .state import present_views
from .view import BOUNDS, CENTER, OUTER_BOUNDS, ZOOM

__all__ = [
    "BOUNDS",
    "CENTER",
    "DataScript",
    "LAND",
    "OUTER_BOUNDS",
    "SEA",
    "ZOOM",
    "base_map",
    "bundle_script",
    "data_bundle",
    "present_views",
]
