"""A bounded soak: a class of 30 sessions on one server over loopback, at most 2 minutes.

It asserts what must hold however busy the machine is: zero errors, and no unbounded
memory growth (peak RSS in the last third of the run at most 1.2x the first third). Speed
is the benchmark's business (`python -m mapping bench`), not this test's.
"""

from __future__ import annotations

from mapping.devtools import load

SESSIONS = 30
SECONDS = 75  # plus start-up and the last steps' tail: well under 2 minutes


def test_thirty_sessions_step_without_errors_or_memory_growth():
    result = load.classroom(SESSIONS, SECONDS)
    assert result.errors == []
    assert len(result.steps) >= SESSIONS  # every session stepped at least once
    first, last = result.thirds()
    assert first > 0 and last <= 1.2 * first, (first, last)
