"""The derived directive layers, built from geodata/ and the hand-edited sources in layers/hand/.

Every vague phrase becomes a region by a stated rule on the elevation grid, with its
parameters written into the feature. Regions are graded: a `core` band (less-certain)
and a wider `possible` band (uncertain). Measured facts are computed in a Korea-centred
Lambert azimuthal equal-area projection, never in degrees.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, Polygon, shape
from shapely.ops import transform, unary_union

from .. import clauses
from . import fronts
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
# C3 stops where C2 starts: both its bands stay out of C2's possible band, so the two never claim the same
# ground and their hatching never stacks
C3_CORE = {"min_elevation_m": 400, "max_km_north_of_line": 100, "outside": "c2-border-mountains-possible"}
C3_POSSIBLE = {"min_elevation_m": 300, "max_km_north_of_line": 150, "outside": "c2-border-mountains-possible"}
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


north_of = fronts.north_of
TELEGRAM_DAY = "1950-10-11"
LAST_DAY = "1950-11-24"  # the date control's last date: the last front is shown until then


def place_citations(props: dict) -> list[dict]:
    """The citation behind a gazetteer point: GeoNames, or the source of a hand-added coordinate."""
    return [cite(props["source"], props.get("locator", ""))] if props.get("source") else [GEONAMES]


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
                    [TELEGRAM, NE],
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
            [TELEGRAM, NE],
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
                    [TELEGRAM, GRID, NE],
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


def line_distance_km(world: World, line: LineString) -> np.ndarray:
    """Distance of every grid point from a line, in km (equal-area projection)."""
    xs, ys = _fwd(world.LON, world.LAT)
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
                _props(
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
                    _derived(
                        "Elevation threshold north of a traced line and short of the border belt, closed and filtered.",
                        **rule,
                        south_limit="Pyongyang – Sunch'on – Kowon – Wonsan (GeoNames), due west of Sunch'on to the coast",
                        smoothing_closing_km=SMOOTH_KM,
                        smoothing_opening_km=ROUND_KM,
                        resampled_step_deg=round(1 / 36, 6),
                        min_patch_km2=MIN_PATCH_KM2,
                        simplify_km=SIMPLIFY_KM,
                        distance_crs=LAEA,
                    ),
                    cert,
                    [TELEGRAM, ORDER_12, GRID],
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
        f"Solid: core (>= {C3_CORE['min_elevation_m']} m, within {C3_CORE['max_km_north_of_line']} km north of the "
        f"Pyongyang–Wonsan line); hatched: possible (>= {C3_POSSIBLE['min_elevation_m']} m, within "
        f"{C3_POSSIBLE['max_km_north_of_line']} km); line: the Pyongyang–Wonsan line",
        {"color": "#0072B2", "fillOpacity": 0.45},
        DERIVED,
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
        _props(
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
            when={"start": "1950-10-14", "end": "1950-10-24", "label": "planned 14 Oct; overtaken by the CPV's attack of 25 Oct"},
            measures=measures(band, world),
        ),
    )
    return _layer(
        "ctx-mao-plan",
        ["C3"],
        "What Mao planned on 14 October (for comparison)",
        88,
        "context",
        "Hatched: the band for the Chinese defensive lines in Mao's telegram of 14 Oct, shown 14-24 Oct",
        {"color": "#7F7F7F", "fillOpacity": 0.15, "pattern": "hatch"},
        DERIVED,
    ), [f]


FRONT_STYLE = {"color": "#444444", "weight": 2}
BUILT_FROM_POSITIONS = "built by python -m mapping build from layers/hand/positions.csv"


def date_label(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d.day} {d.strftime('%b')} {d.year}"


def unique(citations: list[dict]) -> list[dict]:
    out: list[dict] = []
    for c in citations:
        if c not in out:
            out.append(c)
    return out


def _front_run(world: World, day: str, n: int, documented: bool, run: list, when: dict) -> dict:  # noqa: PLR0913
    label = date_label(day)
    names = [world.places[p.place]["properties"]["name_1950"] for p in run]
    if documented:
        cert = "uncertain" if any(p.certainty == "uncertain" for p in run) else "less-certain"
        stops = "; ".join(f"{nm} ({p.unit})" if p.unit else nm for nm, p in zip(names, run, strict=True))
        summary = f"The UN front on {label}, through positions that sources put there that day: {stops}."
        interp = "Straight segments between cited positions: the front ran between them, its course between towns is not traced."
    else:
        cert = "uncertain"
        summary = (
            f"No source checked places the front between {names[0]} and {names[-1]} on {label}: this stretch only "
            "joins the documented ends, and may hide a gap in the line or ground held by neither side."
        )
        interp = "An undocumented stretch, drawn straight and marked uncertain so that the line runs coast to coast."
    g = LineString([p.xy for p in run])
    return feature(
        g,
        _props(
            f"front-{day}-{n}",
            "F2",
            f"UN front, {label}: {names[0]} – {names[-1]}" + ("" if documented else " (not documented)"),
            QUOTES["F2"],
            summary,
            "What happened, drawn beside what was ordered. " + interp,
            {
                "kind": "traced",
                "description": "Straight segments through the dated, cited positions of layers/hand/positions.csv.",
                "parameters": {"through": [p.place for p in run], "date": day},
            },
            cert,
            unique([p.citation for p in run]),
            when=when,
            measures=measures(g, world),
        ),
    )


def _closure_feature(world: World, day: str, n: int, g: LineString, end: fronts.Position, west: bool, when: dict) -> dict:
    label = date_label(day)
    side = "west" if west else "east"
    name = world.places[end.place]["properties"]["name_1950"]
    return feature(
        g,
        _props(
            f"front-{day}-{n}",
            "F2",
            f"UN front, {label}: {name} – the {side} coast (no position)",
            QUOTES["F2"],
            f"No source checked places the front between {name} and the {side} coast on {label}. The line is closed due "
            f"{side} along the parallel of {name} to the sea, so that it runs coast to coast.",
            "What happened, drawn beside what was ordered. A closure, not a documented stretch: it has no position of its "
            "own, and is dotted and marked uncertain.",
            {
                "kind": "derived",
                "description": f"Due {side} from the {side}ernmost cited position to where that parallel meets the sea.",
                "parameters": {"closure": side, "from": end.place, "date": day},
            },
            "uncertain",
            [end.citation, NE],
            when=when,
            measures=measures(g, world),
        ),
    )


def _thrust_feature(world: World, day: str, run: list) -> dict:
    names = [world.places[p.place]["properties"]["name_1950"] for p in run]
    units = sorted({p.unit for p in run if p.unit})
    g = LineString([p.xy for p in run])
    end = max(p.date for p in run)
    return feature(
        g,
        _props(
            f"thrust-{day}",
            "F2",
            f"A thrust, not a front: {', '.join(units)} to {names[-1]}, {date_label(day)}",
            QUOTES["F2"],
            " ".join(p.evidence for p in run if p.evidence)[:600] or f"UN troops reached {names[-1]} on {date_label(day)}.",
            "What happened, drawn beside what was ordered. One formation's advance beyond the front, cut off within days: "
            "it shows how far UN troops reached, not ground they held.",
            {
                "kind": "traced",
                "description": "Straight segments through the dated, cited positions of layers/hand/positions.csv.",
                "parameters": {"through": [p.place for p in run], "date": day},
            },
            "uncertain" if any(p.certainty == "uncertain" for p in run) else "less-certain",
            unique([p.citation for p in run]),
            when={"start": day, "end": THRUST_ENDS.get(day, end)},
            measures=measures(g, world),
        ),
    )


# how long a thrust is shown: the ROK 7th Regiment was cut off on the Yalu within days (Time, 6 Nov 1950)
THRUST_ENDS = {"1950-10-26": "1950-10-28"}


def build_fronts(world: World, positions: list, last_day: str) -> list[tuple[dict, list[dict]]]:
    """The dated front lines and the UN-held area behind each, all from layers/hand/positions.csv."""
    days = fronts.front_dates(positions)
    lines, areas = [], []
    for day in days:
        when = {"start": day, "end": fronts.shown_until(day, days, last_day)}
        vs = fronts.vertices(positions, day)
        parts: list = []
        west = fronts.closure(vs[0].xy, world.korea, west=True)
        if west is not None:
            parts.append(("closure-west", west, vs[0]))
        parts.extend(("run", run, documented) for documented, run in fronts.runs(positions, day))
        east = fronts.closure(vs[-1].xy, world.korea, west=False)
        if east is not None:
            parts.append(("closure-east", east, vs[-1]))
        for n, (kind, a, b) in enumerate(parts, start=1):
            if kind == "run":
                lines.append(_front_run(world, day, n, b, a, when))
            else:
                lines.append(_closure_feature(world, day, n, a, b, kind == "closure-west", when))
        thrust = [p for p in positions if p.role == "thrust" and p.date == day]
        if thrust:
            lines.append(_thrust_feature(world, day, fronts.vertices(positions, day, "thrust")))
        held = held_on(world, positions, day)
        areas.append(
            feature(
                held,
                _props(
                    f"un-held-{day}",
                    "F2",
                    f"Held by UN forces, {date_label(day)}",
                    QUOTES["F2"],
                    f"Korea south of the UN front of {date_label(day)}: the ground UN forces had taken or held.",
                    "Korea (1950) south of that date's front line, extended due west and due east to the sea. Behind the "
                    "front, bypassed North Korean units still held out in places: this is the area behind the line, "
                    "not ground cleared of the enemy.",
                    {
                        "kind": "derived",
                        "description": "Korea minus the area north of the front line of the same date.",
                        "parameters": {"front": f"front-{day}-*", "date": day},
                    },
                    "uncertain",
                    front_citations(positions, day),
                    band="possible",
                    when=when,
                    measures=measures(held, world),
                ),
                decimals=5,
            )
        )
    return [
        (
            _layer(
                "ctx-front-lines",
                ["F2"],
                "What happened: the UN front, 11 Oct – 24 Nov",
                90,
                "context",
                "Dated front lines through cited positions; dotted where no source documents the stretch",
                FRONT_STYLE,
                BUILT_FROM_POSITIONS,
            ),
            lines,
        ),
        (
            _layer(
                "ctx-un-held",
                ["F2"],
                "What happened: the area held by UN forces",
                8,
                "context",
                "Grey: Korea behind the UN front on the chosen date",
                {"color": "#8C8C8C", "fillOpacity": 0.12},
                BUILT_FROM_POSITIONS,
            ),
            areas,
        ),
    ]


def held_on(world: World, positions: list, day: str) -> Polygon:
    """The UN-held area behind a date's front; on the telegram's day, 'the rear of the enemy'."""
    return to_deg(to_m(fronts.held_by_un(world.korea, fronts.line(positions, day))).simplify(SIMPLIFY_KM * 1000))


def front_citations(positions: list, day: str) -> list[dict]:
    """The sources of a date's front: what the UN-held area behind it rests on."""
    return unique([p.citation for p in fronts.vertices(positions, day)])


