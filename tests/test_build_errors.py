"""`python -m mapping build` without its tools: a clear message, the install command, and geodata/ untouched."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_missing_build_tools_are_named_with_their_install_command():
    before = digest(ROOT / "geodata")
    run = subprocess.run(
        [sys.executable, "-m", "mapping", "build"],
        cwd=ROOT,
        env={"PATH": "/nonexistent", "HOME": "/tmp"},  # no dpkg-query, gmt or npm on this PATH
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "gmt-gshhg-high" in run.stderr and "apt-get install" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert digest(ROOT / "geodata") == before
    assert not list(ROOT.glob(".geodata-build-*"))


def test_cli_without_subcommand_prints_usage():
    run = subprocess.run([sys.executable, "-m", "mapping"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "usage:" in run.stderr
