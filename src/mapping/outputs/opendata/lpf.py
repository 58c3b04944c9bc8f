"""One Linked Places Format collection that the World Historical Gazetteer accepts."""

from __future__ import annotations

import re
from typing import Any

from ...document.bibliography import Bibliography
from ...document.load import Document, as_list
from ...document.telegram import TELEGRAM_DATE
from .common import (
    AAT,
    BASE_URI,
    BORDER_CCODES,
    CITATION,
    CONTEXT_FILE,
    EVENT_TYPES,
    FEATURE_NAMES,
    KINDS,
    LICENSE,
    LPF_CONTEXT,
    LPF_FILE,
    MR_MARKS,
    NAMES,
    PLACE_KINDS,
    RELATED,
    TELEGRAM,
    TOWN,
    ccodes,
    lpf_citations,
    one_line,
)


def _timespan(when: dict | None) -> dict:
    if not when:
        return {"start": {"in": TELEGRAM_DATE}}
    span: dict = {"start": {"in": when["start"]}}
    if when.get("end") and when["end"] != when["start"]:
        span["end"] = {"in": when["end"]}
    return span


def lpf_when(when: dict | None, directive: bool) -> dict:
    out: dict = {"timespans": [_timespan(when)]}
    if not when:
        out["label"] = (
            "undated: the telegram's date, 11 October 1950, onward (the directive gives no end date)"
            if directive
            else "undated: from 11 October 1950, the telegram's date"
        )
    elif when.get("label"):
        out["label"] = when["label"]
    return out


def _geometry(geometry: dict, certainty: str) -> dict:
    return {"type": geometry["type"], "coordinates": geometry["coordinates"], "certainty": certainty}


def _relation(place: dict, label: str, certainty: str, when: dict | None = None) -> dict:
    rel = {"relationType": RELATED, "relationTo": BASE_URI + place["properties"]["id"], "label": label}
    # WHG's two schemas spell a relation's middle certainty apart: 'less certain' (v1.2.2) and 'less-certain'
    # (lpf_v2.0, which its upload applies). A less certain relation says so in its label, which both accept.
    if certainty == "less-certain":
        rel["label"] = f"{label} (less certain)"
    else:
        rel["certainty"] = certainty
    if when:
        rel["when"] = when
    return rel


def _feature_record_props(f: dict, layer: dict, bib: Bibliography) -> dict:
    """The project's own data for one layer feature, kept inside `properties` (the schema allows it there)."""
    p = f["properties"]
    out = {
        "id": p["id"],
        "layer": layer["id"],
        "layer_title": layer["title"],
        "kind": layer.get("kind", ""),
        "clause": as_list(p["clause"]),
        "title": p["title"],
        "quote": as_list(p["quote"]),
        "summary": p["summary"],
        "interpretation": p["interpretation"],
        "method": p["method"],
        "certainty": p["certainty"],
        "citations": [
            {**c, "label": lab["label"]}
            for c, lab in zip(p["citations"], lpf_citations(p["citations"], bib), strict=True)
        ],
    }
    for key in ("band", "when", "measures"):
        if p.get(key):
            out[key] = p[key]
    return out


def _feature_names(f: dict, bib: Bibliography) -> list[dict]:
    p = f["properties"]
    own = lpf_citations(p["citations"], bib)
    quote = " ".join(as_list(p["quote"])).lower()
    rules = FEATURE_NAMES.get(p["id"]) or NAMES.get(p["role"])
    if rules is None:  # a fallback that strips captions: 'Route to Antung via Sinŭiju', 'Sinŭiju–Antung crossing'
        title = re.sub(r"\s*\([^)]*\)", "", p["title"])
        rules = [(f"{title.split(': ', 1)[1]} crossing" if title.startswith("Crossing: ") else title, "en", None)]
    names = []
    for toponym, lang, key in rules:
        if key == TELEGRAM and toponym.lower() not in quote:
            key = None  # never cite the telegram for words it does not contain
        cites = lpf_citations([{"id": key}], bib) if key else own
        names.append({"toponym": toponym, "lang": lang, "citations": cites})
    return names


def _stands_for(f: dict, places_at: dict, crossing_at: dict) -> tuple[str, str] | None:
    """('place', KEY) or ('crossing', FEATURE_ID) when a Point layer feature stands for a place."""
    g = f["geometry"]
    if g["type"] != "Point":
        return None
    at = tuple(round(c, 5) for c in g["coordinates"])
    if f["properties"]["role"] == "crossing":
        return None  # a crossing is a record of its own
    if at in places_at:
        return ("place", places_at[at])
    if at in crossing_at:
        return ("crossing", crossing_at[at])
    return None


