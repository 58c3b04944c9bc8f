"""`python -m mapping export-data OUTDIR`: the layers and places as open data.

- GeoJSON for QGIS: one RFC 7946 file per layer and geometry type (a layer that mixes points,
  lines and polygons is split into `LAYER-points`, `-lines`, `-polygons`; single and multi parts
  are promoted to the multi type), every property one JSON type in every feature (quote and
  clause always lists; method, citations and names as JSON strings; `when` as `when_start` /
  `when_end`), and `places.geojson`. Each file carries its licence and a citation as foreign members.
- One Linked Places Format collection that the World Historical Gazetteer accepts: every record
  passes WHG's own schemas (tests/standards.py finds them), carries fclasses, AAT
  types, names with language
  tags and citations, a `when`, a bare geometry with its certainty, GeoNames closeMatch links and
  ccodes. One record per place: the layer features that stand for a place (C5 places, events at a
  town) are folded into that place's record; crossings are records of their own, related to the
  two towns by `relations`, as routes and front lines are to the places they pass through.
- README.md, LICENSE (the data: CC BY 4.0, with the credits of the sources it derives from) and the
  bibliography as CSL-JSON (sources.json).
"""

from __future__ import annotations

from importlib.resources import files as _package_files

from ...document.load import Document
from ...document.telegram import TELEGRAM_DATE
from .common import BASE_URI, CITATION, CONTEXT_FILE, LICENSE, LICENSE_URL, LPF_FILE, as_json
from .geojson import FAMILY, layer_files, places_file
from .gpkg import GEOPACKAGE, SEPARATOR, geopackage
from .lpf import lpf_collection

__all__ = ["BASE_URI", "LICENSE", "TELEGRAM_DATE", "files"]


def _template(name: str) -> str:
    """README.md and LICENSE are text files beside this module, filled in with str.format."""
    return (_package_files(__package__) / name).read_text(encoding="utf-8")


def files(doc: Document, places: dict, base_url: str = "") -> dict[str, bytes]:
    """Every open data file by name. `base_url`: where they will be published, for the Linked Places IRIs."""
    out = layer_files(doc, places)
    out["places.geojson"] = places_file(places, doc.bibliography)
    out["sources.json"] = as_json(list(doc.bibliography.items.values()))
    out[LPF_FILE] = as_json(lpf_collection(doc, places, base_url))
    out[CONTEXT_FILE] = _template(CONTEXT_FILE).encode("utf-8")
    if GEOPACKAGE:  # GDAL, through pyogrio: both installs have it (a venv made before it was locked may not)
        out["telegram-map.gpkg"] = geopackage(out, {layer.id: layer.meta.get("style", {}) for layer in doc.layers})
    what = {
        "places.geojson": "the places: 1950 and modern names, native script, GeoNames ids and sources (points)",
        "sources.json": "the bibliography (CSL-JSON)",
        "telegram-map.lpf.json": "every feature and place as Linked Places Format (for the World Historical Gazetteer)",
        CONTEXT_FILE: "the JSON-LD context of this project's own properties (quote, clause, method, measures, ...), "
        "which the Linked Places file uses beside the Linked Places context",
        "telegram-map.gpkg": "the GeoJSON files above as one GeoPackage for QGIS, with the map's styles",
        "README.md": "this file",
        "LICENSE": "the licence (CC BY 4.0) and the credits of the sources",
    }
    titles = {}
    for layer in doc.layers:
        for name in out:
            if name == f"{layer.id}.geojson" or name.startswith(f"{layer.id}-") and name.endswith(".geojson"):
                family = name[len(layer.id) + 1 : -len(".geojson")]
                titles[name] = layer.meta["title"] + (f" ({family})" if family in FAMILY.values() else "")
    rows = [f"| `{n}` | {titles.get(n) or what[n]} |" for n in sorted(titles)] + [
        f"| `{n}` | {what[n]} |" for n in what if n in out or n in ("README.md", "LICENSE")
    ]
    out["README.md"] = (
        _template("README.template.md")
        .format(rows="\n".join(rows), license_url=LICENSE_URL, citation=CITATION, separator=SEPARATOR.strip())
        .encode("utf-8")
    )
    out["LICENSE"] = _template("LICENSE.template").format(citation=CITATION).encode("utf-8")
    return out
