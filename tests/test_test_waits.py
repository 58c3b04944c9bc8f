"""Browser tests wait for conditions, never for times (#33): a fixed pause is too short on a busy machine and too
long on an idle one. tests/settle.py waits for a page at rest by frames; a pause of the system under test that no
condition can express (that a key does nothing needs a span of time it could act in) says so on its own line."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
PAUSE = re.compile(r"\bwait_for_timeout\s*\(")
MARKER = "# a time, not a condition:"


def fixed_waits(folder: Path = TESTS) -> list[str]:
    """file:line of each fixed wait in folder/*.py without the marker, and a reason after it, on its line."""
    found = []
    for path in sorted(folder.glob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if PAUSE.search(line) and not (MARKER in line and line.split(MARKER, 1)[1].strip()):
                found.append(f"{path.parent.name}/{path.name}:{n}: {line.strip()}")
    return found


def test_every_fixed_wait_says_why_it_must_be_a_time():
    found = fixed_waits()
    why = f"wait for a condition (tests/settle.py), or say why it must be a time after '{MARKER}' on its line"
    assert found == [], why + ":\n" + "\n".join(found)


def test_the_guard_names_a_fixed_wait_without_a_reason(tmp_path):
    pause = "page.wait_for_" + "timeout"  # not one itself
    lines = [f"{pause}(300)", f"{pause}(9)  {MARKER}", f"{pause}(6e4)  {MARKER} a rate limit's window", f"# {pause}(1)"]
    (tmp_path / "test_x.py").write_text("\n".join(lines), encoding="utf-8")
    assert [f.split(": ", 1)[0] for f in fixed_waits(tmp_path)] == [
        f"{tmp_path.name}/test_x.py:1",
        f"{tmp_path.name}/test_x.py:2",
        f"{tmp_path.name}/test_x.py:4",
    ]
