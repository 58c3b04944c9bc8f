"""Each kind of task drawn as a student draws it: places marked by a finger on a phone (C5), a route drawn
with a mouse (C4); the store gets the right kind of shape, and the teacher's export has it."""

from __future__ import annotations

import os

import pytest

from mapping.classroom.store import Store
from mapping.devtools.localserver import serve
from mapping.paths import ROOT
from tests.classpages import finish, send, stored, student_page, tap


@pytest.fixture
def class_env(tmp_path):
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(tmp_path / "classdata")}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    server = serve(ROOT / "server.py", ROOT, env)
    yield server, Store(f"sqlite:///{tmp_path / 'classdata' / 'classes.sqlite'}")
    server.stop()


@pytest.mark.parametrize(
    ("task", "touch", "points", "kind"),
    [
        ("C5", True, [(0.45, 0.62), (0.52, 0.55)], "MultiPoint"),
        ("C4", False, [(0.45, 0.62), (0.47, 0.5), (0.44, 0.38)], "MultiLineString"),
    ],
    ids=["places-by-touch", "route-by-mouse"],
)
def test_each_kind_of_task_is_drawn_and_stored(browser, class_env, task, touch, points, kind):
    server, store = class_env
    opened = store.open_class(task)
    page = student_page(browser, f"{server.url}/join/{opened.code}", touch)
    page.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
    for fx, fy in points:  # drawing starts at once: places one by one, or a route's points in order
        tap(page, fx, fy, touch)
    finish(page, touch)
    send(page, "Where the words point.")
    stored(page)
    (reading,) = store.readings(opened.code, opened.secret)
    assert reading["geometry"]["type"] == kind
    assert len(reading["geometry"]["coordinates"]) == (len(points) if kind == "MultiPoint" else 1)
    if kind == "MultiLineString":
        assert len(reading["geometry"]["coordinates"][0]) == len(points)
