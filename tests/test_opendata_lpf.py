"""The Linked Places export is accepted by the World Historical Gazetteer's own schema, feature by feature.

The schema is WHG's (from WorldHistoricalGazetteer/whg3, read from ../shared/standards/lpf/); WHG validates
each uploaded feature on its own with a draft-7 validator, and so does this test.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from mapping.outputs import opendata, products
from tests.standards import needed, standard

ROOT = Path(__file__).resolve().parents[1]
MR_MARKS = re.compile(r"[ŏŭŎŬ'’]")


def english_forms(p: dict) -> set[str]:
    """A place's English (conventional) names: its 1950 and modern names, 'A / B' and 'A (B) C' read as two."""
    out = set()
    for name in (p["name_1950"], p["name_modern"]):
        for part in name.split(" / "):
            m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*(.*)$", part)
            out |= {f"{m.group(1)} {m.group(3)}".strip(), f"{m.group(2)} {m.group(3)}".strip()} if m else {part}
    return out


@pytest.fixture(scope="module")
def shipped():
    doc, base = products.load()
    places = base.collections["places"]
    lpf = json.loads(products.open_data(doc, base)["telegram-map.lpf.json"])
    return doc, places, lpf


def test_every_feature_passes_whg_schema(shipped):
    _, _, lpf = shipped
    validator = Draft7Validator(json.loads(needed("lpf/schema_lpf_v1.2.2.json").read_text(encoding="utf-8")))
    failures = [
        f"{f.get('@id')}: {'/'.join(map(str, e.path))}: {e.message[:200]}"
        for f in lpf["features"]
        for e in validator.iter_errors(f)
    ]
    assert not failures, f"{len(failures)} schema errors:\n" + "\n".join(failures[:40])
    assert len(lpf["features"]) > 60


def test_what_whg_needs(shipped):
    _, _, lpf = shipped
    for f in lpf["features"]:
        fid, p = f["@id"], f["properties"]
        assert p["fclasses"] and set(p["fclasses"]) <= set("AHLPRST"), fid
        assert p["ccodes"] and all(re.fullmatch(r"[A-Z]{2}", c) for c in p["ccodes"]), fid
        assert f["types"] and all(re.fullmatch(r"aat:3\d{8}", t["identifier"]) and t["label"] for t in f["types"]), fid
        assert f["when"]["timespans"] and all(s["start"]["in"] for s in f["when"]["timespans"]), fid
        assert f["names"], fid
        for n in f["names"]:
            assert n["toponym"] and n["lang"] and n["citations"], (fid, n)
            assert all(c["label"] for c in n["citations"]), (fid, n)
            assert not re.search(r"\d{1,2} (Oct|Nov)|: ", n["toponym"]), (fid, n["toponym"])  # a name, not a caption
        g = f["geometry"]
        assert g["type"] != "GeometryCollection" or len(g["geometries"]) > 1, fid
        assert g.get("certainty") in ("certain", "less-certain", "uncertain"), fid
        assert {"value"} <= set(f["descriptions"][0]) if f.get("descriptions") else True


def test_one_record_per_place_with_geonames_links(shipped):
    _, places, lpf = shipped
    ids = Counter(f["@id"] for f in lpf["features"])
    assert max(ids.values()) == 1
    by_id = {f["@id"]: f for f in lpf["features"]}
    folded = {x["id"] for f in lpf["features"] for x in f["properties"].get("features", [])}
    for place in places["features"]:
        p = place["properties"]
        rec = by_id[opendata.BASE_URI + p["id"]]
        if p.get("geonameid"):
            assert {"type": "closeMatch", "identifier": f"http://www.geonames.org/{p['geonameid']}"} in rec["links"]
        assert rec["properties"]["ccodes"] == [p["country"]]
        for n in rec["names"]:  # a romanization is not English unless it is the place's English name
            if n["lang"] == "en":
                assert n["toponym"] in english_forms(p), (p["key"], n)
                if p["country"] in ("KP", "KR"):
                    assert not MR_MARKS.search(n["toponym"]), (p["key"], n)
            if n["lang"] in ("ru", "ko", "ko-Hani", "zh-Hant", "zh-Hans"):
                assert not re.search(r"[A-Za-z]", n["toponym"]), (p["key"], n)
    # the layer features that stand for a place are folded into its record, never a record of their own
    assert {"c5-place-pyongyang", "ctx-pyongyang-falls", "ctx-onjong", "ctx-crossing-antung"} <= folded
    assert not any(i.rsplit("#", 1)[-1].rsplit(":", 1)[-1] in folded for i in ids)
    pyongyang = by_id[opendata.BASE_URI + "place-pyongyang"]
    assert {x["id"] for x in pyongyang["properties"]["features"]} == {"c5-place-pyongyang", "ctx-pyongyang-falls"}
    # crossings and routes are related to the places they join
    crossing = by_id[opendata.BASE_URI + "c4-crossing-sinuiju"]
    assert {r["relationTo"].rsplit("#", 1)[-1].rsplit(":", 1)[-1] for r in crossing["relations"]} == {
        "place-sinuiju",
        "place-dandong",
    }
    assert all(r["relationTo"] in by_id for f in lpf["features"] for r in f.get("relations", []))


