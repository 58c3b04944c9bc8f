"""Small geographic helpers for tests: distances in km, not degrees."""

from __future__ import annotations

import json
import math
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.ops import nearest_points

ROOT = Path(__file__).resolve().parents[1]
GEODATA = ROOT / "geodata"


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def km_to(geom, lonlat: tuple[float, float]) -> float:
    """Great-circle km from a point to the nearest point of a geometry (good to <1% at these scales)."""
    near = nearest_points(geom, Point(lonlat))[0]
    return haversine_km((near.x, near.y), lonlat)


def collection(name: str) -> dict:
    return json.loads((GEODATA / name).read_text(encoding="utf-8"))


def places() -> dict[str, dict]:
    return {f["properties"]["key"]: f for f in collection("places.geojson")["features"]}


def lonlat(place: dict) -> tuple[float, float]:
    return tuple(place["geometry"]["coordinates"])  # type: ignore[return-value]


def geom(feature: dict):
    return shape(feature["geometry"])
