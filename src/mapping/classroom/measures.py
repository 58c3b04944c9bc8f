"""A student's reading beside the map's own, in numbers a class can discuss after the reveal.

Areas and distances are computed on a local equal-area plane (x scaled by the cosine of the reading's
latitude), good to a few per cent at these latitudes and ample for a comparison. Heights come from the
build's own elevation grid (geodata/elevation.asc, 1/12 degree), the grid the map's method used.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import shapely
from shapely.affinity import scale
from shapely.geometry import shape
from shapely.ops import unary_union

KM_PER_DEG = 111.2


@cache
def elevation(path: Path) -> tuple[np.ndarray, float, float, float]:
    """The grid (rows from the north), and its west and south cell centres and cell size."""
    head = {}
    with path.open(encoding="utf-8") as f:
        for _ in range(6):
            k, v = f.readline().split()
            head[k.lower()] = float(v)
        grid = np.loadtxt(f, dtype=np.float32)
    grid[grid == head["nodata_value"]] = np.nan
    return grid, head["xllcenter"], head["yllcenter"], head["cellsize"]


def _plane(geom, lat0: float):
    return scale(geom, xfact=KM_PER_DEG * math.cos(math.radians(lat0)), yfact=KM_PER_DEG, origin=(0, 0))


def _area_km2(geom, lat0: float) -> float:
    return _plane(geom, lat0).area


def share_above(geom, height_m: float, grid_path: Path) -> float | None:
    """The share of the reading's grid cells at or above `height_m`."""
    grid, west, south, cell = elevation(grid_path)
    rows = grid.shape[0]
    xs = west + np.arange(grid.shape[1]) * cell
    ys = south + (rows - 1 - np.arange(rows)) * cell
    xx, yy = np.meshgrid(xs, ys)
    inside = shapely.contains_xy(geom, xx, yy)
    heights = grid[inside]
    heights = heights[~np.isnan(heights)]
    return round(float((heights >= height_m).mean()), 3) if heights.size else None


def compare(reading: dict, core: list[dict], possible: list[dict], border: list[dict], grid_path: Path) -> dict:
    """The measures of one reading against the map's core and possible bands (GeoJSON features)."""
    mine = shape(reading)
    lat0 = mine.centroid.y
    core_g = unary_union([shape(f["geometry"]) for f in core]) if core else None
    band_g = unary_union([shape(f["geometry"]) for f in core + possible]) if core or possible else None
    line = unary_union([shape(f["geometry"]) for f in border])
    out: dict = {"distance_to_border_km": round(_plane(mine, lat0).distance(_plane(line, lat0)), 1)}
    if mine.geom_type.endswith("Polygon"):
        area = _area_km2(mine, lat0)
        out["area_km2"] = round(area)
        if core_g is not None:
            out["share_in_core"] = round(_area_km2(mine.intersection(core_g), lat0) / area, 3)
            out["core_outside_yours_km2"] = round(_area_km2(core_g.difference(mine), lat0))
        if band_g is not None:
            beyond = mine.difference(band_g)
            out["yours_beyond_the_bands_km2"] = round(_area_km2(beyond, lat0))
            parts = list(getattr(beyond, "geoms", [beyond]))
            if parts and not beyond.is_empty:
                far = max(parts, key=lambda p: _area_km2(p, lat0)).representative_point()
                out["differs_most_at"] = [round(far.x, 3), round(far.y, 3)]
        heights = [f["properties"]["method"]["parameters"].get("min_elevation_m") for f in core]
        if heights and heights[0]:
            out["height_m"] = heights[0]
            out["share_above_height"] = share_above(mine, heights[0], grid_path)
    elif band_g is not None:
        out["mean_distance_to_the_maps_km"] = round(
            float(np.mean([_plane(p, lat0).distance(_plane(band_g, lat0)) for p in getattr(mine, "geoms", [mine])])), 1
        )
    return out


def _about(value: float) -> str:
    """A number a student reads at a glance: 14,600 rather than 14,583; 12 rather than 12.4."""
    if value >= 1000:
        value = round(value, -2)
    return f"{round(value):,}"


def _same(message: str) -> str:
    return message


def describe(m: dict, near: str | None = None, _: Callable[[str], str] = _same) -> list[str]:
    """A reading's measures (compare) as plain sentences, rounded; `near`: the place nearest to where the
    reading differs most from the map's. `_`: the student's language's gettext (i18n.ui), English by default."""
    out = []
    if "area_km2" in m:
        out.append(_("Your area: %(km2)s km².") % {"km2": _about(m["area_km2"])})
    if "share_in_core" in m:
        out.append(_("%(share)s of it lies in the map's core band.") % {"share": f"{m['share_in_core']:.0%}"})
    if m.get("core_outside_yours_km2"):
        km2 = _about(m["core_outside_yours_km2"])
        out.append(_("The map's core band reaches %(km2)s km² beyond your area.") % {"km2": km2})
    if m.get("yours_beyond_the_bands_km2"):
        km2 = _about(m["yours_beyond_the_bands_km2"])
        out.append(_("%(km2)s km² of your area lies outside both of the map's bands.") % {"km2": km2})
    if "share_above_height" in m:
        values = {"share": f"{m['share_above_height']:.0%}", "height": m["height_m"]}
        out.append(_("%(share)s of it is %(height)s m high or more: the height the map uses.") % values)
    if "mean_distance_to_the_maps_km" in m:
        km = _about(m["mean_distance_to_the_maps_km"])
        out.append(_("On average, yours lies %(km)s km from the map's shapes.") % {"km": km})
    if "distance_to_border_km" in m:
        km = m["distance_to_border_km"]
        out.append(
            _("It reaches the Chinese border.")
            if km < 1
            else _("It comes within %(km)s km of the Chinese border.") % {"km": _about(km)}
        )
    if near:
        out.append(_("Yours differs most from the map's near %(place)s.") % {"place": near})
    return out
