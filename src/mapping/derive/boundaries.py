"""Countries, Korea as divided in 1950, the 38th parallel and the China-North Korea border.

Natural Earth's line between the two Koreas is the 1953 armistice line, so Korea is
rebuilt as one land mass and cut at 38.0 N instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import geopandas as gpd
import shapely
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry, BaseMultipartGeometry
from shapely.ops import linemerge, substring, unary_union

from .geojson_io import feature, single_kind
from .window import EAST, NORTH, PARALLEL, SOUTH, WEST, WINDOW

SIMPLIFY = 0.01  # degrees, about 1 km: below what the map can show at its usual zoom (6-8)

# name in Natural Earth -> how it is labelled for 1950
NAMES_1950 = {
    "China": "China (People's Republic, proclaimed 1 Oct 1949)",
    "Russia": "USSR",
    "Mongolia": "Mongolian People's Republic",
    "Japan": "Japan (under Allied occupation)",
}
KOREA_NOTE = (
    "Korea as divided in 1950: the 1945 line at 38.0 N, not the 1953 armistice line that Natural Earth "
    "draws. Built by joining Natural Earth's two Koreas and cutting the result at 38.0 N."
)
PAEKTU_NOTE = (
    "The land section near Paektu-san follows the 1962 Sino-Korean border treaty, as all modern data "
    "does; the 1950 line here was not settled and is not shown differently."
)


def load_countries(topojson: Path) -> gpd.GeoDataFrame:
    frame = gpd.read_file(topojson, layer="countries")
    frame = frame[frame.geometry.intersects(WINDOW)].reset_index(drop=True)
    # some Natural Earth polygons (Russia) self-touch after TopoJSON quantization
    valid = [g if g.is_valid else single_kind(shapely.make_valid(g)) for g in frame.geometry]
    frame["geometry"] = gpd.GeoSeries(valid, index=frame.index, crs=frame.crs)
    return frame


def _country(frame: gpd.GeoDataFrame, name: str) -> BaseGeometry:
    return frame.loc[frame["name"] == name, "geometry"].iloc[0]


def korea_1950(frame: gpd.GeoDataFrame) -> tuple[BaseGeometry, BaseGeometry]:
    """North and South Korea as of 1950: Natural Earth's Korea cut at 38.0 N."""
    korea = unary_union([_country(frame, "North Korea"), _country(frame, "South Korea")])
    north = korea.intersection(box(WEST, PARALLEL, EAST, NORTH))
    south = korea.intersection(box(WEST, SOUTH, EAST, PARALLEL))
    return north, south


def countries_features(frame: gpd.GeoDataFrame) -> list[dict]:
    north, south = korea_1950(frame)
    out = []
    ordered = frame.sort_values("name")
    for fid, name, country in zip(ordered["id"], ordered["name"], ordered.geometry, strict=True):
        if name in ("North Korea", "South Korea"):
            continue
        geom = country.intersection(WINDOW).simplify(SIMPLIFY)
        out.append(
            feature(
                geom,
                {
                    "id": f"country-{fid}",
                    "name_modern": name,
                    "name_1950": NAMES_1950.get(name, name),
                    "source": "Natural Earth 10m via world-atlas 2.0.2",
                },
            )
        )
    for key, geom, name_1950, name_modern in (
        ("korea-north-1950", north, "North Korea (DPRK), north of 38 N", "North Korea"),
        ("korea-south-1950", south, "South Korea (ROK), south of 38 N", "South Korea"),
    ):
        out.append(
            feature(
                geom.simplify(SIMPLIFY),
                {
                    "id": key,
                    "name_modern": name_modern,
                    "name_1950": name_1950,
                    "note": KOREA_NOTE,
                    "source": "Natural Earth 10m via world-atlas 2.0.2, cut at 38.0 N",
                },
            )
        )
    return out


def parallel_feature(frame: gpd.GeoDataFrame) -> dict:
    """The 38th parallel across the Korean peninsula, from the west coast to the east coast."""
    north, south = korea_1950(frame)
    korea = unary_union([north, south])
    line = LineString([(WEST, PARALLEL), (EAST, PARALLEL)]).intersection(korea.buffer(1e-9))
    return feature(
        line,
        {
            "id": "parallel-38",
            "name": "38th parallel (38.0 N)",
            "note": "The 1945 dividing line between the Soviet and US zones, clipped to Korean land.",
            "source": "Computed: latitude 38.0 N intersected with Natural Earth 10m land of Korea",
        },
        decimals=6,
    )


def china_korea_border(frame: gpd.GeoDataFrame) -> LineString:
    """The shared boundary of China and North Korea, west (Yellow Sea) to east (Russian tripoint)."""
    shared = _country(frame, "North Korea").boundary.intersection(_country(frame, "China").boundary)
    # a MultiLineString where the border comes in pieces
    line = linemerge(cast(BaseMultipartGeometry, shared)) if shared.geom_type != "LineString" else shared
    if not isinstance(line, LineString):
        raise ValueError("the China-North Korea border did not merge into one line")
    if line.coords[0][0] > line.coords[-1][0]:
        line = LineString(line.coords[::-1])
    return line


def border_sections(border: LineString, yalu: BaseGeometry, tumen: BaseGeometry, tolerance: float) -> list[dict]:
    """Tag the border by section.

    Rule: the Yalu section runs from the sea to the last border vertex within `tolerance`
    degrees of the GSHHG Yalu; the Tumen section from the first vertex within `tolerance`
    of the GSHHG Tumen to the Russian tripoint; between them lies the Paektu land section.
    """
    coords = list(border.coords)
    near_yalu = [i for i, c in enumerate(coords) if yalu.distance(Point(c)) <= tolerance]
    near_tumen = [i for i, c in enumerate(coords) if tumen.distance(Point(c)) <= tolerance]
    end_yalu, start_tumen = max(near_yalu), min(near_tumen)
    if not end_yalu < start_tumen:
        raise ValueError("the Yalu and Tumen sections of the border overlap")
    d = [border.project(Point(coords[i])) for i in (end_yalu, start_tumen)]
    parts = (
        ("yalu", "Yalu (Amnok) River section", substring(border, 0, d[0]), None),
        ("paektu", "Paektu-san land section", substring(border, d[0], d[1]), PAEKTU_NOTE),
        ("tumen", "Tumen River section", substring(border, d[1], border.length), None),
    )
    out = []
    for key, name, geom, note in parts:
        props = {
            "id": f"border-{key}",
            "section": key,
            "name": name,
            "rule": (
                f"Split where the Natural Earth border leaves or meets the GSHHG river line "
                f"(vertices within {tolerance} degrees of it)."
            ),
            "source": "Natural Earth 10m via world-atlas 2.0.2 (modern border); GSHHG 2.3.7 rivers for the split",
        }
        if note:
            props["note"] = note
        out.append(feature(geom, props))
    return out
