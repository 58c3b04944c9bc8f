"""`python -m mapping export-data OUTDIR`: the layers as open data.

- one RFC 7946 GeoJSON file per layer (the layer's metadata kept as a foreign member);
- one Linked Places Format (LPF v1.1) FeatureCollection with every feature and place,
  so that historians can load it into the World Historical Gazetteer or Peripleo.
"""

from __future__ import annotations

import json

from .bibliography import Bibliography
from .document import Document, as_list

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
BASE_URI = "https://telegram-map.invalid/feature/"  # a local namespace for @id: the project has no public site


def layer_files(doc: Document) -> dict[str, bytes]:
    out = {}
    for layer in doc.layers:
        fc = {"type": "FeatureCollection", "layer": layer.meta, "features": layer.features}
        out[f"{layer.id}.geojson"] = (json.dumps(fc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return out


def _timespans(when: dict | None) -> dict | None:
    if not when:
        return None
    return {"timespans": [{"start": {"in": when["start"]}, "end": {"in": when.get("end", when["start"])}}]}


def lpf_citations(citations: list[dict], bib: Bibliography) -> list[dict]:
    """LPF citations: the CSL-rendered reference with its locator, and the source's URL as @id."""
    out = []
    for c, short in zip(citations, bib.cite(citations, html_out=False), strict=True):
        item = bib.items.get(c["id"], {})
        entry = {"label": f"{short} {bib.reference(c['id'], html_out=False)}" if item else short}
        if bib.url(c["id"]):
            entry["@id"] = bib.url(c["id"])
        year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]
        if year:
            entry["year"] = year
        out.append(entry)
    return out


def lpf_feature(f: dict, layer_title: str, bib: Bibliography) -> dict:
    p = f["properties"]
    names = [{"toponym": p["title"], "lang": "en"}]
    for key, lang in (("1950", "en"), ("modern", "en")):
        value = (p.get("names") or {}).get(key)
        if value:
            names.append({"toponym": value, "lang": lang})
    geometry = dict(f["geometry"])
    geometry["certainty"] = p["certainty"]
    geometry["citations"] = lpf_citations(p["citations"], bib)
    feature = {
        "@id": BASE_URI + p["id"],
        "type": "Feature",
        "properties": {
            "title": p["title"],
            "layer": layer_title,
            "clause": as_list(p["clause"]),
            "quote": as_list(p["quote"]),
            "summary": p["summary"],
            "interpretation": p["interpretation"],
            "method": p["method"],
            "certainty": p["certainty"],
            **({"band": p["band"]} if p.get("band") else {}),
            **({"measures": p["measures"]} if p.get("measures") else {}),
        },
        "names": names,
        "types": [{"label": layer_title}],
        "geometry": {"type": "GeometryCollection", "geometries": [geometry]},
        "citations": geometry["citations"],
        "certainty": p["certainty"],
    }
    spans = _timespans(p.get("when"))
    if spans:
        feature["when"] = spans
    return feature


def lpf_place(f: dict) -> dict:
    p = f["properties"]
    names = [
        {"toponym": p["name_1950"], "lang": "en", "when": {"timespans": [{"start": {"in": "1950"}}]}},
        {"toponym": p["name_modern"], "lang": "en"},
    ]
    for native in (n.strip() for n in (p.get("native") or "").split("/") if n.strip()):
        lang = (
            "ko"
            if any("\uac00" <= ch <= "\ud7af" for ch in native)
            else "zh"
            if any("\u4e00" <= ch <= "\u9fff" for ch in native)
            else "ru"
        )
        names.append({"toponym": native, "lang": lang})
    certainty = p.get("certainty", "certain")
    geometry = dict(f["geometry"])
    geometry["certainty"] = certainty
    cite = [{"label": p["source"]}]
    return {
        "@id": BASE_URI + p["id"],
        "type": "Feature",
        "properties": {"title": p["name_1950"], "modern": p["name_modern"]},
        "names": names,
        "types": [{"label": "place"}],
        "geometry": {"type": "GeometryCollection", "geometries": [{**geometry, "citations": cite}]},
        "citations": cite,
        "certainty": certainty,
    }


def lpf_collection(doc: Document, places: dict) -> dict:
    feats = [lpf_feature(f, ly.meta["title"], doc.bibliography) for ly in doc.layers for f in ly.features]
    feats += [lpf_place(f) for f in places["features"]]
    return {
        "@context": LPF_CONTEXT,
        "type": "FeatureCollection",
        "title": "The October 1950 Telegram Map: directives, context and places",
        "features": feats,
    }


def files(doc: Document, places: dict) -> dict[str, bytes]:
    out = layer_files(doc)
    lpf = lpf_collection(doc, places)
    out["sources.json"] = (
        json.dumps(list(doc.bibliography.items.values()), ensure_ascii=False, indent=1) + "\n"
    ).encode("utf-8")
    out["telegram-map.lpf.json"] = (json.dumps(lpf, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return out
