"""Behind the front: the partisans in the enemy's rear (C3), the reception area (C4), the evacuation zone (C5)."""

from __future__ import annotations

import shapely
from shapely.geometry import shape
from shapely.ops import unary_union

from ..document.telegram import TELEGRAM_DATE
from .borderlands import dividing_line
from .front_layers import front_citations, held_on
from .geojson_io import feature
from .world import (
    DCW,
    DERIVED,
    GRID,
    KPA_IN_MANCHURIA,
    ORDER_12,
    PARTISAN,
    PARTISAN_SOURCES,
    QUOTES,
    SMOOTHING,
    TELEGRAM,
    World,
    derived_method,
    feature_props,
    layer_meta,
    measures,
    north_of,
    place_citations,
)


def build_c3_partisan(world: World, positions: list) -> tuple[dict, list[dict]]:
    held = held_on(world, positions, TELEGRAM_DATE)
    cites_11 = front_citations(positions, TELEGRAM_DATE)
    in_held = shapely.contains_xy(held, world.LON, world.LAT)
    hills = world.region(in_held & (world.z >= PARTISAN["min_elevation_m"]), clip=held)
    feats = [
        feature(
            held,
            feature_props(
                "c3-enemy-rear",
                "C3",
                "The enemy's rear on 11 Oct: Korea held by UN forces",
                QUOTES["C3P"],
                "Where 'the rear of the enemy' lay on the day of the telegram: all of Korea south of the UN front of 11 Oct.",
                "Korea (1950) south of the UN front of 11 Oct, which is built from cited positions "
                "(layers/hand/positions.csv) and extended due west and due east to the sea. Where no source documents "
                "the front, this edge is uncertain.",
                {
                    "kind": "derived",
                    "description": "Korea minus the area north of the 11 Oct front line (ctx-front-lines).",
                    "parameters": {"front": "front-1950-10-11-*"},
                },
                "uncertain",
                [TELEGRAM, *cites_11],
                band="possible",
                role="enemy-rear",
                quiet=True,  # sets the scene: drawn quietly until its clause is selected
                measures=measures(held, world),
            ),
        ),
        feature(
            hills,
            feature_props(
                "c3-partisan-mountains",
                "C3",
                "Mountains in the enemy's rear (where partisans could hold)",
                QUOTES["C3P"],
                "High ground behind the UN front of 11 Oct, where North Korean units cut off by the UN advance could "
                "hold out as partisans.",
                f"An interpretation: the telegram names no area. Grid cells at least {PARTISAN['min_elevation_m']} m high inside the UN-held area, smoothed. "
                "Time counted some 40,000 North Korean guerrillas in the UN's rear in 1950, most of them bypassed units of the regular army, "
                "and reported them near Ch'unch'ŏn; linking the telegram's words to them is this map's reading, not the source's.",
                derived_method(
                    "Elevation threshold inside the UN-held area, closed and filtered.",
                    **PARTISAN,
                    **SMOOTHING,
                ),
                "uncertain",
                [TELEGRAM, *PARTISAN_SOURCES, GRID],
                band="core",
                role="partisan-mountains",
                measures=measures(hills, world),
            ),
        ),
    ]
    return layer_meta(
        "c3-partisan-rear",
        ["C3"],
        "C3: partisans in the enemy's rear",
        35,
        "directive",
        "Dotted: UN-held Korea on 11 Oct; hatched: its mountains (>= 800 m), where guerrillas held out",
        {"color": "#56B4E9", "fillOpacity": 0.3, "pattern": "dots"},
        DERIVED,
        step="C3P",
    ), feats


