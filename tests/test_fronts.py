"""The front lines are built from the table of dated, cited positions, and agree with it.

These tests read the table (layers/hand/positions.csv) and the built layers independently:
a place that the table says one side held on a date must lie on that side of that date's
line, and never on the line itself.
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
from shapely.geometry import LineString, Point, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ROOT / "layers"
LAEA = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=40 +lon_0=127 +datum=WGS84 +units=m", always_xy=True)
FRONT_DATES = ["1950-10-11", "1950-10-19", "1950-10-26", "1950-11-02", "1950-11-24"]
GEOD = Geod(ellps="WGS84")
CLEARANCE_KM = 3.0  # a held place must sit clearly on its side, not on the line


def to_m(g):
    return shapely.transform(g, lambda c: np.column_stack(LAEA.transform(c[:, 0], c[:, 1])))


def km(a, b) -> float:
    return to_m(a).distance(to_m(b)) / 1000


def features(name: str) -> list[dict]:
    return json.loads((LAYERS / name).read_text(encoding="utf-8"))["features"]


PLACES = {f["properties"]["key"]: f for f in json.loads((ROOT / "geodata" / "places.geojson").read_text())["features"]}
with (LAYERS / "hand" / "positions.csv").open(encoding="utf-8", newline="") as fh:
    ROWS = list(csv.DictReader(fh))
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


def whole_line(day: str) -> LineString:
    coords: list = []
    for f in sorted(FRONTS[day], key=lambda f: int(f["properties"]["id"].rsplit("-", 1)[1])):
        pts = f["geometry"]["coordinates"]
        assert not coords or coords[-1] == pts[0], f"{f['properties']['id']} does not continue the line"
        coords.extend(pts if not coords else pts[1:])
    return LineString(coords)


def vertex_xy(row: dict) -> tuple[float, float]:
    """A vertex's point: the place, or the stated distance due north or south of it."""
    lon, lat = PLACES[row["place"]]["geometry"]["coordinates"]
    if not row["offset"]:
        return lon, lat
    dist, _, bearing = row["offset"].split()
    lon, lat, _ = GEOD.fwd(lon, lat, 0 if bearing == "N" else 180, float(dist) * 1000)
    return round(lon, 5), round(lat, 5)


def xy(key: str) -> Point:
    return Point(PLACES[key]["geometry"]["coordinates"])


def test_every_front_date_of_the_date_control_has_a_front():
    dates = [d["date"] for d in json.loads((LAYERS / "timeline.json").read_text())["dates"]]
    for day in FRONT_DATES:
        assert day in dates and FRONTS[day], day


@pytest.mark.parametrize("day", FRONT_DATES)
def test_each_front_runs_coast_to_coast(day):
    """Both ends lie on Korea's coastline: the line leaves no land unaccounted for at either end."""
    c = list(whole_line(day).coords)
    for end in (c[0], c[-1]):
        inland = km(Point(end), KOREA.boundary)
        assert inland < 0.5, f"{day}: the line ends {inland:.1f} km inland"
    assert c[0][0] < 126.0 and c[-1][0] > 127.3, f"{day}: the line does not span the peninsula"


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


def test_every_held_place_lies_on_its_holders_side_and_off_the_line():
    checked = 0
    for r in ROWS:
        if r["role"] != "held":
            continue
        day = r["date"]
        line, held = whole_line(day), HELD[day]
        p = xy(r["place"])
        where = f"{r['place']} ({r['side']}) on {day}"
        assert km(p, line) >= CLEARANCE_KM, f"{where} is drawn on the front line"
        if r["side"] == "UN":
            assert held.contains(p), f"{where} lies outside the UN-held area"
        else:
            assert not held.contains(p), f"{where} lies inside the UN-held area"
        checked += 1
    assert checked >= 10  # the table has real content to check


def test_no_vertex_is_a_place_fought_over_that_day():
    """Unsan and Onjong were fought over on 26 Oct: the front ran near them, not through them."""
    contested = {(r["date"], r["place"]) for r in ROWS if r["role"] == "contested"}
    assert ("1950-10-26", "onjong") in contested and ("1950-10-26", "unsan") in contested
    for r in ROWS:
        if r["role"] in ("vertex", "thrust") and not r["offset"]:
            assert (r["date"], r["place"]) not in contested, r
    for f in features("ctx-front-lines.geojson"):
        day = f["properties"]["when"]["start"]
        for key in f["properties"]["method"]["parameters"].get("through", []):
            if (day, key) in contested:
                assert min(Point(c).distance(xy(key)) for c in f["geometry"]["coordinates"]) > 0.01, (f, key)


def test_the_2_november_front_leaves_the_bridgehead_and_songjin_behind_it():
    """Appleman ch. 35 and 38: Anju and Pakch'on inside the bridgehead, Songjin taken on 28 Oct, Kilchu still
    North Korean on 3 Nov, Unsan Chinese: each on its side, and the line through T'aech'on, not Pakch'on."""
    line, held = whole_line("1950-11-02"), HELD["1950-11-02"]
    for key in ("anju", "pakchon", "songjin", "hamhung"):
        assert held.contains(xy(key)) and km(xy(key), line) >= CLEARANCE_KM, key
    for key in ("kilchu", "unsan", "onjong"):
        assert not held.contains(xy(key)) and km(xy(key), line) >= CLEARANCE_KM, key
    assert km(xy("taechon"), line) < 0.01


def test_no_vertex_is_a_place_held_behind_either_side_that_day():
    """A vertex drawn at a place is a place at the front; a place held behind the line is offset from it."""
    held = {(r["date"], r["place"]) for r in ROWS if r["role"] == "held"}
    for r in ROWS:
        if r["role"] == "vertex" and not r["offset"]:
            assert (r["date"], r["place"]) not in held, r


def test_the_enemys_rear_and_the_evacuation_zone_follow_the_11_october_front():
    rear = next(f for f in features("c3-partisan-rear.geojson") if f["properties"]["id"] == "c3-enemy-rear")
    assert shape(rear["geometry"]).symmetric_difference(HELD["1950-10-11"]).area < 1e-6
    zone = next(f for f in features("c5-evacuation.geojson") if f["properties"]["id"] == "c5-evacuation-zone")
    assert shape(zone["geometry"]).intersection(HELD["1950-10-11"]).area < 0.01 * shape(zone["geometry"]).area


def test_front_shown_until_the_next_front():
    for a, b in zip(FRONT_DATES, FRONT_DATES[1:], strict=False):
        ends = {f["properties"]["when"]["end"] for f in FRONTS[a]}
        assert len(ends) == 1 and ends.pop() < b, a


def test_the_thrust_to_chosan_is_not_a_front():
    (thrust,) = [f for f in features("ctx-front-lines.geojson") if f["properties"]["id"].startswith("thrust-")]
    assert thrust["properties"]["when"] == {"start": "1950-10-26", "end": "1950-10-28"}
    assert "chosan" in thrust["properties"]["method"]["parameters"]["through"]
    for day in FRONTS.values():
        assert all("chosan" not in f["properties"]["method"]["parameters"].get("through", []) for f in day)