def build_c3_partisan(world: World, positions: list) -> tuple[dict, list[dict]]:
    held = held_on(world, positions, TELEGRAM_DAY)
    cites_11 = front_citations(positions, TELEGRAM_DAY)
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
                "High ground behind the UN front of 11 Oct, where North Korean units cut off by the UN advance could "
                "hold out as partisans.",
                f"An interpretation: the telegram names no area. Grid cells at least {PARTISAN['min_elevation_m']} m high inside the UN-held area, smoothed. "
                "Time counted some 40,000 North Korean guerrillas in the UN's rear in 1950, most of them bypassed units of the regular army, "
                "and reported them near Ch'unch'ŏn; linking the telegram's words to them is this map's reading, not the source's.",
                _derived(
                    "Elevation threshold inside the UN-held area, closed and filtered.",
                    **PARTISAN,
                    smoothing_closing_km=SMOOTH_KM,
                    smoothing_opening_km=ROUND_KM,
                    resampled_step_deg=round(1 / 36, 6),
                    min_patch_km2=MIN_PATCH_KM2,
                ),
                "uncertain",
                [TELEGRAM, *PARTISAN_SOURCES, GRID],
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
                [TELEGRAM, KPA_IN_MANCHURIA, DCW],
                band="possible",
                measures=measures(area, world),
            ),
            decimals=5,
        )
    ]
    return _layer(
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
    zone = world.north.difference(held_on(world, positions, TELEGRAM_DAY)).difference(north_of(dividing_line(world)))
    cites_11 = front_citations(positions, TELEGRAM_DAY)
    feats = [
        feature(
            zone,
            _props(
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
                    [TELEGRAM, *place_citations(p)],
                    names={
                        "1950": p["name_1950"],
                        "modern": p["name_modern"],
                        "native": p["native"],
                        "toponyms": p["names"],
                    },
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
    positions = fronts.read_positions(layers_src / "hand" / "positions.csv", world.places)
    written = ["clauses.json"]
    c2_meta, c2_feats = build_c2(world)
    for meta, feats in (
        build_f2(world),
        build_c1(world),
        (c2_meta, c2_feats),
        build_c3(world, c2_feats),
        build_mao_plan(world),
        build_c3_partisan(world, positions),
        build_c4_reception(world),
        build_c5(world, positions),
        *build_fronts(world, positions, LAST_DAY),
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
