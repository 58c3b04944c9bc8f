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
    assert days("1950-10-11") == days("1950-10-18") == {"front-1950-10-11"}
    assert days("1950-10-19") == days("1950-10-25") == {"front-1950-10-19"}
    assert days("1950-10-26") == days("1950-11-01") == {"front-1950-10-26"}
    assert days("1950-11-02") == days("1950-11-23") == {"front-1950-11-02"}
    assert days("1950-11-24") == {"front-1950-11-24"}


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
        "24 Nov",
    ]
    assert all(d["caption"] and d["citations"] for d in dates)
    assert [d["date"] for d in dates] == sorted(d["date"] for d in dates)
