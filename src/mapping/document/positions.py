"""The tables of dated, cited positions (layers/hand/positions.csv) and of the days each front is shown
(layers/hand/fronts.csv): their columns, and the rules their rows keep. validate checks them with these
rules, and the build (derive/fronts.py) draws the fronts from them; this module needs nothing of the build's
packages.

A row says who held, reached or fought over which place on which date, in the source's own words, with the
dates the source gives. Evidence is verbatim unless marked, and never rests on this map.

One rule for the places of a day, whatever was fought over: a place `held` or `contested` (fought over) is
drawn on the side of the row's `side`, the side the sources leave holding it; a place `beyond` is one the UN
had not reached and no source names a holder for. None of them is a vertex; each lies on its side of that
day's line. Where the sources give the front only as near such a place, the vertex is a stand-in offset from
it toward the enemy of its holder: north of a place behind the UN front, south of one beyond it.

A stretch no source documents is a `gap` (drawn dotted, uncertain) or, where the sources put positions of
both sides beyond any straight join or none at all, `none`: no front is drawn there, and the ground beyond the
join is left undrawn rather than given to either side (on the last vertex, `none` leaves its closure to the
east coast undrawn). The UN-held area still ends at the join, which runs behind the places the UN held.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..paths import shown

SIDES = ("UN", "KPA", "CPV")
# held: a side held the place that day; contested: it was fought over, and `side` is the side the sources
# leave holding it; beyond: the UN had not reached it and no source names who held it (`side` is UN, whose
# front it lay beyond). None of them is a vertex.
ROLES = ("vertex", "held", "contested", "beyond", "thrust")
PLACED = ("held", "contested", "beyond")
STRETCHES = ("documented", "gap", "none", "")  # to the next vertex (from the last one: to the coast)
CERTAINTIES = ("certain", "less-certain", "uncertain")
COLUMNS = (
    "date", "seq", "place", "offset", "side", "unit", "role", "stretch", "certainty", "source", "locator",
    "source_dates", "evidence", "note",
)  # fmt: skip
FRONT_COLUMNS = ("date", "until", "note")  # fronts.csv: the last day each date's front is shown, and why
# evidence is the source's own words, verbatim, unless marked: a paraphrase, or words not found in a readable copy
PARAPHRASE, NOT_FOUND = "[paraphrase] ", "[not found] "
# evidence must rest on a source, never on this map or a review of it
CIRCULAR = re.compile(r"this map|this project|review of (this|the) map|telegram-map", re.IGNORECASE)
# the dates a source gives for a position, as an ISO 8601 interval: 1950-11-03, 1950-11-01/1950-11-03,
# 1950-10-10/.. (from that day on) or ../1950-10-18 (until that day: after it the source has it change)
INTERVAL = re.compile(r"^(\d{4}-\d\d-\d\d|\.\.)(?:/(\d{4}-\d\d-\d\d|\.\.))?$")
# "6 km N": a stand-in for the front, this far from the place on that compass bearing
BEARINGS = {"N": 0, "NE": 45, "E": 90, "SE": 135, "S": 180, "SW": 225, "W": 270, "NW": 315}
OFFSET = re.compile(rf"^(\d+(?:\.\d+)?) km ({'|'.join(BEARINGS)})$")
TOWARD = {"behind": "N", "beyond": "S"}  # a stand-in goes toward the enemy of the place's holder: north or south


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


def last_day(interval: str) -> str | None:
    """The last day a source gives for a position: the interval's closed end, or None if it is carried on."""
    m = INTERVAL.match(interval)
    if m is None:
        return None
    end = m.group(2) if m.group(2) is not None else m.group(1)
    return None if end == ".." else end


def until_day(interval: str) -> str | None:
    """'../1950-10-14': the day after which the source has the position change (a town falls, a unit leaves)."""
    m = INTERVAL.match(interval)
    return m.group(2) if m and m.group(1) == ".." and m.group(2) not in (None, "..") else None


def lies(row: dict) -> str | None:
    """Which side of that day's UN front a held, contested or beyond place lies on: behind it or beyond it."""
    if row["role"] not in PLACED:
        return None
    return "behind" if row["role"] != "beyond" and row["side"] == "UN" else "beyond"


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
    if row["role"] == "beyond" and row["side"] != "UN":
        faults.append("a place beyond the front names the side whose front it lay beyond: UN")
    if row["offset"] and (not OFFSET.match(row["offset"]) or row["role"] not in ("vertex", "thrust")):
        faults.append(f"offset {row['offset']!r} must read like '6 km N' (or NE, E, SE, S, SW, W, NW), on a vertex")
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


