"""The GeoJSON export opens cleanly in QGIS: one geometry type and one type per column in each file,
RFC 7946 geometries, and the licence and a citation in every file, with README and LICENSE beside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import shape

from mapping.document.rfc7946 import geometry_faults
from mapping.outputs import opendata, products

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def exported():
    doc, base = products.load()
    return doc, products.open_data(doc, base)


def geojson_files(files: dict[str, bytes]) -> dict[str, dict]:
    return {name: json.loads(data) for name, data in files.items() if name.endswith(".geojson")}


def test_one_geometry_type_per_file(exported):
    _, files = exported
    for name, fc in geojson_files(files).items():
        kinds = {f["geometry"]["type"] for f in fc["features"]}
        assert len(kinds) == 1, (name, kinds)
    names = set(files)
    assert {"c3-defence-zone-polygons.geojson", "c3-defence-zone-lines.geojson"} <= names
    assert "c3-defence-zone.geojson" not in names


def test_one_json_type_per_property(exported):
    _, files = exported
    for name, fc in geojson_files(files).items():
        keys = [tuple(f["properties"]) for f in fc["features"]]
        assert len(set(keys)) == 1, f"{name}: features have different columns"
        for key in keys[0]:
            values = [f["properties"][key] for f in fc["features"]]
            types = {type(v).__name__ for v in values if v is not None}
            assert len(types) == 1, (name, key, types)
            assert not types & {"dict"}, (name, key)  # nested objects are JSON text
            for v in values:
                if isinstance(v, list):
                    assert all(isinstance(x, str) for x in v), (name, key)
        if "quote" in keys[0]:
            assert all(isinstance(f["properties"]["quote"], list) for f in fc["features"])
            assert all(isinstance(f["properties"]["clause"], list) for f in fc["features"])
            for f in fc["features"]:
                for col in ("when_start", "when_end"):
                    assert f["properties"].get(col) is None or isinstance(f["properties"][col], str)


def test_rfc7946_and_every_feature_kept(exported):
    doc, files = exported
    seen = []
    for name, fc in geojson_files(files).items():
        assert fc["type"] == "FeatureCollection" and "crs" not in fc, name
        for f in fc["features"]:
            assert f["type"] == "Feature" and isinstance(f["properties"], dict)
            assert not geometry_faults(f["geometry"]), (name, f["id"], geometry_faults(f["geometry"]))
            assert shape(f["geometry"]).is_valid
            if name != "places.geojson":
                seen.append(f["properties"]["id"])
    shipped = [f["properties"]["id"] for ly in doc.layers for f in ly.features]
    assert sorted(seen) == sorted(shipped)


def test_licence_citation_readme_licence(exported):
    doc, files = exported
    for name, fc in geojson_files(files).items():
        assert fc["license"] == "CC BY 4.0" and fc["license_url"].startswith("https://creativecommons.org/"), name
        assert "October 1950 Telegram Map" in fc["citation"], name
    readme = files["README.md"].decode("utf-8")
    licence = files["LICENSE"].decode("utf-8")
    for name in files:
        if name.endswith(".geojson"):
            assert f"`{name}`" in readme, name  # every file is described
    for text in (readme, licence):
        assert "CC BY 4.0" in text
        for credit in ("Natural Earth", "public domain", "GSHHG", "LGPL-3", "pvlib", "BSD-3", "GeoNames"):
            assert credit in text, credit
    sources = json.loads(files["sources.json"])
    assert {s["id"] for s in sources} == set(doc.bibliography.items)
    lpf = json.loads(files["telegram-map.lpf.json"])
    assert lpf["license"] == opendata.LICENSE


def test_places_file(exported):
    _, files = exported
    places = json.loads(files["places.geojson"])["features"]
    shipped = json.loads((ROOT / "geodata" / "places.geojson").read_text(encoding="utf-8"))["features"]
    assert [p["properties"]["id"] for p in places] == [p["properties"]["id"] for p in shipped]
    pyongyang = next(p["properties"] for p in places if p["id"] == "place-pyongyang")
    assert pyongyang["geonames_url"] == "http://www.geonames.org/1871859"
    assert "평양" in json.loads(pyongyang["names"])[1]["toponym"]
    c5 = json.loads(files["c5-evacuation-points.geojson"])["features"]
    assert {f["properties"]["place_id"] for f in c5} >= {"place-pyongyang"}


def test_the_geopackage_holds_every_layer_field_and_value(exported, tmp_path):
    """Read back with GDAL (pyogrio): a table per GeoJSON file, every field, every value, typed."""
    import datetime

    import pyogrio

    from mapping.outputs.opendata.gpkg import SEPARATOR, table_name

    _, files = exported
    path = tmp_path / "telegram-map.gpkg"
    path.write_bytes(files["telegram-map.gpkg"])
    tables = {name for name, _ in pyogrio.list_layers(path)}
    for name, fc in geojson_files(files).items():
        table = table_name(name)
        assert table in tables, table
        df = pyogrio.read_dataframe(path, layer=table)
        assert len(df) == len(fc["features"]), table
        for row, f in zip(df.itertuples(index=False), fc["features"], strict=True):
            for key, value in f["properties"].items():
                got = getattr(row, key)
                if isinstance(value, list):
                    assert got == SEPARATOR.join(value), (table, key)
                elif key in ("when_start", "when_end") and value:
                    assert got.date() == datetime.date.fromisoformat(value), (table, key)
                elif isinstance(value, float):
                    assert abs(got - value) < 1e-9, (table, key)
                elif value is not None:
                    assert got == value, (table, key)
    types = dict(zip(*(pyogrio.read_info(path, layer="ctx_front_lines")[k] for k in ("fields", "dtypes")), strict=True))
    assert types["length_km"] == "float64" and types["when_start"].startswith("datetime64")  # REAL and DATE


def test_the_geopackage_carries_the_maps_styles(exported, tmp_path):
    import sqlite3
    import xml.etree.ElementTree as ET

    doc, files = exported
    path = tmp_path / "telegram-map.gpkg"
    path.write_bytes(files["telegram-map.gpkg"])
    with sqlite3.connect(path) as db:
        styles = dict(db.execute("SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1"))
        tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")}
    assert set(styles) == tables
    c2 = ET.fromstring(styles["c2_border_mountains"].split(">", 1)[1])
    rules = {r.get("label") for r in c2.iter("rule")}
    assert rules == {"core less-certain", "possible uncertain"}, rules
    classes = {layer.get("class") for layer in c2.iter("layer")}
    assert {"SimpleFill", "LinePatternFill"} <= classes  # the core band filled, the possible band hatched
    colour = next(ly for ly in doc.layers if ly.id == "c2-border-mountains").meta["style"]["color"].lstrip("#")
    rgb = ",".join(str(int(colour[i : i + 2], 16)) for i in (0, 2, 4))
    assert rgb in styles["c2_border_mountains"]


QGIS_PYTHON = Path("/usr/bin/python3")


@pytest.mark.slow
def test_qgis_opens_each_table_with_its_style_and_draws_it(exported, tmp_path):
    """QGIS itself (Debian's python3-qgis, which ./dev test installs), headless: every table valid, its
    saved style loaded, drawn with the map's colours; the picture is kept in test-artifacts/."""
    import subprocess

    _, files = exported
    path = tmp_path / "telegram-map.gpkg"
    path.write_bytes(files["telegram-map.gpkg"])
    png = ROOT / "test-artifacts" / "qgis-geopackage.png"
    png.parent.mkdir(exist_ok=True)
    r = subprocess.run(
        [str(QGIS_PYTHON), str(ROOT / "tests" / "qgis_open.py"), str(path), str(png)],
        capture_output=True, text=True, timeout=240,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "XDG_RUNTIME_DIR": str(tmp_path)},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    warnings = [ln for ln in r.stderr.splitlines() if "Warning" in ln or "ERROR" in ln]
    assert warnings == [], warnings  # GDAL's 'partially supported' GeoPackage version was one
    tables = json.loads(r.stdout.strip().splitlines()[-1])
    assert len(tables) >= 15
    for table, t in tables.items():
        assert t["valid"] and t["style"] and t["rules"] >= 1 and t["features"] >= 1, (table, t)
    assert "#e69f00" in tables["c2_border_mountains"]["colours"]  # the map's orange for C2
    assert png.stat().st_size > 20_000


def test_a_shapefile_from_the_geopackage_keeps_clause_and_quote_as_text(exported, tmp_path):
    """As a QGIS user would make one: ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8, table by table. clause and
    quote come through as text, Hangul and Hanzi intact; what a Shapefile cannot hold (names over 10 characters,
    values over 254 bytes) is what the README says it cuts."""
    import subprocess

    import pyogrio

    from mapping.outputs.opendata.gpkg import table_name

    _, files = exported
    gpkg = tmp_path / "telegram-map.gpkg"
    gpkg.write_bytes(files["telegram-map.gpkg"])
    readme = files["README.md"].decode("utf-8")
    assert "10 characters" in readme and "254 bytes" in readme
    cut = 0
    for name in geojson_files(files):
        table = table_name(name)
        shp = tmp_path / f"{table}.shp"
        run = subprocess.run(
            ["ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", str(shp), str(gpkg), table],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        source = pyogrio.read_dataframe(gpkg, layer=table)
        back = pyogrio.read_dataframe(shp, encoding="UTF-8")
        for col in ("clause", "quote"):
            if col not in source.columns:
                continue
            assert col in back.columns, (table, col)
            for full, got in zip(source[col], back[col], strict=True):
                if len(full.encode("utf-8")) <= 254:
                    assert got == full, (table, col)
                else:
                    cut += 1
                    assert full.startswith(got[:100]), (table, col)
        if "native" in source.columns:  # the places: Hangul and Hanzi survive, not '?' (an empty text reads as null)
            text = [v if isinstance(v, str) else "" for v in back["native"]]
            assert text == list(source["native"]) and "평양 / 平壤" in text
    assert cut < 40  # the telegram's long clauses: the README's reason to use the GeoPackage
