"""The review of issue 30, finding by finding: each fixed or made honest in the tables, and kept so.

Reads the same tables and built layers as test_fronts.py (its helpers), and says for each finding what the
sources support: a place the cited words put on a side is on that side, or in a stretch that is not drawn,
never on the wrong side of a drawn line.
"""

from __future__ import annotations

import csv
import json

import pytest
from test_fronts import (
    CLEARANCE_KM,
    FRONTS,
    HELD,
    LAYERS,
    ROWS,
    UNTIL,
    drawn,
    edge,
    km,
    row,
    vertex_rows,
    vertex_xy,
    xy,
)

from mapping.document.positions import in_interval
from mapping.render.controls import front_status

SOURCES = {s["id"]: s for s in json.loads((LAYERS / "sources.json").read_text(encoding="utf-8"))}
UNHELD = {
    f["properties"]["when"]["start"]: f for f in json.loads((LAYERS / "ctx-un-held.geojson").read_text())["features"]
}


def vertex(day: str, place: str) -> dict:
    return next(r for r in vertex_rows(day) if r["place"] == place)


def test_onjong_on_26_october_is_no_un_anchor():
    """Finding 1: no words read leave Onjong in ROK hands ('Three more Red battalions surrounded part of the 6th
    Division near Onjong'; a Chinese victory): fought over, drawn on the Chinese side, the front short of it."""
    r = row("1950-10-26", "onjong", "contested")
    assert (r["side"], r["certainty"]) == ("CPV", "uncertain") and "Chinese victory" in r["note"]
    assert not HELD["1950-10-26"].contains(xy("onjong"))
    for role in ("vertex", "thrust"):
        v = next(x for x in ROWS if (x["date"], x["place"], x["role"]) == ("1950-10-26", "onjong", role))
        assert v["offset"].endswith(" S") and vertex_xy(v)[1] < xy("onjong").y, role


def test_unsan_on_26_october_rests_on_one_copy_and_lies_just_beyond():
    """Finding 2: the words of one stored copy only ('just north of Unsan', 'just beyond the town'), no 30 Oct
    distance: the stand-in is a few km, toward the Chinese to the north and west."""
    v = vertex("1950-10-26", "unsan")
    dist, _, bearing = v["offset"].split()
    assert float(dist) <= 5 and bearing in ("N", "NW", "NE")
    assert "just north of Unsan" in v["evidence"] and "just beyond the town" in v["evidence"]
    assert "Yongbyon" not in v["evidence"] and "8,000 yards" not in v["evidence"] and "wikisum" in v["note"]
    assert HELD["1950-10-26"].contains(xy("unsan"))


@pytest.mark.parametrize(("day", "west_end"), [("1950-11-02", "unsan"), ("1950-11-04", "anju")])
def test_the_x_corps_sector_inland_is_not_drawn(day, west_end):
    """Finding 3: the sources put ROK and US troops toward P'ungsan and at the Pujon reservoir's south end from 28-30
    Oct, the Marines near Sudong (2 Nov) and at Chinhung-ni (4 Nov), with Chinese among them, at places no
    coordinate could be cited for. No straight line through that sector is drawn, so none puts them on the enemy
    side; the UN-held area ends behind them (Oro-ri), and the date control says the stretch is not drawn."""
    west, kilchu = vertex_xy(vertex(day, west_end)), vertex_xy(vertex(day, "kilchu"))
    for piece in drawn(day):
        assert all(not west[0] + 0.01 < x < kilchu[0] - 0.01 for x, _ in piece.coords), (day, list(piece.coords))
    assert not HELD[day].contains(xy("pungsan")) and west[0] < xy("pungsan").x < kilchu[0]
    for key in ("hamhung", "orori", "songjin"):  # behind the Marines and the coast road: UN-held
        assert HELD[day].contains(xy(key)) and km(xy(key), edge(day)) >= CLEARANCE_KM, key
    oro = vertex(day, "orori")
    assert oro["stretch"] == "none" and oro["offset"].endswith(" N") and "Pujon Reservoir" in oro["note"]
    assert ("Sudong" if day == "1950-11-02" else "Chinhung-ni") in oro["note"]
    gaps = UNHELD[day]["properties"]["method"]["parameters"]["not_drawn"]
    assert gaps and gaps[0].endswith("to Kilchu")
    spans = [(day, UNTIL[day]["until"])]
    assert f"Not drawn from {gaps[0]}: no cited front." in front_status(day, spans, {day: gaps})


def test_no_held_place_is_a_vertex_on_any_date():
    """Finding 4: a vertex without a stand-in offset is never a place that any row has held on that day, whatever
    the row's date, and no vertex lies within 3 km of a place held, fought over or not yet reached that day.
    Hamhung, whose capture no dated source read gives, is no vertex of 19 Oct."""
    for v in (r for r in ROWS if r["role"] in ("vertex", "thrust")):
        held = [r for r in ROWS if r["role"] == "held" and r["place"] == v["place"]]
        assert v["offset"] or not any(in_interval(v["date"], r["source_dates"]) for r in held), v
        placed = [r for r in ROWS if r["date"] == v["date"] and r["role"] in ("held", "contested", "beyond")]
        for p in placed:
            assert km(xy(p["place"]), edge(v["date"])) >= CLEARANCE_KM, (v["date"], p["place"])
    assert "hamhung" not in {r["place"] for r in vertex_rows("1950-10-19")}
    assert not HELD["1950-10-19"].contains(xy("hamhung"))  # undrawn that day, not claimed
    assert UNHELD["1950-10-19"]["properties"]["method"]["parameters"]["not_drawn"] == ["Yangdŏk to the east coast"]


