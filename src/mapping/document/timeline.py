"""The decision chain in time: which dated features are shown on a date.

A feature's `when` is a span it is *active during* (start and end inclusive), not a date
it starts on: the 11 Oct front shows on 12 Oct too, and the 19 Oct front replaces it.
"""

from __future__ import annotations

import json
from pathlib import Path


def active_on(when: dict | None, date: str) -> bool:
    """True if a feature with this `when` is shown on `date` (ISO strings compare as dates)."""
    if not when:
        return True  # undated: always shown
    start = when.get("start", "")
    end = when.get("end", start)
    return start <= date <= end


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["dates"]
