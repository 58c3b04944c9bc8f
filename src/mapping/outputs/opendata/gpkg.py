"""A GeoPackage for QGIS (telegram-map.gpkg): one table per layer file of the open data, flat and typed,
with the map's own styles in the `layer_styles` table that QGIS reads when it opens a layer.

Columns: `clause` and `quote` are text, their items joined with SEPARATOR; citations are readable text
(`citations_text`) beside their CSL keys as JSON text (`citations`); `when_start` and `when_end` are DATE;
measures are REAL. The styles follow the app: a core band filled in the layer's colour, a possible band
hatched, and the outline or line solid, dashed or dotted as the shape is certain, less certain or uncertain.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import cast
from xml.sax.saxutils import quoteattr

import numpy as np
import shapely

GEOPACKAGE = importlib.util.find_spec("pyogrio") is not None  # GDAL: in requirements.lock, absent from older venvs
SEPARATOR = " | "  # between the items of `clause` and `quote` (the README says so)
DATES = ("when_start", "when_end")
PEN = {"certain": "solid", "less-certain": "dash", "uncertain": "dot"}
MARKER = {"square": "square", "diamond": "diamond", "star": "star"}
MULTI = {"Point": "MultiPoint", "LineString": "MultiLineString", "Polygon": "MultiPolygon"}


def table_name(file_name: str) -> str:
    return file_name.removesuffix(".geojson").replace("-", "_")


def _columns(features: list[dict]) -> dict[str, np.ndarray]:
    """Every property as one typed column: dates, numbers, or text (lists joined with SEPARATOR)."""
    keys = list(dict.fromkeys(k for f in features for k in f["properties"]))
    out = {}
    for key in keys:
        values = [f["properties"].get(key) for f in features]
        if key in DATES:
            out[key] = np.array([v or "NaT" for v in values], dtype="datetime64[D]")
        elif all(isinstance(v, bool) for v in values):
            out[key] = np.array(values, dtype=bool)  # a GeoPackage boolean (an integer of subtype boolean)
        elif all(v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in values):
            out[key] = np.array([np.nan if v is None else float(v) for v in values])
        else:
            joined = [SEPARATOR.join(map(str, v)) if isinstance(v, list) else v for v in values]
            out[key] = np.array([None if v is None else str(v) for v in joined], dtype=object)
    return out


def _rgb(hex_colour: str, alpha: float = 1.0) -> str:
    h = hex_colour.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{round(alpha * 255)}"


def _symbol_layer(cls: str, options: dict[str, str]) -> str:
    opts = "".join(f'<Option type="QString" name="{k}" value="{v}"/>' for k, v in options.items())
    return f'<layer class="{cls}" enabled="1" pass="0" locked="0"><Option type="Map">{opts}</Option></layer>'


def _symbol(n: int, kind: str, style: dict, certainty: str, band: str) -> str:
    colour = style.get("color", "#444444")
    pen = PEN.get(certainty, "solid")
    if kind == "fill":
        fill = _rgb(colour, style.get("fillOpacity", 0.3))
        outline = {
            "outline_color": _rgb(colour),
            "outline_style": pen,
            "outline_width": "0.4",
            "outline_width_unit": "MM",
        }
        if band == "possible" or style.get("pattern") == "hatch":  # hatched, as the app draws possible bands
            body = _symbol_layer(
                "LinePatternFill",
                {"color": _rgb(colour), "angle": "45", "distance": "1.6", "distance_unit": "MM", "line_width": "0.3"},
            ) + _symbol_layer("SimpleFill", {"style": "no", **outline})
        else:
            body = _symbol_layer("SimpleFill", {"color": fill, "style": "solid", **outline})
    elif kind == "line":
        width = f"{max(style.get('weight', 2), 1) * 0.26:.2f}"
        body = _symbol_layer(
            "SimpleLine", {"line_color": _rgb(colour), "line_style": pen, "line_width": width, "line_width_unit": "MM"}
        )
    else:
        shape_ = MARKER.get(style.get("marker", ""), "circle")
        body = _symbol_layer("SimpleMarker", {"color": _rgb(colour), "name": shape_, "size": "3", "outline_style": pen})
    return f'<symbol type="{kind}" name="{n}" alpha="1" clip_to_extent="1" force_rhr="0">{body}</symbol>'


def style_qml(geometry: str, style: dict, features: list[dict]) -> str:
    """A rule-based QGIS style: one rule for each band and certainty the table holds."""
    kind = {"Polygon": "fill", "LineString": "line", "Point": "marker"}[geometry.removeprefix("Multi")]
    cases = sorted({(f["properties"].get("band") or "", f["properties"].get("certainty") or "") for f in features})
    rules, symbols = [], []
    for n, (band, certainty) in enumerate(cases):
        test = [f"\"certainty\" = '{certainty}'" if certainty else '"certainty" IS NULL']
        if any(f["properties"].get("band") for f in features):
            test.append(f"\"band\" = '{band}'" if band else '"band" IS NULL')
        label = " ".join(x for x in (band, certainty) if x) or "all"
        rules.append(f'<rule key="r{n}" symbol="{n}" label={quoteattr(label)} filter={quoteattr(" AND ".join(test))}/>')
        symbols.append(_symbol(n, kind, style, certainty, band))
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        '<qgis version="3.22.16" styleCategories="Symbology">'
        '<renderer-v2 type="RuleRenderer" symbollevels="0" enableorderby="0" forceraster="0">'
        f'<rules key="root">{"".join(rules)}</rules><symbols>{"".join(symbols)}</symbols>'
        "</renderer-v2></qgis>"
    )


STYLES_DDL = """CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256),
 f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
 styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
 update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"""


def geopackage(files: dict[str, bytes], styles: dict[str, dict]) -> bytes:
    """The GeoPackage of the open data's GeoJSON layer files; `styles` maps a layer id to its map style."""
    from pyogrio.raw import write  # GDAL, through pyogrio: the GeoPackage driver QGIS itself reads

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "telegram-map.gpkg"
        written: list[tuple[str, str]] = []  # (table, its style's QML)
        for name in sorted(n for n in files if n.endswith(".geojson")):
            collection = json.loads(files[name])
            features = collection["features"]
            if not features:
                continue
            geoms = [shapely.geometry.shape(f["geometry"]) for f in features]
            kinds = {g.geom_type for g in geoms}
            kind = MULTI.get(next(iter(kinds)), next(iter(kinds))) if len(kinds) == 1 else "Unknown"
            geoms = [  # a layer of Points is written as MultiPoint: each Point wrapped in one
                g
                if g.geom_type == kind
                else shapely.multipoints([cast(shapely.Point, g)])
                if kind == "MultiPoint"
                else g
                for g in geoms
            ]
            columns = _columns(features)
            table = table_name(name)
            write(
                str(path), shapely.to_wkb(np.array(geoms, dtype=object)), field_data=list(columns.values()),
                fields=list(columns), geometry_type=kind, crs="EPSG:4326", driver="GPKG", layer=table,
                append=bool(written),
                dataset_options=None if written else {"VERSION": "1.2"},  # QGIS 3.22's GDAL reads 1.4 only in part
            )  # fmt: skip
            layer = (collection.get("layer") or {}).get("id") or table
            written.append((table, style_qml(kind, styles.get(layer, {}), features)))
        with sqlite3.connect(path) as db:
            db.execute(STYLES_DDL)
            db.executemany(
                "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName,"
                " styleQML, styleSLD, useAsDefault, description, owner, ui) VALUES ('', '', ?, 'geom', ?, ?, '', 1,"
                " 'the map''s own style', '', '')",
                [(table, table, qml) for table, qml in written],
            )
            db.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS styles')"
            )
        db.close()
        return path.read_bytes()
