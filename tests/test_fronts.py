"""The front lines are built from the table of dated, cited positions, and agree with it.

These tests read the tables (layers/hand/positions.csv and fronts.csv) and the built layers
independently: a place that the table says one side held, fought over or had not reached on a
date must lie on that side of that date's line, at least 3 km from it; and no line is shown on a
day after its own sources say it changed.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, MultiLineString, Point, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ROOT / "layers"
LAEA = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=40 +lon_0=127 +datum=WGS84 +units=m", always_xy=True)
GEOD = Geod(ellps="WGS84")
CLEARANCE_KM = 3.0  # a held place must sit clearly on its side, not on the line
BEARING = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}


def to_m(g):
    return shapely.transform(g, lambda c: np.column_stack(LAEA.transform(c[:, 0], c[:, 1])))


def km(a, b) -> float:
    return to_m(a).distance(to_m(b)) / 1000


def features(name: str) -> list[dict]:
    return json.loads((LAYERS / name).read_text(encoding="utf-8"))["features"]


PLACES = {f["properties"]["key"]: f for f in json.loads((ROOT / "geodata" / "places.geojson").read_text())["features"]}
with (LAYERS / "hand" / "positions.csv").open(encoding="utf-8", newline="") as fh:
    ROWS = list(csv.DictReader(fh))
with (LAYERS / "hand" / "fronts.csv").open(encoding="utf-8", newline="") as fh:
    UNTIL = {r["date"]: r for r in csv.DictReader(fh)}
FRONT_DATES = sorted(UNTIL)
FRONTS = defaultdict(list)
for f in features("ctx-front-lines.geojson"):
    if f["properties"]["id"].startswith("front-"):  # not the thrusts beyond the front
        FRONTS[f["properties"]["when"]["start"]].append(f)
HELD = {f["properties"]["when"]["start"]: shape(f["geometry"]) for f in features("ctx-un-held.geojson")}
KOREA = unary_union(
    [
        shape(f["geometry"])
        for f in json.loads((ROOT / "geodata" / "countries.geojson").read_text())["features"]
        if f["properties"]["id"] in ("korea-north-1950", "korea-south-1950")
    ]
)


def drawn(day: str) -> list[LineString]:
    """The front as drawn: its pieces, west to east; a piece ends only at a stretch that is not drawn."""
    pieces: list[list] = []
    for f in sorted(FRONTS[day], key=lambda f: int(f["properties"]["id"].rsplit("-", 1)[1])):
        pts = f["geometry"]["coordinates"]
        if pieces and pieces[-1][-1] == pts[0]:
            pieces[-1].extend(pts[1:])
        else:
            pieces.append(list(pts))
    return [LineString(p) for p in pieces]


def whole_line(day: str) -> MultiLineString:
    return MultiLineString(drawn(day))


def vertex_rows(day: str) -> list[dict]:
    return sorted((r for r in ROWS if r["date"] == day and r["role"] == "vertex"), key=lambda r: int(r["seq"]))


def edge(day: str) -> LineString:
    """Where the UN-held area ends: the line through every vertex, drawn or not, extended due west and east to sea."""
    pts = [vertex_xy(r) for r in vertex_rows(day)]
    return LineString([(pts[0][0] - 5, pts[0][1]), *pts, (pts[-1][0] + 5, pts[-1][1])])


def vertex_xy(row: dict) -> tuple[float, float]:
    """A vertex's point: the place, or the stated distance due north or south of it."""
    lon, lat = PLACES[row["place"]]["geometry"]["coordinates"]
    if not row["offset"]:
        return lon, lat
    dist, _, bearing = row["offset"].split()
    lon, lat, _ = GEOD.fwd(lon, lat, BEARING[bearing], float(dist) * 1000)
    return round(lon, 5), round(lat, 5)


def xy(key: str) -> Point:
    return Point(PLACES[key]["geometry"]["coordinates"])


def test_every_front_date_of_the_date_control_has_a_front():
    dates = [d["date"] for d in json.loads((LAYERS / "timeline.json").read_text())["dates"]]
    for day in FRONT_DATES:
        assert day in dates and FRONTS[day], day


@pytest.mark.parametrize("day", FRONT_DATES)
def test_each_front_runs_coast_to_coast_or_says_where_it_is_not_drawn(day):
    """The drawn line starts on the west coast and ends on the east coast, unless its last stretch is not drawn;
    a piece ends inland only where the next stretch is marked `none` (not drawn), and the UN-held area's edge
    spans the peninsula whatever is drawn."""
    pieces, rows = drawn(day), vertex_rows(day)
    assert km(Point(pieces[0].coords[0]), KOREA.boundary) < 0.5, f"{day}: the line starts inland"
    undrawn = {vertex_xy(r) for r in rows if r["stretch"] == "none"}
    undrawn_to = {vertex_xy(b) for a, b in zip(rows, rows[1:], strict=False) if a["stretch"] == "none"}
    for piece in pieces:
        end, start = piece.coords[-1], piece.coords[0]
        assert km(Point(end), KOREA.boundary) < 0.5 or tuple(end) in undrawn, f"{day}: a piece ends inland at {end}"
        assert piece is pieces[0] or tuple(start) in undrawn_to, f"{day}: a piece starts inland at {start}"
    assert pieces[0].coords[0][0] < 126.0, f"{day}: the line does not start on the west coast"
    east = pieces[-1].coords[-1]
    assert east[0] > 127.3 or rows[-1]["stretch"] == "none", f"{day}: the line does not reach the east coast"
    assert not KOREA.contains(Point(edge(day).coords[0])) and not KOREA.contains(Point(edge(day).coords[-1]))


