"""Issue 31, the student's input at the store: crafted drawings, codes and tokens refused with a student's message
and never another exception; rings stored closed and oriented (RFC 7946); invisible and bidirectional characters
stripped while Korean and Chinese pass unharmed; joins limited per class and per browser; no error details shown.

Each store test runs on SQLite and on a real PostgreSQL (the `store` fixture).
"""

from __future__ import annotations

import json
import re
import sys
import time
import tomllib
import unicodedata

import pytest
from shapely.geometry import shape
from sqlalchemy import update

from mapping.classroom import limits, readings
from mapping.classroom import store as store_module
from mapping.classroom.limits import RateLimit, TooMany
from mapping.classroom.readings import ReadingError, check_text
from mapping.classroom.store import NotAllowed, StoreError
from mapping.classroom.tasks import MAX_JOINS, MAX_READINGS, MAX_SENTENCE, TASKS
from tests.conftest import ROOT

A, B, C, D = [126.2, 40.6], [127.4, 40.6], [127.4, 41.5], [126.2, 41.5]  # around Kanggye, counter-clockwise
AREA = {"type": "Polygon", "coordinates": [[A, B, C, D, A]]}
LINE = {"type": "LineString", "coordinates": [[126.5, 40.5], [126.0, 41.5]]}
STUDENT_MESSAGE = re.compile(r"[A-Z][^<>{}\\/\n]{10,150}[.]")  # one plain sentence or two: no path, no markup


def poly(*ring: list) -> dict:
    return {"type": "Polygon", "coordinates": [list(ring)]}


def nested(depth: int) -> list:
    x: list = [126.5, 40.5]
    for _ in range(depth):
        x = [x]
    return x


