"""Manchuria as the modern provinces of Liaoning, Jilin and Heilongjiang, from DCW.

The 1950 Northeast Administrative Region had other provincial boundaries; this is the
modern approximation, and the features say so.
"""

from __future__ import annotations

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from .geojson_io import feature
from .sources import gmt
from .window import WINDOW

PROVINCES = {"CN.LN": "Liaoning", "CN.JL": "Jilin", "CN.HL": "Heilongjiang"}
SIMPLIFY = 0.01
NOTE = (
    "Modern provincial boundaries (DCW), used as an approximation of Manchuria, the 1950 Northeast "
    "Administrative Region, whose provinces were drawn differently."
)


def province(code: str) -> BaseGeometry:  # a Polygon, or a MultiPolygon where a province has islands
    text = gmt("coast", f"-E{code}", "-M")
    rings: list[Polygon] = []
    current: list[tuple[float, float]] = []
    for line in text.splitlines():
        if line.startswith(">"):
            if len(current) > 3:
                rings.append(Polygon(current))
            current = []
        elif line.strip():
            x, y = line.split()[:2]
            current.append((float(x), float(y)))
    if len(current) > 3:
        rings.append(Polygon(current))
    return unary_union([r.buffer(0) for r in rings])


def manchuria_features() -> list[dict]:
    out = []
    for code, name in PROVINCES.items():
        geom = province(code).intersection(WINDOW).simplify(SIMPLIFY)
        out.append(
            feature(
                geom,
                {
                    "id": f"province-{code.lower().replace('.', '-')}",
                    "name": name,
                    "code": code,
                    "note": NOTE,
                    "source": "DCW-GMT 2.1.1 via gmt coast -E (Debian gmt-dcw)",
                },
            )
        )
    return out
