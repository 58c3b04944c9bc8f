"""Where the project's data lives. One place, so the app, the CLI and the tests agree."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"
LAYERS = ROOT / "layers"
STATIC = ROOT / "static"
VENDOR = STATIC / "vendor"
TELEGRAM = LAYERS / "telegram-1950-10-11.txt"
PROVENANCE = LAYERS / "provenance.json"
BUILD_INPUTS = Path(__file__).resolve().parent / "data"
