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


TASKS = {
    t.id: t
    for t in (
        Task("C2", "Polygon", "Draw the mountain belt the telegram means by its words.", "c2-border-mountains", 3),
        Task("C3", "Polygon", "Draw the mountains the North Koreans were to hold.", "c3-defence-zone", 3),
        Task("C4", "LineString", "Draw one route a withdrawal could take.", "c4-withdrawal-routes", 2),
        Task("C5", "Point", "Mark the places the telegram says to evacuate.", "c5-evacuation", 12),
        Task("F2", "LineString", "Draw where 'north of the 38th parallel' stood on 11 October.", "ctx-front-lines", 2),
    )
}

MAX_VERTICES = 400  # in one reading: a careful polygon on a phone has tens
MAX_SENTENCE = 280  # characters: one sentence on why
MAX_NICKNAME = 24
MAX_PER_MINUTE = 6  # submissions (and revisions) by one student
MAX_READINGS = 200  # students' readings in one class
