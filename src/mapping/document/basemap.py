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
RELIEF_OUTER = "relief-outer.png"  # the coarse relief of the outer box, drawn under relief.png
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
REBUILD = "Rebuild it with `./dev build`, or restore the committed copy with `git checkout -- geodata/`."


# The reliefs as the browser gets them: WebP, lighter than the PNGs over a classroom's Wi-Fi (#23). The detailed
# relief at quality 80: drawn over white where it is opaque, it differs from the PNG by under one level of 255 on
# average and by 5 or fewer at the 99th percentile (quality 90 gave 4, at 60% more bytes). The coarse outer
# relief is stretched 3-90x, which magnifies a lossy codec's blocks: it is lossless. Print keeps the PNGs.
WEBP_QUALITY = 80

@dataclass
class Basemap:
    collections: dict[str, dict] = field(default_factory=dict)
    relief_png: bytes | None = None
    relief_outer_png: bytes | None = None
    errors: list[str] = field(default_factory=list)
    _webp: dict = field(default_factory=dict, repr=False)

    def relief_webp(self, outer: bool = False) -> bytes | None:
        """The detailed (or the outer) relief as WebP, encoded once per base map."""
        png = self.relief_outer_png if outer else self.relief_png
        if png is not None and outer not in self._webp:
            import io

            from PIL import Image

            out = io.BytesIO()
            image = Image.open(io.BytesIO(png)).convert("RGBA")
            if outer:
                image.save(out, "WEBP", lossless=True, method=4)
            else:
                image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
            self._webp[outer] = out.getvalue()
        return self._webp.get(outer)


def load_basemap(folder: Path) -> Basemap:
    base = Basemap()
    for key, name in FILES.items():
        data, fault = read_collection(folder / name)
        if fault:
            base.errors.append(f"geodata/{name}: {fault}. {REBUILD}")
        elif data is not None:  # always, without a fault
            base.collections[key] = data
    base.relief_png = _read_png(folder / RELIEF, base.errors)
    base.relief_outer_png = _read_png(folder / RELIEF_OUTER, base.errors)
    return base


def _read_png(path: Path, errors: list[str]) -> bytes | None:
    try:
        png = path.read_bytes()
    except OSError:
        errors.append(f"geodata/{path.name}: the file is missing or unreadable. {REBUILD}")
        return None
    if not png.startswith(PNG_MAGIC):
        errors.append(f"geodata/{path.name}: not a PNG image. {REBUILD}")
        return None
    return png
