"""A student's reading, checked before anything is stored: one message a student understands per fault.

A reading is a GeoJSON geometry of the task's kind (a polygon, points or a line; several parts at most
`Task.max_parts`), inside the map's window, valid, with one sentence on why. `check` raises ReadingError and
nothing else, whatever it is given (a crafted request included): every fault has its student's message.

The drawing. Every position is a longitude and a latitude, each a finite JSON number (an int or a float, never
a bool, a string or None); a number no float holds (a 400-digit integer) is refused like NaN. Positions
repeated one after the other are dropped. A line needs two distinct points. A ring sent unclosed is CLOSED
(its first corner repeated at its end), not refused: the student drew the polygon closed on the map (Leaflet
always shows the closing edge), so closing it stores what they saw; a ring needs three distinct corners. What
is stored follows RFC 7946 (3.1.6): every ring closed, at least four positions, the exterior ring
counter-clockwise and holes clockwise (the right-hand rule), so `json.loads` and shapely find it valid as
stored. Readings stored before, which may be unclosed, are tidied the same way as they are read (`tidy`).

The text (sentence, nickname). Kept as plain text and always shown escaped; text that looks like HTML, and
control characters, are refused, so that nobody's screen shows markup. Invisible format characters (Unicode
category Cf: bidirectional marks, embeddings, overrides and isolates, zero-width spaces, word joiners, the
byte-order mark, soft hyphens, tags) and lone surrogates are STRIPPED, not refused: text pasted from a web
page often carries one unseen, and the student could not find what to remove. The one exception: a zero-width
joiner or non-joiner (U+200D, U+200C) stays where it shapes the text, between two non-ASCII letters, marks or
symbols (Persian, the Indic scripts, emoji sequences); anywhere else it is stripped. Korean and Chinese text
passes unchanged (no Unicode normalisation: it would rewrite CJK compatibility ideographs, which Korean
hanja use). Runs of spaces and line breaks become one space; a single space of another kind (the ideographic
space U+3000, a no-break space) stays as typed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal, cast, overload

from shapely.errors import ShapelyError
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseMultipartGeometry
from shapely.validation import explain_validity

from ..cartography import EAST, NORTH, SOUTH, WEST
from .tasks import MAX_NICKNAME, MAX_SENTENCE, MAX_VERTICES, Task

KINDS = {
    "Polygon": ("Polygon", "MultiPolygon"),
    "Point": ("Point", "MultiPoint"),
    "LineString": ("LineString", "MultiLineString"),
}
WORDS = {"Polygon": "an area", "Point": "points", "LineString": "a line"}
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|&#?\w+;|javascript:", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # lesson.py's too (its text keeps line breaks)
MIN_AREA_DEG2 = 1e-4  # about 1 km² at these latitudes: smaller is a slip of the finger, not a reading
MIN_LENGTH_DEG = 0.01  # about 1 km
JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner: kept where they shape a script (module docstring)
MAX_RAW_TEXT = 10  # times the limit: text longer than this as sent is refused before it is even cleaned


class ReadingError(ValueError):
    """A reading that cannot be stored; its message is for the student."""


@dataclass(frozen=True)
class Reading:
    geometry: dict  # GeoJSON, always the Multi- form, rings closed and oriented (RFC 7946)
    sentence: str
    nickname: str | None


# -- the drawing --------------------------------------------------------------------------------------------
NOT_A_NUMBER = "A point of the drawing is not a number: draw it again."
EMPTY = "The drawing is empty: draw on the map, then submit."


class _Budget:
    """Counts the positions read, so that no input, however long, is read past MAX_VERTICES of them."""

    def __init__(self) -> None:
        self.n = 0

    def take(self) -> None:
        self.n += 1
        if self.n > MAX_VERTICES:
            raise ReadingError(f"The drawing has more than {MAX_VERTICES} corners: draw it more simply.")


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ReadingError(NOT_A_NUMBER)
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError) as exc:  # an int too large for a float: 400 digits
        raise ReadingError(NOT_A_NUMBER) from exc
    if not math.isfinite(number):
        raise ReadingError(NOT_A_NUMBER)
    return number


def _position(value: object, budget: _Budget) -> tuple[float, float]:
    budget.take()
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ReadingError("A point of the drawing is not a longitude and a latitude.")
    x, y = _number(value[0]), _number(value[1])
    if not (WEST <= x <= EAST and SOUTH <= y <= NORTH):
        raise ReadingError("Part of the drawing is off the map: keep it on Korea and Manchuria.")
    return x, y


def _items(value: object, most: int | None = None, too_many: str = "") -> list | tuple:
    """A non-empty list (or tuple) of at most `most` items."""
    if not isinstance(value, (list, tuple)) or not value:
        raise ReadingError(EMPTY)
    if most is not None and len(value) > most:
        raise ReadingError(too_many)
    return value


def _path(value: object, budget: _Budget) -> list[tuple[float, float]]:
    """The positions of a line or a ring, with any position repeated one after the other dropped."""
    out: list[tuple[float, float]] = []
    for item in _items(value):
        p = _position(item, budget)
        if not out or out[-1] != p:
            out.append(p)
    return out


def _line(value: object, budget: _Budget) -> list[tuple[float, float]]:
    line = _path(value, budget)
    if len(line) < 2:
        raise ReadingError("A line needs at least two points: draw it again.")
    return line


def _ring(value: object, budget: _Budget) -> list[tuple[float, float]]:
    """A closed ring of three or more distinct corners: closed here if it was sent open."""
    ring = _path(value, budget)
    if len(ring) > 1 and ring[0] == ring[-1]:
        ring.pop()
    if len(ring) < 3:
        raise ReadingError("An area needs at least three corners: draw it again.")
    return [*ring, ring[0]]


def _signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2.0


def _oriented(ring: list, counter_clockwise: bool) -> list:
    return ring if (_signed_area(ring) > 0) == counter_clockwise else ring[::-1]


def _polygon(rings: list) -> list[list[list[float]]]:
    """RFC 7946's right-hand rule: the exterior ring counter-clockwise, the holes clockwise."""
    return [[list(p) for p in _oriented(r, i == 0)] for i, r in enumerate(rings)]


