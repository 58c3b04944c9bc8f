"""The shipped layers say what their cited sources say: dates, places, names in their 1950 script and the
citations, as the source review of the layers (issue #10) corrected them.

Each test is numbered by the review's finding it guards, so a regression says which correction it undid.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from geo import places
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ROOT / "layers"


def feats(name: str) -> dict[str, dict]:
    data = json.loads((LAYERS / name).read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f for f in data["features"]}


def cites(f: dict) -> set[tuple[str, str]]:
    return {(c["id"], c.get("locator", "")) for c in f["properties"]["citations"]}


def text(f: dict) -> str:
    p = f["properties"]
    return " ".join(str(p.get(k, "")) for k in ("title", "summary", "interpretation"))


EVENTS = feats("ctx-events.geojson")
FRONTS = feats("ctx-front-lines.geojson")


def test_1_the_26_october_thrust_to_the_yalu_is_not_a_month_long_front():
    for fid, f in FRONTS.items():
        if fid.startswith("front-1950-10-26"):
            assert f["properties"]["when"]["end"] < "1950-11-02", fid
    assert EVENTS["ctx-chosan"]["properties"]["when"]["end"] <= "1950-10-28"


def test_3_the_19_october_line_keeps_out_of_the_c3_mountains():
    core = shape(feats("c3-defence-zone.geojson")["c3-defence-zone-core"]["geometry"])
    through = [f for fid, f in FRONTS.items() if fid.startswith("front-1950-10-19")]
    assert any("yangdok" in f["properties"]["method"]["parameters"].get("through", []) for f in through)
    inside = sum(shape(f["geometry"]).intersection(core).length for f in through)
    assert inside * 90 < 5  # degrees to km, roughly: under 5 km inside the core (was about 48 km)


def test_5_chapters_and_the_crossing_cite_what_covers_them():
    assert ("appleman-1961", "ch. 31") in cites(EVENTS["ctx-pyongyang-falls"])
    assert ("appleman-1961", "ch. 33") in cites(EVENTS["ctx-chosan"])
    for fid in ("ctx-crossing-antung", "ctx-crossing-jian"):
        assert ("appleman-1961", "ch. 32") not in cites(EVENTS[fid]), fid
        assert ("mao-wenji-1950-10-14", "") in cites(EVENTS[fid]), fid
    sources = json.loads((LAYERS / "sources.json").read_text(encoding="utf-8"))
    assert not [s for s in sources if "xinhua" in (s["id"] + s["title"]).lower()]  # the untitled "Xinhua (2021)"


def test_6_the_railways_have_their_1950_names():
    titles = {fid: f["properties"]["title"] for fid, f in feats("s-supply-routes.geojson").items()}
    assert "South Manchuria" in titles["s-route-south"] and "Chinese Eastern" not in titles["s-route-south"]
    assert "Mukden – Antung" in titles["s-route-antung"]
    for f in feats("s-supply-routes.geojson").values():
        assert ("wilson-35678", "") in cites(f)
        assert "Chinese Changchun Railway" in f["properties"]["interpretation"]
        assert "Port Arthur until 1955" in f["properties"]["interpretation"]


def test_7_onjong_lies_outside_the_border_belt_and_is_not_said_to_be_in_it():
    onjong = Point(EVENTS["ctx-onjong"]["geometry"]["coordinates"])
    for f in feats("c2-border-mountains.geojson").values():
        assert not shape(f["geometry"]).contains(onjong)
    notes = json.loads((LAYERS / "notes.json").read_text(encoding="utf-8"))
    for words in (text(EVENTS["ctx-onjong"]), notes["C2"]["text"]):
        assert "in those mountains" not in words
        assert "commemorat" in words  # "the first battle" is the Chinese reading, and says so


def test_8_withdrawal_routes_end_when_their_starting_town_fell():
    for fid, f in feats("c4-withdrawal-routes.geojson").items():
        start = f["properties"]["method"]["parameters"].get("through", [None])[0]
        if start == "pyongyang":
            assert f["properties"]["when"]["end"] < "1950-10-19", fid
        if start == "hamhung":
            assert f["properties"]["when"]["end"] < "1950-10-17", fid


def test_9_and_10_the_crossing_and_the_fall_of_pyongyang():
    antung = text(EVENTS["ctx-crossing-antung"])
    assert "Peng Dehuai" in antung and "18 Oct" in antung and "19 Oct" in antung
    assert "Peng" not in text(EVENTS["ctx-crossing-jian"])
    assert "21 Oct" not in text(EVENTS["ctx-pyongyang-falls"])


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("dandong", "安東"),
        ("seoul", "漢城"),
        ("paektu", "백두산 / 白頭山"),
        ("kusong", "龜城"),
        ("grodekovo", "Гродеково"),
        ("nampo", "鎭南浦"),
        ("manpo", "滿浦鎭"),
        ("sunchon", "順川"),
        ("yongbyon", "寧邊"),
        ("kujang", "球場"),
        ("kuandian", "寬甸"),
    ],
)
def test_11_names_in_their_1950_script(key, expected):
    assert expected in places()[key]["properties"]["native"]


def test_11_romanizations_are_tagged_as_such():
    p = places()
    assert p["changbai"]["properties"]["name_1950"] == "Ch'ang-pai"
    assert "South" in p["paechon"]["properties"]["note"]
    assert "Unsan-ŭp" not in json.dumps(p["onjong"]["properties"], ensure_ascii=False)
    tags = {n["toponym"]: n["lang"] for n in p["pyongyang"]["properties"]["names"]}
    assert tags["P'yŏngyang"] == "ko-Latn" and tags["평양"] == "ko" and tags["平壤"] == "ko-Hani"
    assert {n["lang"] for n in p["jian"]["properties"]["names"]} >= {"zh-Latn-wadegile", "zh-Hant"}


def test_12_other_citations():
    sources = {s["id"]: s for s in json.loads((LAYERS / "sources.json").read_text(encoding="utf-8"))}
    assert sources["time-rats-corncrib"]["URL"].startswith("https://")
    partisans = text(feats("c3-partisan-rear.geojson")["c3-partisan-mountains"])
    assert "Chiri" not in partisans and "Ch'unch'ŏn" in partisans
    notes = json.loads((LAYERS / "notes.json").read_text(encoding="utf-8"))
    assert "air cover" not in " ".join(c["text"] for c in notes["caveats"] if "two versions" in c["text"])
    assert "foresaw" not in text(EVENTS["ctx-chosan"])
