"""The map's window and views: where it opens, the area the base data covers, the box the view
never leaves, and fitting a view.

Plain numbers and Web Mercator maths, with no folium: the map (map.py), the present steps'
views (state.py) and the handout all read them.
"""

from __future__ import annotations

import math

from ..cartography import EAST, NORTH, OUTER_EAST, OUTER_NORTH, OUTER_SOUTH, OUTER_WEST, SOUTH, WEST, mercator_y

CENTER = (40.3, 126.8)
ZOOM = 6
BOUNDS = [[SOUTH, WEST], [NORTH, EAST]]  # the geodata window: the detailed base data
# the outer box: coarse land reaches it, and the view never leaves it
OUTER_BOUNDS = [[OUTER_SOUTH, OUTER_WEST], [OUTER_NORTH, OUTER_EAST]]
# the map's maxBounds: 0.1 degree inside OUTER_BOUNDS, because Leaflet keeps the view in maxBounds only to
# the whole pixel (up to 0.044 degree at zoom 5), and that pixel must still show data
VIEW_BOUNDS = [[OUTER_SOUTH + 0.1, OUTER_WEST + 0.1], [OUTER_NORTH - 0.1, OUTER_EAST - 0.1]]
# the min zoom on a map of FIT_SIZE; a smaller one may zoom out as many steps further as the present views
# do (web/map_state.js), a larger one's is higher, so the view always fits in OUTER_BOUNDS (web/map_extras.js)
MIN_ZOOM, MAX_ZOOM = 5, 10
FIT_SIZE = (720, 640)  # px: the map the present steps' views are fitted for


def bounds_of(features: list[dict]) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)

    for f in features:
        walk(f["geometry"]["coordinates"])
    return min(xs), min(ys), max(xs), max(ys)


def fit_view(
    features: list[dict], width_px: int = FIT_SIZE[0], height_px: int = FIT_SIZE[1]
) -> tuple[tuple[float, float], int]:
    """Centre and zoom that fit these features into a map of about this size (Web Mercator maths)."""
    west, south, east, north = bounds_of(features)
    dx = max((east - west) / 360.0 * 256, 1e-9)
    dy = max((mercator_y(north) - mercator_y(south)) / (2 * math.pi) * 256, 1e-9)
    zoom = math.floor(min(math.log2(width_px * 0.9 / dx), math.log2(height_px * 0.9 / dy)))
    lat = math.degrees(math.atan(math.sinh((mercator_y(north) + mercator_y(south)) / 2)))
    return (round(lat, 4), round((west + east) / 2, 4)), max(5, min(9, zoom))