def build_c4_reception(world: World) -> tuple[dict, list[dict]]:
    area = unary_union([shape(f["geometry"]) for f in world.manchuria]).simplify(0.02)  # a vague area: 2 km is plenty
    feats = [
        feature(
            area,
            feature_props(
                "c4-reception-area",
                "C4",
                "Manchuria: where the Korean divisions were to be formed",
                QUOTES["C4"],
                "The reception area: Northeast China, where the withdrawn Koreans were to be formed into divisions.",
                "The 1950 Northeast Administrative Region is approximated by the modern provinces of Liaoning, Jilin and Heilongjiang; the 1950 provincial boundaries were different.",
                {
                    "kind": "derived",
                    "description": "Union of the three modern provinces (geodata/manchuria.geojson).",
                    "parameters": {"provinces": ["Liaoning", "Jilin", "Heilongjiang"]},
                },
                "uncertain",
                [TELEGRAM, KPA_IN_MANCHURIA, DCW],
                band="possible",
                role="reception-area",
                quiet=True,  # sets the scene: drawn quietly until its clause is selected
                measures=measures(area, world),
            ),
            decimals=5,
        )
    ]
    return layer_meta(
        "c4-reception-area",
        ["C4"],
        "C4: the reception area in Manchuria",
        55,
        "directive",
        "Hatched: modern provinces standing in for 1950 Manchuria",
        {"color": "#009E73", "fillOpacity": 0.12, "pattern": "hatch"},
        DERIVED,
    ), feats


C5_PLACES = [
    ("pyongyang", "certain", "Named in the telegram."),
    (
        "nampo",
        "less-certain",
        "An interpretation: the port of Pyongyang, south of the mountains and still held on 11 Oct.",
    ),
    (
        "sariwon",
        "uncertain",
        "An interpretation: a provincial centre on the road and railway south of Pyongyang, still held on 11 Oct (secured by UN forces on 17 Oct).",
    ),
    (
        "haeju",
        "uncertain",
        "An interpretation: the provincial capital of Hwanghae on the west coast; whether it was still held on 11 Oct is not documented here.",
    ),
]


def build_c5(world: World, positions: list) -> tuple[dict, list[dict]]:
    zone = world.north.difference(held_on(world, positions, TELEGRAM_DATE)).difference(north_of(dividing_line(world)))
    cites_11 = front_citations(positions, TELEGRAM_DATE)
    feats = [
        feature(
            zone,
            feature_props(
                "c5-evacuation-zone",
                "C5",
                "Evacuation zone: south of the mountains, north of the UN front",
                QUOTES["C5"],
                "What was to be evacuated: North Korean territory south of the mountains and not yet taken by 11 Oct.",
                "North Korea (1950) north of the UN front of 11 Oct (built from cited positions) and south of the dividing line used for the C3 mountains (the railway from Sunch'on to Wonsan, extended due west to the coast). Both edges are schematic.",
                {
                    "kind": "derived",
                    "description": "North Korea 1950, between two traced lines.",
                    "parameters": {
                        "north_limit": "railway Sunch'on – Kowon – Wonsan",
                        "south_limit": "UN front of 11 Oct (ctx-front-lines, from layers/hand/positions.csv)",
                    },
                },
                "less-certain",
                [TELEGRAM, ORDER_12, *cites_11],
                band="core",
                role="evacuation-zone",
                measures=measures(zone, world),
            ),
        )
    ]
    for key, cert, why in C5_PLACES:
        place = world.places[key]
        p = place["properties"]
        quote = ["Pyongyang", QUOTES["C5"]] if key == "pyongyang" else QUOTES["C5"]
        feats.append(
            feature(
                shape(place["geometry"]),
                feature_props(
                    f"c5-place-{key}",
                    "C5",
                    f"To evacuate: {p['name_1950']}",
                    quote,
                    f"{p['name_1950']} ({p['name_modern']}, {p['native']})."
                    if p["native"]
                    else f"{p['name_1950']} ({p['name_modern']}).",
                    why,
                    {"kind": "gazetteer", "description": p["source"]},
                    cert,
                    [TELEGRAM, *place_citations(p)],
                    names={
                        "1950": p["name_1950"],
                        "modern": p["name_modern"],
                        "native": p["native"],
                        "toponyms": p["names"],
                    },
                    role="evacuation-place",
                    measures=measures(shape(place["geometry"]), world),
                ),
            )
        )
    return layer_meta(
        "c5-evacuation",
        ["C5"],
        "C5: evacuate Pyongyang and the places south of the mountains",
        70,
        "directive",
        "Filled: the evacuation zone; squares: the important places (only Pyongyang is named)",
        {"color": "#CC79A7", "fillOpacity": 0.3, "marker": "square"},
        DERIVED,
    ), feats
