"""The directive layers encode the telegram's meaning: geographic assertions, in km."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from geo import km_to, lonlat, places
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from mapping.document import clauses
from mapping.document.load import load_document

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ROOT / "layers"
TEXT = (LAYERS / "telegram-1950-10-11.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc():
    return load_document(LAYERS)


def feats(doc, prefix: str) -> dict[str, dict]:
    return {
        f["properties"]["id"]: f for ly in doc.layers for f in ly.features if f["properties"]["id"].startswith(prefix)
    }


def g(f: dict):
    return shape(f["geometry"])


def north_korea_1950():
    countries = json.loads((ROOT / "geodata" / "countries.geojson").read_text(encoding="utf-8"))
    return next(shape(f["geometry"]) for f in countries["features"] if f["properties"]["id"] == "korea-north-1950")


def test_shipped_layers_load_without_faults(doc):
    assert doc.errors == []
    assert len(doc.layers) >= 9


def test_the_copy_of_the_telegram_is_verbatim():
    """The kept copy matches the checksum of the file as received (layers/telegram-1950-10-11.txt.sha256)."""
    expected = (LAYERS / "telegram-1950-10-11.txt.sha256").read_text(encoding="ascii").split()[0]
    assert hashlib.sha256((LAYERS / "telegram-1950-10-11.txt").read_bytes()).hexdigest() == expected


def test_clause_index_spans_are_exact_slices():
    index = clauses.load(LAYERS / "clauses.json")
    assert [c["id"] for c in index] == clauses.IDS
    for c in index:
        assert TEXT[c["start"] : c["end"]] == c["text"]
    by_id = {c["id"]: c["text"] for c in index}
    assert "38th parallel" in by_id["F2"]
    assert by_id["C5"].startswith("5. Pyongyang") and by_id["SIG"].endswith("[...]")


def test_every_mapped_clause_has_a_directive_layer_and_every_quote_is_verbatim(doc):
    for cid in ["C1", "C2", "C3", "C4", "C5", "F2", "S"]:
        assert doc.layers_for(cid), cid
    for ly in doc.layers:
        for f in ly.features:
            quotes = f["properties"]["quote"]
            for q in quotes if isinstance(quotes, list) else [quotes]:
                assert q in TEXT, f["properties"]["id"]
            assert f["properties"]["citations"], f["properties"]["id"]


def test_pyongyang_is_in_the_evacuation_zone_and_outside_the_mountains(doc):
    pyongyang = Point(lonlat(places()["pyongyang"]))
    assert g(feats(doc, "c5-evacuation-zone")["c5-evacuation-zone"]).contains(pyongyang)
    for fid, f in {**feats(doc, "c2-border-mountains"), **feats(doc, "c3-defence-zone-")}.items():
        assert not g(f).contains(pyongyang), fid
        assert km_to(g(f), lonlat(places()["pyongyang"])) > 20, fid


def test_c2_touches_the_border_and_lies_in_north_korea(doc):
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


def test_c3_lies_north_of_pyongyang_and_wonsan_and_short_of_the_border_belt(doc):
    p = places()
    south_limit = min(lonlat(p["pyongyang"])[1], lonlat(p["wonsan"])[1])
    c3 = feats(doc, "c3-defence-zone-")
    c2 = feats(doc, "c2-border-mountains")
    for fid in ("c3-defence-zone-core", "c3-defence-zone-possible"):
        assert g(c3[fid]).bounds[1] > south_limit, fid
    # the two directives never claim the same ground: both C3 bands stay out of C2's possible band
    core, possible = g(c3["c3-defence-zone-core"]), g(c3["c3-defence-zone-possible"])
    assert core.intersection(g(c2["c2-border-mountains-possible"])).area < 0.02 * core.area
    assert possible.intersection(g(c2["c2-border-mountains-possible"])).area < 0.02 * possible.area  # no stacking
    assert core.difference(possible).area < 0.01 * core.area  # the core lies inside the possible band


def test_maos_plan_is_a_dated_comparison_not_the_core_of_c3(doc):
    (plan,) = feats(doc, "c3-mao-plan").values()
    layer = next(ly for ly in doc.layers if ly.id == "ctx-mao-plan")
    assert layer.meta["kind"] == "context"
    assert plan["properties"]["when"]["start"] == "1950-10-14"
    assert {c["id"] for c in plan["properties"]["citations"]} >= {"mao-wenji-1950-10-14"}
    core = g(feats(doc, "c3-defence-zone-")["c3-defence-zone-core"])
    assert "Mao" not in json.dumps(feats(doc, "c3-defence-zone-core")["c3-defence-zone-core"]["properties"]["method"])
    assert not core.equals(g(plan))


def test_f2_line_lies_at_38_north(doc):
    (f,) = feats(doc, "f2-").values()
    assert {pt[1] for line in f["geometry"]["coordinates"] for pt in line} == {38.0}


def test_c4_routes_cross_the_border_into_manchuria(doc):
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


def test_graded_certainty_and_measures(doc):
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


def test_other_evacuation_places_are_marked_as_interpretations(doc):
    points = feats(doc, "c5-place-")
    assert points["c5-place-pyongyang"]["properties"]["certainty"] == "certain"
    others = [f for k, f in points.items() if k != "c5-place-pyongyang"]
    assert others and all(f["properties"]["interpretation"].startswith("An interpretation") for f in others)
    zone = g(feats(doc, "c5-evacuation-zone")["c5-evacuation-zone"])
    assert all(zone.buffer(0.01).contains(g(f)) for f in points.values())


def test_context_features_are_dated(doc):
    ctx = [f for ly in doc.layers if ly.meta["kind"] == "context" for f in ly.features]
    assert ctx and all("when" in f["properties"] for f in ctx)
    starts = {f["properties"]["when"]["start"] for f in ctx}
    assert {"1950-10-11", "1950-10-19", "1950-10-26", "1950-11-24", "1950-10-25"} <= starts


def test_c3_steps_frame_each_half_of_the_clause(doc):
    """The defence zone gets a view of its own, not a speck in a view fitted to all of South Korea."""
    from mapping.render import present_views
    from mapping.state import STEPS

    views = present_views(doc, STEPS)
    zone, partisans = views[STEPS.index("C3")], views[STEPS.index("C3P")]
    assert zone["clause"] == partisans["clause"] == "C3"
    assert zone["zoom"] >= partisans["zoom"] + 1
    core = g(feats(doc, "c3-defence-zone-")["c3-defence-zone-core"]).centroid
    assert abs(zone["center"][0] - core.y) < 1.0 and abs(zone["center"][1] - core.x) < 1.0