def _placing_faults(rows: list[dict]) -> list[tuple[int, str]]:
    """The one rule for the places of a day: never a vertex; a stand-in offset goes toward the holder's enemy."""
    where: dict[tuple[str, str], dict] = {}
    faults = []
    for n, row in enumerate(rows, start=2):
        side = lies(row)
        if side is None:
            continue
        key = (row["date"], row["place"])
        if key in where and lies(where[key]) != side:
            faults.append((n, f"{row['place']} is put both behind and beyond the UN front on {row['date']}"))
        where.setdefault(key, row)
    for n, row in enumerate(rows, start=2):
        if row["role"] not in ("vertex", "thrust"):
            continue
        placed = where.get((row["date"], row["place"]))
        m = OFFSET.match(row["offset"])
        held = _held_that_day(rows, row)
        if placed is not None and not row["offset"]:
            faults.append((n, f"{row['place']} is {placed['role']} on {row['date']}, so it cannot be a vertex"))
        elif held is not None and not row["offset"]:
            when = (
                f"held by the {held['side']} on {row['date']} (a row of {held['date']} dates it {held['source_dates']})"
            )
            faults.append((n, f"{row['place']} is {when}, so it cannot be a vertex"))
        elif m and placed is None:
            msg = f"a held, contested or beyond row of {row['place']} on {row['date']} must say who held it"
            faults.append((n, f"offset {row['offset']!r} stands in for the front near {row['place']}: {msg}"))
        elif (
            m
            and placed is not None
            and (placed_side := lies(placed)) is not None
            and TOWARD[placed_side] not in m.group(2)
        ):
            holder = "lay beyond the UN front" if placed["role"] == "beyond" else f"the {placed['side']} held"
            way = "north (N, NE or NW)" if lies(placed) == "behind" else "south (S, SE or SW)"
            msg = f"a stand-in goes {way}, toward the enemy of the side that held it"
            faults.append(
                (
                    n,
                    f"offset {row['offset']!r} moves {row['place']}, which {holder} on {row['date']}, "
                    f"onto the other side of the line: {msg}",
                )
            )
    return faults


def _held_that_day(rows: list[dict], vertex: dict) -> dict | None:
    """A row of any date that has the vertex's place held on the vertex's day: a held town is never a vertex."""
    return next(
        (
            r
            for r in rows
            if r["role"] == "held" and r["place"] == vertex["place"] and in_interval(vertex["date"], r["source_dates"])
        ),
        None,
    )


def read_rows(path: Path, columns: tuple[str, ...] = COLUMNS) -> tuple[list[dict], list[str]]:
    """The table's rows, or none and the fault of its header."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            return [], [f"{shown(path)}: the header must be {','.join(columns)}"]
        return list(reader), []


def fronts_path(positions: Path) -> Path:
    return positions.with_name("fronts.csv")


def position_faults(path: Path, places: dict[str, dict], sources: set[str] | None = None) -> list[str]:
    """Every fault of the table and of the fronts table beside it, each naming the file and the row."""
    rows, header = read_rows(path)
    faults = rows_faults(path, rows, header, places, sources)
    if header:
        return faults
    fronts = fronts_path(path)
    if not fronts.exists():
        return [*faults, f"{shown(path)}: no fronts.csv beside it: each front needs the last day it is shown"]
    return faults + front_faults(fronts, *read_rows(fronts, FRONT_COLUMNS), rows)


def rows_faults(path: Path, rows: list[dict], header: list[str], places: dict, sources: set[str] | None) -> list[str]:
    if header:
        return header
    name = shown(path)
    faults = [f"{name}: row {n}: {f}" for n, row in enumerate(rows, start=2) for f in _row_faults(row, places, sources)]
    return faults + [f"{name}: row {n}: {f}" for n, f in _placing_faults(rows)]


def front_faults(path: Path, fronts: list[dict], header: list[str], rows: list[dict]) -> list[str]:
    """No front is shown after a day its rows say the position changed ('../E'), nor past the last day its
    vertices' sources give without a note that says why; every front has one row, and fronts never overlap."""
    if header:
        return header
    name = shown(path)
    days = sorted({r["date"] for r in rows if r["role"] == "vertex"})
    faults, seen = [], set()
    for n, f in enumerate(fronts, start=2):
        day, until = f["date"], f["until"]
        try:
            date.fromisoformat(day), date.fromisoformat(until)
        except (TypeError, ValueError):
            faults.append(f"{name}: row {n}: date {day!r} and until {until!r} must be ISO dates")
            continue
        if day not in days or day in seen:
            faults.append(f"{name}: row {n}: {day} is {'repeated' if day in seen else 'no front of positions.csv'}")
            continue
        seen.add(day)
        later = [d for d in days if d > day]
        if until < day or (later and until >= later[0]):
            faults.append(f"{name}: row {n}: the front of {day} must be shown from {day} until before the next front")
        of_day = [r for r in rows if r["date"] == day]
        moved = sorted((u, r["place"]) for r in of_day if (u := until_day(r["source_dates"])))
        if moved and until > moved[0][0]:
            when = f"after {moved[0][0]}, when the source of {moved[0][1]} has it change"
            faults.append(f"{name}: row {n}: the front of {day} is shown until {until}, {when}")
        ends = [e for r in of_day if r["role"] == "vertex" and (e := last_day(r["source_dates"]))]
        if ends and until > min(ends) and not f["note"].strip():
            past = f"past {min(ends)}, the last day its vertices' sources give"
            faults.append(f"{name}: row {n}: the front of {day} is shown until {until}, {past}: a note must say why")
    faults += [f"{name}: the front of {d} has no row: give the last day it is shown" for d in days if d not in seen]
    return faults
