"""The base geography, loaded from the committed geodata/ files.

A missing or corrupt file is reported by name with the command that rebuilds it; the
rest of the base map, and the telegram text, still show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .geojson_read import read_collection

FILES = {
    "countries": "countries.geojson",
    "manchuria": "manchuria.geojson",
    "rivers": "rivers.geojson",
    "border": "border-china-korea.geojson",
    "parallel": "parallel-38.geojson",
    "places": "places.geojson",
    "outer": "outer-land.geojson",  # coarse land beyond the window, out to the box the view never leaves
}
RELIEF = "relief.png"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
REBUILD = "Rebuild it with `./dev build`, or restore the committed copy with `git checkout -- geodata/`."


@dataclass
class Basemap:
    collections: dict[str, dict] = field(default_factory=dict)
    relief_png: bytes | None = None
    errors: list[str] = field(default_factory=list)


def load_basemap(folder: Path) -> Basemap:
    base = Basemap()
    for key, name in FILES.items():
        data, fault = read_collection(folder / name)
        if fault:
            base.errors.append(f"geodata/{name}: {fault}. {REBUILD}")
        else:
            base.collections[key] = data  # type: ignore[assignment]
    try:
        png = (folder / RELIEF).read_bytes()
        if not png.startswith(PNG_MAGIC):
            base.errors.append(f"geodata/{RELIEF}: not a PNG image. {REBUILD}")
        else:
            base.relief_png = png
    except OSError:
        base.errors.append(f"geodata/{RELIEF}: the file is missing or unreadable. {REBUILD}")
    return base
