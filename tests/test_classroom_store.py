"""The class store, on SQLite and on a real PostgreSQL server: roles, bad readings, limits, and no loss.

Each test runs on both databases. The readings are drawn on the map's own geography (around Kanggye and the
Changjin reservoir), as a student would draw them.
"""

from __future__ import annotations

import json
import math
import random

import pytest

from mapping.classroom.readings import ReadingError
from mapping.classroom.store import NotAllowed, StoreError
from mapping.classroom.tasks import MAX_PER_MINUTE, MAX_SENTENCE, MAX_VERTICES

AREA = {"type": "Polygon", "coordinates": [[[126.2, 40.6], [127.4, 40.6], [127.4, 41.5], [126.2, 41.5], [126.2, 40.6]]]}


def square(cx: float, cy: float, r: float) -> dict:
    ring = [[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_lesson_thirty_students_join_submit_and_revise(store):
    opened = store.open_class("C3")
    tokens = [store.join(opened.code.lower()) for _ in range(30)]  # a code typed in lower case still works
    for i, t in enumerate(tokens):
        store.submit(opened.code, t, square(126.8 + i * 0.01, 40.9, 0.3), f"Reading {i}: the high ground.", "Ann")
    store.clock_.now += 61
    store.submit(opened.code, tokens[0], AREA, "I changed my mind: wider.")
    assert store.info(opened.code) | {} == {
        "code": opened.code, "task": "C3", "step": None, "drawing": True, "closed": False, "revealed": False,
        "joined": 30, "submitted": 30,
    }  # fmt: skip
    got = store.readings(opened.code, opened.secret)
    assert len(got) == 30 and sum(r["revisions"] for r in got) == 31
    assert store.my_reading(opened.code, tokens[0])["sentence"] == "I changed my mind: wider."
    exported = store.export(opened.code, opened.secret)
    assert len(exported["features"]) == 30
    text = json.dumps(exported)
    assert "Ann" not in text and not any(t in text for t in tokens) and opened.secret not in text


def test_a_readings_number_stays_with_its_student_when_others_revise(store):
    """The teacher shows "reading 2" to the class: its number must not move when reading 1 is revised."""
    opened = store.open_class("C3")
    tokens = []
    for _ in range(3):
        tokens.append(store.join(opened.code))
        store.clock_.now += 1
    for i in (2, 0, 1):  # submitted out of the order they joined
        store.submit(opened.code, tokens[i], square(126.8 + i * 0.1, 40.9, 0.3), f"Student {i}.")
    store.clock_.now += 61
    store.submit(opened.code, tokens[0], AREA, "Student 0, revised.")
    assert [r["sentence"] for r in store.readings(opened.code, opened.secret)] == [
        "Student 0, revised.", "Student 1.", "Student 2.",
    ]  # fmt: skip


def test_only_the_teacher_sees_closes_exports_or_deletes(store):
    a, b = store.open_class("C2"), store.open_class("C2")
    t = store.join(a.code)
    store.submit(a.code, t, AREA, "The belt along the border.")
    for call in (
        lambda s: store.readings(a.code, s),
        lambda s: store.export(a.code, s),
        lambda s: store.set_state(a.code, s, closed=True),
        lambda s: store.set_state(a.code, s, revealed=True),
        lambda s: store.delete(a.code, s),
    ):
        for wrong in (b.secret, t, "", a.code):  # another class's secret, a student's token, nothing, the code
            with pytest.raises(NotAllowed, match="not this class's teacher secret"):
                call(wrong)  # each refused for being wrong, never for a wait: the clock never moves
    assert store.info(a.code)["submitted"] == 1 and not store.info(a.code)["closed"]
    with pytest.raises(NotAllowed):
        store.submit(a.code, "a made-up token", AREA, "Let me in.")  # a join code lets only its own student in
    with pytest.raises(NotAllowed):
        store.submit(b.code, t, AREA, "My token, another class.")


def test_wrong_secrets_are_recorded_but_never_delay_the_right_one(store):
    """Issue 29: wrong tries used to make the class refuse every key, the teacher's included, for a wait."""
    from sqlalchemy import select

    from mapping.classroom.store import classes

    opened, other = store.open_class("C5"), store.open_class("C5")

    def record(code: str) -> tuple:
        with store.engine.connect() as db:
            return tuple(
                db.execute(select(classes.c.failures, classes.c.last_failure).where(classes.c.code == code)).one()
            )

    for _round in range(3):
        for _ in range(10):  # ten wrong tries in the same second, as a student at the projector types them
            with pytest.raises(NotAllowed, match="not this class's teacher secret"):
                store.readings(opened.code, "guess")
        assert record(opened.code) == (10, store.clock_.now)  # kept for the record
        assert record(other.code) == (0, 0.0)  # and only on the class they were tried on
        assert store.readings(opened.code, opened.secret) == []  # at once, in the same second
        assert record(opened.code)[0] == 0  # the right one starts the record again
        store.clock_.now += 1
    store.set_state(opened.code, opened.secret, closed=True)
    assert store.info(opened.code)["closed"]


def test_a_class_opened_under_the_teachers_own_secret(store):
    mine = "correct horse battery staple"
    opened = store.open_class("C2", 7, secret=mine)
    assert opened.secret == mine and store.readings(opened.code, mine) == []
    with pytest.raises(NotAllowed):
        store.readings(opened.code, "correct horse battery")
    for short in ("", "fifteen chars!!"):
        with pytest.raises(StoreError, match="16 characters or more"):
            store.open_class("C2", secret=short)
    assert len(store.list_classes()) == 1  # a refused secret opens nothing


def test_a_closed_task_keeps_readings_and_takes_no_more(store):
    opened = store.open_class("C4")
    t = store.join(opened.code)
    line = {"type": "LineString", "coordinates": [[126.5, 40.5], [126.0, 41.5], [125.6, 42.2]]}
    store.submit(opened.code, t, line, "North along the valley to Manpo.")
    store.set_state(opened.code, opened.secret, closed=True)
    with pytest.raises(StoreError, match="closed"):
        store.submit(opened.code, t, line, "Too late.")
    with pytest.raises(StoreError, match="closed"):
        store.join(opened.code)
    assert store.my_reading(opened.code, t)["sentence"] == "North along the valley to Manpo."


def polygon(*ring: list) -> dict:
    return {"type": "Polygon", "coordinates": [list(ring)]}


CIRCLE = [[126 + math.cos(a / 500 * 6.283), 41 + math.sin(a / 500 * 6.283)] for a in range(500)] + [[127, 41]]
BAD = {
    "self-intersecting": (polygon([126, 40], [127, 41], [127, 40], [126, 41], [126, 40]), "crosses itself"),
    "empty": ({"type": "Polygon", "coordinates": []}, "empty"),
    "degenerate": (polygon([126, 40], [126.0001, 40], [126, 40.0001], [126, 40]), "too small"),
    "too-many-vertices": (polygon(*CIRCLE), f"more than {MAX_VERTICES}"),
    "off-the-map": (square(140.0, 41.0, 0.5), "off the map"),
    "nan": (polygon([126, 40], [float("nan"), 40], [127, 41], [126, 40]), "not a number"),
    "infinite": (polygon([126, 40], [float("inf"), 40], [127, 41], [126, 40]), "not a number"),
    "wrong-type": ({"type": "Point", "coordinates": [126.5, 40.5]}, "asks for an area"),
    "not-geojson": ("<svg onload=alert(1)>", "Nothing was drawn"),
    "strings": (polygon(["126", "40"], [127, 40], [127, 41], ["126", "40"]), "not a number"),
    "booleans": (polygon([True, 40], [127, 40], [127, 41], [True, 40]), "not a number"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_drawing_is_refused_with_a_message_and_nothing_stored(store, case):
    geometry, message = BAD[case]
    opened = store.open_class("C3")
    t = store.join(opened.code)
    with pytest.raises(ReadingError, match=message):
        store.submit(opened.code, t, geometry, "Here.")
    assert store.info(opened.code)["submitted"] == 0


@pytest.mark.parametrize(
    ("sentence", "nickname", "message"),
    [
        ("", None, "Write your sentence: one sentence on why there"),
        ("x" * (MAX_SENTENCE + 1), None, f"keep it to {MAX_SENTENCE}"),
        ("<script>alert(1)</script>", None, "plain words"),
        ("Fine <img src=x onerror=alert(1)>", None, "plain words"),
        ("javascript:alert(1)", None, "plain words"),
        ("Fine.", "<b>me</b>", "plain words"),
        ("Fine.", "x" * 40, "keep it to 24"),
        (["a", "list"], None, "not text"),
    ],
)
def test_bad_text_is_refused_and_nothing_stored(store, sentence, nickname, message):
    opened = store.open_class("C3")
    t = store.join(opened.code)
    with pytest.raises(ReadingError, match=message):
        store.submit(opened.code, t, AREA, sentence, nickname)
    assert store.my_reading(opened.code, t) is None


def test_submissions_per_minute_are_limited(store):
    opened = store.open_class("C3")
    t = store.join(opened.code)
    for i in range(MAX_PER_MINUTE):
        store.submit(opened.code, t, AREA, f"Try {i}.")
    with pytest.raises(StoreError, match="one minute"):
        store.submit(opened.code, t, AREA, "Once more.")
    assert store.my_reading(opened.code, t)["sentence"] == f"Try {MAX_PER_MINUTE - 1}."
    store.clock_.now += 60
    store.submit(opened.code, t, AREA, "After a minute.")


def test_readings_per_class_are_limited(store, monkeypatch):
    import mapping.classroom.store as store_module

    monkeypatch.setattr(store_module, "MAX_READINGS", 3)
    opened = store.open_class("C3")
    tokens = [store.join(opened.code) for _ in range(4)]
    for t in tokens[:3]:
        store.submit(opened.code, t, AREA, "Mine.")
    with pytest.raises(StoreError, match="already has 3 readings"):
        store.submit(opened.code, tokens[3], AREA, "One too many.")
    store.submit(opened.code, tokens[0], AREA, "A revision is not a new reading.")


def test_a_class_is_kept_for_its_retention_period_then_purged(store):
    short, long = store.open_class("C2", retention_days=1), store.open_class("C2")
    store.clock_.now += 2 * 86400
    assert [c["code"] for c in store.list_classes()] == [long.code]
    with pytest.raises(StoreError, match="no class has that code"):
        store.join(short.code)
    with pytest.raises(StoreError):
        store.open_class("C9")


def test_a_crafted_client_cannot_break_the_store(store):
    """Malformed payloads sent straight to the submission path, as a crafted client would: each is refused
    with a message, never an exception of another kind, and the store still works afterwards."""
    rng = random.Random(1950)
    opened = store.open_class("C3")
    t = store.join(opened.code)
    atoms = [
        None,
        True,
        0,
        -1e308,
        1e308,
        float("nan"),
        "",
        "x" * 10_000,
        [],
        {},
        [[]],
        {"type": "Polygon"},
        126.5,
        40.5,
    ]

    def junk(depth: int = 0):
        if depth > 3 or rng.random() < 0.3:
            return rng.choice(atoms)
        if rng.random() < 0.5:
            return [junk(depth + 1) for _ in range(rng.randint(0, 5))]
        return {rng.choice(["type", "coordinates", "geometries", "__proto__"]): junk(depth + 1) for _ in range(3)}

    for _ in range(300):
        geometry = junk()
        if isinstance(geometry, dict) and rng.random() < 0.5:
            geometry["type"] = rng.choice(["Polygon", "MultiPolygon", "Point", "GeometryCollection"])
        with pytest.raises((ReadingError, StoreError)):
            store.submit(opened.code, rng.choice([t, "", None, 5]), geometry, rng.choice(atoms))
        store.clock_.now += 11  # never the rate limit: each payload is refused on its own fault
    store.submit(opened.code, t, AREA, "Still works.")
    assert store.info(opened.code)["submitted"] == 1
