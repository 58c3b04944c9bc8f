"""The land beyond the window: coarse Natural Earth land, so the map has no edge of the world.

The detailed base data (countries, rivers, relief) covers only the window. Around it, out to the
outer box the map's view can never leave, the map draws this one coarse layer: land only, no
borders (the borders of 1950 differed from Natural Earth's modern ones, and none is needed here),
simplified for zoom 5-6 and with the window cut out, so inside the window only the detailed data draws.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon

from .geojson_io import feature, single_kind
from .window import OUTER, WINDOW

SIMPLIFY = 0.04  # degrees: under one screen pixel at zoom 5 (0.044 degree per px), two at zoom 6
MIN_AREA = 0.003  # square degrees (about 30 km2): smaller islands are left out
DECIMALS = 2  # 0.01 degree, a quarter of the simplification

NOTE = (
    "Coarse land beyond the window the detailed base data covers (115-135 E, 33-50 N): Natural Earth 50m "
    "land, simplified by 0.04 degree, islands under 0.003 square degrees left out. Land only: no borders, "
    "because the borders of 1950 differed from Natural Earth's modern ones."
)


def outer_land(land_topojson: Path) -> MultiPolygon:
    frame = gpd.read_file(land_topojson, layer="land")
    land = shapely.union_all([g if g.is_valid else single_kind(shapely.make_valid(g)) for g in frame.geometry])
    geom = land.intersection(OUTER).difference(WINDOW).simplify(SIMPLIFY)
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon" and p.area >= MIN_AREA]
    return MultiPolygon(sorted(parts, key=lambda p: p.bounds))


def outer_land_features(land_topojson: Path) -> list[dict]:
    props = {
        "id": "outer-land",
        "name": "Land beyond the window (coarse, no borders)",
        "note": NOTE,
        "source": "Natural Earth 50m land via world-atlas 2.0.2",
    }
    return [feature(outer_land(land_topojson), props, decimals=DECIMALS)]
