"""The view state (mode, selected clause, present-mode step, the lesson followed) and its query-string form.

Pure functions, so the rules for hostile or out-of-range query values are tested without
Streamlit: anything unknown falls back to the default and is never echoed anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .document.clauses import MAPPED

MODES = ("explore", "present")
# Present mode: 0 is the title, then the mapped clauses in text order, then the closing step.
# Conclusion 3 takes two steps: its defence zone and its partisans in the enemy's rear are far
# apart and very different in size, so one view would make the zone a speck.
SUBSTEPS = {"C3P": "C3"}
SUBSTEP_TITLES = {"C3": "hold the mountains", "C3P": "partisans in the enemy's rear"}  # the two steps' headings
# What happened next, after the telegram's clauses: a step for each day the sources give, which sets the map's
# date (that day's front, the area each side held, the events so far) over the telegram's zones
STORY = {
    "next-10-13": "1950-10-13",  # Mao halts, then reverses
    "next-10-19": "1950-10-19",  # P'yŏngyang falls; the Volunteers cross the Yalu
    "next-10-26": "1950-10-26",  # the first battles; the ROK 7th Regiment at the Yalu
    "next-11-02": "1950-11-02",  # the front falls back to the Ch'ŏngch'ŏn
    "next-11-24": "1950-11-24",  # the offensive to the Yalu
}
STEPS = ["title", *[s for c in MAPPED for s in ([c, "C3P"] if c == "C3" else [c])], *STORY, "end"]
LAST_STEP = len(STEPS) - 1


CLASS_PREFIX = "class-"  # a lesson's class-readings step: class-C2 shows the class's readings of task C2
LESSON_ID = re.compile(r"^[A-Z2-9]{8}$")  # the shape of a saved lesson's id (classroom/lessons.py makes them)


def clause_of(step_name: str) -> str | None:
    """The clause a present step shows: the step itself, the clause of a sub-step or of a class-readings
    step, or none."""
    name = SUBSTEPS.get(step_name, step_name.removeprefix(CLASS_PREFIX))
    return name if name in MAPPED else None


@dataclass(frozen=True)
class View:
    mode: str = "explore"
    clause: str | None = None
    step: int = 0
    lesson: str | None = None  # the saved lesson present mode follows (its id), if any
    steps: tuple[str, ...] = tuple(STEPS)  # present mode's steps: the map's, or a lesson's

    @property
    def last(self) -> int:
        return len(self.steps) - 1

    @property
    def active_clause(self) -> str | None:
        """The clause whose layers are highlighted: the selection, or the present step's clause."""
        if self.mode == "present":
            return clause_of(self.steps[self.step])
        return self.clause

    def stepped(self, delta: int) -> View:
        return replace(self, step=max(0, min(self.last, self.step + delta)))

    def following(self, steps: tuple[str, ...] | None, lesson: str | None = None, step: int | None = None) -> View:
        """This view following a lesson's steps (None: the map's own), on `step` (kept, within range)."""
        steps = tuple(steps) if steps else tuple(STEPS)
        at = self.step if step is None else step
        return replace(self, steps=steps, lesson=lesson, step=max(0, min(len(steps) - 1, at)))


def _one(value: object) -> str:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return value if isinstance(value, str) else ""


def parse(params: Mapping[str, object]) -> View:
    """A View from query parameters; unknown or hostile values are ignored."""
    mode = _one(params.get("mode", "")).strip().lower()
    mode = mode if mode in MODES else "explore"
    raw_clause = _one(params.get("clause", "")).strip().upper()
    clause = raw_clause if raw_clause in MAPPED else None
    raw_step = _one(params.get("step", "")).strip()
    raw_lesson = _one(params.get("lesson", "")).strip().upper()
    lesson = raw_lesson if LESSON_ID.match(raw_lesson) else None
    if lesson:  # ?lesson=ID&step=N: present mode, on the lesson's step N (checked once the lesson is read)
        step = int(raw_step) if raw_step.isdigit() and len(raw_step) <= 2 else 0
        return View("present", clause, step, lesson)
    step = int(raw_step) if raw_step.isdigit() and len(raw_step) <= 2 and int(raw_step) <= LAST_STEP else 0
    if mode == "present" and clause and not raw_step:
        step = STEPS.index(clause)  # ?mode=present&clause=C3 opens on C3's step
    return View(mode, clause, step)


def to_params(view: View) -> dict[str, str]:
    """The query string that reopens this view."""
    if view.mode == "present" and view.lesson:
        return {"lesson": view.lesson, "step": str(view.step)}
    if view.mode == "present":
        return {"mode": "present", "step": str(view.step)}
    return {"clause": view.clause} if view.clause else {}
