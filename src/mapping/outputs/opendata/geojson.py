"""GeoJSON for QGIS: one RFC 7946 file per layer and geometry type, and places.geojson."""

from __future__ import annotations

import json

from ...document.bibliography import Bibliography
from ...document.load import Document, as_list
from .common import CITATION, LICENSE, LICENSE_URL, as_json

FAMILY = {
    "Point": "points",
    "MultiPoint": "points",
    "LineString": "lines",
    "MultiLineString": "lines",
    "Polygon": "polygons",
    "MultiPolygon": "polygons",
}
MULTI = {"Point": "MultiPoint", "LineString": "MultiLineString", "Polygon": "MultiPolygon"}


def _promote(geometry: dict) -> dict:
    kind = geometry["type"]
    return {"type": MULTI[kind], "coordinates": [geometry["coordinates"]]} if kind in MULTI else geometry


def flat_properties(f: dict, layer: dict, bib: Bibliography, place_id: str | None) -> dict:
    """One row for QGIS: every value a string, a number, a boolean or a list of strings."""
    p = f["properties"]
    method = p.get("method") or {}
    when = p.get("when") or {}
    names = p.get("names") or {}
    row: dict = {
        "id": p["id"],
        "layer": layer["id"],
        "kind": layer.get("kind"),
        "clause": [str(c) for c in as_list(p["clause"])],
        "title": p["title"],
        "quote": [str(q) for q in as_list(p["quote"])],
        "summary": p["summary"],
        "interpretation": p["interpretation"],
        "method_kind": method.get("kind"),
        "method_description": method.get("description"),
        "method_parameters": json.dumps(method["parameters"], ensure_ascii=False) if method.get("parameters") else None,
        "certainty": p["certainty"],
        "band": p.get("band"),
        "when_start": when.get("start"),
        "when_end": when.get("end") or when.get("start"),
        "when_label": when.get("label"),
        "citations": json.dumps(p["citations"], ensure_ascii=False),
        "citations_text": "; ".join(bib.cite(p["citations"], html_out=False)),
        "place_id": place_id,
        "name_1950": names.get("1950"),
        "name_modern": names.get("modern"),
        "name_native": names.get("native"),
        "names": json.dumps(names["toponyms"], ensure_ascii=False) if names.get("toponyms") else None,
    }
    for key, value in (p.get("measures") or {}).items():
        row[key] = float(value) if isinstance(value, int | float) else json.dumps(value, ensure_ascii=False)
    return row


def collection(name: str, features: list[dict], extra: dict | None = None) -> dict:
    keys = list(dict.fromkeys(k for f in features for k in f["properties"]))
    used = [k for k in keys if any(f["properties"].get(k) is not None for f in features)]
    for f in features:  # the same columns in every feature, in the same order; absent values are null
        f["properties"] = {k: f["properties"].get(k) for k in used}
    return {
        "type": "FeatureCollection",
        "name": name,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "citation": CITATION,
        **(extra or {}),
        "features": features,
    }


def layer_files(doc: Document, places: dict | None = None) -> dict[str, bytes]:
    places_at = {
        tuple(round(c, 5) for c in f["geometry"]["coordinates"]): f["properties"]["id"]
        for f in (places or {"features": []})["features"]
    }
    out = {}
    for layer in doc.layers:
        groups: dict[str, list[dict]] = {}
        for f in layer.features:
            groups.setdefault(FAMILY[f["geometry"]["type"]], []).append(f)
        for family, feats in groups.items():
            name = layer.id if len(groups) == 1 else f"{layer.id}-{family}"
            promote = len({f["geometry"]["type"] for f in feats}) > 1
            rows = []
            for f in feats:
                g = f["geometry"]
                at = tuple(round(c, 5) for c in g["coordinates"]) if g["type"] == "Point" else None
                place = places_at.get(at) if at is not None else None
                rows.append(
                    {
                        "type": "Feature",
                        "id": f["properties"]["id"],
                        "properties": flat_properties(f, layer.meta, doc.bibliography, place),
                        "geometry": _promote(g) if promote else g,
                    }
                )
            meta = {k: v for k, v in layer.meta.items() if k != "style"}
            out[f"{name}.geojson"] = as_json(collection(name, rows, {"layer": meta}))
    return out


def places_file(places: dict, bib: Bibliography) -> bytes:
    rows = []
    for f in places["features"]:
        p = f["properties"]
        source = [{"id": p["source"], **({"locator": p["locator"]} if p.get("locator") else {})}]
        row = {
            "id": p["id"],
            "key": p["key"],
            "country": p["country"],
            "name_1950": p["name_1950"],
            "name_modern": p["name_modern"],
            "native": p.get("native"),
            "names": json.dumps(p["names"], ensure_ascii=False),
            "rank": p.get("rank"),
            "geonameid": p.get("geonameid"),
            "geonames_url": f"http://www.geonames.org/{p['geonameid']}" if p.get("geonameid") else None,
            "source": p["source"],
            "locator": p.get("locator"),
            "source_text": "; ".join(bib.cite(source, html_out=False)),
            "names_source": p.get("names_source"),
            "hand_added": bool(p.get("hand_added")),
            "note": p.get("note"),
            "certainty": p.get("certainty", "certain"),
        }
        rows.append({"type": "Feature", "id": p["id"], "properties": row, "geometry": f["geometry"]})
    return as_json(collection("places", rows))