HUGE = json.loads("[" + "9" * 400 + ", 40.5]")  # JSON reads a 400-digit coordinate as an int no float holds
CRAFTED = {
    "400-digit": ("C3", poly(A, HUGE, C, A), "not a number"),
    "400-digit-negative": ("C3", poly(A, [126.5, -(10**400)], C, A), "not a number"),
    "json-1e400": (
        "C3",
        json.loads('{"type": "Polygon", "coordinates": [[[126.2, 40.6], [1e400, 41], [127, 41.5], [126.2, 40.6]]]}'),
        "not a number",
    ),
    "json-NaN": ("C4", json.loads('{"type": "LineString", "coordinates": [[126, 40], [NaN, 41]]}'), "not a number"),
    "json-Infinity": ("C5", json.loads('{"type": "Point", "coordinates": [-Infinity, 41]}'), "not a number"),
    "string-numbers": ("C4", {"type": "LineString", "coordinates": [["126", "40"], ["127", "41"]]}, "not a number"),
    "booleans": ("C5", {"type": "Point", "coordinates": [True, False]}, "not a number"),
    "none-coordinate": ("C5", {"type": "Point", "coordinates": [None, 41]}, "not a number"),
    "one-point-line": ("C4", {"type": "LineString", "coordinates": [[126.5, 40.5]]}, "at least two points"),
    "line-one-place": ("C4", {"type": "LineString", "coordinates": [[126.5, 40.5]] * 5}, "at least two points"),
    "two-point-polygon": ("C3", poly(A, B, A), "at least three corners"),
    "two-point-unclosed": ("C3", poly(A, B), "at least three corners"),
    "one-point-polygon": ("C2", poly(A), "at least three corners"),
    "self-intersecting": ("C3", poly(A, C, B, D, A), "crosses itself"),
    "parts-overlap": ("C3", {"type": "MultiPolygon", "coordinates": [[[A, B, C, A]], [[A, B, D, A]]]}, "overlap"),
    "hole-outside": (
        "C3",
        {"type": "Polygon", "coordinates": [[A, B, C, D, A], [[128, 42], [128.5, 42], [128.5, 42.5], [128, 42]]]},
        "not a clean outline",
    ),
    "too-many-parts": ("C3", {"type": "MultiPolygon", "coordinates": [[[A, B, C, A]]] * 4}, "at most 3 shapes"),
    "a-million-positions": ("C4", {"type": "LineString", "coordinates": [[126.5, 40.5]] * 10**6}, "more than 400"),
    "a-million-points": ("C5", {"type": "MultiPoint", "coordinates": [[126.5, 40.5]] * 10**6}, "at most 12"),
    "same-place-twice": ("C5", {"type": "MultiPoint", "coordinates": [[126.5, 40.5], [126.5, 40.5]]}, "twice"),
    "deep-nesting": ("C3", {"type": "Polygon", "coordinates": nested(100_000)}, "longitude and a latitude"),
    "deep-nesting-point": ("C5", {"type": "Point", "coordinates": nested(100_000)}, "longitude and a latitude"),
    "altitude": ("C5", {"type": "Point", "coordinates": [126.5, 40.5, 300]}, "longitude and a latitude"),
    "position-as-object": ("C5", {"type": "Point", "coordinates": {"lon": 126.5, "lat": 40.5}}, "longitude"),
    "coordinates-missing": ("C3", {"type": "Polygon"}, "empty"),
    "coordinates-a-string": ("C3", {"type": "Polygon", "coordinates": "[[[126, 40]]]"}, "empty"),
    "coordinates-a-number": ("C4", {"type": "LineString", "coordinates": 5}, "empty"),
    "rings-not-lists": ("C3", {"type": "Polygon", "coordinates": [5, 6]}, "empty"),
    "ring-of-junk": ("C3", {"type": "Polygon", "coordinates": [[None, {}, [], "x"]]}, "longitude and a latitude"),
    "another-kind": ("C3", {"type": "LineString", "coordinates": [A, B]}, "asks for an area"),
    "collection": ("C3", {"type": "GeometryCollection", "geometries": [AREA]}, "asks for an area"),
    "feature": ("C3", {"type": "Feature", "geometry": AREA, "properties": {}}, "asks for an area"),
    "type-lower-case": ("C4", {"type": "linestring", "coordinates": [A, B]}, "asks for a line"),
    "type-a-number": ("C3", {"type": 5, "coordinates": [[A, B, C, A]]}, "Nothing was drawn"),
    "a-list": ("C3", [AREA], "Nothing was drawn"),
    "a-string": ("C3", json.dumps(AREA), "Nothing was drawn"),
    "none": ("C3", None, "Nothing was drawn"),
    "a-number": ("C3", 10**400, "Nothing was drawn"),
    "off-the-map": ("C5", {"type": "Point", "coordinates": [-126.5, 40.5]}, "off the map"),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_drawing_is_refused_with_a_students_message(store, case):
    task, geometry, message = CRAFTED[case]
    opened = store.open_class(task)
    token = store.join(opened.code)
    started = time.perf_counter()
    with pytest.raises(ReadingError, match=message) as caught:
        store.submit(opened.code, token, geometry, "Here, because of the words.")
    assert time.perf_counter() - started < 2.0  # a million positions or 100,000 levels are not read through
    assert STUDENT_MESSAGE.fullmatch(str(caught.value)), str(caught.value)
    assert store.info(opened.code)["submitted"] == 0 and store.my_reading(opened.code, token) is None


def test_crafted_codes_tokens_and_secrets_are_refused_as_such(store):
    opened = store.open_class("C3")
    token = store.join(opened.code)
    store.submit(opened.code, token, AREA, "Mine.")
    for code in (None, 5, 10**400, True, [opened.code], "\ud800" * 6, "x" * 10**6, f"{opened.code}\x00", "ABCDE0"):
        for call in (lambda c: store.join(c), lambda c: store.submit(c, token, AREA, "Mine."), store.info):
            with pytest.raises(StoreError, match="no class has that code"):
                call(code)
    for bad in (None, 5, 10**400, "\ud800", "x" * 10**5, [], {"token": token}, token + "\x00"):
        with pytest.raises(NotAllowed, match="has not joined the class"):
            store.submit(opened.code, bad, AREA, "Not mine.")
        assert store.my_reading(opened.code, bad) is None
        with pytest.raises(NotAllowed, match="teacher secret"):
            store.readings(opened.code, bad)
    assert store.readings(opened.code, opened.secret)[0]["sentence"] == "Mine."  # the right ones still pass
    assert store.my_reading(f"  {opened.code.lower()} ", token)["sentence"] == "Mine."


def rings_per_rfc7946(geometry: dict) -> None:
    """Valid as `json.loads` and shapely read it, every ring closed with four positions or more, the exterior
    counter-clockwise and holes clockwise."""
    geometry = json.loads(json.dumps(geometry))
    assert shape(geometry).is_valid
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            assert ring[0] == ring[-1] and len(ring) >= 4
        g = shape({"type": "Polygon", "coordinates": polygon})
        assert g.exterior.is_ccw and not any(hole.is_ccw for hole in g.interiors)


def test_a_ring_sent_unclosed_is_stored_closed_and_exported_valid(store):
    opened = store.open_class("C3")
    tokens = []
    for _ in range(3):
        tokens.append(store.join(opened.code))
        store.clock_.now += 1  # the export's order: the order they joined
    hole = [[126.6, 40.9], [126.9, 40.9], [126.9, 41.2], [126.6, 41.2]]  # counter-clockwise: wrong for a hole
    sent = [
        {"type": "Polygon", "coordinates": [[A, D, C, B], hole]},  # unclosed, exterior clockwise
        {"type": "MultiPolygon", "coordinates": [[[A, B, B, C]], [[[128, 41], [128.5, 41], [128.5, 41.5]]]]},
        poly(A, A, B, C, C, D, A, A),  # corners repeated one after another: dropped
    ]
    for token, geometry in zip(tokens, sent, strict=True):
        store.submit(opened.code, token, geometry, "The high ground.")
    exported = json.loads(json.dumps(store.export(opened.code, opened.secret)))
    for feature in exported["features"]:
        rings_per_rfc7946(feature["geometry"])
    first, second, third = (f["geometry"]["coordinates"] for f in exported["features"])
    assert first == [[[A, B, C, D, A], [hole[0], hole[3], hole[2], hole[1], hole[0]]]]
    assert second[0] == [[A, B, C, A]] and len(second[1][0]) == 4
    assert third == [[[A, B, C, D, A]]]
    assert store.my_reading(opened.code, tokens[0])["geometry"]["coordinates"] == first


def test_a_ring_stored_unclosed_before_is_exported_closed(store):
    """A reading stored before rings were closed on the way in (the old check kept them as sent)."""
    opened = store.open_class("C2")
    token = store.join(opened.code)
    store.submit(opened.code, token, AREA, "Stored before.")
    old = {"type": "MultiPolygon", "coordinates": [[[A, D, C, B]]]}  # unclosed and clockwise, as once kept
    with store.engine.begin() as db:
        db.execute(update(store_module.readings).values(geometry=json.dumps(old)))
    (feature,) = store.export(opened.code, opened.secret)["features"]
    rings_per_rfc7946(feature["geometry"])
    assert feature["geometry"]["coordinates"] == [[[A, B, C, D, A]]]


def test_lines_and_points_are_stored_in_the_multi_form_as_floats(store):
    opened, other = store.open_class("C4"), store.open_class("C5")
    route = {"type": "LineString", "coordinates": [[126, 40], [127, 41]]}  # ints, as JSON has them
    store.submit(opened.code, store.join(opened.code), route, "A route.")
    store.submit(other.code, store.join(other.code), {"type": "Point", "coordinates": (126, 41)}, "A place.")
    (line,) = store.readings(opened.code, opened.secret)
    (point,) = store.readings(other.code, other.secret)
    assert line["geometry"] == {"type": "MultiLineString", "coordinates": [[[126.0, 40.0], [127.0, 41.0]]]}
    assert point["geometry"] == {"type": "MultiPoint", "coordinates": [[126.0, 41.0]]}


# -- the text -----------------------------------------------------------------------------------------------
FORMAT_CHARS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
SPANS = [(0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x2069)]  # the issue's, inclusive
NAMED = [chr(c) for lo, hi in SPANS for c in range(lo, hi + 1)] + ["\ufeff", "\u061c", "\u00ad"]


def test_every_format_character_is_stripped_between_latin_letters():
    assert set(NAMED) <= set(FORMAT_CHARS) and len(FORMAT_CHARS) > 150
    for ch in FORMAT_CHARS:
        assert check_text(f"Kanggye{ch} is high{ch}.", "sentence", MAX_SENTENCE, True) == "Kanggye is high."
    for ch in ("\ud800", "\udfff"):  # lone surrogates: no database could store them
        assert check_text(f"Kang{ch}gye.", "sentence", MAX_SENTENCE, True) == "Kanggye."


KOREAN = [
    "강계 북쪽의 높은 산악 지대가 마지막 방어선이다.",
    "장진호 주변의 산맥, 적유령 산맥과 낭림 산맥.",
    "\uf900 \uf901 \uf902: 兵力을 北으로 移動한다.",  # hanja as CJK compatibility ideographs: as typed
    "\u1100\u1161\u11a8 옛한글 조합형",  # conjoining jamo: no normalisation joins them
]
CHINESE = ["江界以北的山区是最后的防线。", "鸭绿江沿岸，\u3000长白山脉一带。", "撤退路線經過滿浦鎮。"]  # with U+3000


@pytest.mark.parametrize("text", KOREAN + CHINESE + ["«Ici», dit-il : la montagne.", "Ünter: Höhe 1\u00a0200 m."])
def test_korean_chinese_and_other_scripts_pass_unharmed(store, text):
    opened = store.open_class("C3")
    token = store.join(opened.code)
    store.submit(opened.code, token, AREA, text, "민수 李")
    assert store.my_reading(opened.code, token)["sentence"] == text
    assert store.readings(opened.code, opened.secret)[0]["sentence"] == text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: the non-joiner between letters
        ("क्\u200dष", "क्\u200dष"),  # Devanagari: the joiner after a virama (a mark)
        ("👨\u200d👩\u200d👧 family", "👨\u200d👩\u200d👧 family"),  # an emoji sequence
        ("❤\ufe0f\u200d🔥 here", "❤\ufe0f\u200d🔥 here"),  # after a variation selector (a mark)
        ("a\u200db\u200cc", "abc"),  # between ASCII letters it shapes nothing
        ("\u200d강계\u200c", "강계"),  # at either end of the text
        ("강\u200d계", "강\u200d계"),  # harmless between Hangul: no reordering, and nickname-only is never shown
    ],
)
def test_joiners_stay_only_where_they_shape_the_text(text, kept):
    assert check_text(text, "sentence", MAX_SENTENCE, True) == kept


