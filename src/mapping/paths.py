"""Where the project's data lives. One place, so the app, the CLI and the tests agree."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"
LAYERS = ROOT / "layers"
LESSONS = ROOT / "lessons"  # the example lessons, shipped
STATIC = ROOT / "static"
VENDOR = STATIC / "vendor"
TELEGRAM = LAYERS / "telegram-1950-10-11.txt"
PROVENANCE = LAYERS / "provenance.json"
BUILD_INPUTS = Path(__file__).resolve().parent / "data"
APP_CSS = Path(__file__).resolve().parent / "app" / "app.css"
PRESENT_CSS = Path(__file__).resolve().parent / "app" / "present.css"  # added in present mode
WEB = Path(__file__).resolve().parent / "web"  # browser code: real .js and .css files, linted


def geodata_dir() -> Path:
    """Where the app reads geodata/ from. Tests point it at a deliberately broken copy."""
    return Path(os.environ.get("TELEGRAM_MAP_GEODATA", GEODATA))


def layers_dir() -> Path:
    """Where the app reads layers/ from. Tests point it at a copy with a broken file."""
    return Path(os.environ.get("TELEGRAM_MAP_LAYERS", LAYERS))


def class_store_url() -> str:
    """The class store's database: TELEGRAM_MAP_DATABASE_URL (a district's PostgreSQL, for example), else an
    SQLite file in TELEGRAM_MAP_DATA (default: classdata/ beside the app, never committed)."""
    url = os.environ.get("TELEGRAM_MAP_DATABASE_URL")
    if url:
        return url
    folder = Path(os.environ.get("TELEGRAM_MAP_DATA", ROOT / "classdata"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'classes.sqlite'}"


def shown(path: Path) -> str:
    """A file as a message names it: from the repository's root when it is inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