def _place_names(p: dict, bib: Bibliography) -> list[dict]:
    """A place's names, with LPF `when` objects, corrected language tags and a citation each."""
    geo = [{"id": "geonames", "locator": p["locator"]}] if p.get("geonameid") else []
    own = [{"id": p["source"], **({"locator": p["locator"]} if p.get("locator") else {})}]
    attest = (
        [{"id": p["names_source"], **({"locator": p["names_locator"]} if p.get("names_locator") else {})}]
        if p.get("names_source")
        else []
    )
    raw: list[tuple[str, str, bool]] = []
    for n in p["names"]:
        parts = [t.strip() for t in n["toponym"].split(" / ")]  # 'Paektu Mountain / Changbai Shan': two names
        for t in parts:
            m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*(.*)$", t)  # 'Changjin (Chosin) Reservoir': two names
            if m:
                raw.append((" ".join(x for x in (m.group(1), m.group(3)) if x), n["lang"], n.get("when") == "1950"))
                raw.append((" ".join(x for x in (m.group(2), m.group(3)) if x), "en", n.get("when") == "1950"))
            else:
                raw.append((t, n["lang"], n.get("when") == "1950"))
    out: list[dict] = []
    for toponym, lang, in_1950 in raw:
        latin = bool(re.search(r"[A-Za-z]", toponym))
        if lang == "en" and p["country"] in ("KP", "KR") and MR_MARKS.search(toponym):
            lang = "ko-Latn"  # "Namp'o", "Kimch'aek": McCune–Reischauer, not an English form
        if lang == "ru" and latin:
            lang = "en" if toponym == p["name_modern"] else "ru-Latn"
        same = next((o for o in out if o["toponym"] == toponym and o["lang"] == lang), None)
        same_name = next((o for o in out if o["toponym"] == toponym), None)
        if same is not None:
            if not in_1950:
                same.pop("when", None)  # attested in 1950 and today: not scoped to 1950
            continue
        if same_name is not None and lang == "en":
            continue  # a split that repeats a name already given
        cites = (attest or geo or own) if in_1950 else (geo or own)
        name: dict = {"toponym": toponym, "lang": lang, "citations": lpf_citations(cites, bib)}
        if in_1950:
            name["when"] = {"timespans": [{"start": {"in": "1950"}}]}
        out.append(name)
    return out


def lpf_place(f: dict, folded: list[tuple[dict, dict]], span_end: str, bib: Bibliography) -> dict:
    """One record per place; the layer features that stand for it are folded in (properties.features)."""
    p = f["properties"]
    certainty = p.get("certainty", "certain")
    fclasses, types = PLACE_KINDS.get(p["key"], TOWN)
    types_out: list[dict] = [{"identifier": AAT[t], "label": t, "sourceLabel": s} for t, s in types]
    spans = [{"start": {"in": TELEGRAM_DATE}, "end": {"in": span_end}}]
    descriptions = []
    if p.get("note"):
        descriptions.append({"value": one_line(p["note"]), "lang": "en"})
    features = []
    for lf, layer in folded:
        lp = lf["properties"]
        features.append(_feature_record_props(lf, layer, bib))
        descriptions.append({"value": one_line(f"{lp['title']}: {lp['summary']}"), "lang": "en"})
        descriptions.append({"value": one_line(f"{lp['title']}, interpretation: {lp['interpretation']}"), "lang": "en"})
        if lp.get("when"):
            spans.append(_timespan(lp["when"]))
        if lp["id"] in EVENT_TYPES:
            t, s = EVENT_TYPES[lp["id"]]
            types_out.append(
                {"identifier": AAT[t], "label": t, "sourceLabel": s, "when": {"timespans": [_timespan(lp["when"])]}}
            )
    record = {
        "@id": BASE_URI + p["id"],
        "type": "Feature",
        "properties": {
            "title": p["name_1950"],
            "fclasses": fclasses,
            "ccodes": [p["country"]],
            "name_modern": p["name_modern"],
            "certainty": certainty,
            "source": lpf_citations(
                [{"id": p["source"], **({"locator": p["locator"]} if p.get("locator") else {})}], bib
            ),
            **({"features": features} if features else {}),
        },
        "names": _place_names(p, bib),
        "types": types_out,
        "geometry": _geometry(f["geometry"], certainty),
        "when": {
            "timespans": spans,
            "label": "the period the map covers (11 October to late November 1950) and, where given, the dates of "
            "the events here; the place itself is older",
        },
    }
    if p.get("geonameid"):
        record["links"] = [{"type": "closeMatch", "identifier": f"http://www.geonames.org/{p['geonameid']}"}]
    if descriptions:
        record["descriptions"] = descriptions
    return record


