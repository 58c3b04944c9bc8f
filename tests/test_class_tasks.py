"""Each kind of task drawn as a student draws it: places marked by a finger on a phone (C5), a route drawn
with a mouse (C4); the store gets the right kind of shape, and the teacher's export has it."""

from __future__ import annotations

import os

import pytest

from mapping.classroom.store import Store
from mapping.devtools.localserver import serve
from mapping.paths import ROOT
from tests.classpages import student_page


@pytest.fixture
def class_env(tmp_path):
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(tmp_path / "classdata")}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    server = serve(ROOT / "server.py", ROOT, env)
    yield server, Store(f"sqlite:///{tmp_path / 'classdata' / 'classes.sqlite'}")
    server.stop()


def put(page, area, fx: float, fy: float, touch: bool) -> None:
    box = area.bounding_box()
    at = {"x": fx * box["width"], "y": fy * box["height"]}
    (area.tap if touch else area.click)(position=at)
    page.wait_for_timeout(150)


@pytest.mark.parametrize(
    ("task", "tool", "touch", "points", "kind"),
    [
        ("C5", "marker", True, [(0.45, 0.62), (0.52, 0.55)], "MultiPoint"),
        ("C4", "polyline", False, [(0.45, 0.62), (0.47, 0.5), (0.44, 0.38)], "MultiLineString"),
    ],
    ids=["places-by-touch", "route-by-mouse"],
)
def test_each_kind_of_task_is_drawn_and_stored(browser, class_env, task, tool, touch, points, kind):
    server, store = class_env
    opened = store.open_class(task)
    page = student_page(browser, f"{server.url}/?class={opened.code}", touch)
    button = page.locator(f".leaflet-pm-icon-{tool}")
    button.wait_for(timeout=30_000)
    area = page.locator(".tm-class-map")
    area.evaluate("el => el.scrollIntoView({block: 'center'})")
    if tool == "marker":  # one place at a time: the tool, then the place
        for fx, fy in points:
            (button.tap if touch else button.click)()
            put(page, area, fx, fy, touch)
    else:
        button.click()
        for fx, fy in points:
            put(page, area, fx, fy, touch)
        page.locator(".leaflet-pm-action.action-finish:visible").click()
    page.get_by_label("One sentence: why there?").fill("Where the words point.")
    page.get_by_role("button", name="Submit my reading").click()
    page.get_by_text("Your reading is stored").wait_for(timeout=20_000)
    (reading,) = store.readings(opened.code, opened.secret)
    assert reading["geometry"]["type"] == kind
    assert len(reading["geometry"]["coordinates"]) == (len(points) if tool == "marker" else 1)
    if tool == "polyline":
        assert len(reading["geometry"]["coordinates"][0]) == len(points)
