"""What happened next, as present steps (#32): each step of the story is a day the sources give. It sets the map's
date, draws that day's front boldly over the telegram's zones, frames the places it names, cites its sources, and
says how much of the zones the front had overtaken; a lesson can pick the steps like any other."""

from __future__ import annotations

import pytest

from mapping.classroom.lesson import parse, step_label
from mapping.document.load import load_document
from mapping.document.telegram import TELEGRAM_DATE
from mapping.document.timeline import active_on, overtaken
from mapping.outputs.export import lesson_html
from mapping.paths import ROOT
from mapping.render.state import present_views, story_features
from mapping.state import STEPS, STORY
from tests.settle import at_rest


@pytest.fixture(scope="module")
def doc():
    return load_document(ROOT / "layers")


FRONT_DAYS = ("1950-10-11", "1950-10-19", "1950-10-26", "1950-11-02", "1950-11-04", "1950-11-24")


def test_each_story_step_is_a_cited_day_after_the_telegram(doc):
    views = dict(zip(STEPS, present_views(doc, STEPS), strict=True))
    assert list(STORY) == [s for s in STEPS if s in STORY] and STEPS.index("end") == STEPS.index(list(STORY)[-1]) + 1
    days = list(STORY.values())
    assert days == sorted(days) and days[0] > TELEGRAM_DATE
    dated = {d["date"] for d in doc.timeline}
    for name, day in STORY.items():
        assert day in dated, name  # a day the timeline gives, with its sources
        note = doc.notes[name]
        assert note["heading"] and note["text"] and note["citations"], name
        assert views[name]["date"] == day and views[name]["clause"] is None
    assert all(views[s]["date"] == TELEGRAM_DATE for s in STEPS[: STEPS.index(list(STORY)[0])])


def test_a_story_step_frames_that_days_front_and_the_telegrams_zones(doc):
    for name, day in STORY.items():
        framed = story_features(doc, name)
        ids = {f["properties"]["id"] for f in framed}
        fronts = {i for i in ids if i.startswith("front-")}
        assert fronts, name
        assert all(active_on(f["properties"]["when"], day) for f in framed if f["properties"].get("role") == "front")
        assert any(i.startswith("c3-defence-zone") for i in ids) and any(i.startswith("c2-border") for i in ids)
    assert {"ctx-pyongyang-falls", "ctx-crossing-antung"} <= {f["properties"]["id"] for f in
                                                               story_features(doc, "next-10-19")}  # fmt: skip


def test_the_zones_overtaken_follow_the_front(doc):
    shares = {day: dict(overtaken(doc, day)) for day in STORY.values()}
    assert shares["1950-10-13"] == {"C2": 0.0, "C3": 0.0}  # the front of 11 Oct was south of both
    assert shares["1950-10-26"]["C3"] > 0.5  # by 26 Oct most of the mountains of C3 lay behind the UN front
    assert shares["1950-11-24"]["C2"] > 0 and shares["1950-11-24"]["C3"] > shares["1950-11-02"]["C3"]


def test_a_lesson_picks_story_steps_and_the_export_carries_them(doc):
    lesson = parse({"format": "telegram-map-lesson", "version": 1, "title": "Six weeks",
                    "steps": [{"step": "C3"}, {"step": "next-10-26", "note": "Where is the front now?"}]})  # fmt: skip
    assert step_label(doc, "next-10-26") == f"What happened next: {doc.notes['next-10-26']['heading']}"
    html = lesson_html(doc, lesson)
    assert doc.notes["next-10-26"]["heading"] in html and "Where is the front now?" in html
    assert "Montross" in html  # its sources, cited


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_stepping_through_the_story_on_a_projector(offline_page, app_url, size):
    page = offline_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    first = STEPS.index(list(STORY)[0])
    page.goto(f"{app_url}/?mode=present&step={first}")
    page.locator("path.layer-ctx-front-lines").first.wait_for(state="attached", timeout=60_000)
    for i, (name, day) in enumerate(STORY.items()):
        if i:
            page.keyboard.press("ArrowRight")  # the clicker's key
        page.wait_for_function(f"() => location.search.includes('step={first + i}')", timeout=20_000)
        page.get_by_role("heading", name=page_heading(name)).wait_for(timeout=20_000)
        page.wait_for_function(f"() => document.querySelector('#tm-date').value === '{day}'", timeout=10_000)
        at_rest(page)
        seen = page.evaluate(SEEN)
        front_day = max(d for d in FRONT_DAYS if d <= day)
        assert seen["fronts"] and all(i.split("-", 1)[1].startswith(front_day) for i, _ in seen["fronts"]), (name, seen)
        assert min(w for _, w in seen["fronts"]) >= 3, (name, seen)  # bold: a projector carries it
        assert seen["scroll"] <= 8, (name, seen)  # the page does not scroll
        assert "Behind the UN front that day" in page.locator(".tm-present-held").inner_text()
        for ev in story_event_ids(name):  # the places the step names: on the map, under no control
            box = seen["events"].get(ev)
            assert box and box["in_map"], (name, ev, seen["events"])
            assert not box["covered"], (name, ev, box)
    assert page.leaked == []


def page_heading(name: str) -> str:
    return load_document(ROOT / "layers").notes[name]["heading"]


def story_event_ids(name: str) -> list[str]:
    doc = load_document(ROOT / "layers")
    return [f["properties"]["id"] for f in story_features(doc, name) if f["properties"].get("role") == "event"]


SEEN = """() => {
  const shown = e => e.style.display !== 'none' && e.getBoundingClientRect().width > 0;
  const m = document.querySelector('.folium-map').getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')].map(c => c.getBoundingClientRect())
    .filter(r => r.width > 0);
  const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const fronts = [...document.querySelectorAll('path.layer-ctx-front-lines')].filter(shown)
    .map(e => [e.getAttribute('data-tm-id') || '', parseFloat(getComputedStyle(e).strokeWidth)]);
  const events = {};
  document.querySelectorAll('path.layer-ctx-events').forEach(e => {
    if (!shown(e)) return;
    const r = e.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    events[e.getAttribute('data-tm-id')] = {in_map: x > m.left && x < m.right && y > m.top && y < m.bottom,
      covered: controls.some(c => meets(c, r))};
  });
  const main = document.querySelector('[data-testid=stMain]');
  return {fronts, events, scroll: main.scrollHeight - main.clientHeight};
}"""
