"""`python -m mapping validate`: one test per fault kind, on small malformed files; never a traceback, never a write."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = json.loads((ROOT / "layers" / "c5-evacuation.geojson").read_text(encoding="utf-8"))


def run(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mapping", "validate", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def small_layer() -> dict:
    """A valid one-polygon layer, made from a shipped one, to break in one way per test."""
    doc = copy.deepcopy(GOOD)
    doc["features"] = [doc["features"][0]]
    doc["features"][0]["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[125.0, 39.0], [126.0, 39.0], [126.0, 39.5], [125.0, 39.5], [125.0, 39.0]]],
    }
    return doc


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_shipped_layers_are_clean():
    r = run()
    assert r.returncode == 0, r.stdout
    assert "all layers are clean" in r.stdout


def test_a_good_small_layer_is_clean(tmp_path):  # noqa: ANN001
    path = tmp_path / "good.geojson"
    path.write_text(json.dumps(small_layer()), encoding="utf-8")
    r = run(path)
    assert r.returncode == 0, r.stdout


def broken(mutate):  # noqa: ANN001, ANN201
    doc = small_layer()
    mutate(doc["features"][0], doc)
    return json.dumps(doc)


def setp(key, value):  # noqa: ANN001, ANN201
    return lambda f, _d: f["properties"].__setitem__(key, value)


def geom(coords, kind="Polygon"):  # noqa: ANN001, ANN201
    return lambda f, _d: f.__setitem__("geometry", {"type": kind, "coordinates": coords})


CASES = {
    "truncated": (GOOD and json.dumps(GOOD)[:300], "not valid JSON"),
    "empty": ("", "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe garbage", "not UTF-8"),
    "array": ("[1, 2, 3]", "found a JSON list"),
    "self-intersecting": (
        broken(geom([[[125, 39], [126, 39.5], [126, 39], [125, 39.5], [125, 39]]])),
        "invalid geometry",
    ),
    "swapped-lat-lon": (broken(geom([[[39, 125], [39, 126], [39.5, 126], [39.5, 125], [39, 125]]])), "WGS 84 range"),
    "swapped-in-range": (broken(geom([[[39, 25], [39.5, 25], [39.5, 26], [39, 26], [39, 25]]])), "swapped"),
    "quote-not-verbatim": (broken(setp("quote", "Pyongyang must be evacuated at once")), "not verbatim"),
    "missing-certainty": (broken(lambda f, _d: f["properties"].pop("certainty")), "'certainty' is a required property"),
    "unknown-certainty": (broken(setp("certainty", "probable")), "certainty"),
    "unknown-clause": (broken(setp("clause", "C9")), "clause"),
    "non-numeric-coordinates": (broken(geom([[["125", 39], [126, 39], [126, 39.5], [125, 39]]])), "not a number"),
    "nan-coordinates": (
        broken(geom([[[125, 39], [126, 39], [126, 39.5], [125, 39]]])).replace("39.5", "NaN"),
        "not valid JSON",
    ),
    "empty-citations": (broken(setp("citations", [])), "citations"),
    "clockwise-ring": (broken(geom([[[125, 39], [125, 39.5], [126, 39.5], [126, 39], [125, 39]]])), "clockwise"),
    "too-many-decimals": (
        broken(geom([[[125.1234567, 39], [126, 39], [126, 39.5], [125, 39.5], [125.1234567, 39]]])),
        "decimals",
    ),
    "quote-from-another-clause": (
        broken(setp("quote", "Withdraw the best of the mobilized Koreans")),
        "not in its clause",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_fault_kind_is_named_with_file_and_feature(case, tmp_path):  # noqa: ANN001
    content, expected = CASES[case]
    path = tmp_path / f"{case}.geojson"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = digest(tmp_path)
    r = run(path)
    assert r.returncode == 1, r.stdout
    assert "Traceback" not in r.stdout + r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
    assert lines and all(ln.startswith(f"{path}: ") for ln in lines), lines
    assert any(expected in ln for ln in lines), lines
    if case not in ("truncated", "empty", "binary", "array", "nan-coordinates"):
        assert any(": feature c5-evacuation-zone: " in ln for ln in lines), lines
    assert digest(tmp_path) == before  # validate never writes


def test_missing_file_is_reported(tmp_path):  # noqa: ANN001
    r = run(tmp_path / "nope.geojson")
    assert r.returncode == 1 and "does not exist" in r.stdout
