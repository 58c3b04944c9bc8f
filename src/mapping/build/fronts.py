"""Front lines and the UN-held area at each date, built from one table of dated, cited positions.

layers/hand/positions.csv holds who held or reached which place on which date, with a
source and a locator. A front line is the UN `vertex` rows of one date in their `seq`
order, west coast to east coast: every vertex is a cited position, and nothing else is.
Each vertex says whether the stretch to the next one is `documented` (a source puts the
front between the two) or a `gap` (nobody does): gaps become separate, uncertain features.
The UN-held area at a date is Korea south of that date's line, so the layers derived from
the 11 October area (the enemy's rear in C3, the C5 evacuation zone) follow the table.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pyproj import Geod
from shapely.geometry import LineString, Point, Polygon

from ..paths import shown
from .sources import BuildError

SIDES = ("UN", "KPA", "CPV")
# held: a side held the place that day; contested: it was fought over that day, so it is no vertex
ROLES = ("vertex", "held", "contested", "thrust")
STRETCHES = ("documented", "gap", "")
CERTAINTIES = ("certain", "less-certain", "uncertain")
COLUMNS = (
    "date", "seq", "place", "offset", "side", "unit", "role", "stretch", "certainty", "source", "locator",
    "source_dates", "evidence", "note",
)  # fmt: skip
# evidence is the source's own words, verbatim, unless marked: a paraphrase, or words not found in a readable copy
PARAPHRASE, NOT_FOUND = "[paraphrase] ", "[not found] "
# evidence must rest on a source, never on this map or a review of it
CIRCULAR = re.compile(r"this map|this project|review of (this|the) map|telegram-map", re.IGNORECASE)
# the dates a source gives for a position, as an ISO 8601 interval: 1950-11-03, 1950-11-01/1950-11-03,
# 1950-10-10/.. (from that day on) or ../1950-10-18 (until that day)
INTERVAL = re.compile(r"^(\d{4}-\d\d-\d\d|\.\.)(?:/(\d{4}-\d\d-\d\d|\.\.))?$")
OFFSET = re.compile(r"^(\d+(?:\.\d+)?) km ([NS])$")  # "6 km N": the front lay this far north of a held place
GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Position:
    date: str
    seq: int | None
    place: str
    offset: str
    side: str
    unit: str
    role: str
    stretch: str
    certainty: str
    source: str
    locator: str
    source_dates: str
    evidence: str
    note: str
    xy: tuple[float, float]

    @property
    def citation(self) -> dict:
        return {"id": self.source, "locator": self.locator} if self.locator else {"id": self.source}


def in_interval(day: str, interval: str) -> bool:
    """Whether a day falls within an ISO 8601 interval of days (open ends written '..')."""
    m = INTERVAL.match(interval)
    if m is None:
        return False
    start, end = m.group(1), m.group(2) if m.group(2) is not None else m.group(1)
    if start == ".." and end == "..":
        return False  # no date at all
    return (start == ".." or start <= day) and (end == ".." or day <= end)


def _row_faults(row: dict, places: dict[str, dict], sources: set[str] | None) -> list[str]:
    """What is wrong with one row on its own."""
    if None in row or None in row.values():  # a stray or missing comma: the columns cannot be trusted
        return [f"has {len(row) - (None in row) + len(row.get(None) or [])} fields, not {len(COLUMNS)}"]
    faults = []
    try:
        date.fromisoformat(row["date"])
    except ValueError:
        faults.append(f"date {row['date']!r} is not an ISO date")
    if row["place"] not in places:
        faults.append(f"place {row['place']!r} is not in src/mapping/data/places.csv")
    for col, allowed in (("side", SIDES), ("role", ROLES), ("stretch", STRETCHES), ("certainty", CERTAINTIES)):
        if row[col] not in allowed:
            faults.append(f"{col} {row[col]!r} is not one of {', '.join(repr(a) for a in allowed)}")
    if not row["source"]:
        faults.append("no source")
    elif sources is not None and row["source"] not in sources:
        faults.append(f"source {row['source']!r} is not in layers/sources.json")
    if row["role"] in ("vertex", "thrust") and (row["side"] != "UN" or not row["seq"].isdigit()):
        faults.append("a vertex is a UN position with a whole-number seq")
    if row["offset"] and (not OFFSET.match(row["offset"]) or row["role"] not in ("vertex", "thrust")):
        faults.append(f"offset {row['offset']!r} must read like '6 km N', and only on a vertex")
    if not INTERVAL.match(row["source_dates"]) or row["source_dates"] == "..":
        faults.append(f"source_dates {row['source_dates']!r} must be the dates the source gives, e.g. 1950-11-03")
    elif not in_interval(row["date"], row["source_dates"]):
        faults.append(f"the source dates this position {row['source_dates']}, not {row['date']}")
    elif ".." in row["source_dates"] and not row["note"].strip():
        faults.append("a position carried beyond the dates its source gives needs a note that says why")
    faults.extend(_evidence_faults(row))
    return faults


def _evidence_faults(row: dict) -> list[str]:
    evidence = row["evidence"].strip()
    words = evidence.removeprefix(PARAPHRASE).removeprefix(NOT_FOUND).strip()
    if not words:
        return ["evidence is empty: quote the source's words, or mark a paraphrase '[paraphrase] '"]
    if CIRCULAR.search(evidence) or CIRCULAR.search(row["source"]):
        return ["evidence points at this map or a review of it, not at a source"]
    if evidence.startswith(NOT_FOUND) and (row["certainty"] != "uncertain" or not row["note"].strip()):
        return ["words not found in a readable copy make the row 'uncertain', with a note that says why"]
    return []


def _read(path: Path) -> tuple[list[dict], list[str]]:
    """The table's rows, or none and the fault of its header."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            return [], [f"{shown(path)}: the header must be {','.join(COLUMNS)}"]
        return list(reader), []