@pytest.mark.parametrize("day", FRONT_DATES)
def test_every_vertex_is_a_cited_position_of_that_date(day):
    vertex_rows = [r for r in ROWS if r["date"] == day and r["role"] == "vertex"]
    cited = {tuple(vertex_xy(r)) for r in vertex_rows if r["source"]}
    for f in FRONTS[day]:
        closure = f["properties"]["method"]["parameters"].get("closure")
        pts = f["geometry"]["coordinates"]
        for pt in pts[1:] if closure == "west" else pts[:-1] if closure == "east" else pts:
            assert tuple(pt) in cited, f"{f['properties']['id']}: vertex {pt} is not a cited position of {day}"
        if closure:  # the coastal end of a closure is no position: it is drawn as the uncertain stretch it is
            assert f["properties"]["certainty"] == "uncertain"
        keys = {c["id"] for c in f["properties"]["citations"]}
        assert keys, f["properties"]["id"]


@pytest.mark.parametrize("day", FRONT_DATES)
def test_undocumented_stretches_are_uncertain(day):
    rows = sorted((r for r in ROWS if r["date"] == day and r["role"] == "vertex"), key=lambda r: int(r["seq"]))
    for f in FRONTS[day]:
        through = f["properties"]["method"]["parameters"].get("through")
        if not through:
            continue  # a closure: checked above
        starts = [r for r in rows if r["place"] == through[0]]
        if starts and starts[0]["stretch"] == "gap":
            assert f["properties"]["certainty"] == "uncertain", f["properties"]["id"]


def test_every_place_the_sources_put_on_a_side_lies_on_it_3_km_from_the_line():
    """Held, fought over (on the side the sources leave holding it) or not yet reached: one rule, every date."""
    checked = 0
    for r in ROWS:
        if r["role"] not in ("held", "contested", "beyond"):
            continue
        day = r["date"]
        line, held = whole_line(day), HELD[day]
        p = xy(r["place"])
        where = f"{r['place']} ({r['role']}, {r['side']}) on {day}"
        assert km(p, line) >= CLEARANCE_KM, f"{where} is drawn {km(p, line):.1f} km from the front line"
        border = edge(day)
        assert km(p, border) >= CLEARANCE_KM, f"{where} is {km(p, border):.1f} km from the UN-held area's edge"
        if r["role"] != "beyond" and r["side"] == "UN":
            assert held.contains(p), f"{where} lies outside the UN-held area"
        else:
            assert not held.contains(p), f"{where} lies inside the UN-held area"
        checked += 1
    assert checked >= 30  # the table has real content to check


def test_no_vertex_is_a_place_fought_over_that_day_and_stand_ins_go_toward_the_enemy():
    """Unsan and Onjŏng were fought over on 26 Oct and the ROKs were in them: the front ran beyond them, to the
    north (the audit's S1: the line had been drawn south of Unsan, leaving the town to the enemy)."""
    placed = {(r["date"], r["place"]): r for r in ROWS if r["role"] in ("held", "contested", "beyond")}
    assert placed[("1950-10-26", "unsan")]["role"] == placed[("1950-10-26", "onjong")]["role"] == "contested"
    assert placed[("1950-10-26", "unsan")]["side"] == "UN" and placed[("1950-10-26", "onjong")]["side"] == "CPV"
    for r in ROWS:
        if r["role"] not in ("vertex", "thrust"):
            continue
        p = placed.get((r["date"], r["place"]))
        assert not p or r["offset"], r
        if r["offset"]:
            assert p, f"{r['place']} on {r['date']}: a stand-in offset needs a row that says who held the place"
            behind = p["role"] != "beyond" and p["side"] == "UN"
            assert ("N" if behind else "S") in r["offset"].split()[-1], r
            lon, lat = vertex_xy(r)
            assert (lat > xy(r["place"]).y) == behind, r


def on_sides(day: str, ours: tuple[str, ...], theirs: tuple[str, ...]) -> None:
    """Each place of `ours` inside the UN-held area, each of `theirs` outside it; all 3 km from its edge."""
    held, border = HELD[day], edge(day)
    for key in ours:
        assert held.contains(xy(key)) and km(xy(key), border) >= CLEARANCE_KM, (day, key)
    for key in theirs:
        assert not held.contains(xy(key)) and km(xy(key), border) >= CLEARANCE_KM, (day, key)


