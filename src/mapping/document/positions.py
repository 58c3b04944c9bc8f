"""The table of dated, cited positions (layers/hand/positions.csv): its columns, and the rules its rows
keep. validate checks it with these rules, and the build (derive/fronts.py) draws the fronts from it; this
module needs nothing of the build's packages.

A row says who held, reached or fought over which place on which date, in the source's own words, with
the dates the source gives. Evidence is verbatim unless marked, and never rests on this map; a place held
or fought over that day is never a vertex of the line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..paths import shown

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


def read_rows(path: Path) -> tuple[list[dict], list[str]]:
    """The table's rows, or none and the fault of its header."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            return [], [f"{shown(path)}: the header must be {','.join(COLUMNS)}"]
        return list(reader), []


def position_faults(path: Path, places: dict[str, dict], sources: set[str] | None = None) -> list[str]:
    """Every fault of the table, each naming the file and the row: what validate prints."""
    return rows_faults(path, *read_rows(path), places, sources)


def rows_faults(path: Path, rows: list[dict], header: list[str], places: dict, sources: set[str] | None) -> list[str]:
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
