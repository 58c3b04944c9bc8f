"""RFC 7946 checks for one GeoJSON geometry: WGS 84 ranges, ring winding, precision, validity.

Used by `validate`, by the app's loader and by the tests, so all three agree on what a
good geometry is. Every check returns plain sentences; nothing raises on bad input.
"""

from __future__ import annotations

import math
from typing import Any

import shapely
from shapely.geometry import shape

MAX_DECIMALS = 6
TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}
DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def _positions(coords: Any, depth: int) -> list:
    if depth == 0:
        return [coords]
    if not isinstance(coords, list):
        raise TypeError
    out = []
    for c in coords:
        out.extend(_positions(c, depth - 1))
    return out


def _decimals(x: float) -> int:
    text = repr(float(x))
    if "e" in text or "E" in text:
        return 99 if abs(x) > 0 and abs(x) < 1e-6 else 0
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


def _signed_area(ring: list) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:], strict=False)) / 2


def geometry_faults(geom: Any) -> list[str]:
    """What is wrong with one GeoJSON geometry object (an empty list if nothing)."""
    if not isinstance(geom, dict):
        return ["geometry is missing or not an object"]
    kind = geom.get("type")
    if kind == "GeometryCollection":
        return ["GeometryCollection is not allowed here; use one geometry type per feature"]
    if kind not in TYPES:
        return [f"unknown geometry type {str(kind)[:30]!r}"]
    coords: Any = geom.get("coordinates")  # any JSON: _positions checks it
    try:
        positions = _positions(coords, DEPTH[kind])
    except (TypeError, RecursionError):
        return [f"{kind} coordinates are not nested lists of positions"]
    if not positions:
        return [f"{kind} has no coordinates"]
    faults: list[str] = []
    for pos in positions:
        if not isinstance(pos, list) or len(pos) < 2:
            return ["a position is not a [longitude, latitude] pair"]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos):
            return [f"a coordinate is not a number: {str(pos)[:40]}"]
        if not all(math.isfinite(v) for v in pos):
            return [f"a coordinate is not finite: {pos[:2]}"]
    lons = [p[0] for p in positions]
    lats = [p[1] for p in positions]
    if not all(-180 <= v <= 180 for v in lons) or not all(-90 <= v <= 90 for v in lats):
        faults.append("coordinates out of WGS 84 range (longitude -180..180, latitude -90..90)")
    worst = max(_decimals(v) for p in positions for v in p[:2])
    if worst > MAX_DECIMALS:
        faults.append(f"coordinates have {worst} decimals; RFC 7946 practice here is at most {MAX_DECIMALS}")
    polygons = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    for poly in polygons:
        for i, ring in enumerate(poly):
            if len(ring) < 4 or ring[0] != ring[-1]:
                faults.append("a polygon ring is not closed or has fewer than 4 positions")
                break
            area = _signed_area(ring)
            if i == 0 and area < 0:
                faults.append("an exterior ring is clockwise; RFC 7946 wants counter-clockwise")
            if i > 0 and area > 0:
                faults.append("a hole is counter-clockwise; RFC 7946 wants clockwise")
    if not faults:
        try:
            g = shape(geom)
        except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
            return [f"geometry cannot be built: {exc}"]
        if not g.is_valid:
            faults.append(f"invalid geometry: {shapely.is_valid_reason(g)}")
    return faults
