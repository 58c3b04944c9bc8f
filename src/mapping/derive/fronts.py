"""Front lines and the UN-held area at each date, built from one table of dated, cited positions.

layers/hand/positions.csv holds who held or reached which place on which date, with a
source and a locator. A front line is the UN `vertex` rows of one date in their `seq`
order, west coast to east coast: every vertex is a cited position, and nothing else is.
Each vertex says whether the stretch to the next one is `documented` (a source puts the
front between the two), a `gap` (nobody does: a separate, dotted, uncertain feature) or `none`
(the sources put positions of both sides beyond any straight join: no front is drawn there,
and the UN-held area ends at the join, behind the places the UN held).
layers/hand/fronts.csv gives the last day each front is shown: never after a day its rows
say the position changed, and past the last day its sources give only with a note.
The UN-held area at a date is Korea south of that date's line, so the layers derived from
the 11 October area (the enemy's rear in C3, the C5 evacuation zone) follow the table.
"""

from __future__ import annotations

from pathlib import Path

from shapely.geometry import LineString, Point, Polygon

from ..document.positions import (
    BEARINGS,
    COLUMNS,
    FRONT_COLUMNS,
    OFFSET,
    Position,
    front_faults,
    read_rows,
    rows_faults,
)
from .sources import BuildError


def read_positions(path: Path, places: dict[str, dict], sources: set[str] | None = None) -> list[Position]:
    """Every row, checked: a fault names the file, the row and what is wrong."""
    from pyproj import Geod  # the build's: validate, which checks the table, runs without it

    geod = Geod(ellps="WGS84")
    rows, header = read_rows(path)
    if faults := rows_faults(path, rows, header, places, sources):
        raise BuildError("; ".join(faults))
    out = []
    for row in rows:
        is_vertex = row["role"] in ("vertex", "thrust")
        lon, lat = places[row["place"]]["geometry"]["coordinates"]
        if m := OFFSET.match(row["offset"]):
            lon, lat, _ = geod.fwd(lon, lat, BEARINGS[m.group(2)], float(m.group(1)) * 1000)
            lon, lat = round(lon, 5), round(lat, 5)
        fields = {k: row[k] for k in COLUMNS if k != "seq"}
        out.append(Position(seq=int(row["seq"]) if is_vertex else None, xy=(lon, lat), **fields))
    return out


def read_fronts(path: Path, positions_path: Path) -> dict[str, dict]:
    """Each date's front row of layers/hand/fronts.csv (the last day it is shown, and why), checked against its
    positions."""
    fronts, header = read_rows(path, FRONT_COLUMNS)
    if faults := front_faults(path, fronts, header, read_rows(positions_path)[0]):
        raise BuildError("; ".join(faults))
    return {f["date"]: f for f in fronts}


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


def runs(positions: list[Position], day: str) -> list[tuple[str, list[Position]]]:
    """The line cut into stretches: (documented, gap or none, its vertices), west to east."""
    vs = vertices(positions, day)
    out: list[tuple[str, list[Position]]] = []
    for a, b in zip(vs, vs[1:], strict=False):
        kind = a.stretch if a.stretch in ("documented", "none") else "gap"
        if out and out[-1][0] == kind:
            out[-1][1].append(b)
        else:
            out.append((kind, [a, b]))
    return out


def undrawn(positions: list[Position], day: str) -> list[tuple[Position, Position | None]]:
    """The stretches of a date's front that are not drawn, adjacent ones joined: (from, to), `to` None for the
    closure to the east coast."""
    vs = vertices(positions, day)
    out: list[tuple[Position, Position | None]] = []
    for a, b in zip(vs, [*vs[1:], None], strict=True):
        if a.stretch != "none":
            continue
        out[-1:] = [(out[-1][0], b)] if out and out[-1][1] is a else [*out[-1:], (a, b)]
    return out


def north_of(line_: LineString, top: float = 44.0) -> Polygon:
    """The half-plane north of a west-to-east line, extended due west and due east out to sea."""
    c = list(line_.coords)
    west, east = c[0], c[-1]
    ring = [(west[0] - 5, west[1]), *c, (east[0] + 5, east[1]), (east[0] + 5, top), (west[0] - 5, top)]
    return Polygon(ring)


def closure(end: tuple[float, float], land, west: bool) -> LineString | None:
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


def held_by_un(korea, line_: LineString):
    """Korea south of the front: the UN-held area on that date (schematic, behind a schematic line)."""
    return korea.difference(north_of(line_))