def test_bidirectional_overrides_and_zero_width_characters_never_reach_the_store(store):
    opened = store.open_class("C3")
    token = store.join(opened.code)
    spoof = "Mountains \u202eniatnuom\u202c near\u200b Kanggye\u2066\u2069\ufeff\u2060.\u200e\u200f\u061c"
    store.submit(opened.code, token, AREA, spoof, "\u202eym\u200b name\u2067")
    assert store.my_reading(opened.code, token)["sentence"] == "Mountains niatnuom near Kanggye."
    store.clock_.now += 61
    store.submit(opened.code, token, AREA, "Fine.", "\u200b\u202e\ufeff")  # a nickname only of them: none
    store.clock_.now += 61
    with pytest.raises(ReadingError, match="Write your sentence"):
        store.submit(opened.code, token, AREA, "\u200b\u2060\u202e \ufeff", None)
    for hidden in ("<\u200bscript>alert(1)</script>", "&\u200d#x202e;", "Fine\x00.", "Fine\x9b1m.", "\x7f"):
        with pytest.raises(ReadingError, match="plain words"):
            store.submit(opened.code, token, AREA, hidden)
    assert store.my_reading(opened.code, token)["sentence"] == "Fine."
    text = json.dumps(store.export(opened.code, opened.secret), ensure_ascii=False)
    assert not any(unicodedata.category(ch) == "Cf" for ch in text)


