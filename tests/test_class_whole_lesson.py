"""One join for a whole lesson, in real browsers (#31): a teacher presents a lesson with two class-readings steps
(C2, then C3); thirty students join once, on the title step, and their pages follow the teacher's steps; they draw
at both steps (one in five by touch on a phone, two by keyboard alone); the server is killed with -9 and
restarted mid-lesson; and at each reveal every reading the students were told was stored is there.
"""

from __future__ import annotations

import json
import os
import signal

import pytest

from mapping.classroom.lesson import Lesson, LessonStep
from mapping.classroom.store import Store
from mapping.devtools.localserver import serve
from mapping.paths import ROOT
from tests.classpages import finish, keyboard_reading, send, stored, student_page, tab_to, tap
from tests.conftest import screenshot

STUDENTS = 30
TOUCH = {n for n in range(STUDENTS) if n % 5 == 2}  # one in five, on a phone
KEYBOARD = {7, 19}  # no pointer at all
STEPS = ("title", "class-C2", "C3", "class-C3", "end")


@pytest.fixture
def lesson_class(tmp_path):
    data = tmp_path / "classdata"
    store = Store(f"sqlite:///{data / 'classes.sqlite'}")
    lesson_id, _ = store.lessons.save(Lesson("Two readings, one code", tuple(LessonStep(s) for s in STEPS)))
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(data)}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    log = tmp_path / "server.log"
    servers = [serve(ROOT / "server.py", ROOT, env, log)]

    def restart():
        old = servers[-1]
        os.kill(old.proc.pid, signal.SIGKILL)  # a pulled plug
        old.proc.wait()
        servers.append(serve(ROOT / "server.py", ROOT, env, log, port=old.port))
        return servers[-1]

    yield servers[0], restart, store, lesson_id, log
    for s in servers:
        s.stop()


def join(browser, url: str, n: int):
    """Student n joins on the lesson's title step: nothing to draw yet, the page says to follow the teacher."""
    waiting = "text=You have joined the class"
    if n not in KEYBOARD:
        return student_page(browser, url, n in TOUCH, f"Student{n}", ready=waiting)
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, extra_http_headers={"X-Real-IP": f"10.8.0.{n}"})
    page = ctx.new_page()
    page.goto(url)
    tab_to(page, "A nickname")
    page.keyboard.type(f"Student{n}")
    tab_to(page, "Join the class")
    page.keyboard.press("Enter")
    page.locator(waiting).wait_for(timeout=60_000)
    return page


def draw(page, n: int, task: str) -> None:
    sentence = f"{task} reading {n}: the high ground."
    if n in KEYBOARD:
        keyboard_reading(page, sentence)
    else:
        touch = n in TOUCH
        page.locator(".tm-s-map.leaflet-container").first.wait_for(timeout=30_000)
        page.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
        d = 0.005 * n
        for fx, fy in [(0.42 + d, 0.45), (0.62 + d, 0.45), (0.62 + d, 0.6), (0.42 + d, 0.6)]:
            tap(page, fx, fy, touch)
        finish(page, touch)
        send(page, sentence)
    stored(page)


def present_step(teacher, name: str) -> None:
    teacher.get_by_role("button", name="Next ▶").click()
    teacher.get_by_text(f"Step {STEPS.index(name) + 1} of {len(STEPS)}").wait_for(timeout=20_000)


def reveal(teacher, code: str, count: int, pages: list) -> None:
    """The teacher's screen counts every reading, reveals the map's, and every page shows its result."""
    teacher.get_by_role("button", name="Show the class's readings").click()
    teacher.get_by_text(f"{count} readings").wait_for(timeout=30_000)
    teacher.get_by_role("heading", name=f"Join: {code}").click()
    teacher.keyboard.press("v")
    teacher.locator("#tm-reveal-heading").wait_for(timeout=20_000)
    for page in pages:
        page.locator("#tm-s-result-h").wait_for(timeout=30_000)
    teacher.get_by_role("button", name="Back to the map").click()


def test_thirty_students_join_once_and_follow_a_lesson_through_two_tasks(browser, lesson_class):
    server, restart, store, lesson_id, log = lesson_class
    teacher = browser.new_page(viewport={"width": 1280, "height": 720})
    teacher.goto(f"{server.url}/?mode=present&lesson={lesson_id}")
    teacher.get_by_role("button", name="Open the lesson's class").click()
    teacher.get_by_role("button", name="Open the class").click()
    code = teacher.locator("h2", has_text="Join:").inner_text(timeout=30_000).split()[-1]
    assert "have nothing to draw" in teacher.locator(".tm-class-waiting").inner_text()
    screenshot(teacher, "lesson-class-opened-1280x720.png")
    teacher.get_by_role("button", name="Back to the map").click()
    teacher.get_by_text("Step 1 of 5").wait_for(timeout=20_000)

    url = f"{server.url}/join/{code}"
    pages = [join(browser, url, n) for n in range(STUDENTS)]  # once, for the whole lesson
    present_step(teacher, "class-C2")  # the pages follow: C2's task appears on each by itself
    teacher.get_by_text(f"Class {code}: {STUDENTS} joined · 0 readings").wait_for(timeout=20_000)
    screenshot(teacher, "lesson-class-step-C2-1280x720.png")
    for n, page in enumerate(pages):
        page.locator("#tm-s-task-h").wait_for(timeout=30_000)
        draw(page, n, "C2")
        if n == STUDENTS // 2 - 1:  # halfway through the first task: the server is killed and restarted
            server = restart()
            teacher.reload()  # the teacher's browser kept the class: present mode, the class still following it
            teacher.get_by_text(f"Class {code}: {STUDENTS} joined · {n + 1} readings").wait_for(timeout=60_000)
    reveal(teacher, code, STUDENTS, pages)

    present_step(teacher, "C3")  # a step of the map's: each page waits, with the step's words
    for page in pages:
        page.get_by_text("Now: ").wait_for(timeout=30_000)
    present_step(teacher, "class-C3")
    for n, page in enumerate(pages):
        page.locator("#tm-s-task-h").wait_for(timeout=30_000)
        draw(page, n, "C3")
    reveal(teacher, code, STUDENTS, pages)

    # the teacher's key: kept in the teacher's browser alone, never in a page a student has or in the log
    opened_key = json.loads(teacher.evaluate("localStorage.getItem('tm-teacher-keys')"))["classes"][code]
    exported = store.export(code, opened_key)
    assert exported["tasks"] == ["C2", "C3"]
    for task in ("C2", "C3"):
        sentences = {f["properties"]["sentence"] for f in exported["features"] if f["properties"]["task"] == task}
        assert sentences == {f"{task} reading {n}: the high ground." for n in range(STUDENTS)}
    assert store.info(code)["joined"] == STUDENTS  # one join each, for the whole lesson
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in logged and opened_key not in logged
    assert not any(opened_key in p.content() for p in pages)
