"""The map's frame and look, in one place: the window the base data covers, the outer box the view
never leaves, the projection, the base colours and how certainty is drawn.

Plain numbers and one formula, with nothing heavier than numpy: the build (derive/), the validator
(document.py), the renderer (render/), the handout and the GeoPackage's styles read them here, and
the browser gets the ones it draws with in its config, as JSON (render/data.py, render/extras.py).
"""

from __future__ import annotations

import numpy as np

# the window of the detailed base data (degrees): every layer lies inside it
WEST, SOUTH, EAST, NORTH = 115.0, 33.0, 135.0, 50.0
# The outer box: coarse land only, so that no view the map allows ever shows an edge of the world.
# The map never lets its view leave this box (maxBounds, and a min zoom that grows with the map's
# size: web/map_extras.js). 120 x 65 degrees is larger than a 2560 x 1440 px view at zoom 5
# (112.5 degrees wide; 1440 px tall is 1.10 radians of Mercator y, the box 1.65), so such a screen keeps zoom 5.
OUTER_WEST, OUTER_SOUTH, OUTER_EAST, OUTER_NORTH = 60.0, 5.0, 180.0, 70.0
PARALLEL = 38.0  # the 1945 dividing line; the 1953 armistice line is never used for 1950
EARTH_RADIUS_M = 6378137.0  # Web Mercator's sphere (EPSG:3857)


def mercator_y(lat):
    """Web Mercator's y on the unit sphere, for a latitude in degrees (a number or a numpy array)."""
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return float(y) if np.ndim(y) == 0 else y


def web_mercator(lon: float, lat: float) -> tuple[float, float]:
    """EPSG:3857 metres, as the map's tiles and relief images are drawn."""
    return EARTH_RADIUS_M * float(np.radians(lon)), EARTH_RADIUS_M * mercator_y(lat)


# the base map's colours. Land beyond the window (geodata/outer-land.geojson) has the colour flat lowland
# has inside it, which is relief.png's lowest tint at flat shade, (189, 199, 173), under the countries' 6 %
# white fill, and so also relief-outer.png's (that fill is baked into its palette). It shows only where the
# coarse relief's land mask leaves a sliver of the outer land uncovered, along coasts. (Beyond the outer
# box, neither land nor sea, is web/map.css's alone: the view never goes there.)
SEA = "#c6dbe8"
LAND = "#c1cab2"
COAST = "#5e5e5e"  # the countries' outlines (coasts and borders) and the outer land's coast
RIVER = "#3f7fb0"
BORDER = "#2b2b2b"

# certainty is drawn as the outline's dash, never by colour alone: on screen (Leaflet's dashArray, px), in
# print (matplotlib's linestyle, points: shorter, for an A4 page) and in words (the legend's CSS border)
DASH = {"certain": None, "less-certain": "10 6", "uncertain": "3 6"}
PRINT_DASH = {"certain": "-", "less-certain": (0, (6, 3)), "uncertain": (0, (2, 3))}
BORDER_STYLE = {"certain": "solid", "less-certain": "dashed", "uncertain": "dotted"}
