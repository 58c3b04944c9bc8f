"""Where the standards our outputs are checked against are: ../shared/standards/ beside the repository (files
fetched from public repositories never go into it), or the folder TELEGRAM_MAP_STANDARDS names (.ci/run sets it
for its clean clone). A test that needs one skips, saying so, where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = Path(os.environ.get("TELEGRAM_MAP_STANDARDS") or ROOT.parent / "shared" / "standards")


def standard(name: str) -> Path | None:
    """The standard's file (`lpf/schema_lpf_v1.2.2.json`), or None where it is absent."""
    path = STANDARDS / name
    return path if path.is_file() else None


def needed(name: str) -> Path:
    """The standard's file, or a skip naming where it was looked for."""
    path = standard(name)
    if path is None:
        pytest.skip(f"{STANDARDS / name} is absent: the tests read the standards from ../shared/standards/ "
                    "(or TELEGRAM_MAP_STANDARDS)")  # fmt: skip
    return path
