"""The tasks a teacher can set: one clause of the telegram, and what the class draws for it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Task:
    id: str  # the clause (state.STEPS names it the same way)
    draw: str  # "Polygon", "Point" or "LineString": a reading is one or more of these
    prompt: str  # what the student is asked, in a sentence
    layer: str  # the map's own reading of these words (its layer id), shown at the reveal
    max_parts: int  # how many shapes one reading may hold
    how: str  # the map's method in one plain sentence, filled in from its core and possible bands' parameters


HOW = {
    "C2": "The map colours land at least {core[min_elevation_m]} m high and no more than "
    "{core[max_border_distance_km]} km from the Chinese border as its core reading, and land at least "
    "{possible[min_elevation_m]} m high within {possible[max_border_distance_km]} km as possible.",
    "C3": "The map colours land at least {core[min_elevation_m]} m high, up to {core[max_km_north_of_line]} km north "
    "of the railway from P'yŏngyang to Wŏnsan, as its core reading, and land at least {possible[min_elevation_m]} m "
    "high up to {possible[max_km_north_of_line]} km north as possible; it leaves out the border mountains.",
    "C4": "The map joins the towns on the way from a North Korean city to a crossing into Manchuria with straight "
    "lines: a sketch of a route, not a road.",
    "C5": "The map marks the places the telegram names or implies, and shades the part of North Korea between the "
    "front of 11 October and the railway from Sunch'ŏn to Wŏnsan.",
    "F2": "The map joins the places the sources say each side held on 11 October, from coast to coast; a stretch "
    "no source describes is dotted.",
}


TASKS = {
    t.id: t
    for t in (
        Task(
            "C2",
            "Polygon",
            "Draw the mountain belt the telegram means by its words.",
            "c2-border-mountains",
            3,
            HOW["C2"],
        ),
        Task("C3", "Polygon", "Draw the mountains the North Koreans were to hold.", "c3-defence-zone", 3, HOW["C3"]),
        Task("C4", "LineString", "Draw one route a withdrawal could take.", "c4-withdrawal-routes", 2, HOW["C4"]),
        Task("C5", "Point", "Mark the places the telegram says to evacuate.", "c5-evacuation", 12, HOW["C5"]),
        Task(
            "F2",
            "LineString",
            "Draw where 'north of the 38th parallel' stood on 11 October.",
            "ctx-front-lines",
            2,
            HOW["F2"],
        ),
    )
}

MAX_VERTICES = 400  # in one reading: a careful polygon on a phone has tens
MAX_SENTENCE = 280  # characters: one sentence on why
MAX_NICKNAME = 24
MAX_PER_MINUTE = 6  # submissions (and revisions) by one student
MAX_READINGS = 200  # students' readings in one class
# students who join one class: a student who loses their token (another device, a cleared browser) joins
# again, so a full class of MAX_READINGS has two spare joins each; one browser's joins are limited apart
# (limits.JOINS), so filling a class takes MAX_JOINS / JOINS.n browsers
MAX_JOINS = 3 * MAX_READINGS