def position_faults(path: Path, places: dict[str, dict], sources: set[str] | None = None) -> list[str]:
    """Every fault of the table, each naming the file and the row: what validate prints."""
    return _faults(path, *_read(path), places, sources)


def _faults(path: Path, rows: list[dict], header: list[str], places: dict, sources: set[str] | None) -> list[str]:
    if header:
        return header
    name = shown(path)
    faults = [f"{name}: row {n}: {f}" for n, row in enumerate(rows, start=2) for f in _row_faults(row, places, sources)]
    # a place held by either side, or fought over, that day is not where the front ran
    taken = {(r["date"], r["place"]): r["role"] for r in rows if r["role"] in ("held", "contested")}
    for n, row in enumerate(rows, start=2):
        role = taken.get((row["date"], row["place"]))
        if row["role"] in ("vertex", "thrust") and not row["offset"] and role:
            faults.append(f"{name}: row {n}: {row['place']} is {role} on {row['date']}, so it cannot be a vertex")
    return faults


def read_positions(path: Path, places: dict[str, dict], sources: set[str] | None = None) -> list[Position]:
    """Every row, checked: a fault names the file, the row and what is wrong."""
    rows, header = _read(path)
    if faults := _faults(path, rows, header, places, sources):
        raise BuildError("; ".join(faults))
    out = []
    for row in rows:
        is_vertex = row["role"] in ("vertex", "thrust")
        lon, lat = places[row["place"]]["geometry"]["coordinates"]
        if m := OFFSET.match(row["offset"]):
            lon, lat, _ = GEOD.fwd(lon, lat, 0 if m.group(2) == "N" else 180, float(m.group(1)) * 1000)
            lon, lat = round(lon, 5), round(lat, 5)
        fields = {k: row[k] for k in COLUMNS if k != "seq"}
        out.append(Position(seq=int(row["seq"]) if is_vertex else None, xy=(lon, lat), **fields))
    return out


def front_dates(positions: list[Position]) -> list[str]:
    return sorted({p.date for p in positions if p.role == "vertex"})


def vertices(positions: list[Position], day: str, role: str = "vertex") -> list[Position]:
    vs = sorted((p for p in positions if p.role == role and p.date == day), key=lambda p: p.seq or 0)
    if len(vs) < 2:
        raise BuildError(f"layers/hand/positions.csv: the front of {day} has fewer than two vertices")
    if len({p.seq for p in vs}) != len(vs):
        raise BuildError(f"layers/hand/positions.csv: the front of {day} repeats a seq number")
    return vs


def line(positions: list[Position], day: str) -> LineString:
    return LineString([p.xy for p in vertices(positions, day)])


def runs(positions: list[Position], day: str) -> list[tuple[bool, list[Position]]]:
    """The line cut into stretches: (documented?, its vertices), west to east."""
    vs = vertices(positions, day)
    out: list[tuple[bool, list[Position]]] = []
    for a, b in zip(vs, vs[1:], strict=False):
        documented = a.stretch == "documented"
        if out and out[-1][0] == documented:
            out[-1][1].append(b)
        else:
            out.append((documented, [a, b]))
    return out


def shown_until(day: str, days: list[str], last: str) -> str:
    """A front is shown from its date to the day before the next front's date."""
    later = [d for d in days if d > day]
    return (date.fromisoformat(later[0]) - timedelta(days=1)).isoformat() if later else last


def north_of(line_: LineString, top: float = 44.0) -> Polygon:
    """The half-plane north of a west-to-east line, extended due west and due east out to sea."""
    c = list(line_.coords)
    west, east = c[0], c[-1]
    ring = [(west[0] - 5, west[1]), *c, (east[0] + 5, east[1]), (east[0] + 5, top), (west[0] - 5, top)]
    return Polygon(ring)


def closure(end: tuple[float, float], land, west: bool) -> LineString | None:  # noqa: ANN001
    """From an end of the line due west (or east) to where that parallel last leaves the land: the line
    then reaches the sea. None when the end already lies on the coast."""
    x, y = end
    ray = LineString([(x - 5, y), (x, y)] if west else [(x, y), (x + 5, y)])
    hit = ray.intersection(land)
    if hit.is_empty:
        return None
    # only the stretch of land the end stands on: not an island further out along the parallel
    piece = next((g for g in getattr(hit, "geoms", [hit]) if g.distance(Point(end)) < 1e-6), None)
    if piece is None or piece.geom_type != "LineString":
        return None
    xs = [c[0] for c in piece.coords]
    far = min(xs) if west else max(xs)
    if abs(far - x) < 1e-4:
        return None
    return LineString([(far, y), (x, y)] if west else [(x, y), (far, y)])


def held_by_un(korea, line_: LineString):  # noqa: ANN001, ANN201
    """Korea south of the front: the UN-held area on that date (schematic, behind a schematic line)."""
    return korea.difference(north_of(line_))