def _parts(kind: str, coords: object, task: Task) -> list:
    """The parts of the drawing, read and tidied: positions (points), lines, or lists of rings (polygons)."""
    budget = _Budget()
    many = f"This task takes at most {task.max_parts} shapes: remove some."
    multi = kind.startswith("Multi")
    base = kind.removeprefix("Multi")
    raw = _items(coords, task.max_parts, many) if multi else [coords]
    if base == "Point":
        return [_position(p, budget) for p in raw]
    if base == "LineString":
        return [_line(p, budget) for p in raw]
    return [[_ring(r, budget) for r in _items(p)] for p in raw]


def _geometry(kind: str, parts: list) -> tuple[BaseMultipartGeometry, bool]:
    """The shapely geometry of a Multi- `kind` and whether it is valid: shapely's own errors become the student's
    message."""
    try:
        geom = cast(BaseMultipartGeometry, shape({"type": kind, "coordinates": parts}))  # a Multi- kind
        return geom, bool(geom.is_valid)
    except (ShapelyError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ReadingError("The drawing could not be read: draw it again.") from exc


def _invalid(geom) -> str:
    parts = list(getattr(geom, "geoms", [geom]))
    if len(parts) > 1 and all(p.is_valid for p in parts):
        return "Two of the areas overlap or touch: draw them apart, or as one area."
    why = explain_validity(geom)
    if "Self-intersection" in why:
        return "The outline crosses itself: draw it again without crossing."
    return "The shape is not a clean outline: draw it again."


def check_geometry(task: Task, geometry: object) -> dict:
    """The drawing as a valid Multi- GeoJSON geometry of the task's kind, or a ReadingError."""
    if not isinstance(geometry, dict) or not isinstance(geometry.get("type"), str):
        raise ReadingError("Nothing was drawn: draw on the map, then submit.")
    kind = geometry["type"]
    if kind not in KINDS[task.draw]:
        raise ReadingError(f"This task asks for {WORDS[task.draw]}, and the drawing is something else.")
    parts = _parts(kind, geometry.get("coordinates"), task)
    multi = "Multi" + task.draw
    geom, valid = _geometry(multi, parts)
    shapes = list(geom.geoms)
    if not shapes:
        raise ReadingError(EMPTY)
    if not valid:
        raise ReadingError(_invalid(geom))
    if task.draw == "Polygon" and any(p.area < MIN_AREA_DEG2 for p in shapes):
        raise ReadingError("An area is too small to be a reading: draw it larger.")
    if task.draw == "LineString" and any(p.length < MIN_LENGTH_DEG for p in shapes):
        raise ReadingError("A line is too short to be a reading: draw it longer.")
    points = cast("list[Point]", shapes)  # when task.draw is "Point"
    if task.draw == "Point" and len({(round(p.x, 4), round(p.y, 4)) for p in points}) < len(shapes):
        raise ReadingError("The same place is marked twice: remove one.")
    if task.draw == "Polygon":
        coords: list = [_polygon(rings) for rings in parts]
    elif task.draw == "LineString":
        coords = [[list(p) for p in line] for line in parts]
    else:
        coords = [list(p) for p in parts]
    return {"type": multi, "coordinates": coords}


def tidy(geometry: dict) -> dict:
    """A stored geometry as RFC 7946 has it: a (Multi)Polygon's rings closed and oriented by the right-hand rule.
    For readings stored before rings were tidied on the way in; anything it cannot read is returned as it is."""
    try:
        kind, coords = geometry["type"], geometry["coordinates"]
        polygons = coords if kind == "MultiPolygon" else [coords] if kind == "Polygon" else None
        if polygons is None:
            return geometry
        out = []
        for rings in polygons:
            closed = [[*map(tuple, r)] + ([tuple(r[0])] if tuple(r[0]) != tuple(r[-1]) else []) for r in rings]
            out.append(_polygon(closed))
        return {**geometry, "coordinates": out if kind == "MultiPolygon" else out[0]}
    except (KeyError, TypeError, IndexError, ValueError):
        return geometry


# -- the text -----------------------------------------------------------------------------------------------
def _shapes_text(ch: str) -> bool:
    """A character a joiner may stand beside: a non-ASCII letter, mark or symbol."""
    return not ch.isascii() and unicodedata.category(ch)[0] in "LMS"


def strip_invisible(text: str) -> str:
    """`text` without format characters (category Cf) or lone surrogates; a zero-width joiner or non-joiner
    stays only between two characters it can shape (module docstring)."""
    out = []
    for i, ch in enumerate(text):
        category = unicodedata.category(ch)
        if category == "Cs":
            continue
        if category == "Cf":
            keep = ch in JOINERS and 0 < i < len(text) - 1 and _shapes_text(text[i - 1]) and _shapes_text(text[i + 1])
            if not keep:
                continue
        out.append(ch)
    return "".join(out)


def _space(match: re.Match) -> str:
    s = match.group()
    return s if len(s) == 1 and unicodedata.category(s) == "Zs" else " "


@overload
def check_text(text: object, what: str, limit: int, required: Literal[True]) -> str: ...
@overload
def check_text(text: object, what: str, limit: int, required: bool) -> str | None: ...
def check_text(text: object, what: str, limit: int, required: bool) -> str | None:
    """The text as it is stored (module docstring), or a ReadingError; None for an optional text left empty."""
    if text is not None and not isinstance(text, str):
        raise ReadingError(f"The {what} is not text.")
    if text is not None and len(text) > MAX_RAW_TEXT * limit:
        raise ReadingError(f"The {what} is {len(text)} characters long: keep it to {limit}.")
    text = re.sub(r"\s+", _space, strip_invisible(text or "")).strip()
    if not text:
        if required:
            raise ReadingError(f"Write your {what}: one sentence on why there.")
        return None
    if len(text) > limit:
        raise ReadingError(f"The {what} is {len(text)} characters long: keep it to {limit}.")
    if MARKUP.search(text) or any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ReadingError(f"Write the {what} in plain words: no code or markup.")
    return text


def check(task: Task, geometry: object, sentence: object, nickname: object = None) -> Reading:
    """A reading ready to store, or a ReadingError naming the first fault; never any other exception."""
    return Reading(
        check_geometry(task, geometry),
        check_text(sentence, "sentence", MAX_SENTENCE, required=True),
        check_text(nickname, "nickname", MAX_NICKNAME, required=False),
    )
