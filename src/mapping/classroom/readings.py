"""A student's reading, checked before anything is stored: one message a student understands per fault.

A reading is a GeoJSON geometry of the task's kind (a polygon, points or a line; several parts at most
`Task.max_parts`), inside the map's window, valid, with one sentence on why. Text is kept as plain text and
always shown escaped; text that looks like HTML is refused, so that nobody's screen shows markup.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from shapely.geometry import shape
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
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MIN_AREA_DEG2 = 1e-4  # about 1 km² at these latitudes: smaller is a slip of the finger, not a reading
MIN_LENGTH_DEG = 0.01  # about 1 km


class ReadingError(ValueError):
    """A reading that cannot be stored; its message is for the student."""


@dataclass(frozen=True)
class Reading:
    geometry: dict  # GeoJSON, always the Multi- form
    sentence: str
    nickname: str | None


def _positions(coords: object, depth: int) -> list[list[float]]:
    """Every position of a geometry's coordinates, `depth` levels of lists above them; each a finite pair."""
    if depth == 0:
        if not isinstance(coords, list) or len(coords) != 2:
            raise ReadingError("A point of the drawing is not a longitude and a latitude.")
        if not all(isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) for c in coords):
            raise ReadingError("A point of the drawing is not a number: draw it again.")
        return [coords]
    if not isinstance(coords, list) or not coords:
        raise ReadingError("The drawing is empty: draw on the map, then submit.")
    out: list[list[float]] = []
    for c in coords:
        out.extend(_positions(c, depth - 1))
        if len(out) > MAX_VERTICES:
            raise ReadingError(f"The drawing has more than {MAX_VERTICES} corners: draw it more simply.")
    return out


DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def check_geometry(task: Task, geometry: object) -> dict:
    """The drawing as a valid Multi- GeoJSON geometry of the task's kind, or a ReadingError."""
    if not isinstance(geometry, dict) or not isinstance(geometry.get("type"), str):
        raise ReadingError("Nothing was drawn: draw on the map, then submit.")
    kind = geometry["type"]
    if kind not in KINDS[task.draw]:
        raise ReadingError(f"This task asks for {WORDS[task.draw]}, and the drawing is something else.")
    points = _positions(geometry.get("coordinates"), DEPTH[kind])
    if any(not (WEST <= x <= EAST and SOUTH <= y <= NORTH) for x, y in points):
        raise ReadingError("Part of the drawing is off the map: keep it on Korea and Manchuria.")
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        raise ReadingError("The drawing could not be read: draw it again.") from exc
    if geom.is_empty:
        raise ReadingError("The drawing is empty: draw on the map, then submit.")
    parts = list(getattr(geom, "geoms", [geom]))
    if len(parts) > task.max_parts:
        raise ReadingError(f"This task takes at most {task.max_parts} shapes: remove some.")
    if not geom.is_valid:
        why = explain_validity(geom)
        if "Self-intersection" in why or "Ring Self-intersection" in why:
            raise ReadingError("The outline crosses itself: draw it again without crossing.")
        raise ReadingError("The shape is not a clean outline: draw it again.")
    if task.draw == "Polygon" and any(p.area < MIN_AREA_DEG2 for p in parts):
        raise ReadingError("An area is too small to be a reading: draw it larger.")
    if task.draw == "LineString" and any(p.length < MIN_LENGTH_DEG for p in parts):
        raise ReadingError("A line is too short to be a reading: draw it longer.")
    if task.draw == "Point" and len({(round(p.x, 4), round(p.y, 4)) for p in parts}) < len(parts):
        raise ReadingError("The same place is marked twice: remove one.")
    coords = geometry["coordinates"]
    multi = kind if kind.startswith("Multi") else "Multi" + kind
    return {"type": multi, "coordinates": coords if kind.startswith("Multi") else [coords]}


def check_text(text: object, what: str, limit: int, required: bool) -> str | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        if required:
            raise ReadingError(f"Write your {what}: one sentence on why there.")
        return None
    if not isinstance(text, str):
        raise ReadingError(f"The {what} is not text.")
    text = " ".join(text.split())
    if len(text) > limit:
        raise ReadingError(f"The {what} is {len(text)} characters long: keep it to {limit}.")
    if MARKUP.search(text) or CONTROL.search(text):
        raise ReadingError(f"Write the {what} in plain words: no code or markup.")
    return text


def check(task: Task, geometry: object, sentence: object, nickname: object = None) -> Reading:
    """A reading ready to store, or a ReadingError naming the first fault."""
    return Reading(
        check_geometry(task, geometry),
        check_text(sentence, "sentence", MAX_SENTENCE, required=True),  # type: ignore[arg-type]
        check_text(nickname, "nickname", MAX_NICKNAME, required=False),
    )