def test_every_shipped_feature_is_exported_once(shipped):
    doc, _, lpf = shipped
    records = {f["@id"].rsplit("#", 1)[-1].rsplit(":", 1)[-1] for f in lpf["features"]}
    folded = [x["id"] for f in lpf["features"] for x in f["properties"].get("features", [])]
    shipped_ids = [f["properties"]["id"] for ly in doc.layers for f in ly.features]
    assert sorted(shipped_ids) == sorted([i for i in records if i in set(shipped_ids)] + folded)


def test_citations_come_from_the_bibliography(shipped):
    doc, _, lpf = shipped
    urls = {doc.bibliography.url(k) for k in doc.bibliography.items}
    for f in lpf["features"]:
        for n in f["names"]:
            for c in n["citations"]:
                assert c.get("@id", "") in urls, c  # a printed work with no address has no @id
    front = next(f for f in lpf["features"] if f["@id"].endswith(":front-1950-11-04-2"))  # the bridgehead
    assert any("Appleman" in c["label"] and "chap. 35" in c["label"] for c in front["names"][0]["citations"])


def test_undated_directives_say_so(shipped):
    _, _, lpf = shipped
    c2 = next(f for f in lpf["features"] if f["@id"].endswith(":c2-border-mountains-core"))
    assert c2["when"]["timespans"][0]["start"]["in"] == opendata.TELEGRAM_DATE
    assert "undated" in c2["when"]["label"]


def test_what_the_upload_schema_lpf_v2_also_asks(shipped):
    """WHG's upload applies whg3's lpf_v2.0.jsonld, which is not vendored here (fetched files stay out of the
    repository): checked once by hand with all 109 records passing (see the session note). Its two rules that
    v1.2.2 let through are checked here: every citation's year is a string, and every certainty is spelled
    as the LPF specification spells it."""
    _, _, lpf = shipped

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "year":
                    assert isinstance(v, str) and re.fullmatch(r"-?\d+", v), (path, v)
                if k == "certainty":
                    assert v in ("certain", "less-certain", "uncertain"), (path, v)
                walk(v, f"{path}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}/{i}")

    walk(lpf, "")
    years = [c["year"] for f in lpf["features"] for n in f["names"] for c in n.get("citations", []) if "year" in c]
    assert len(years) > 80  # the dated sources cited by names (undated pages carry no year)
    labels = [r["label"] for f in lpf["features"] for r in f.get("relations", [])]
    assert any(label.endswith("(less certain)") for label in labels)


# whg3's upload schema (../shared/standards/lpf/, or WHG3_LPF_V2) and its own example, where a developer has it
# (WHG3_LPF_V2_EXAMPLE: whg3's validation/test_data/github_example.jsonld): files fetched from a public
# repository stay out of this one
LPF_V2 = os.environ.get("WHG3_LPF_V2") or standard("lpf/lpf_v2.0.jsonld")
LPF_V2_EXAMPLE = os.environ.get("WHG3_LPF_V2_EXAMPLE")


@pytest.mark.skipif(not LPF_V2, reason="whg3's lpf_v2.0.jsonld: not in ../shared/standards/lpf/, WHG3_LPF_V2 unset")
def test_every_record_passes_whg3_lpf_v2_as_the_upload_applies_it(shipped):
    """validation/tasks.py: a Draft7Validator, each feature alone in a FeatureCollection. WHG's own example is
    checked first, so the check is known to work: at whg3 081e0436 it fails lpf_v2.0 only where its citations'
    `year` is a number (the schema wants a string, the fault #20 found in ours), and passes once those are strings."""
    _, _, lpf = shipped
    validator = Draft7Validator(json.loads(Path(LPF_V2).read_text(encoding="utf-8")))

    def faults(features: list[dict]) -> list[str]:
        return [
            f"{f.get('@id')}: {'/'.join(map(str, e.absolute_path))}: {e.message[:120]}"
            for f in features
            for e in validator.iter_errors({"type": "FeatureCollection", "features": [f]})
        ]

    if LPF_V2_EXAMPLE:
        text = Path(LPF_V2_EXAMPLE).read_text(encoding="utf-8")
        found = faults(json.loads(text)["features"])
        assert found and all("/year: " in f and "is not of type 'string'" in f for f in found), found
        as_strings = json.loads(re.sub(r'"year":\s*(-?\d+)', r'"year": "\1"', text))
        assert faults(as_strings["features"]) == []
    assert faults([{"type": "Feature", "properties": {}}])  # a record without what WHG needs is refused
    assert len(lpf["features"]) >= 109
    assert faults(lpf["features"]) == []
