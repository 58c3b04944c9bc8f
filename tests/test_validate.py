"""`python -m mapping validate`: one test per fault kind, on small malformed files; never a traceback, never a write."""

from __future__ import annotations

import copy
import csv
import hashlib
import io
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


def test_a_good_small_layer_is_clean(tmp_path):
    path = tmp_path / "good.geojson"
    path.write_text(json.dumps(small_layer()), encoding="utf-8")
    r = run(path)
    assert r.returncode == 0, r.stdout


def broken(mutate):
    doc = small_layer()
    mutate(doc["features"][0], doc)
    return json.dumps(doc)


def setp(key, value):
    return lambda f, _d: f["properties"].__setitem__(key, value)


def geom(coords, kind="Polygon"):
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
    "missing-role": (broken(lambda f, _d: f["properties"].pop("role")), "'role' is a required property"),
    "unknown-role": (broken(setp("role", "c5-evacuation-zone")), "role"),
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
    "unknown-source-key": (broken(setp("citations", [{"id": "no-such-source", "locator": "ch. 1"}])), "unknown source"),
    "citation-as-free-text": (broken(setp("citations", [{"label": "Project research notes"}])), "citations"),
    "locator-of-no-known-form": (broken(setp("citations", [{"id": "wilson-4785", "locator": "somewhere"}])), "locator"),
    "impossible-date": (broken(setp("when", {"start": "1950-13-45"})), "not a real ISO 8601 date"),
    "start-after-end": (broken(setp("when", {"start": "1951-01-01", "end": "1950-01-01"})), "comes after end"),
    "quote-from-another-clause": (
        broken(setp("quote", "Withdraw the best of the mobilized Koreans")),
        "not in its clause",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_fault_kind_is_named_with_file_and_feature(case, tmp_path):
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


def test_the_outputs_look_up_a_feature_by_its_role_never_its_id():
    """Open data chooses a feature's kind, names and countries by the role the build writes; every key of
    those tables is a role the layer schema knows, and every shipped feature carries one of them."""
    from mapping.document.load import SCHEMA_PATH, load_document
    from mapping.outputs.opendata.common import BORDER_CCODES, KINDS, NAMES

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    roles = set(schema["$defs"]["feature"]["properties"]["properties"]["properties"]["role"]["enum"])
    assert set(KINDS) | set(NAMES) | set(BORDER_CCODES) <= roles
    doc = load_document(ROOT / "layers")
    shipped = {f["properties"]["role"] for ly in doc.layers for f in ly.features}
    assert shipped == roles  # no role unused, none missing
    quiet = {f["properties"]["id"] for ly in doc.layers for f in ly.features if f["properties"].get("quiet")}
    assert {"c4-reception-area", "c3-enemy-rear", "c3-mao-plan-1950-10-14"} <= quiet


def test_missing_file_is_reported(tmp_path):
    r = run(tmp_path / "nope.geojson")
    assert r.returncode == 1 and "does not exist" in r.stdout


ISSUED = {"date-parts": [[1961]]}
BAD_SOURCES = {
    "no-title": ({"id": "x", "type": "book", "issued": ISSUED, "URL": "https://a.invalid/"}, "no title"),
    "no-date": ({"id": "x", "type": "book", "title": "T", "URL": "https://a.invalid/"}, "no date"),
    "no-url-or-archive": ({"id": "x", "type": "webpage", "title": "T", "issued": ISSUED}, "neither a URL"),
    "undated-page-not-accessed": ({"id": "x", "type": "webpage", "title": "T", "URL": "https://a.invalid/"}, "no date"),
}


@pytest.mark.parametrize("case", sorted(BAD_SOURCES))
def test_a_source_a_reader_cannot_follow_is_rejected(case, tmp_path):
    """validate reads a layers folder's sources.json: each bad item is named with its fault."""
    folder = tmp_path / "layers"
    folder.mkdir()
    for name in ("sources.json", "notes.json", "timeline.json"):
        (folder / name).write_bytes((ROOT / "layers" / name).read_bytes())
    items = json.loads((folder / "sources.json").read_text(encoding="utf-8"))
    item, expected = BAD_SOURCES[case]
    (folder / "sources.json").write_text(json.dumps([*items, item]), encoding="utf-8")
    r = run(folder)
    assert r.returncode == 1, r.stdout
    assert any(ln.startswith("layers/sources.json: source x: ") and expected in ln for ln in r.stdout.splitlines())


def test_notes_and_timeline_citations_are_checked(tmp_path):
    folder = tmp_path / "layers"
    folder.mkdir()
    for name in ("sources.json", "notes.json", "timeline.json"):
        (folder / name).write_bytes((ROOT / "layers" / name).read_bytes())
    timeline = json.loads((folder / "timeline.json").read_text(encoding="utf-8"))
    timeline["dates"][0]["citations"] = [{"id": "project-notes"}]
    timeline["dates"][1]["date"] = "1950-02-30"
    (folder / "timeline.json").write_text(json.dumps(timeline), encoding="utf-8")
    r = run(folder)
    assert r.returncode == 1
    assert "unknown source key 'project-notes'" in r.stdout
    assert "'1950-02-30' is not a real ISO 8601 date" in r.stdout


def test_nothing_cites_the_project_notes_or_shared():
    """Research notes were a starting point, not a source: no shipped file may cite them."""
    for path in sorted((ROOT / "layers").rglob("*")) + [ROOT / "src" / "mapping" / "data" / "places.csv"]:
        if path.is_file() and path.suffix in (".json", ".geojson", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert "history.md" not in text and "shared/" not in text and "research notes" not in text.lower(), path


POSITIONS = ROOT / "layers" / "hand" / "positions.csv"
HEADER, *ROWS = POSITIONS.read_text(encoding="utf-8").splitlines()
FRONTS = POSITIONS.with_name("fronts.csv")


def positions_with(tmp_path: Path, n: int, fronts: dict | None = None, **changes: str) -> tuple[Path, int]:
    """A copy of the table with row n (as a spreadsheet numbers it) changed, and beside it a copy of fronts.csv
    with the rows of `fronts` ({date: {column: value}}, or None to drop the row) changed; returns its path and n."""
    rows = list(csv.DictReader(io.StringIO("\n".join([HEADER, *ROWS]))))
    rows[n - 2].update(changes)
    path = tmp_path / "positions.csv"
    write_csv(path, rows)
    front_rows = list(csv.DictReader(FRONTS.open(encoding="utf-8", newline="")))
    for day, change in (fronts or {}).items():
        row = next(r for r in front_rows if r["date"] == day)
        front_rows = [r for r in front_rows if r is not row] if change is None else front_rows
        row.update(change or {})
    write_csv(tmp_path / "fronts.csv", front_rows)
    return path, n


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def row_of(date: str, place: str, role: str) -> int:
    rows = csv.DictReader(io.StringIO("\n".join([HEADER, *ROWS])))
    return next(i for i, r in enumerate(rows, start=2) if (r["date"], r["place"], r["role"]) == (date, place, role))


def test_the_shipped_tables_are_clean():
    r = run(POSITIONS, ROOT / "src" / "mapping" / "data" / "places.csv")
    assert r.returncode == 0, r.stdout


BAD_POSITIONS = {
    "empty evidence": ({"evidence": ""}, "evidence is empty"),
    "evidence from a review of this map": (
        {"evidence": "The ROK 8th Division near Yangdok, as a review of this map reports."},
        "points at this map or a review of it",
    ),
    "words not found, yet certain": ({"evidence": "[not found] somewhere", "certainty": "certain"}, "'uncertain'"),
    "a date the source does not give": ({"source_dates": "1950-11-03"}, "the source dates this position 1950-11-03"),
    "no source dates": ({"source_dates": ""}, "source_dates ''"),
}


@pytest.mark.parametrize("case", sorted(BAD_POSITIONS))
def test_a_position_whose_evidence_is_not_the_sources_is_rejected(case, tmp_path):
    changes, expected = BAD_POSITIONS[case]
    path, n = positions_with(tmp_path, row_of("1950-11-02", "taechon", "vertex"), **changes)
    r = run(path)
    assert r.returncode == 1, r.stdout
    assert any(ln.startswith(f"{path}: row {n}: ") and expected in ln for ln in r.stdout.splitlines()), r.stdout


def rejected(path: Path, message: str) -> None:
    r = run(path)
    assert r.returncode == 1, r.stdout
    assert message in r.stdout, r.stdout


def test_a_held_place_used_as_a_vertex_is_rejected(tmp_path):
    """Kilchu was held by the North Koreans on 2 Nov: a front drawn through it would put it on the line."""
    n = row_of("1950-11-02", "kilchu", "vertex")
    path, _ = positions_with(tmp_path, n, offset="")
    rejected(path, f"{path}: row {n}: kilchu is held on 1950-11-02, so it cannot be a vertex")


def test_a_place_held_that_day_by_a_row_of_another_date_is_no_vertex(tmp_path):
    """A held town is never a vertex, even when the row that says so is of another date (Hamhung, held from 26 Oct
    in Rowny's words, as a vertex of 24 Nov with no stand-in offset)."""
    n = row_of("1950-11-24", "changjin", "vertex")
    path, _ = positions_with(tmp_path, n, place="hamhung")
    rejected(path, f"{path}: row {n}: hamhung is held by the UN on 1950-11-24 (a row of 1950-10-26 dates it")


def test_a_stretch_that_is_not_drawn_is_accepted_and_another_word_is_not(tmp_path):
    n = row_of("1950-11-02", "taechon", "vertex")
    path, _ = positions_with(tmp_path, n, stretch="none")
    assert run(path).returncode == 0
    path, _ = positions_with(tmp_path, n, stretch="hidden")
    rejected(path, f"{path}: row {n}: stretch 'hidden' is not one of 'documented', 'gap', 'none', ''")


def test_a_contested_place_used_as_a_vertex_is_rejected(tmp_path):
    n = row_of("1950-10-26", "onjong", "vertex")
    path, _ = positions_with(tmp_path, n, offset="")
    rejected(path, f"{path}: row {n}: onjong is contested on 1950-10-26, so it cannot be a vertex")


@pytest.mark.parametrize(
    ("day", "place", "offset", "held"),
    [
        ("1950-10-26", "unsan", "7 km S", "the UN held"),  # the audit's S1: the town the ROKs held, drawn beyond it
        ("1950-11-02", "kilchu", "5 km N", "the KPA held"),
        ("1950-11-24", "chongju", "10 km NE", "lay beyond the UN front"),
    ],
)
def test_an_offset_that_moves_a_town_onto_the_other_side_is_rejected(day, place, offset, held, tmp_path):
    """A stand-in goes toward the enemy of the side that held the town, or the town lands on the other side."""
    n = row_of(day, place, "vertex")
    path, _ = positions_with(tmp_path, n, offset=offset)
    rejected(path, f"{path}: row {n}: offset {offset!r} moves {place}, which {held} on {day}, onto the other side")


def test_an_offset_from_a_place_no_row_says_who_held_is_rejected(tmp_path):
    n = row_of("1950-10-26", "iwon", "vertex")
    path, _ = positions_with(tmp_path, n, offset="5 km N")
    rejected(path, f"{path}: row {n}: offset '5 km N' stands in for the front near iwon: a held, contested or beyond")


@pytest.mark.parametrize(
    ("fronts", "message"),
    [
        (  # the 26 Oct front carried past the last day its vertices' sources give, with no word why
            {"1950-10-26": {"note": ""}},
            "row 4: the front of 1950-10-26 is shown until 1950-10-27, past 1950-10-26, the last day its vertices' "
            "sources give: a note must say why",
        ),
        (  # the 11 Oct front shown after Kumch'on fell, whatever its note says
            {"1950-10-11": {"until": "1950-10-16"}},
            "row 2: the front of 1950-10-11 is shown until 1950-10-16, after 1950-10-14, when the source of kumchon "
            "has it change",
        ),
        ({"1950-10-19": {"until": "1950-10-26"}}, "row 3: the front of 1950-10-19 must be shown from 1950-10-19 until"),
        ({"1950-11-04": None}, "the front of 1950-11-04 has no row: give the last day it is shown"),
    ],
)
def test_a_front_shown_past_its_sources_is_rejected(fronts, message, tmp_path):
    path, _ = positions_with(tmp_path, 2, fronts=fronts)
    rejected(path, f"{path.with_name('fronts.csv')}: {message}")
    rejected(path.with_name("fronts.csv"), message)  # validate on the fronts table alone says the same


def test_positions_without_their_fronts_table_are_rejected(tmp_path):
    path, _ = positions_with(tmp_path, 2)
    path.with_name("fronts.csv").unlink()
    rejected(path, f"{path}: no fronts.csv beside it: each front needs the last day it is shown")


@pytest.mark.parametrize(
    ("key", "form", "expected"),
    [
        ("linjiang", "临江", "has 临, which exists only in simplified Chinese"),
        ("tumen", "图们", "has 图们, which exists only in simplified Chinese"),
        ("wonsan", "원산 / 元山市", "ends in an administrative suffix"),
    ],
)
def test_a_1950_name_form_of_a_later_time_is_rejected(key, form, expected, tmp_path):
    table = ROOT / "src" / "mapping" / "data" / "places.csv"
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    n = next(i for i, r in enumerate(rows, start=2) if r["key"] == key)
    rows[n - 2]["native_1950"] = form
    path = tmp_path / "places.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    r = run(path)
    assert r.returncode == 1
    assert f"{path}: row {n}: {key}: 1950 form" in r.stdout and expected in r.stdout, r.stdout
