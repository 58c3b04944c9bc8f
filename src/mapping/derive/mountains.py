"""The mountainous regions north of Pyongyang and Wonsan (C3), and the band of Mao's plan of 14 October."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon, shape

from .borderlands import dividing_line, railway
from .geojson_io import feature
from .world import (
    C3_CORE,
    C3_POSSIBLE,
    DERIVED,
    GEONAMES,
    GRID,
    LAEA,
    MAO_14,
    ORDER_12,
    QUOTES,
    SIMPLIFY_KM,
    SMOOTHING,
    TELEGRAM,
    World,
    derived_method,
    feature_props,
    layer_meta,
    measures,
    north_of,
    to_deg,
    to_laea,
    to_m,
)


def line_distance_km(world: World, line: LineString) -> np.ndarray:
    """Distance of every grid point from a line, in km (equal-area projection)."""
    xs, ys = to_laea(world.LON, world.LAT)
    return shapely.distance(to_m(line), shapely.points(xs, ys)) / 1000.0


def build_c3(world: World, c2: list[dict]) -> tuple[dict, list[dict]]:
    """C3 read from its own words: mountains north of the Pyongyang–Wonsan line, short of the C2 belt."""
    belt = {f["properties"]["id"]: shape(f["geometry"]) for f in c2}
    waist = dividing_line(world)
    north = north_of(waist)
    in_band = world.in_north & shapely.contains_xy(north, world.LON, world.LAT)
    from_waist = line_distance_km(world, railway(world))
    feats = []
    for band, rule, cert, text in (
        (
            "core",
            C3_CORE,
            "less-certain",
            "The core is the high ground nearest the two cities, and stops where the possible band of conclusion 2 "
            "(the border mountains) begins, so the two directives never claim the same ground.",
        ),
        (
            "possible",
            C3_POSSIBLE,
            "uncertain",
            "The possible band takes in lower and further ground, up to the possible band of the border belt of "
            "conclusion 2.",
        ),
    ):
        mask = (
            in_band
            & (world.z >= rule["min_elevation_m"])
            & (from_waist <= rule["max_km_north_of_line"])
            & ~shapely.contains_xy(belt[rule["outside"]], world.LON, world.LAT)
        )
        g = world.region(mask, clip=world.north.difference(belt[rule["outside"]]))  # smoothing may not regrow into C2
        feats.append(
            feature(
                g,
                feature_props(
                    f"c3-defence-zone-{band}",
                    "C3",
                    f"Mountains north of P'yŏngyang and Wŏnsan ({band})",
                    QUOTES["C3"],
                    "Where Korean units were to hold: the mountains north of the Pyongyang–Wonsan 'waist' of Korea.",
                    f"'The mountainous regions north of Pyongyang and Wonsan' drawn from the words alone: grid cells in North "
                    f"Korea (1950) at least {rule['min_elevation_m']} m high, north of the line Pyongyang – Sunch'on – "
                    f"Kowon – Wonsan, within {rule['max_km_north_of_line']} km of it, and outside the {rule['outside'].rsplit('-', 1)[1]} "
                    "band of the border mountains of conclusion 2, smoothed. " + text + " Mao's "
                    "defensive band of 14 October is not used here: it was drawn for Chinese lines, three days later, "
                    "and is shown on its own as a comparison.",
                    derived_method(
                        "Elevation threshold north of a traced line and short of the border belt, closed and filtered.",
                        **rule,
                        south_limit="Pyongyang – Sunch'on – Kowon – Wonsan (GeoNames), due west of Sunch'on to the coast",
                        **SMOOTHING,
                        simplify_km=SIMPLIFY_KM,
                        distance_crs=LAEA,
                    ),
                    cert,
                    [TELEGRAM, ORDER_12, GRID],
                    band=band,
                    role="defence-zone",
                    measures=measures(g, world),
                ),
            )
        )
    rail = railway(world)
    feats.append(
        feature(
            rail,
            feature_props(
                "c3-railway-pyongyang-wonsan",
                "C3",
                "Pyongyang–Wonsan line (southern edge of the mountains)",
                QUOTES["C3"],
                "The line across Korea's waist between the two cities the clause names; the mountains to hold lie north of it.",
                "Drawn straight through towns on the P'yŏngwŏn railway (Pyongyang – Sunch'on – Kowon – Wonsan); the real "
                "track bends south through Yangdok. It stands for 'north of Pyongyang and Wonsan', not for a surveyed line.",
                {
                    "kind": "traced",
                    "description": "Straight segments through GeoNames points.",
                    "parameters": {"through": ["pyongyang", "sunchon", "kowon", "wonsan"]},
                },
                "uncertain",
                [TELEGRAM, GEONAMES],
                role="railway",
                measures=measures(rail, world),
            ),
        )
    )
    return layer_meta(
        "c3-defence-zone",
        ["C3"],
        "C3: hold the mountains north of Pyongyang and Wonsan",
        30,
        "directive",
        f"Solid: core (>= {C3_CORE['min_elevation_m']} m, within {C3_CORE['max_km_north_of_line']} km north of the "
        f"Pyongyang–Wonsan line); hatched: possible (>= {C3_POSSIBLE['min_elevation_m']} m, within "
        f"{C3_POSSIBLE['max_km_north_of_line']} km); line: the Pyongyang–Wonsan line",
        {"color": "#0072B2", "fillOpacity": 0.45},
        DERIVED,
        step="C3",
    ), feats


def build_mao_plan(world: World) -> tuple[dict, list[dict]]:
    """What Mao planned on 14 October: a dated comparison for C3, not its core."""
    tokchon_lat = world.xy("tokchon")[1]
    west, east = world.xy("pyongyang")[0], world.xy("wonsan")[0]
    box = Polygon([(west, 38.5), (east, 38.5), (east, tokchon_lat), (west, tokchon_lat)])
    band = world.north.intersection(north_of(railway(world))).intersection(box)
    band = to_deg(to_m(band).simplify(SIMPLIFY_KM * 1000))
    f = feature(
        band,
        feature_props(
            "c3-mao-plan-1950-10-14",
            "C3",
            "What Mao planned on 14 October: Chinese defensive lines",
            QUOTES["C3"],
            "Three days after the telegram, Mao told Zhou Enlai that the Chinese People's Volunteers would build two or "
            "three defensive lines north of the Pyongyang–Wonsan railway and south of the Tokch'on–Yongwon road.",
            "A comparison, not a reading of the telegram: Mao's band was drawn for Chinese lines, not for the Korean units "
            "of conclusion 3. The band is bounded by the railway (drawn straight through its towns), the parallel of "
            "Tokch'on standing in for the Tokch'on–Yongwon road (no coordinate for Yongwon was found), and the meridians "
            "of Pyongyang and Wonsan.",
            {
                "kind": "derived",
                "description": "North Korea 1950 between the railway and the parallel of Tokch'on, between two meridians.",
                "parameters": {
                    "south_limit": "Pyongyang – Sunch'on – Kowon – Wonsan railway (GeoNames points)",
                    "north_limit_lat": round(tokchon_lat, 5),
                    "west_limit_lon": round(west, 5),
                    "east_limit_lon": round(east, 5),
                },
            },
            "uncertain",
            [MAO_14, GEONAMES],
            band="possible",
            when={
                "start": "1950-10-14",
                "end": "1950-10-24",
                "label": "planned 14 Oct; overtaken by the CPV's attack of 25 Oct",
            },
            role="defence-plan",
            quiet=True,  # sets the scene: drawn quietly until its clause is selected
            measures=measures(band, world),
        ),
    )
    return layer_meta(
        "ctx-mao-plan",
        ["C3"],
        "What Mao planned on 14 October (for comparison)",
        88,
        "context",
        "Hatched: the band for the Chinese defensive lines in Mao's telegram of 14 Oct, shown 14-24 Oct",
        {"color": "#7F7F7F", "fillOpacity": 0.15, "pattern": "hatch"},
        DERIVED,
    ), [f]