def test_spaces_collapse_and_long_text_is_refused_before_it_is_read():
    assert check_text(" One\n\n\tsentence  on\u2028why. ", "sentence", MAX_SENTENCE, True) == "One sentence on why."
    assert check_text("山地。\u3000防线。", "sentence", MAX_SENTENCE, True) == "山地。\u3000防线。"
    started = time.perf_counter()
    for huge in ("x" * 10**7, "\u200b" * 10**7):
        with pytest.raises(ReadingError, match=f"characters long: keep it to {MAX_SENTENCE}"):
            check_text(huge, "sentence", MAX_SENTENCE, True)
    assert time.perf_counter() - started < 1.0
    with pytest.raises(ReadingError, match="not text"):
        check_text(10**400, "nickname", 24, False)
    assert check_text("\u200b" * 20, "nickname", 24, False) is None


# -- joins --------------------------------------------------------------------------------------------------
@pytest.fixture
def joins(store, monkeypatch):
    """The app's join limit, on the test's clock."""
    fresh = RateLimit(limits.JOINS.n, limits.JOINS.per, limits.JOINS.what, clock=store.clock_)
    monkeypatch.setattr(limits, "JOINS", fresh)
    return fresh


def test_one_client_joining_300_times_is_refused_past_the_limit_and_a_real_student_still_joins(store, joins):
    """The issue's script: one browser joins and submits again and again, to be a whole class."""
    assert (limits.JOINS.n, limits.JOINS.per) == (5, 600.0) and MAX_JOINS == 3 * MAX_READINGS
    opened = store.open_class("C3")
    joined, refused = 0, []
    for i in range(300):
        try:
            token = store.join(opened.code, "script|10.0.0.66")
        except StoreError as exc:
            refused.append(str(exc))
            continue
        joined += 1
        store.submit(opened.code, token, {**AREA}, f"Forged reading {i}.")
    assert joined == 5 and len(refused) == 295
    assert set(refused) == {"too many joins from this browser (5 in 10 min): wait 10 min"}
    student = store.join(opened.code, "a real student|10.0.0.23")
    store.submit(opened.code, student, AREA, "The mountains north of Kanggye.", "Ann")
    info = store.info(opened.code)
    assert (info["joined"], info["submitted"]) == (6, 6)
    store.clock_.now += 600
    store.join(opened.code, "script|10.0.0.66")  # ten minutes on, the same browser may join once more


