"""The one map renderer: the app, the standalone export and the handout all start here.

It turns the loaded base geography into a folium map. It never computes geometry; it
only styles what geodata/ (and later layers/) already hold.

One module per map feature, the way folium lays out its plugins, each with its browser code
in a real file under web/ (a classic script defining one global function, which the element's
template calls with a JSON config; web/map.css for the styles):

    view      the map's window (CENTER, ZOOM, BOUNDS), the box the view never leaves (OUTER_BOUNDS) and fit_view
    style     classes, colours, dashes and fill patterns (Patterns); the CSS
    data      the data bundle and the layers drawn from it (DataScript, DataLayer)
    controls  All/None, the legend, the date and the place names (BrowserControl)
    labels    the place labels (PlaceLabels)
    state     the view state in the browser (MapState, window.tmApply), present_views
    extras    credits, zoom classes, the sea (MapExtras); tooltip_from
    map       base_map, add_base_layers, add_document_layers
    assets    the web/ files, read once at import, and how an element puts them on the page

The names the app, the export, the handout, the bench and the tests import are re-exported here.
"""

from __future__ import annotations

from .controls import BrowserControl, all_none, date_control, legend, name_switch
from .data import (
    BASE_KEYS,
    BASE_PROPS,
    BORDER_STYLE,
    DISPLAY_DECIMALS,
    PROPERTY_STYLE,
    RIVER_STYLE,
    DataLayer,
    DataScript,
    bundle_script,
    const_style,
    data_bundle,
    display_collection,
)
from .extras import CREDITS, MapExtras, tooltip_from
from .labels import PlaceLabels
from .map import TELEGRAM_DATE, add_base_layers, add_document_layers, base_map
from .state import MapState, present_views, state_script
from .style import (
    CSS,
    DASH,
    LAND,
    NO_DATA,
    PATTERNS,
    QUIET,
    QUIET_LAYERS,
    SEA,
    Patterns,
    css_classes,
    feature_style,
    pattern_id,
)
from .view import BOUNDS, CENTER, OUTER_BOUNDS, ZOOM, _bounds, _merc, fit_view

__all__ = [
    "BASE_KEYS",
    "BASE_PROPS",
    "BORDER_STYLE",
    "BOUNDS",
    "CENTER",
    "CREDITS",
    "CSS",
    "DASH",
    "DISPLAY_DECIMALS",
    "LAND",
    "NO_DATA",
    "OUTER_BOUNDS",
    "PATTERNS",
    "PROPERTY_STYLE",
    "QUIET",
    "QUIET_LAYERS",
    "RIVER_STYLE",
    "SEA",
    "TELEGRAM_DATE",
    "ZOOM",
    "BrowserControl",
    "DataLayer",
    "DataScript",
    "MapExtras",
    "MapState",
    "Patterns",
    "PlaceLabels",
    "_bounds",
    "_merc",
    "add_base_layers",
    "add_document_layers",
    "all_none",
    "base_map",
    "bundle_script",
    "const_style",
    "css_classes",
    "data_bundle",
    "date_control",
    "display_collection",
    "feature_style",
    "fit_view",
    "legend",
    "name_switch",
    "pattern_id",
    "present_views",
    "state_script",
    "tooltip_from",
]
