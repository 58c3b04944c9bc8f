"""The Linked Places export read as JSON-LD, with PyLD and no network: every property the project exports keeps
a term (none is dropped on expansion), `id` stays a property rather than becoming `@id`, and the records' @ids
are prefixed names (which WHG's upload accepts) unless the user gives a base.

The project's own context (telegram-map.context.jsonld) ships beside the file. The Linked Places context is not
vendored (files fetched from a public repository stay out of this one): the loader serves it from
LINKED_PLACES_CONTEXT when a developer points that at linkedplaces-context-v1.1.jsonld, and otherwise serves a
stand-in made here from the names of the terms that context defines (LP_TERMS), each under a placeholder IRI.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from pyld import jsonld

from mapping.outputs import products
from mapping.outputs.opendata.common import CONTEXT_FILE, LPF_CONTEXT, LPF_FILE
from tests.standards import standard

PUBLISHED = "https://example.test/telegram-map/data/"  # where a reader found the file, for resolving relative IRIs
DROPPED = "urn:dropped:"
# the terms linkedplaces-context-v1.1.jsonld defines (at LinkedPasts/linked-places-format 020cd75), by name only
LP_TERMS = set(
    "id type identifier label value title license FeatureCollection Feature GeometryCollection LineString "
    "MultiLineString MultiPoint MultiPolygon Point Polygon bbox coordinates features properties geometry geometries "
    "geo_wkt ccodes when timespans start end earliest latest in periods names toponym lang types sourceLabels "
    "relations relationType relationTo certainty links closeMatch exactMatch primaryTopicOf subjectOf seeAlso "
    "citations descriptions depictions".split()
)
LP_FILE = os.environ.get("LINKED_PLACES_CONTEXT") or standard("lpf/linkedplaces-context-v1.1.jsonld")
STAND_IN = {
    "@context": {"id": "@id", "type": "@type", **{t: f"urn:lp-stand-in:{t}" for t in LP_TERMS - {"id", "type"}}}
}


@pytest.fixture(scope="module")
def exported():
    doc, base = products.load()
    return {url: products.open_data(doc, base, url) for url in ("", "https://data.example.org/tm/")}


def loader(files: dict[str, bytes]):
    def load(url: str, options: dict) -> dict:
        if url == LPF_CONTEXT:
            document = json.loads(Path(LP_FILE).read_text(encoding="utf-8")) if LP_FILE else STAND_IN
        elif url.endswith("/" + CONTEXT_FILE):
            document = json.loads(files[CONTEXT_FILE])
        else:
            raise AssertionError(f"the expansion asked for {url}: only the two contexts may be loaded")
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load


def expand(files: dict[str, bytes], vocab_first: bool) -> list:
    data = json.loads(files[LPF_FILE])
    if vocab_first:  # a fallback IRI for any key no context defines: it marks what plain expansion drops
        data["@context"] = [{"@vocab": DROPPED}, *data["@context"]]
    return jsonld.expand(data, {"base": PUBLISHED + LPF_FILE, "documentLoader": loader(files)})


def walk(node, fn):
    if isinstance(node, dict):
        for k, v in node.items():
            fn(k, v)
            if k != "@value":
                walk(v, fn)
    elif isinstance(node, list):
        for v in node:
            walk(v, fn)


def test_no_exported_property_is_dropped(exported):
    dropped: set[str] = set()
    walk(expand(exported[""], vocab_first=True), lambda k, _v: k.startswith(DROPPED) and dropped.add(k[len(DROPPED) :]))
    assert not dropped, sorted(dropped)
    # and the check can fail: a key neither context defines is caught
    probe = dict(exported[""])
    data = json.loads(probe[LPF_FILE])
    data["features"][0]["properties"]["not_in_any_context"] = 1
    probe[LPF_FILE] = json.dumps(data).encode()
    caught: set[str] = set()
    walk(expand(probe, vocab_first=True), lambda k, _v: k.startswith(DROPPED) and caught.add(k[len(DROPPED) :]))
    assert "not_in_any_context" in caught


def test_the_projects_own_fields_keep_their_values(exported):
    out = expand(exported[""], vocab_first=False)
    found: dict[str, list] = {}
    walk(out, lambda k, v: k.startswith("urn:telegram-map:") and found.setdefault(k, []).append(v))
    for term in ("quote", "clause", "interpretation", "method", "measures", "layer", "fclass", "featureId"):
        assert found.get(f"urn:telegram-map:{term}"), term
    quotes = {v["@value"] for vs in found["urn:telegram-map:quote"] for x in vs for v in [x]}
    assert any("38th parallel" in q for q in quotes)
    method = found["urn:telegram-map:method"][0][0]
    assert method["@type"] == "@json" and "description" in method["@value"]  # kept whole, as JSON


@pytest.mark.parametrize("base_url", ["", "https://data.example.org/tm/"])
def test_record_ids_are_relative_to_the_file_or_under_the_given_base(exported, base_url):
    raw = json.loads(exported[base_url][LPF_FILE])
    ids = [f["@id"] for f in raw["features"]]
    mine = base_url + LPF_FILE + "#" if base_url else "tmfeature:"
    assert len(set(ids)) == len(ids) and all(i.startswith(mine) for i in ids)
    assert "invalid" not in exported[base_url][LPF_FILE].decode()
    expanded_ids: list[str] = []
    walk(expand(exported[base_url], vocab_first=False), lambda k, v: k == "@id" and expanded_ids.append(v))
    home = base_url + LPF_FILE + "#" if base_url else "urn:telegram-map:feature:"
    records = [i for i in expanded_ids if i.startswith(home)]
    assert len(set(records)) >= len(ids)  # every record, and the places the relations point to
    # a feature's own `id` and a citation's source key are properties, never an @id (relative to the page)
    assert not any(i.startswith(PUBLISHED) for i in expanded_ids), [i for i in expanded_ids if i.startswith(PUBLISHED)]