def test_the_11_october_line_runs_short_of_the_kumchon_pocket():
    """Finding 5: the three regiments 'on the assault' round the pocket stand on the UN side, the pocket beyond."""
    v = vertex("1950-10-11", "kumchon")
    assert v["offset"].endswith(" S") and float(v["offset"].split()[0]) <= 8
    assert not HELD["1950-10-11"].contains(xy("kumchon")) and HELD["1950-10-11"].contains(xy("kaesong"))
    assert km(xy("kaesong"), edge("1950-10-11")) > 10  # not a line hugging Kaesong, behind the division


def test_pyongyang_on_19_october_is_held_only_south_of_the_taedong():
    """Finding 6: 'The first entry had been made into the southern section'; the northern part only during the
    night: the city's centre (north of the river) is not shaded UN-held on the 19th."""
    r = row("1950-10-19", "pyongyang", "contested")
    assert r["side"] == "KPA" and r["source"] == "time-damn-good-job" and "southern section" in r["evidence"]
    assert not HELD["1950-10-19"].contains(xy("pyongyang")) and HELD["1950-10-19"].contains(xy("sariwon"))
    assert km(xy("pyongyang"), edge("1950-10-19")) < 6  # the front crosses the city


def test_yangdok_rests_on_the_words_found_and_their_day():
    """Finding 7: the sentence is in the store; 'almost reached' by 17 Oct, carried with a note."""
    v = vertex("1950-10-19", "yangdok")
    assert v["evidence"].startswith("It had become clear") and "almost reached Yangdok" in v["evidence"]
    assert v["source"] == "wikipedia-battle-of-pyongyang-1950" and v["source_dates"] == "1950-10-17/.."
    assert "could not be found" not in v["note"] and "17 Oct" in v["note"]


def test_an_order_is_not_a_position_on_2_november():
    """Finding 8: the order of 2 Nov makes no row certain, and the brigade stands at one place that day."""
    anju = row("1950-11-02", "anju", "held")
    assert anju["certainty"] == "uncertain" and "order" in anju["note"]
    pakchon = row("1950-11-02", "pakchon", "held")
    assert (
        "were to remain" not in pakchon["evidence"] and "D Company captured the town of Pakchon" in pakchon["evidence"]
    )
    brigade = {r["place"] for r in ROWS if r["date"] == "1950-11-02" and r["unit"] == "27th Commonwealth Brigade"}
    assert brigade == {"taechon"}


def test_the_24_november_line_rests_on_words_read_and_is_a_start_line():
    """Findings 9, 10, 12: no unread quotation stands (Ch'ongjin gone; the coast division 14 miles north of
    Myongchon on 20 Nov), Pakch'on held in the words of Battlefield Korea, and the line is the morning's start line."""
    assert not [r for r in ROWS if r["role"] == "vertex" and r["evidence"].startswith("[not found]")]
    assert "chongjin" not in {r["place"] for r in ROWS if r["date"] == "1950-11-24"}
    m = vertex("1950-11-24", "myongchon")
    assert "14 miles north of Myongchon" in m["evidence"] and m["source"] == "paperspast-ag-1950-11-21"
    pk = row("1950-11-24", "pakchon", "held")
    assert (
        pk["source"] == "koreanwaronline-battlefield-korea-40" and "Having held the Pakchon perimeter" in pk["evidence"]
    )
    assert UNTIL["1950-11-24"]["note"].startswith("The start line of the morning of 24 Nov")
    for f in FRONTS["1950-11-24"]:
        if "through" in f["properties"]["method"]["parameters"]:
            assert "start line of the morning" in f["properties"]["interpretation"], f["properties"]["id"]


def test_citations_name_what_was_read():
    """Finding 13 and the citations: Hamhung's 26 Oct row says why; no re-host's page number as a printed page;
    Time's 'Finishing Touches' dated by its issue; Time cited without a mirror's address."""
    assert row("1950-10-26", "hamhung", "held")["note"].strip()
    assert not [r for r in ROWS if r["source"] == "usace-ep-870-1-49" and r["locator"]]
    assert "numbers 56" in SOURCES["usace-ep-870-1-49"]["note"]
    assert SOURCES["time-finishing-touches"]["issued"] == {"date-parts": [[1950, 10, 30]]}
    for key in ("time-1950-11-06", "time-finishing-touches", "time-damn-good-job"):
        assert "6jhxt" not in SOURCES[key].get("URL", ""), key


def test_the_tables_name_each_stretch_drawn_or_not():
    with (LAYERS / "hand" / "positions.csv").open(encoding="utf-8", newline="") as fh:
        stretches = {r["stretch"] for r in csv.DictReader(fh) if r["role"] == "vertex"}
    assert stretches <= {"documented", "gap", "none", ""} and "none" in stretches
