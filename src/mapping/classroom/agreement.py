"""The class's agreement: for each place, how many readings cover it, and where at least half agree.

Counted on a grid of CELL degrees over the map's window (about 5 km): each reading counts once in each cell
whose centre it covers. Points and lines are widened by REACH first, so that two students who mark the same
town a few pixels apart agree. The result is plain GeoJSON, drawn as graded shading.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import box, mapping, shape

from ..cartography import EAST, NORTH, SOUTH, WEST

CELL = 0.05  # degrees
REACH = 0.12  # degrees around a point or along a line: about 10-13 km
NX, NY = round((EAST - WEST) / CELL), round((NORTH - SOUTH) / CELL)
XS = WEST + (np.arange(NX) + 0.5) * CELL
YS = SOUTH + (np.arange(NY) + 0.5) * CELL


def _area_of(geometry: dict):
    geom = shape(geometry)
    return geom if geom.geom_type.endswith("Polygon") else geom.buffer(REACH, quad_segs=4)


def counts(geometries: list[dict]) -> np.ndarray:
    """How many readings cover each cell: an (NY, NX) array, row 0 in the south."""
    grid = np.zeros((NY, NX), dtype=np.int32)
    for g in geometries:
        area = _area_of(g)
        shapely.prepare(area)
        w, s, e, n = area.bounds
        i0, i1 = max(0, math.floor((w - WEST) / CELL)), min(NX, math.ceil((e - WEST) / CELL))
        j0, j1 = max(0, math.floor((s - SOUTH) / CELL)), min(NY, math.ceil((n - SOUTH) / CELL))
        if i0 >= i1 or j0 >= j1:
            continue
        xx, yy = np.meshgrid(XS[i0:i1], YS[j0:j1])
        grid[j0:j1, i0:i1] += shapely.contains_xy(area, xx, yy)
    return grid


def _runs(mask: np.ndarray, values: np.ndarray | None = None):
    """Rectangles of consecutive cells in a row that share a value: (j, i0, i1, value)."""
    for j in range(mask.shape[0]):
        row = mask[j]
        i = 0
        while i < row.size:
            if not row[i]:
                i += 1
                continue
            v = values[j, i] if values is not None else 1
            k = i + 1
            while k < row.size and row[k] and (values is None or values[j, k] == v):
                k += 1
            yield j, i, k, int(v)
            i = k


def _cell_box(j: int, i0: int, i1: int):
    return box(WEST + i0 * CELL, SOUTH + j * CELL, WEST + i1 * CELL, SOUTH + (j + 1) * CELL)


def agreement(geometries: list[dict]) -> dict:
    """The shading (a feature per run of equal count, with `count` and `share`), and the area where at least
    half the class agrees (`majority`, a MultiPolygon or None)."""
    n = len(geometries)
    grid = counts(geometries)
    shading = [
        {
            "type": "Feature",
            "properties": {"count": v, "share": round(v / n, 3)},
            "geometry": mapping(_cell_box(j, i0, i1)),
        }
        for j, i0, i1, v in _runs(grid > 0, grid)
    ]
    half = grid >= max(1, math.ceil(n / 2)) if n else np.zeros_like(grid, dtype=bool)
    boxes = [_cell_box(j, i0, i1) for j, i0, i1, _ in _runs(half)]
    majority = shapely.union_all(boxes) if boxes else None
    return {
        "readings": n,
        "shading": {"type": "FeatureCollection", "features": shading},
        "majority": mapping(majority) if majority is not None and not majority.is_empty else None,
    }


def clusters(geometries: list[dict]) -> dict:
    """The readings' points gathered where they lie within REACH of each other: one point per cluster at
    its centre, with `count` (how many marks) and `readings` (how many students marked it)."""
    groups: list[dict] = []
    for n, g in enumerate(geometries):
        coords = g["coordinates"] if g["type"] == "MultiPoint" else [g["coordinates"]] if g["type"] == "Point" else []
        for x, y in coords:
            near = next((c for c in groups if math.dist((x, y), c["at"]) <= REACH), None)
            if near is None:
                groups.append({"at": (x, y), "xs": [x], "ys": [y], "who": {n}})
            else:
                near["xs"].append(x)
                near["ys"].append(y)
                near["who"].add(n)
                near["at"] = (sum(near["xs"]) / len(near["xs"]), sum(near["ys"]) / len(near["ys"]))
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"count": len(c["xs"]), "readings": len(c["who"])},
                "geometry": {"type": "Point", "coordinates": [round(c["at"][0], 4), round(c["at"][1], 4)]},
            }
            for c in groups
        ],
    }
