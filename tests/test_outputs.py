"""Classroom outputs: the offline export in a real browser from file://, the handout PDF, the open data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from shapely.geometry import shape

from mapping.document.clauses import MAPPED

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "layers" / "telegram-1950-10-11.txt").read_text(encoding="utf-8")
CLAUSES = {c["id"]: c for c in json.loads((ROOT / "layers" / "clauses.json").read_text(encoding="utf-8"))["clauses"]}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mapping", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    for args in (
        ("export", str(out / "map.html")),
        ("handout", str(out / "handout.pdf")),
        ("export-data", str(out / "data")),
    ):
        r = cli(*args)
        assert r.returncode == 0, r.stderr
    return out


def test_export_is_one_small_self_contained_file(outdir):
    html = (outdir / "map.html").read_text(encoding="utf-8")
    assert (outdir / "map.html").stat().st_size <= 2_000_000
    assert '<script src="' not in html and '<link rel="stylesheet" href="' not in html
    assert "cdn.jsdelivr" not in html and "code.jquery" not in html


def test_export_works_offline_from_file_with_linking_and_keys(outdir, file_page):
    page = file_page
    page.goto((outdir / "map.html").as_uri())
    page.locator("path.tm-feature").first.wait_for(state="attached", timeout=20_000)
    for cid in MAPPED:
        assert page.locator(f"path.clause-{cid}").count() > 0, cid
        assert page.locator(f"[data-clause='{cid}']").count() == 1, cid
    assert "Pass immediately to Cde. Mao Zedong." in page.locator("[data-clause='H']").inner_text()
    # text -> map
    page.locator("[data-clause='C4']").click()
    page.locator("path.clause-C4.selected").first.wait_for(state="attached")
    assert page.locator("path.selected:not(.clause-C4)").count() == 0
    # keys step on
    page.keyboard.press("ArrowRight")
    page.locator("path.clause-C5.selected").first.wait_for(state="attached")
    assert page.locator("path.clause-C4.selected").count() == 0
    page.keyboard.press("PageUp")
    page.locator("path.clause-C4.selected").first.wait_for(state="attached")
    # map -> text
    page.locator("path.layer-c2-border-mountains").first.dispatch_event("click")
    page.locator(".tm-details[data-feature^='c2-border-mountains']").wait_for()
    assert page.locator("[data-clause='C2']").get_attribute("aria-pressed") == "true"
    # the date control shows and hides dated features, inclusive at the boundaries
    page.locator("path.layer-ctx-front-lines").first.wait_for(state="attached")
    page.select_option("#tm-date", "1950-10-19")
    visible = page.locator("path.layer-ctx-front-lines").evaluate_all(
        "els => els.filter(e => e.style.display !== 'none').length"
    )
    fronts = json.loads((ROOT / "layers" / "ctx-front-lines.geojson").read_text(encoding="utf-8"))["features"]
    assert visible == sum(f["properties"]["when"]["start"] == "1950-10-19" for f in fronts)  # the 19 Oct line only
    assert page.locator("#tm-date-front").inner_text() == (
        "UN front: the one cited for 19 Oct, shown 19 Oct. Not drawn from Yangdŏk to the east coast: no cited front."
        " 20 Oct–25 Oct: not drawn: no cited front."
    )
    for day in ("1950-10-01", "1950-10-14"):  # before the first front, and after the 11 Oct front's sources end
        page.select_option("#tm-date", day)
        visible = page.locator("path.layer-ctx-front-lines").evaluate_all(
            "els => els.filter(e => e.style.display !== 'none').length"
        )
        assert visible == 0, day
        assert "not drawn: no cited front" in page.locator("#tm-date-front").inner_text(), day
    # what happened, opened by the new date, covers the map's corner: the names there give way to it
    assert page.locator(".tm-date-more").get_attribute("open") is not None
    page.get_by_text("What happened", exact=True).click()  # folded again: the corner is the map's
    # 1950 names by default; the switch shows the modern ones
    page.get_by_text("Antung", exact=True).wait_for(state="visible", timeout=5_000)
    page.get_by_label("Modern names").check()
    page.get_by_text("Dandong", exact=True).wait_for(state="visible", timeout=5_000)  # once the names are placed
    page.get_by_text("Antung", exact=True).wait_for(state="hidden", timeout=5_000)
    page.screenshot(path=str(ROOT / "test-artifacts" / "export.png"))
    assert page.leaked == []


def test_handout_has_a_page_per_clause_with_its_quote(outdir):
    reader = PdfReader(outdir / "handout.pdf")
    assert len(reader.pages) >= 1 + len(MAPPED) + 1  # title, a page per clause, what happened next, sources
    first = " ".join(reader.pages[0].extract_text().split())
    assert "4784" in first and "4785" in first and "Zhou Enlai" in first
    for n, cid in enumerate(MAPPED, start=1):
        text = " ".join(reader.pages[n].extract_text().split())
        words = " ".join(CLAUSES[cid]["text"].split())[:60]
        assert words in text, (cid, words)
        assert "Sources" in text and "Interpretation" in text
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            f = font.get_object()
            if f.get("/Subtype") == "/Type3":  # the glyphs themselves are in the font, as drawings
                fonts.add("/CharProcs" in f and len(f["/CharProcs"]) > 0)
                continue
            desc = f.get("/FontDescriptor") or (
                f.get("/DescendantFonts")[0].get_object().get("/FontDescriptor") if f.get("/DescendantFonts") else None
            )
            if desc is not None:
                desc = desc.get_object()
                fonts.add(any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert fonts == {True}  # every font is embedded
    story = reader.pages[1 + len(MAPPED)].extract_text()  # what happened next, a small map a day
    assert "What happened next, on the map" in story and "24 November: the offensive to the Yalu" in story
    assert "Credits" in reader.pages[2 + len(MAPPED)].extract_text()
    tail = " ".join(reader.pages[i].extract_text() for i in range(2 + len(MAPPED), len(reader.pages)))
    assert "Sources" in tail and "Appleman, Roy E. 1961" in " ".join(tail.split())  # the bibliography, CSL-rendered


def font_names(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def test_the_handout_prints_every_glyph(outdir):
    """Hangul and Hanzi (names, the Chinese titles of the sources) come from Noto Sans CJK, embedded; no glyph is
    missing, so none falls back to a LastResort box (the command fails on a missing glyph: the next test)."""
    reader = PdfReader(outdir / "handout.pdf")
    fonts = font_names(reader)
    assert any("NotoSansCJK" in f for f in fonts), fonts
    assert not any("LastResort" in f for f in fonts), fonts
    tail = "".join(reader.pages[i].extract_text() for i in range(1 + len(MAPPED), len(reader.pages)))
    assert "毛泽东文集" in tail and "建国以来毛泽东文稿" in tail  # the bibliography's Chinese titles, as text
    # poppler's own view: every font embedded, none a LastResort
    import subprocess

    listing = subprocess.run(["pdffonts", str(outdir / "handout.pdf")], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows and not any("LastResort" in r for r in rows), rows
    assert all(r.split()[-5] == "yes" for r in rows), rows  # the `emb` column
    text = subprocess.run(["pdftotext", str(outdir / "handout.pdf"), "-"], capture_output=True, text=True, check=True)
    assert text.stderr == "" and listing.stderr == ""  # no syntax warning from poppler
    meta = reader.metadata
    assert meta.title and meta.author and meta.subject and "Korean War" in (meta.get("/Keywords") or "")


def test_a_glyph_no_font_has_fails_the_handout(monkeypatch):
    """With DejaVu alone the Chinese titles would print as boxes: the build stops and names the characters."""
    import matplotlib.pyplot as plt

    from mapping.outputs import handout, products
    from mapping.outputs.errors import OutputError

    monkeypatch.setitem(plt.rcParams, "font.family", ["DejaVu Sans"])
    doc, base = products.load()
    with pytest.raises(OutputError, match="would print as boxes.*fonts-noto-cjk"):
        handout.build(doc, base, {"notes": [], "caveats": []}, [])


def test_open_data_round_trips(outdir):
    """Every shipped feature comes out, in GeoJSON (split by geometry type) and in the LPF collection.

    Formats are checked in tests/test_opendata_geojson.py and tests/test_opendata_lpf.py."""
    data = outdir / "data"
    shipped = {
        f["properties"]["id"]: f for p in (ROOT / "layers").glob("*.geojson")
        for f in json.loads(p.read_text(encoding="utf-8"))["features"]
    }  # fmt: skip
    exported = {
        f["id"]: f for p in data.glob("*.geojson") if p.name != "places.geojson"
        for f in json.loads(p.read_text(encoding="utf-8"))["features"]
    }  # fmt: skip
    assert set(exported) == set(shipped)
    for fid, f in exported.items():
        assert shape(f["geometry"]).equals(shape(shipped[fid]["geometry"])), fid
        assert f["properties"]["title"] == shipped[fid]["properties"]["title"]
    for name in ("README.md", "LICENSE", "sources.json", "places.geojson"):
        assert (data / name).is_file(), name
    lpf = json.loads((data / "telegram-map.lpf.json").read_text(encoding="utf-8"))
    assert lpf["@context"][0].endswith("linkedplaces-context-v1.1.jsonld") and lpf["title"]
    assert lpf["@context"][1] == "telegram-map.context.jsonld" and (data / "telegram-map.context.jsonld").is_file()
    ids = {f["@id"].rsplit("#", 1)[-1].rsplit(":", 1)[-1] for f in lpf["features"]}
    folded = {x["id"] for f in lpf["features"] for x in f["properties"].get("features", [])}
    assert set(shipped) <= ids | folded
    places = json.loads((ROOT / "geodata" / "places.geojson").read_text(encoding="utf-8"))["features"]
    assert {p["properties"]["id"] for p in places} <= ids
    for f in lpf["features"]:
        assert f["type"] == "Feature" and f["names"] and all(n["toponym"] and n["lang"] for n in f["names"])
        assert f["geometry"]["certainty"] in ("certain", "less-certain", "uncertain")
        assert all(n["citations"] and all(c["label"] for c in n["citations"]) for n in f["names"])
        assert f["geometry"]["type"] != "GeometryCollection" and shape(f["geometry"]).is_valid
        for span in f["when"]["timespans"]:
            assert "end" not in span or span["start"]["in"] <= span["end"]["in"]
    pyongyang = next(f for f in lpf["features"] if f["@id"].endswith(":place-pyongyang"))
    assert {"ko"} <= {n["lang"] for n in pyongyang["names"]}


def test_outputs_refuse_to_overwrite_and_name_bad_paths(tmp_path):
    target = tmp_path / "map.html"
    target.write_text("teacher's own file", encoding="utf-8")
    r = cli("export", str(target))
    assert r.returncode == 2 and "--force" in r.stderr and "Traceback" not in r.stderr
    assert target.read_text(encoding="utf-8") == "teacher's own file"
    r = cli("handout", str(tmp_path / "missing" / "h.pdf"))
    assert r.returncode == 2 and "does not exist" in r.stderr
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        r = cli("export", str(locked / "map.html"))
        # root may write anyway; either it is written whole or refused with a message
        assert r.returncode in (0, 2) and "Traceback" not in r.stderr
    finally:
        locked.chmod(0o755)
    assert not list(tmp_path.rglob("*.part"))
    r = cli("export", str(target), "--force")
    assert r.returncode == 0 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
