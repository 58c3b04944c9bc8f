"""The border (C1), the 38th parallel (F2) and the mountainous regions along the border (C2)."""

from __future__ import annotations

from shapely.geometry import LineString, shape

from .geojson_io import feature
from .world import (
    C2_CORE,
    C2_POSSIBLE,
    DERIVED,
    GRID,
    LAEA,
    NE,
    QUOTES,
    SIMPLIFY_KM,
    SMOOTHING,
    TELEGRAM,
    World,
    derived_method,
    feature_props,
    layer_meta,
    measures,
)


def railway(world: World) -> LineString:
    """Mao's southern limit: the Pyongyang–Wonsan railway, traced schematically through its towns."""
    return LineString([world.xy(k) for k in ("pyongyang", "sunchon", "kowon", "wonsan")])


def dividing_line(world: World) -> LineString:
    """South edge of the C3 mountains / north edge of C5: the railway east of Sunch'on, due west of it to the coast."""
    return LineString([world.xy(k) for k in ("sunchon", "kowon", "wonsan")])


def build_c1(world: World) -> tuple[dict, list[dict]]:
    feats = []
    for f in world.border_features:
        sec = f["properties"]["section"]
        note = f["properties"].get("note", "")
        cert = "less-certain" if sec == "paektu" else "certain"
        feats.append(
            feature(
                shape(f["geometry"]),
                feature_props(
                    f"c1-border-{sec}",
                    "C1",
                    f"The line not to cross: {f['properties']['name']}",
                    QUOTES["C1"],
                    "The China–North Korea border, which the telegram advised Chinese troops not to cross.",
                    "'The Korean border' here is the border between China and North Korea: the Yalu, a short land "
                    "section at Paektu-san, and the Tumen. "
                    + (note or "The river line is the modern one, which follows the 1950 river."),
                    {"kind": "derived", "description": f["properties"]["rule"], "parameters": {"section": sec}},
                    cert,
                    [TELEGRAM, NE],
                    role="border-section",
                    measures=measures(shape(f["geometry"]), world),
                ),
            )
        )
    return layer_meta(
        "c1-border",
        ["C1"],
        "C1: the border not to cross",
        10,
        "directive",
        "The China–North Korea border; dashed where the 1962 treaty line stands in for 1950",
        {"color": "#D55E00", "weight": 5},
        DERIVED,
    ), feats


def build_f2(world: World) -> tuple[dict, list[dict]]:
    g = shape(world.parallel["geometry"])
    f = feature(
        g,
        feature_props(
            "f2-parallel-38",
            "F2",
            "The 38th parallel",
            QUOTES["F2"],
            "The line of 38 degrees north, where Korea was divided in 1945. Finding 2 speaks of the Korean units north of it.",
            "The parallel itself is exact. It is not the 1953 armistice line, which Natural Earth draws between the two Koreas.",
            {
                "kind": "derived",
                "description": "Latitude 38.0 N intersected with Natural Earth land of Korea.",
                "parameters": {"latitude": 38.0},
            },
            "certain",
            [TELEGRAM, NE],
            role="parallel",
            measures=measures(g, world),
        ),
        decimals=6,
    )
    return layer_meta(
        "f2-parallel",
        ["F2"],
        "F2: the 38th parallel",
        5,
        "directive",
        "Latitude 38 N across Korea",
        {"color": "#555555", "weight": 3},
        DERIVED,
    ), [f]


def build_c2(world: World) -> tuple[dict, list[dict]]:
    feats = []
    for band, rule, cert in (("core", C2_CORE, "less-certain"), ("possible", C2_POSSIBLE, "uncertain")):
        mask = (
            world.in_north & (world.z >= rule["min_elevation_m"]) & (world.border_km <= rule["max_border_distance_km"])
        )
        g = world.region(mask)
        feats.append(
            feature(
                g,
                feature_props(
                    f"c2-border-mountains-{band}",
                    "C2",
                    f"Mountains along the Chinese border ({band})",
                    QUOTES["C2"],
                    "The furthest Chinese troops should go if they had already crossed: the mountain belt along the border "
                    "(the Kangnam range, the Chagang highlands and the Kaema plateau).",
                    f"'The mountainous regions along the Chinese border' drawn as grid cells in North Korea (1950) at least "
                    f"{rule['min_elevation_m']} m high and within {rule['max_border_distance_km']} km of the border, smoothed. "
                    + (
                        "The core is the high ground close to the border."
                        if band == "core"
                        else "The possible band is lower ground further in that the phrase might also cover."
                    ),
                    derived_method(
                        "Elevation and distance-from-border threshold on the grid, closed and filtered.",
                        **rule,
                        **SMOOTHING,
                        simplify_km=SIMPLIFY_KM,
                        distance_crs=LAEA,
                    ),
                    cert,
                    [TELEGRAM, GRID, NE],
                    band=band,
                    role="border-mountains",
                    measures=measures(g, world),
                ),
            )
        )
    return layer_meta(
        "c2-border-mountains",
        ["C2"],
        "C2: no further than the border mountains",
        20,
        "directive",
        "Solid: core (>= 1000 m, <= 60 km from the border); hatched: possible (>= 600 m, <= 120 km)",
        {"color": "#E69F00", "fillOpacity": 0.45},
        DERIVED,
    ), feats
