"""The directive layers encode the telegram's meaning: geographic assertions, in km."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from geo import km_to, lonlat, places
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from mapping import clauses
from mapping.document import load_document

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ROOT / "layers"
TEXT = (LAYERS / "telegram-1950-10-11.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc():  # noqa: ANN201
    return load_document(LAYERS)


def feats(doc, prefix: str) -> dict[str, dict]:  # noqa: ANN001
    return {
        f["properties"]["id"]: f for ly in doc.layers for f in ly.features if f["properties"]["id"].startswith(prefix)
    }


def g(f: dict):  # noqa: ANN201
    return shape(f["geometry"])


def north_korea_1950():  # noqa: ANN201
    countries = json.loads((ROOT / "geodata" / "countries.geojson").read_text(encoding="utf-8"))
    return next(shape(f["geometry"]) for f in countries["features"] if f["properties"]["id"] == "korea-north-1950")


def test_shipped_layers_load_without_faults(doc):  # noqa: ANN001
    assert doc.errors == []
    assert len(doc.layers) >= 9


def test_the_copy_of_the_telegram_is_verbatim():
    shared = ROOT.parent / "shared" / "source" / "telegram-1950-10-11.txt"
    assert TEXT == shared.read_text(encoding="utf-8")


def test_clause_index_spans_are_exact_slices():
    index = clauses.load(LAYERS / "clauses.json")
    assert [c["id"] for c in index] == clauses.IDS
    for c in index:
        assert TEXT[c["start"] : c["end"]] == c["text"]
    by_id = {c["id"]: c["text"] for c in index}
    assert "38th parallel" in by_id["F2"]
    assert by_id["C5"].startswith("5. Pyongyang") and by_id["SIG"].endswith("[...]")


def test_every_mapped_clause_has_a_directive_layer_and_every_quote_is_verbatim(doc):  # noqa: ANN001
    for cid in ["C1", "C2", "C3", "C4", "C5", "F2", "S"]:
        assert doc.layers_for(cid), cid
    for ly in doc.layers:
        for f in ly.features:
            quotes = f["properties"]["quote"]
            for q in quotes if isinstance(quotes, list) else [quotes]:
                assert q in TEXT, f["properties"]["id"]
            assert f["properties"]["citations"], f["properties"]["id"]


def test_pyongyang_is_in_the_evacuation_zone_and_outside_the_mountains(doc):  # noqa: ANN001
    pyongyang = Point(lonlat(places()["pyongyang"]))
    assert g(feats(doc, "c5-evacuation-zone")["c5-evacuation-zone"]).contains(pyongyang)
    for fid, f in {**feats(doc, "c2-border-mountains"), **feats(doc, "c3-defence-zone-")}.items():
        assert not g(f).contains(pyongyang), fid
        assert km_to(g(f), lonlat(places()["pyongyang"])) > 20, fid


def test_c2_touches_the_border_and_lies_in_north_korea(doc):  # noqa: ANN001
    nk = north_korea_1950()
    border = unary_union([g(f) for f in feats(doc, "c1-border-").values()])
    for fid, f in feats(doc, "c2-border-mountains").items():
        zone = g(f)
        assert zone.distance(border) < 0.02, fid  # touches (within ~2 km of) the border
        assert zone.difference(nk.buffer(1e-6)).area < 1e-5, fid  # < 0.1 km2 of rounding
    core, possible = (
        g(feats(doc, "c2")["c2-border-mountains-core"]),
        g(feats(doc, "c2")["c2-border-mountains-possible"]),
    )
    assert possible.area > core.area
    assert core.difference(possible.buffer(0.02)).area < 0.01 * core.area  # the core lies inside the possible band
    # the Kaema plateau near Kapsan is core; the plains by Sinuiju are not mountains at all
    assert core.contains(Point(lonlat(places()["kapsan"])))
    assert not possible.contains(Point(lonlat(places()["sinuiju"])))


def test_c3_lies_north_of_pyongyang_and_wonsan(doc):  # noqa: ANN001
    p = places()
    south_limit = min(lonlat(p["pyongyang"])[1], lonlat(p["wonsan"])[1])
    for fid in ("c3-defence-zone-core", "c3-defence-zone-possible"):
        zone = g(feats(doc, "c3-defence-zone-")[fid])
        assert zone.bounds[1] > south_limit, fid
        assert zone.bounds[0] >= lonlat(p["pyongyang"])[0] - 0.31 and zone.bounds[2] <= lonlat(p["wonsan"])[0] + 0.31
    core = g(feats(doc, "c3-defence-zone-")["c3-defence-zone-core"])
    assert core.bounds[3] <= lonlat(p["tokchon"])[1] + 1e-6  # south of the Tokch'on–Yongwon road (its parallel)


def test_f2_line_lies_at_38_north(doc):  # noqa: ANN001
    (f,) = feats(doc, "f2-").values()
    assert {pt[1] for line in f["geometry"]["coordinates"] for pt in line} == {38.0}


def test_c4_routes_cross_the_border_into_manchuria(doc):  # noqa: ANN001
    nk = north_korea_1950()
    manchuria = g(feats(doc, "c4-reception-area")["c4-reception-area"])
    border = unary_union([g(f) for f in feats(doc, "c1-border-").values()])
    routes = {k: v for k, v in feats(doc, "c4-route-").items()}
    assert len(routes) == 4
    for fid, f in routes.items():
        coords = f["geometry"]["coordinates"]
        assert nk.contains(Point(coords[0])), f"{fid} starts outside North Korea"
        assert manchuria.buffer(0.01).contains(Point(coords[-1])), f"{fid} ends outside Manchuria"
        assert g(f).intersects(border.buffer(0.01)), fid
        assert f["properties"]["measures"]["length_km"] > 50


def test_graded_certainty_and_measures(doc):  # noqa: ANN001
    for prefix in ("c2-border-mountains", "c3-defence-zone-"):
        zones = {
            f["properties"]["band"]: f["properties"] for f in feats(doc, prefix).values() if "band" in f["properties"]
        }
        assert zones["core"]["certainty"] == "less-certain" and zones["possible"]["certainty"] == "uncertain"
        for band in zones.values():
            m = band["measures"]
            assert m["area_km2"] > 500 and 0 < m["share_of_north_korea_1950_pct"] < 100
            assert "min_elevation_m" in band["method"]["parameters"] and "grid" in band["method"]["parameters"]
    zone = feats(doc, "c5-evacuation-zone")["c5-evacuation-zone"]["properties"]["measures"]
    assert zone["distance_to_pyongyang_km"] == 0


def test_other_evacuation_places_are_marked_as_interpretations(doc):  # noqa: ANN001
    points = feats(doc, "c5-place-")
    assert points["c5-place-pyongyang"]["properties"]["certainty"] == "certain"
    others = [f for k, f in points.items() if k != "c5-place-pyongyang"]
    assert others and all(f["properties"]["interpretation"].startswith("An interpretation") for f in others)
    zone = g(feats(doc, "c5-evacuation-zone")["c5-evacuation-zone"])
    assert all(zone.buffer(0.01).contains(g(f)) for f in points.values())


def test_context_features_are_dated(doc):  # noqa: ANN001
    ctx = [f for ly in doc.layers if ly.meta["kind"] == "context" for f in ly.features]
    assert ctx and all("when" in f["properties"] for f in ctx)
    starts = {f["properties"]["when"]["start"] for f in ctx}
    assert {"1950-10-11", "1950-10-19", "1950-10-26", "1950-11-24", "1950-10-25"} <= starts