def test_a_join_refused_or_to_a_wrong_code_does_not_count(store, joins):
    opened, closed = store.open_class("C5"), store.open_class("C5")
    store.set_state(closed.code, closed.secret, closed=True)
    for _ in range(20):
        with pytest.raises(StoreError, match="no class has that code"):
            store.join("ZZZZZZ", "typo")  # a student mistyping the code
        with pytest.raises(StoreError, match="closed"):
            store.join(closed.code, "typo")
    for _ in range(limits.JOINS.n):
        store.join(opened.code, "typo")
    with pytest.raises(TooMany):
        store.join(opened.code, "typo")
    store.join(opened.code)  # no client named (the command line, a test): no per-client limit


def test_joins_per_class_are_limited(store, joins, monkeypatch):
    monkeypatch.setattr(store_module, "MAX_JOINS", 7)
    opened, other = store.open_class("C3"), store.open_class("C3")
    tokens = [store.join(opened.code, f"student {i}") for i in range(7)]
    with pytest.raises(StoreError, match="^this class is full: 7 have joined it, the most one class takes$"):
        store.join(opened.code, "student 8")
    store.join(other.code, "student 8")  # another class is not full, and the refusal cost student 8 nothing
    store.submit(opened.code, tokens[0], AREA, "Joined in time.")
    assert store.info(opened.code)["joined"] == 7


# -- errors in the app --------------------------------------------------------------------------------------
def test_the_app_shows_no_error_details_or_outside_links():
    from streamlit.config import ShowErrorDetailsConfigOptions

    client = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["client"]
    assert client["showErrorDetails"] == ShowErrorDetailsConfigOptions.NONE.value == "none"
    assert client["showErrorLinks"] == "false"


def test_every_task_refuses_every_crafted_drawing_with_a_reading_error():
    """check() alone, every task against every crafted drawing: a ReadingError or a reading, never else."""
    for task in TASKS.values():
        for _task, geometry, _message in CRAFTED.values():
            try:
                readings.check(task, geometry, "Why.")
            except ReadingError as exc:
                assert STUDENT_MESSAGE.fullmatch(str(exc)), str(exc)
