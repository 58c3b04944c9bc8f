"""What the open data files share: identifiers, licence, the AAT and GeoNames vocabularies, citations and
country codes."""

from __future__ import annotations

import json
import re
from functools import lru_cache

from shapely.geometry import shape

from ...document.bibliography import Bibliography
from ...paths import geodata_dir

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
LPF_FILE = "telegram-map.lpf.json"
CONTEXT_FILE = "telegram-map.context.jsonld"  # our own terms, beside the Linked Places context: nothing is dropped
# A record's @id. WHG's upload takes only an http(s) URL or a prefixed name (`prefix:local`), never a relative
# IRI; and the project has no site of its own. So by default a prefixed name, which our context expands to a
# stable URN, and under --base-url (export-data, site) the record's place in the published file
BASE_URI = "tmfeature:"
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
# a feature's kind in Linked Places (fclasses) and its AAT types, by its role (layer.schema.json's enum)
KINDS: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    "border-section": (["A"], [("borderlands", "international border (section)")]),
    "parallel": (["A"], [("borderlands", "dividing line of 1945 (38th parallel)")]),
    "border-mountains": (["T"], [("highlands", "mountainous region"), ("borderlands", "border region")]),
    "defence-zone": (["T"], [("highlands", "mountainous region (defence zone)")]),
    "railway": (["R"], [("railroads", "railway line")]),
    "enemy-rear": (["L"], [("regions (geographic)", "area behind the enemy's front")]),
    "partisan-mountains": (["T"], [("highlands", "mountainous region (partisan area)")]),
    "defence-plan": (["L"], [("regions (geographic)", "planned band of defensive lines")]),
    "reception-area": (["L", "A"], [("historical regions", "reception area (Manchuria)")]),
    "withdrawal-route": (["R"], [("routes", "withdrawal route (schematic)"), ("roads", "road")]),
    "crossing": (["S"], [("bridges", "river crossing (bridge or ferry)")]),
    "evacuation-zone": (["L"], [("regions (geographic)", "evacuation zone")]),
    "front": (["L"], [("battlefields", "front line")]),
    "thrust": (["R"], [("routes", "line of advance")]),
    "un-held": (["L"], [("regions (geographic)", "area held by UN forces")]),
    "supply-route": (["R"], [("railroads", "railway (schematic supply route)")]),
}
PLACE_KINDS = {  # places that are not towns
    "paektu": (["T"], [("mountains", "mountain")]),
    "changjin": (["H"], [("reservoirs", "reservoir")]),
}
TOWN = (["P"], [("inhabited places", "town or city")])
EVENT_TYPES = {"ctx-onjong": ("battlefields", "battlefield")}  # an event that makes its place a battlefield

# Bare names. A name from the telegram's own words is checked against the feature's quote and cited to it;
# otherwise the name is cited to the feature's sources. Names never carry dates or captions.
NAMES: dict[str, list[tuple[str, str, str | None]]] = {  # role -> [(toponym, lang, citation key or None)]
    "border-section": [("Korean border", "en", TELEGRAM)],
    "parallel": [("38th parallel", "en", TELEGRAM)],
    "border-mountains": [("mountainous regions along the Chinese border", "en", TELEGRAM)],
    "defence-zone": [("mountainous regions north of Pyongyang and Wonsan", "en", TELEGRAM)],
    "railway": [("Pyongyang–Wonsan line", "en", None)],
    "enemy-rear": [("rear of the enemy", "en", TELEGRAM)],
    "partisan-mountains": [("mountains in the enemy's rear", "en", None)],
    "defence-plan": [("Chinese defensive lines north of the Pyongyang–Wonsan railway", "en", None)],
    "reception-area": [("Manchuria", "en", TELEGRAM), ("Northeast China", "en", None)],
    "evacuation-zone": [
        ("important locations south of the mountainous region of North Korea", "en", TELEGRAM)
    ],
    "front": [("UN front", "en", None)],
    "thrust": [("ROK 7th Regiment's advance to Ch'osan", "en", None)],
    "un-held": [("UN-held Korea", "en", None)],
}  # fmt: skip
# each railway of the supply routes has names of its own, by the feature's id
FEATURE_NAMES: dict[str, list[tuple[str, str, str | None]]] = {
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

BORDER_CCODES = {"border-section": ["CN", "KP"]}  # by role  # a border line lies in both countries it divides
RELATED = "gvp:tgn3000_related_to"
MR_MARKS = re.compile(r"[ŏŭŎŬ'’]")  # McCune–Reischauer breves and aspiration marks: a romanization, not English


def as_json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def one_line(text: str) -> str:
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
        label = one_line(bib.reference(c["id"], html_out=False))
        if c.get("locator"):
            label += f" [{short.rstrip(')').split(', ')[-1]}]"  # the style's locator, e.g. 'chap. 31'
        entry: dict = {"label": label}
        if bib.url(c["id"]):
            entry["@id"] = bib.url(c["id"])
        year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0]
        if year:
            entry["year"] = str(year)  # both WHG schemas (v1.2.2 and the upload's lpf_v2.0) want a string
        out.append(entry)
    return out


# --- ccodes ------------------------------------------------------------------------------------------------

ISO = {"country-156": "CN", "country-643": "RU", "country-496": "MN", "country-392": "JP"}
KOREA = {"korea-north-1950": "KP", "korea-south-1950": "KR"}


@lru_cache(maxsize=1)
def countries_1950() -> tuple:
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
    for code, poly in countries_1950():
        test = poly.buffer(-0.15) if code in ("KP", "KR") else poly
        if size:  # a line or area counts in a country when more than 1% of it lies there
            part = geom.intersection(test)
            hit = (part.area if geom.area else part.length) > 0.01 * size
        else:
            hit = geom.intersects(test.buffer(-0.02))
        if hit:
            codes.add(code)
    if not codes & {"KP", "KR", "CN", "RU"}:
        codes |= {code for code, poly in countries_1950() if geom.intersects(poly)}
    return sorted(codes)
