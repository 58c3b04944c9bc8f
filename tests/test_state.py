"""Query parameters -> view state: defaults for anything unknown or hostile."""

from __future__ import annotations

import pytest

from mapping.state import LAST_STEP, STEPS, View, parse, to_params


def test_defaults():
    assert parse({}) == View("explore", None, 0)


def test_clause_deep_link():
    assert parse({"clause": "C3"}) == View("explore", "C3", 0)
    assert parse({"clause": "c3"}).clause == "C3"


def test_present_deep_link():
    v = parse({"mode": "present", "step": "4"})
    assert v.mode == "present" and v.step == 4 and v.active_clause == STEPS[4] == "C3"


@pytest.mark.parametrize(
    "params",
    [
        {"clause": "<script>alert(1)</script>"},
        {"clause": "C9"},
        {"clause": "H"},  # a real clause, but not a mapped one
        {"mode": "<img src=x onerror=alert(1)>"},
        {"mode": "present", "step": "99"},
        {"mode": "present", "step": "-1"},
        {"mode": "present", "step": "1e3"},
        {"mode": "present", "step": "3; DROP"},
        {"mode": ["present", "<b>"], "step": ["2", "x"]},
    ],
)
def test_hostile_or_out_of_range_values_fall_back(params):
    v = parse(params)
    assert v.mode in ("explore", "present")
    assert v.clause in (None, "C1", "C2", "C3", "C4", "C5", "F2", "S")
    assert 0 <= v.step <= LAST_STEP
    assert "<" not in repr(v)


def test_steps_are_the_mapped_clauses_in_text_order_and_clamped():
    assert STEPS[1:9] == ["F2", "C1", "C2", "C3", "C3P", "C4", "C5", "S"]  # C3's partisans: a step of their own
    assert View("present", None, STEPS.index("C3P")).active_clause == "C3"
    v = View("present", None, LAST_STEP)
    assert v.stepped(+1).step == LAST_STEP and View("present", None, 0).stepped(-1).step == 0


def test_round_trip():
    for v in (View("explore", "C5", 0), View("present", None, 6), View()):
        assert parse(to_params(v)) == v


def test_a_lesson_link_opens_present_mode_on_its_step_and_reopens_itself():
    v = parse({"lesson": "abcdefgh", "step": "3"})
    assert (v.mode, v.lesson, v.step) == ("present", "ABCDEFGH", 3)
    lesson = v.following(("C2", "class-C2", "C3", "end"), "ABCDEFGH", 3)
    assert lesson.active_clause is None and lesson.last == 3
    assert lesson.stepped(1).step == 3 and lesson.stepped(-2).active_clause == "C2"
    assert to_params(lesson.stepped(-1)) == {"lesson": "ABCDEFGH", "step": "2"}
    assert v.following(("C2",), "ABCDEFGH", 9).step == 0  # a step past the lesson's end: its last
    assert v.following(None).steps == tuple(STEPS) and v.following(None).lesson is None


@pytest.mark.parametrize("lesson", ["<script>", "ABC", "ABCDEFGHI", "../../x", "ABCDEFG1", ["ABCDEFGH", "<b>"]])
def test_a_hostile_lesson_id_is_ignored(lesson):
    v = parse({"lesson": lesson, "step": "2"})
    assert v.lesson is None and v.mode == "explore"
