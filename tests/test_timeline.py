"""Dated features are active during their span, inclusive, at the boundary dates."""

from __future__ import annotations

from pathlib import Path

from mapping.document.load import load_document
from mapping.document.timeline import active_on, load

ROOT = Path(__file__).resolve().parents[1]


def test_active_during_not_starts_on():
    when = {"start": "1950-10-11", "end": "1950-10-18"}
    assert not active_on(when, "1950-10-10")
    assert active_on(when, "1950-10-11")  # first day
    assert active_on(when, "1950-10-14")
    assert active_on(when, "1950-10-18")  # last day
    assert not active_on(when, "1950-10-19")
    assert active_on({"start": "1950-11-24"}, "1950-11-24") and not active_on({"start": "1950-11-24"}, "1950-11-23")
    assert active_on(None, "1950-10-01")


def test_front_lines_hand_over_at_their_dates():
    doc = load_document(ROOT / "layers")
    fronts = {
        f["properties"]["id"]: f["properties"]["when"]
        for ly in doc.layers
        for f in ly.features
        if f["properties"]["id"].startswith("front-")
    }

    def shown(date: str) -> set[str]:
        return {fid for fid, when in fronts.items() if active_on(when, date)}

    def days(date: str) -> set[str]:
        return {fid.rsplit("-", 1)[0] for fid in shown(date)}

    assert shown("1950-10-09") == set()
    # each front for the days its sources give, and between them no front at all (not the last one, stale)
    assert days("1950-10-11") == days("1950-10-13") == {"front-1950-10-11"}
    assert days("1950-10-14") == days("1950-10-18") == set()  # Kumch'on fell by 14 Oct
    assert days("1950-10-19") == {"front-1950-10-19"} and days("1950-10-20") == set()  # the airborne drop
    assert days("1950-10-26") == days("1950-10-27") == {"front-1950-10-26"}
    assert days("1950-10-28") == days("1950-11-01") == set()  # Songjin taken on 28 Oct, Unsan lost on 1-2 Nov
    assert days("1950-11-02") == {"front-1950-11-02"} and days("1950-11-03") == set()  # T'aech'on left on 3 Nov
    assert days("1950-11-04") == {"front-1950-11-04"}  # the Ch'ongch'on bridgehead
    assert days("1950-11-05") == days("1950-11-23") == set()  # Kilchu taken on 5 Nov; no cited front until 24 Nov
    assert days("1950-11-24") == {"front-1950-11-24"} and days("1950-11-25") == set()


def test_timeline_dates_are_the_ones_asked_for_and_sourced():
    dates = load(ROOT / "layers" / "timeline.json")
    assert [d["label"] for d in dates] == [
        "1 Oct",
        "7-9 Oct",
        "10-11 Oct",
        "12 Oct",
        "13 Oct",
        "14 Oct",
        "19 Oct",
        "20 Oct",
        "25 Oct",
        "26 Oct",
        "2 Nov",
        "4 Nov",
        "24 Nov",
    ]
    assert all(d["caption"] and d["citations"] for d in dates)
    assert [d["date"] for d in dates] == sorted(d["date"] for d in dates)
