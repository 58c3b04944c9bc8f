"""export-data as a historian meets it on the light install (#33): `./dev app` installs requirements.lock only, and
`python -m mapping export-data` there writes telegram-map.gpkg. pyogrio (GDAL in its wheel) is in that lock: measured
on Python 3.11, x86_64, it adds 106 MB to a 680 MB site-packages (16%) and no other package (numpy, certifi and
packaging are already there). The runs below hide every installed package that requirements.lock does not hold, so
they see what the classroom server's venv would; nothing is downloaded."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from mapping.outputs.opendata.gpkg import table_name

ROOT = Path(__file__).resolve().parents[1]
COMMAND = ".venv/bin/pip install -r requirements.lock"  # what export-data names when pyogrio is missing
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG", GeoPackage 1.2 section 1.1.1.1.1
PROJECT = "telegram-map"

# Runs a module with the packages outside `allowed` hidden: an import of one fails as on a venv without it, and
# importlib.util.find_spec (export-data's test for pyogrio) finds nothing.
LIGHT = """
import json, re, runpy, sys
from importlib import metadata
allowed = set(json.loads(sys.argv[1]))
canon = lambda name: re.sub(r"[-_.]+", "-", name).lower()
for top, dists in metadata.packages_distributions().items():
    if top not in sys.modules and not {canon(d) for d in dists} & allowed:
        sys.modules[top] = None
sys.argv = sys.argv[2:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {canon(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)}


def light_run(*args: str, hide: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    allowed = (set(pins("requirements.lock")) | {PROJECT}) - {canon(h) for h in hide}
    return subprocess.run(
        [sys.executable, "-c", LIGHT, json.dumps(sorted(allowed)), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_light_lock_holds_pyogrio_and_all_it_needs():
    light, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    assert light["pyogrio"] == dev["pyogrio"]  # the lock is made from the dev lock's versions
    needs = [r for r in metadata.requires("pyogrio") or [] if "extra ==" not in r]
    assert needs and all(canon(re.match(r"[A-Za-z0-9_.-]+", r)[0]) in light for r in needs), needs
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(canon(re.match(r"[A-Za-z0-9_.-]+", d)[0]) == "pyogrio" for d in project["dependencies"])


def test_the_light_run_hides_what_the_light_install_lacks():
    r = light_run("pytest", "--version")  # pytest is in requirements-dev.lock only
    assert r.returncode != 0 and re.search(r"No module named '?pytest\b", r.stderr), r.stderr[-2000:]


def test_export_data_on_the_light_install_writes_a_geopackage_with_every_layer(tmp_path):
    out = tmp_path / "data"
    r = light_run("mapping", "export-data", str(out))
    assert r.returncode == 0, r.stderr[-2000:]
    assert "left out telegram-map.gpkg" not in r.stderr
    expected = {
        table_name(p.name)
        for p in out.glob("*.geojson")
        if json.loads(p.read_text(encoding="utf-8"))["features"]  # an empty layer file has no table
    }
    assert len(expected) >= 15
    db = sqlite3.connect(f"file:{out / 'telegram-map.gpkg'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA application_id").fetchone()[0] == GPKG_APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200  # 1.2: what QGIS 3.22's GDAL reads in full
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        contents = dict(db.execute("SELECT table_name, data_type FROM gpkg_contents"))
        features = {t for t, kind in contents.items() if kind == "features"}
        assert features == expected and contents["layer_styles"] == "attributes"
        for table in features:
            n = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            assert n >= 1, table
        styled = {t for (t,) in db.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault = 1")}
        assert styled == features
    finally:
        db.close()


def test_export_data_without_pyogrio_names_the_command_that_installs_it(tmp_path):
    """A venv made before pyogrio was locked: the open data without the GeoPackage, and the command to get it."""
    out = tmp_path / "data"
    r = light_run("mapping", "export-data", str(out), hide=("pyogrio",))
    assert r.returncode == 0, r.stderr[-2000:]
    assert not (out / "telegram-map.gpkg").exists() and (out / "places.geojson").exists()
    assert "left out telegram-map.gpkg" in r.stderr and COMMAND in r.stderr, r.stderr
    assert "./dev test" not in r.stderr  # no longer the whole test stack
    assert "pyogrio" in pins("requirements.lock")  # so the command named installs it
