"""The view state (mode, selected clause, present-mode step) and its query-string form.

Pure functions, so the rules for hostile or out-of-range query values are tested without
Streamlit: anything unknown falls back to the default and is never echoed anywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .document.clauses import MAPPED

MODES = ("explore", "present")
# Present mode: 0 is the title, then the mapped clauses in text order, then the closing step.
# Conclusion 3 takes two steps: its defence zone and its partisans in the enemy's rear are far
# apart and very different in size, so one view would make the zone a speck.
SUBSTEPS = {"C3P": "C3"}
STEPS = ["title", *[s for c in MAPPED for s in ([c, "C3P"] if c == "C3" else [c])], "end"]
LAST_STEP = len(STEPS) - 1


def clause_of(step_name: str) -> str | None:
    """The clause a present step shows: the step itself, the clause of a sub-step, or none."""
    name = SUBSTEPS.get(step_name, step_name)
    return name if name in MAPPED else None


@dataclass(frozen=True)
class View:
    mode: str = "explore"
    clause: str | None = None
    step: int = 0

    @property
    def active_clause(self) -> str | None:
        """The clause whose layers are highlighted: the selection, or the present step's clause."""
        if self.mode == "present":
            return clause_of(STEPS[self.step])
        return self.clause

    def stepped(self, delta: int) -> View:
        return View(self.mode, self.clause, max(0, min(LAST_STEP, self.step + delta)))


def _one(value: object) -> str:
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return value if isinstance(value, str) else ""


def parse(params: Mapping[str, object]) -> View:
    """A View from query parameters; unknown or hostile values are ignored."""
    mode = _one(params.get("mode", "")).strip().lower()
    mode = mode if mode in MODES else "explore"
    clause = _one(params.get("clause", "")).strip().upper()
    clause = clause if clause in MAPPED else None
    raw_step = _one(params.get("step", "")).strip()
    step = int(raw_step) if raw_step.isdigit() and len(raw_step) <= 2 and int(raw_step) <= LAST_STEP else 0
    if mode == "present" and clause and not raw_step:
        step = STEPS.index(clause)  # ?mode=present&clause=C3 opens on C3's step
    return View(mode, clause, step)


def to_params(view: View) -> dict[str, str]:
    """The query string that reopens this view."""
    if view.mode == "present":
        return {"mode": "present", "step": str(view.step)}
    return {"clause": view.clause} if view.clause else {}