def lpf_feature(
    f: dict, layer: dict, places: dict[str, dict], folded: list[tuple[dict, dict]], bib: Bibliography
) -> dict:
    p = f["properties"]
    fclasses, types = KINDS.get(p["role"], (["L"], [("regions (geographic)", "area")]))
    params = (p.get("method") or {}).get("parameters") or {}
    keys = [*params.get("through", []), *params.get("between", [])]
    if isinstance(params.get("from"), str):
        keys.append(params["from"])
    related = [places[k] for k in dict.fromkeys(keys) if k in places]
    verb = "river crossing at" if params.get("between") else "passes through"
    if "from" in params and not params.get("through"):
        verb = "closes the line from"
    record = {
        "@id": BASE_URI + p["id"],
        "type": "Feature",
        "properties": {
            **_feature_record_props(f, layer, bib),
            "title": p["title"],
            "fclasses": fclasses,
            "ccodes": ccodes(
                f["geometry"], [r["properties"]["country"] for r in related] + BORDER_CCODES.get(p["role"], [])
            ),
        },
        "names": _feature_names(f, bib),
        "types": [{"identifier": AAT[t], "label": t, "sourceLabel": s} for t, s in types],
        "geometry": _geometry(f["geometry"], p["certainty"]),
        "when": lpf_when(p.get("when"), layer.get("kind") == "directive"),
        "descriptions": [
            {"value": one_line(p["summary"]), "lang": "en"},
            {"value": one_line(f"Interpretation: {p['interpretation']}"), "lang": "en"},
        ],
    }
    rels = [_relation(r, f"{verb} {r['properties']['name_1950']}", p["certainty"]) for r in related]
    if folded:
        record["properties"]["features"] = [_feature_record_props(lf, ly, bib) for lf, ly in folded]
        for lf, _ in folded:
            lp = lf["properties"]
            record["descriptions"].append({"value": one_line(f"{lp['title']}: {lp['summary']}"), "lang": "en"})
            if lp.get("when"):
                record["when"]["timespans"].append(_timespan(lp["when"]))
    if rels:
        record["relations"] = rels
    return record


def _rebase(node: Any, base_url: str) -> Any:  # JSON in, JSON of the same shape out
    """Every record IRI (an @id or a relationTo made from BASE_URI) as its place in the file published at `base_url`."""
    if isinstance(node, dict):
        return {
            k: f"{base_url}{LPF_FILE}#{v[len(BASE_URI) :]}"
            if k in ("@id", "relationTo") and isinstance(v, str) and v.startswith(BASE_URI)
            else _rebase(v, base_url)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rebase(v, base_url) for v in node]
    return node


def lpf_collection(doc: Document, places: dict, base_url: str = "") -> dict:
    """The Linked Places collection. `base_url`: where the data will be published (ends with '/'): the
    records' @ids and our own context are then absolute IRIs under it; by default the @ids are prefixed names
    (tmfeature:ID) and the context is the file beside this one."""
    bib = doc.bibliography
    by_key = {f["properties"]["key"]: f for f in places["features"]}
    places_at = {tuple(round(c, 5) for c in f["geometry"]["coordinates"]): k for k, f in by_key.items()}
    crossing_at = {
        tuple(round(c, 5) for c in f["geometry"]["coordinates"]): f["properties"]["id"]
        for ly in doc.layers
        for f in ly.features
        if f["properties"]["role"] == "crossing"
    }
    folded: dict[tuple[str, str], list[tuple[dict, dict]]] = {}
    own: list[tuple[dict, dict]] = []
    for ly in doc.layers:
        for f in ly.features:
            target = _stands_for(f, places_at, crossing_at)
            if target:
                folded.setdefault(target, []).append((f, ly.meta))
            else:
                own.append((f, ly.meta))
    ends = [
        f["properties"]["when"].get("end", f["properties"]["when"]["start"])
        for f, _ in own
        if f["properties"].get("when")
    ]
    span_end = max(ends, default=TELEGRAM_DATE)
    feats = [lpf_feature(f, ly, by_key, folded.get(("crossing", f["properties"]["id"]), []), bib) for f, ly in own]
    feats += [lpf_place(f, folded.get(("place", k), []), span_end, bib) for k, f in by_key.items()]
    if base_url:
        feats = _rebase(feats, base_url)
    return {
        "@context": [LPF_CONTEXT, base_url + CONTEXT_FILE],
        "type": "FeatureCollection",
        "title": "The October 1950 Telegram Map: directives, context and places",
        "license": LICENSE,
        "citation": CITATION,
        "features": feats,
    }
