"""The committed base geography: valid RFC 7946, and geographically right."""

from __future__ import annotations

import json

import pytest
from geo import GEODATA, collection, geom, km_to, lonlat, places
from shapely.geometry import box
from shapely.ops import unary_union

from mapping.document.rfc7946 import geometry_faults

FILES = sorted(p.name for p in GEODATA.glob("*.geojson"))


def test_expected_files_are_there():
    assert FILES == [
        "border-china-korea.geojson",
        "countries.geojson",
        "manchuria.geojson",
        "outer-land.geojson",
        "parallel-38.geojson",
        "places.geojson",
        "rivers.geojson",
    ]
    assert (GEODATA / "SOURCES.md").exists() and (GEODATA / "relief.png").exists()


@pytest.mark.parametrize("name", FILES)
def test_rfc7946_valid(name):
    data = collection(name)
    assert data["type"] == "FeatureCollection" and data["features"]
    for feat in data["features"]:
        assert feat["type"] == "Feature"
        assert geometry_faults(feat["geometry"]) == [], (name, feat["properties"].get("id"))


@pytest.mark.parametrize("name", FILES)
def test_every_feature_names_its_source(name):
    for feat in collection(name)["features"]:
        assert feat["properties"].get("source"), (name, feat["properties"].get("id"))


def test_parallel_lies_at_38_north_coast_to_coast():
    (feat,) = collection("parallel-38.geojson")["features"]
    lats = {pt[1] for line in feat["geometry"]["coordinates"] for pt in line}
    assert lats == {38.0}
    lons = [pt[0] for line in feat["geometry"]["coordinates"] for pt in line]
    # from the Yellow Sea coast (Ongjin peninsula) to the Sea of Japan coast
    assert min(lons) < 125.3 and max(lons) > 128.5


def test_korea_is_split_at_38_not_at_the_armistice_line():
    feats = {f["properties"]["id"]: geom(f) for f in collection("countries.geojson")["features"]}
    north, south = feats["korea-north-1950"], feats["korea-south-1950"]
    assert north.bounds[1] == pytest.approx(38.0, abs=1e-6)
    assert south.bounds[3] == pytest.approx(38.0, abs=1e-6)
    p = places()
    # Kaesong (37.97 N) was South Korean in 1950; Pyongyang North Korean
    assert south.contains(geom(p["kaesong"])) and north.contains(geom(p["pyongyang"]))
    # inland from Sokcho: north of 38 N, so North Korean in 1950, though south of the 1953 line
    assert north.contains(box(128.40, 38.10, 128.42, 38.12))


def test_border_sections_are_tagged_and_follow_the_rivers():
    feats = collection("border-china-korea.geojson")["features"]
    sections = {f["properties"]["section"]: f for f in feats}
    assert list(sections) == ["yalu", "paektu", "tumen"]
    assert "1962" in sections["paektu"]["properties"]["note"]
    border = unary_union([geom(f) for f in feats])
    p = places()
    for key in ("sinuiju", "manpo", "hyesan"):
        assert km_to(border, lonlat(p[key])) < 5, key
    assert km_to(geom(sections["yalu"]), lonlat(p["manpo"])) < 5
    assert km_to(geom(sections["tumen"]), lonlat(p["namyang"])) < 5
    assert km_to(geom(sections["paektu"]), lonlat(p["paektu"])) < 25


def test_named_rivers():
    rivers = collection("rivers.geojson")["features"]
    named = {f["properties"].get("name") for f in rivers}
    assert {"yalu", "tumen", "taedong", "han", "liao", "songhua"} <= named
    p = places()
    taedong = unary_union([geom(f) for f in rivers if f["properties"].get("name") == "taedong"])
    assert km_to(taedong, lonlat(p["pyongyang"])) < 5


def test_manchuria_is_three_modern_provinces_labelled_as_such():
    feats = collection("manchuria.geojson")["features"]
    assert sorted(f["properties"]["name"] for f in feats) == ["Heilongjiang", "Jilin", "Liaoning"]
    p = places()
    manchuria = unary_union([geom(f) for f in feats])
    for key in ("shenyang", "harbin", "changchun", "dandong", "tonghua"):
        assert km_to(manchuria, lonlat(p[key])) == 0 or manchuria.contains(geom(p[key])), key
    assert all("approximation" in f["properties"]["note"] for f in feats)


