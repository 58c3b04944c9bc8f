"""The land beyond the window: coarse Natural Earth land, so the map has no edge of the world.

The detailed base data (countries, rivers, relief) covers only the window. Around it, out to the
outer box the map's view can never leave, the map draws this one coarse layer: land only, no
borders (the borders of 1950 differed from Natural Earth's modern ones, and none is needed here),
simplified for zoom 5-6 and with the window cut out, so inside the window only the detailed data draws.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

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


def _unwrap(ring: shapely.LinearRing) -> np.ndarray:
    """A ring's coordinates with no jump of 360 degrees in longitude, shifted to start east of 180 W."""
    xy = np.asarray(ring.coords)
    lon = np.degrees(np.unwrap(np.radians(xy[:, 0])))
    return np.column_stack([lon + 360 * np.ceil((-180 - lon.min()) / 360), xy[:, 1]])


def _valid(part: Polygon) -> shapely.Geometry:
    """One polygon of the land, valid. A polygon that crosses the antimeridian (Eurasia, which reaches past
    180 E in Chukotka) jumps from 180 to 180 W and back and so crosses itself; mended as it stood
    (make_valid on the whole MultiPolygon), it fell apart into latitude bands, and all land north of
    65.05 N, Siberia's Arctic coast, was left out. Unwrapped first, it stays one polygon."""
    if part.is_valid:
        return part
    return single_kind(shapely.make_valid(Polygon(_unwrap(part.exterior), [_unwrap(r) for r in part.interiors])))


def outer_land(land_topojson: Path) -> MultiPolygon:
    frame = gpd.read_file(land_topojson, layer="land")
    parts = [p for g in frame.geometry for p in getattr(g, "geoms", [g])]
    land = shapely.union_all([_valid(p) for p in parts])
    geom = land.intersection(OUTER).difference(WINDOW).simplify(SIMPLIFY)
    polygons: list[Polygon] = [
        p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon" and p.area >= MIN_AREA
    ]
    polygons.sort(key=lambda p: p.bounds)
    return MultiPolygon(polygons)


def outer_land_features(land: MultiPolygon) -> list[dict]:
    props = {
        "id": "outer-land",
        "name": "Land beyond the window (coarse, no borders)",
        "note": NOTE,
        "source": "Natural Earth 50m land via world-atlas 2.0.2",
    }
    return [feature(land, props, decimals=DECIMALS)]
