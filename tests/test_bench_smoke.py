"""`python -m mapping bench --quick` runs end to end and reports in its documented shape.

A smoke test only: the benchmark's numbers are not asserted here (timing on a shared
2-core machine is noise), only that it measures all seven things and ends in one summary line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_quick_prints_a_table_and_a_summary_line():
    run = subprocess.run(
        [sys.executable, "-m", "mapping", "bench", "--quick"], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert run.returncode in (0, 1), run.stderr[-2000:]  # 1 means a bar was missed; anything else is a crash
    lines = run.stdout.strip().splitlines()
    table = "\n".join(lines[:-1])
    for measure in (
        "(a) ratio app / bare",
        "(a) ratio app / peer",
        "(b) present step p95",
        "(b) map reloaded",
        "(c) export",
        "(d) GeoJSON sent",
        "(d) export file",
        "(e) errors",
        "(e) server peak RSS",
        "(e) the class's agreement, 200 readings of 400 corners",
        "(f) layout shift, explore, 1280x720",
        "(f) layout shift, present, 1280x720",
        "(f) layout shift, the export",
        "(g) a phone's first join, Fast 3G + 4x CPU, direct: bytes",
        "(g) a phone's first join, Fast 3G + 4x CPU: drawing ready",
        "(g) a phone's first join, through nginx (--lan)",
        "(g) errors in those loads",
        "(g) server memory per joined student",
        "requests that left the machine",
    ):
        assert measure in table, measure
    assert lines[-1].startswith("bench: PASS") or lines[-1].startswith("bench: FAIL")
    assert "Traceback" not in run.stderr
