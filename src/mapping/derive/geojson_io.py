"""Deterministic GeoJSON writing: the same input always gives the same bytes.

RFC 7946 wants WGS 84, counter-clockwise exterior rings and no needless precision.
Rounding can break a polygon, so geometries are snapped with shapely's set_precision
(which keeps them valid) before they are oriented and written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import GeometryCollection, mapping
from shapely.geometry.base import BaseGeometry

DECIMALS = 5  # about 1 m: finer than any source used here


def single_kind(geom: BaseGeometry) -> BaseGeometry:
    """Clipping can leave stray points or slivers beside polygons: keep only the highest dimension."""
    if not isinstance(geom, GeometryCollection):
        return geom
    parts = list(geom.geoms)
    top = max(shapely.get_dimensions(p) for p in parts)
    return shapely.union_all([p for p in parts if shapely.get_dimensions(p) == top])


def clean(geom: BaseGeometry, decimals: int = DECIMALS) -> BaseGeometry:
    """Snap to the output grid, keep it valid, and orient rings the RFC 7946 way."""
    geom = single_kind(shapely.set_precision(single_kind(geom), 10.0**-decimals))
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        geom = shapely.orient_polygons(geom, exterior_cw=False)
    return geom


def _round(obj: Any, decimals: int) -> Any:
    if isinstance(obj, float):
        value = round(obj, decimals)
        return 0.0 if value == 0 else value  # never write -0.0
    if isinstance(obj, (list, tuple)):
        return [_round(v, decimals) for v in obj]
    return obj


def feature(geom: BaseGeometry, properties: dict[str, Any], decimals: int = DECIMALS) -> dict[str, Any]:
    """A GeoJSON feature with a cleaned, rounded geometry."""
    geom = clean(geom, decimals)
    geometry = mapping(geom)
    geometry = {"type": geometry["type"], "coordinates": _round(geometry["coordinates"], decimals)}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def dumps_collection(features: Iterable[dict[str, Any]], metadata: dict[str, Any] | None = None) -> str:
    """One feature per line, so that a change to one feature is a one-line diff."""
    head: dict[str, Any] = {"type": "FeatureCollection"}
    if metadata:
        head.update(metadata)
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":"), allow_nan=False) for f in features]
    head_json = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return head_json + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_collection(path: Path, features: Iterable[dict[str, Any]], metadata: dict[str, Any] | None = None) -> None:
    path.write_text(dumps_collection(features, metadata), encoding="utf-8")
