"""The package's type hints hold: mypy, pinned in the test extra, finds nothing in src/ at its default level.

[tool.mypy] in pyproject.toml says what it checks and which libraries, having no hints and no stub package,
are read as Any. A `# type: ignore[code]` in src/ stands only where such a library leaves mypy blind, with a
comment saying why.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_error_in_src() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (./dev test installs it)")
    run = subprocess.run(
        [sys.executable, "-m", "mypy"],  # the files and settings are pyproject.toml's [tool.mypy]
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 0 and "Success" in run.stdout, f"mypy exited {run.returncode}:\n{output}"