def test_the_26_october_front_runs_beyond_unsan_which_the_roks_held():
    """Unsan, which the ROKs held, behind the line; Onjong, where Red battalions surrounded part of the ROK 6th
    Division and which no words read leave in ROK hands, beyond it (review of issue 30, finding 1)."""
    on_sides("1950-10-26", ("unsan", "pakchon", "hamhung"), ("onjong", "chongju", "songjin"))


def test_the_2_november_front_leaves_the_bridgehead_and_songjin_behind_it():
    """Appleman ch. 35 and 38: T'aech'on still the brigade's, Anju and Pakch'on behind it, Songjin taken on 28 Oct,
    Kilchu still North Korean on 3 Nov, Unsan Chinese: each on its side. Oro-ri behind the Marines from 1 Nov."""
    on_sides("1950-11-02", ("taechon", "anju", "pakchon", "songjin", "hamhung", "orori"), ("kilchu", "unsan", "onjong"))
    assert not any(r["place"] == "pungsan" and r["role"] == "vertex" for r in ROWS)


def test_the_4_november_bridgehead_leaves_taechon_to_the_chinese():
    """'Chinese forces entered Taech'on less than an hour after the British rear guard had left it' (3 Nov)."""
    on_sides("1950-11-04", ("pakchon", "anju", "songjin", "hamhung", "orori"), ("taechon", "unsan", "onjong", "kilchu"))
    bridgehead = [
        f for f in FRONTS["1950-11-04"] if f["properties"]["method"]["parameters"].get("through") == ["pakchon", "anju"]
    ]
    assert len(bridgehead) == 1 and "not documented" not in bridgehead[0]["properties"]["title"]


def test_unsan_on_24_november_is_beyond_the_front_not_chinese():
    """The audit's S3: no source read says the Chinese held Unsan on 24 Nov; it lay beyond the army front."""
    r = row("1950-11-24", "unsan")
    assert r["role"] == "beyond" and "above the western half of the army front" in r["evidence"]
    assert not HELD["1950-11-24"].contains(xy("unsan"))


def row(day: str, place: str, role: str = "") -> dict:
    """The row of a place on a day: the one with that role, else the one that says who held it."""
    return next(
        r
        for r in ROWS
        if (r["date"], r["place"]) == (day, place) and (r["role"] == role or not role and r["role"] != "vertex")
    )


def test_the_enemys_rear_and_the_evacuation_zone_follow_the_11_october_front():
    rear = next(f for f in features("c3-partisan-rear.geojson") if f["properties"]["id"] == "c3-enemy-rear")
    assert shape(rear["geometry"]).symmetric_difference(HELD["1950-10-11"]).area < 1e-6
    zone = next(f for f in features("c5-evacuation.geojson") if f["properties"]["id"] == "c5-evacuation-zone")
    assert shape(zone["geometry"]).intersection(HELD["1950-10-11"]).area < 0.01 * shape(zone["geometry"]).area


def until_day(interval: str) -> str | None:
    """'../1950-10-14': the source has the position change after that day."""
    start, _, end = interval.partition("/")
    return end if start == ".." and end not in ("", "..") else None


def last_day(interval: str) -> str | None:
    end = interval.partition("/")[2] or interval
    return None if end == ".." else end


@pytest.mark.parametrize("day", FRONT_DATES)
def test_no_front_is_shown_after_its_sources_say_it_moved(day):
    """Shown from its date to the day fronts.csv gives: never after a row of that date says the position changed
    (a town falls, a unit leaves), and past the last day its vertices' sources give only with a note."""
    ends = {f["properties"]["when"]["end"] for f in FRONTS[day]}
    assert ends == {UNTIL[day]["until"]}, day
    rows = [r for r in ROWS if r["date"] == day]
    moved = [u for r in rows if (u := until_day(r["source_dates"]))]
    assert not moved or UNTIL[day]["until"] <= min(moved), (day, min(moved))
    last = [e for r in rows if r["role"] == "vertex" and (e := last_day(r["source_dates"]))]
    assert not last or UNTIL[day]["until"] <= min(last) or UNTIL[day]["note"].strip(), day


def test_fronts_never_overlap_and_the_days_between_are_not_drawn():
    """The 2 Nov line is no longer shown for three weeks (the audit's M3): 5-23 Nov has no cited front."""
    for a, b in zip(FRONT_DATES, FRONT_DATES[1:], strict=False):
        assert UNTIL[a]["until"] < b, a
    assert UNTIL["1950-11-02"]["until"] == "1950-11-02" and UNTIL["1950-11-04"]["until"] == "1950-11-04"


def test_the_thrust_to_chosan_is_not_a_front():
    (thrust,) = [f for f in features("ctx-front-lines.geojson") if f["properties"]["id"].startswith("thrust-")]
    assert thrust["properties"]["when"] == {"start": "1950-10-26", "end": "1950-10-28"}
    assert "chosan" in thrust["properties"]["method"]["parameters"]["through"]
    for day in FRONTS.values():
        assert all("chosan" not in f["properties"]["method"]["parameters"].get("through", []) for f in day)