HISTORY_PLACES = {
    # name as history.md writes it -> place key
    "Pyongyang": "pyongyang",
    "Wonsan": "wonsan",
    "Sinuiju": "sinuiju",
    "Kanggye": "kanggye",
    "Manpo": "manpo",
    "Hyesan": "hyesan",
    "Hamhung": "hamhung",
    "Chongjin": "chongjin",
    "Dandong": "dandong",
    "Shenyang": "shenyang",
    "Beijing": "beijing",
    "Tonghua": "tonghua",
    "Ji'an": "jian",
    "Anju": "anju",
    "Sinanju": "sinanju",
    "Kaech'on": "kaechon",
    "Tokch'on": "tokchon",
    "Kusong": "kusong",
    "Kapsan": "kapsan",
    "Linjiang": "linjiang",
    "Tumen": "tumen",
    "Yanji": "yanji",
    "Unsan": "unsan",
    "Huich'on": "huichon",
    "Onjong": "onjong",
    "Chosan": "chosan",
    "Changjin": "changjin",
    "Songjin": "songjin",
    "Kaesong": "kaesong",
    "Kumch'on": "kumchon",
    "Sunch'on": "sunchon",
    "Chinnampo": "nampo",
    "Sariwon": "sariwon",
    "Haeju": "haeju",
    "Port Arthur": "lushun",
    "Dairen": "dalian",
    "Mukden": "shenyang",
    "Peking": "beijing",
    "Antung": "dandong",
    "Manzhouli": "manzhouli",
    "Harbin": "harbin",
    "Grodekovo": "grodekovo",
    "Suifenhe": "suifenhe",
    "Hyesanjin": "hyesan",
    "Namyang": "namyang",
    "Changbai": "changbai",
    "Paektu-san": "paektu",
    "Changchun": "changchun",
}
# named in history.md but with no citable coordinate: listed in SOURCES.md instead of guessed
UNLOCATED = {"Sukch'on", "Yongwon", "Changdian Hekou"}


def test_the_places_the_directives_name_are_present():
    p = places()
    for name, key in HISTORY_PLACES.items():
        assert key in p, name
    sources = (GEODATA / "SOURCES.md").read_text(encoding="utf-8")
    for name in UNLOCATED:
        assert name in sources


SOURCES = {i["id"] for i in json.loads((GEODATA.parent / "layers" / "sources.json").read_text(encoding="utf-8"))}


def test_place_names_1950_modern_and_native():
    p = places()
    assert p["shenyang"]["properties"]["name_1950"] == "Mukden"
    assert p["dandong"]["properties"]["name_1950"] == "Antung"
    assert p["beijing"]["properties"]["name_1950"] == "Peking"
    assert p["nampo"]["properties"]["name_1950"].startswith("Chinnamp")
    assert p["manpo"]["properties"]["name_1950"] == "Manp'ojin"
    assert "평양" in p["pyongyang"]["properties"]["native"]
    assert "北京" in p["beijing"]["properties"]["native"]
    for key, feat in p.items():
        props = feat["properties"]
        assert props["name_1950"] and props["name_modern"], key
        assert props["source"] in SOURCES, f"{key}: its coordinate's source is not in layers/sources.json"
        if props.get("names_source"):
            assert props["names_source"] in SOURCES, key
        for name in props["names"]:
            assert name["lang"] != "und", (key, name)
            english = {props["name_1950"], *(n.strip() for n in props["name_modern"].split("/"))}
            assert name["lang"] != "en" or name["toponym"] in english, (key, name)


def test_outer_land_is_land_only_beyond_the_window_out_to_the_outer_box():
    """No edge of the world (issue #12): coarse land around the window, one shape, no borders."""
    from shapely.geometry import Point, box, shape

    from mapping.derive.window import OUTER, WINDOW
    from mapping.render import OUTER_BOUNDS

    feats = collection("outer-land.geojson")["features"]
    assert len(feats) == 1 and feats[0]["geometry"]["type"] == "MultiPolygon"  # land only: no countries
    land = shape(feats[0]["geometry"])
    assert land.is_valid and OUTER.buffer(1e-9).contains(land)
    # the renderer's copy of the box (the app does not import the build) is the same box
    (south, west), (north, east) = OUTER_BOUNDS
    assert OUTER.bounds == (west, south, east, north)
    assert land.intersection(WINDOW).area < 1e-6  # inside the window only the detailed data draws
    for lon, lat in ((114.0, 40.0), (136.0, 45.0), (100.0, 60.0), (78.0, 20.0), (137.5, 36.0)):
        assert land.contains(Point(lon, lat)), (lon, lat)  # China, USSR, Siberia, India, Honshu
    for lon, lat in ((125.0, 30.0), (136.5, 40.0), (165.0, 20.0)):
        assert not land.contains(Point(lon, lat)), (lon, lat)  # East China Sea, Sea of Japan, Pacific
    # it continues the detailed countries across the window's west edge (all land from 33 to 50 N there)
    assert land.intersection(box(114.9, 33.0, 115.0, 50.0)).area > 0.99 * 0.1 * 17


def test_1950_forms_are_of_1950():
    """No 1950 form carries a character that exists only in simplified Chinese (from 1956; OpenCC's tables), nor
    a later administrative suffix (市, 시, 邑, 읍): Hyesanjin is 혜산진 / 惠山鎭, Lin-chiang 臨江."""
    from mapping.document.names import ADMIN_SUFFIX, simplified_only

    later = simplified_only()
    assert {"临", "图", "们", "满"} <= later and not {"後", "里", "沈"} & later  # the table reads as it should
    p = places()
    for key, feat in p.items():
        for name in feat["properties"]["names"]:
            if name.get("when") == "1950" and name["lang"] not in ("ru", "en"):
                assert not set(name["toponym"]) & later, (key, name)
                assert not ADMIN_SUFFIX.search(name["toponym"]), (key, name)
    assert "혜산진 / 惠山鎭" in p["hyesan"]["properties"]["native"]
    assert p["linjiang"]["properties"]["native"].startswith("臨江")
    assert p["paechon"]["properties"]["names_source"] == "aks-sillokwiki-baecheon"
