"""What every derived layer is built on: the map window as a World (places, Korea, the elevation grid),
measures in a Korea-centred equal-area projection, and the shape of a layer's and a feature's properties.

Every vague phrase becomes a region by a stated rule on the elevation grid, with its
parameters written into the feature. Regions are graded: a `core` band (less-certain)
and a wider `possible` band (uncertain). Measured facts are computed in a Korea-centred
Lambert azimuthal equal-area projection, never in degrees.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypedDict

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import Point, Polygon, shape
from shapely.ops import transform, unary_union

from . import fronts
from .relief import Grid, bilinear, read_ascii_grid

LAEA = "+proj=laea +lat_0=40 +lon_0=127 +datum=WGS84 +units=m +no_defs"  # equal-area, centred on Korea
to_laea = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True).transform
_inv = Transformer.from_crs(LAEA, "EPSG:4326", always_xy=True).transform
GEOD = Geod(ellps="WGS84")
GRID_NOTE = (
    "pvlib Altitude.h5 (Mapzen: SRTM, GMTED2010, ETOPO1), 1/12 degree cells (about 9 x 7 km at 40 N), 28 m steps"
)


class C3Rule(TypedDict):  # a band of conclusion 3's mountains
    min_elevation_m: int
    max_km_north_of_line: int
    outside: str  # the C2 band it stays out of


# The rules. Each number is written into the features that it shaped.
C2_CORE = {"min_elevation_m": 1000, "max_border_distance_km": 60}
C2_POSSIBLE = {"min_elevation_m": 600, "max_border_distance_km": 120}
# C3 stops where C2 starts: both its bands stay out of C2's possible band, so the two never claim the same
# ground and their hatching never stacks
C3_CORE: C3Rule = {"min_elevation_m": 400, "max_km_north_of_line": 100, "outside": "c2-border-mountains-possible"}
C3_POSSIBLE: C3Rule = {"min_elevation_m": 300, "max_km_north_of_line": 150, "outside": "c2-border-mountains-possible"}
PARTISAN = {"min_elevation_m": 800}
UPSAMPLE = 3  # rules run on a bilinear resampling of the grid at 1/36 degree, so edges follow terrain, not 9 km cells
SMOOTH_KM = 6.0  # closing: buffer out, then in, by this distance (fills gaps between ridges)
ROUND_KM = 3.0  # opening: buffer in, then out, by this distance (rounds off spurs and cell corners)
MIN_PATCH_KM2 = 400.0  # drop isolated patches smaller than this
SIMPLIFY_KM = 1.0
# how the grid's cells become shapes, as each derived feature's method reports it (one home for the
# three derived bands: C2, C3 and the partisans' mountains). The grid is 1/12 degree, resampled UPSAMPLE times
SMOOTHING = {
    "smoothing_closing_km": SMOOTH_KM,
    "smoothing_opening_km": ROUND_KM,
    "resampled_step_deg": round(1 / (12 * UPSAMPLE), 6),
    "min_patch_km2": MIN_PATCH_KM2,
}

QUOTES = {
    "C1": "the Chinese troops should not cross the Korean border in order not to find themselves in an unfavorable position",
    "C2": "If the troops have already crossed the border they ought not to move further than the mountainous regions along the Chinese border",
    "C3": "Consider it advisable for Korean units to occupy the mountainous regions north of Pyongyang and Wonsan for defense",
    "C3P": "to transfer part of the troops to partisan status in the rear of the enemy",
    "C4": "Withdraw the best of the mobilized Koreans with command personnel to Manchuria quietly and in small groups where Korean divisions are to be formed from them",
    "C5": "Pyongyang and other important locations south of the mountainous region of North Korea are to be immediately evacuated.",
    "F2": "in view of the precariousness of the Korean units north of the 38th parallel Korea will be occupied by the Americans",
}


def cite(key: str, locator: str = "") -> dict:
    """A citation: a key of layers/sources.json and, where it helps, a locator inside the source."""
    return {"id": key, "locator": locator} if locator else {"id": key}


TELEGRAM = cite("wilson-4785")
MAO_14 = cite("mao-wenji-1950-10-14")
ORDER_12 = cite("wilson-75511")
KPA_IN_MANCHURIA = cite("wilson-110358")  # 30 Jan 1951: 9 of 28 Korean divisions in Manchuria
NE = cite("natural-earth")
DCW = cite("dcw-gmt")
GRID = cite("pvlib-altitude")
GEONAMES = cite("geonames")
PARTISAN_SOURCES = [cite("time-rats-corncrib")]


def to_m(g):
    return transform(to_laea, g)


def to_deg(g):
    return transform(_inv, g)


def _fc(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


class World:
    """What the rules need from geodata/: the grid, North Korea in 1950, the border, places."""

    def __init__(self, geodata: Path) -> None:
        self.grid: Grid = read_ascii_grid((geodata / "elevation.asc").read_text(encoding="ascii"))
        countries = {f["properties"]["id"]: shape(f["geometry"]) for f in _fc(geodata / "countries.geojson")}
        self.north = countries["korea-north-1950"]
        self.south = countries["korea-south-1950"]
        self.korea = unary_union([self.north, self.south])
        self.border_features = _fc(geodata / "border-china-korea.geojson")
        self.border = unary_union([shape(f["geometry"]) for f in self.border_features])
        self.places = {f["properties"]["key"]: f for f in _fc(geodata / "places.geojson")}
        self.manchuria = _fc(geodata / "manchuria.geojson")
        self.parallel = _fc(geodata / "parallel-38.geojson")[0]
        self.north_m = to_m(self.north)
        self.border_m = to_m(self.border)
        coarse = self.grid
        step = coarse.step / UPSAMPLE
        lon = coarse.west + step * np.arange((coarse.z.shape[1] - 1) * UPSAMPLE + 1)
        lat = coarse.south + step * np.arange((coarse.z.shape[0] - 1) * UPSAMPLE + 1)
        self.LON, self.LAT = np.meshgrid(lon, lat)
        self.z = bilinear(coarse, self.LON, self.LAT)
        self.step = step
        self.in_north = shapely.contains_xy(self.north, self.LON, self.LAT)
        xs, ys = to_laea(self.LON, self.LAT)
        self.border_km = shapely.distance(self.border_m, shapely.points(xs, ys)) / 1000.0

    def xy(self, key: str) -> tuple[float, float]:
        return tuple(self.places[key]["geometry"]["coordinates"])

    def region(self, mask: np.ndarray, clip=None) -> Polygon:
        """Grid cells -> smoothed polygon in degrees, clipped to North Korea (1950) or to `clip`."""
        half = self.step / 2
        cells = shapely.box(self.LON[mask] - half, self.LAT[mask] - half, self.LON[mask] + half, self.LAT[mask] + half)
        if not len(cells):
            raise ValueError("a rule selected no grid cells")
        merged = to_m(shapely.coverage_union_all(cells))
        closed = merged.buffer(SMOOTH_KM * 1000, quad_segs=4).buffer(-SMOOTH_KM * 1000, quad_segs=4)
        smooth = closed.buffer(-ROUND_KM * 1000, quad_segs=4).buffer(ROUND_KM * 1000, quad_segs=4)
        parts = [p for p in getattr(smooth, "geoms", [smooth]) if p.area >= MIN_PATCH_KM2 * 1e6]
        # clip in degrees, after the round trip through the projection, so the edge matches the border exactly
        return to_deg(unary_union(parts).simplify(SIMPLIFY_KM * 1000)).intersection(
            self.north if clip is None else clip
        )


north_of = fronts.north_of


def place_citations(props: dict) -> list[dict]:
    """The citation behind a gazetteer point: GeoNames, or the source of a hand-added coordinate."""
    return [cite(props["source"], props.get("locator", ""))] if props.get("source") else [GEONAMES]


def measures(geom, world: World) -> dict:
    """Area, share of 1950 North Korea, distances to the border and Pyongyang, length: km, not degrees."""
    g_m = to_m(geom)
    out: dict = {}
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        out["area_km2"] = round(g_m.area / 1e6, 0)
        in_north = g_m.intersection(world.north_m).area
        if in_north >= 0.5 * g_m.area:  # a share of North Korea means something only for a zone inside it
            out["share_of_north_korea_1950_pct"] = round(100 * in_north / world.north_m.area, 1)
    if geom.geom_type in ("LineString", "MultiLineString"):
        out["length_km"] = round(GEOD.geometry_length(geom) / 1000, 1)
    out["distance_to_border_km"] = round(g_m.distance(world.border_m) / 1000, 1)
    out["distance_to_pyongyang_km"] = round(g_m.distance(to_m(Point(world.xy("pyongyang")))) / 1000, 1)
    return out


def feature_props(
    fid: str, clause, title: str, quote, summary: str, interp: str, method: dict, certainty: str, citations, **extra
) -> dict:
    p = {
        "id": fid,
        "clause": clause,
        "title": title,
        "quote": quote,
        "summary": summary,
        "interpretation": interp,
        "method": method,
        "certainty": certainty,
        "citations": citations,
    }
    p.update(extra)
    return p


def derived_method(description: str, **parameters) -> dict:
    return {"kind": "derived", "description": description, "parameters": {**parameters, "grid": GRID_NOTE}}


def layer_meta(
    lid: str,
    clause: list[str],
    title: str,
    order: int,
    kind: str,
    legend: str,
    style: dict,
    src: str,
    step: str | None = None,
) -> dict:
    """A layer's metadata. `step`: the present step that frames this layer alone (state.STEPS), if any."""
    meta = {
        "id": lid,
        "clause": clause,
        "title": title,
        "order": order,
        "kind": kind,
        "legend": legend,
        "style": style,
        "build": src,
    }
    return {**meta, "step": step} if step else meta


DERIVED = "derived by python -m mapping build from geodata/"
