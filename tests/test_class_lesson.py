"""A whole lesson in real browsers: the teacher opens a class, students join by its address and draw with a
mouse or a finger, the teacher's screen counts them, the server is killed and restarted and nothing is lost,
the reveal shows the map's bands and each student's measures, and the export holds every reading and no name.

Thirty students, one in five on a phone's touch screen, each in a browser context of their own (the bench
measures thirty submitting at once; here they come one after another, as a test can check each).
"""

from __future__ import annotations

import json
import os
import signal

import pytest

from mapping.devtools.localserver import serve
from mapping.paths import ROOT
from tests.classpages import finish, send, stored, student_page, tap
from tests.settle import at_rest
from tests.test_accessibility import axe_violations, report

ARTIFACTS = ROOT / "test-artifacts"

STUDENTS = [("touch" if n % 5 == 2 else "mouse", n) for n in range(30)]


@pytest.fixture
def class_server(tmp_path):
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(tmp_path / "classdata")}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    log = tmp_path / "server.log"  # every word the servers print: no secret and no token may be among them
    servers = [serve(ROOT / "server.py", ROOT, env, log)]

    def restart():
        old = servers[-1]
        os.kill(old.proc.pid, signal.SIGKILL)  # no clean shutdown: a pulled plug
        old.proc.wait()
        servers.append(serve(ROOT / "server.py", ROOT, env, log, port=old.port))  # where it was: the same origin
        return servers[-1]

    yield servers[0], restart, log
    for s in servers:
        s.stop()


def draw_polygon(page, n: int, touch: bool) -> None:
    """Four corners, clicked (or tapped) on the map (drawing starts at once), then the page's Finish."""
    page.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
    d = 0.005 * n
    for fx, fy in [(0.42 + d, 0.45), (0.62 + d, 0.45), (0.62 + d, 0.6), (0.42 + d, 0.6)]:
        tap(page, fx, fy, touch)
    finish(page, touch)


def teacher_sees(page, n: int) -> None:
    page.get_by_text(f"{n} readings").wait_for(timeout=20_000)


def test_a_lesson_from_opening_to_export(browser, class_server, tmp_path):
    server, restart, log = class_server
    teacher = browser.new_page(viewport={"width": 1280, "height": 720})
    teacher.goto(server.url)
    teacher.get_by_role("button", name="Open a class").click()
    teacher.get_by_role("button", name="Open the class").click()
    code = teacher.locator("h2", has_text="Join:").inner_text(timeout=30_000).split()[-1]
    with teacher.expect_download() as key_file:
        teacher.get_by_role("button", name="Save the teacher key").click()
    key = key_file.value.path().read_text(encoding="utf-8").split()[-1]
    assert key not in teacher.content()  # the secret is in the file, never on the projected screen
    join = teacher.locator(".tm-class-url").inner_text()
    assert code in teacher.get_by_role("img", name="QR code of the join address").get_attribute("alt")
    assert join.endswith(f"/join/{code}") and key not in join

    students = []
    for how, n in STUDENTS:
        touch = how == "touch"
        page = student_page(browser, f"{server.url}/join/{code.lower()}", touch, f"Student{n}", audited=n == 2)
        draw_polygon(page, n, touch)
        if n == 0:  # markup is refused, with a message, and nothing stored
            send(page, f"Reading {n}: the high ground <b>north</b>.")
            page.get_by_text("plain words").wait_for(timeout=15_000)
        send(page, f"Reading {n}: the high ground north of the Yalu.")
        stored(page)
        students.append(page)
    teacher_sees(teacher, len(STUDENTS))
    teacher.get_by_role("heading", name=f"Join: {code}").scroll_into_view_if_needed()
    teacher.screenshot(path=str(ARTIFACTS / "class-teacher-agreement-1280x720.png"))
    for view, page in (("the teacher's screen", teacher), ("a student's phone, drawing", students[2])):
        violations = axe_violations(page)
        assert violations == [], report(view, violations)
    students[2].screenshot(path=str(ARTIFACTS / "class-student-drawing-390x844.png"), full_page=True)

    server = restart()  # killed mid-lesson: the readings are in the store, the sessions are gone
    teacher.reload()  # the teacher's browser kept the class's key: back on its screen, no file given
    teacher_sees(teacher, len(STUDENTS))
    assert teacher.locator("#tm-class-heading").inner_text().split()[-1] == code

    teacher.get_by_role("heading", name=f"Join: {code}").click()  # the focus on the class screen's controls
    teacher.keyboard.press("v")  # the reveal's one key, named on its button
    teacher.locator("#tm-reveal-heading").wait_for(timeout=20_000)
    assert teacher.evaluate("document.activeElement.id") == "tm-reveal-heading"  # the focus on the result
    teacher.get_by_role("heading", name=f"Join: {code}").scroll_into_view_if_needed()
    teacher.screenshot(path=str(ARTIFACTS / "class-teacher-reveal-1280x720.png"))
    teacher.set_viewport_size({"width": 1920, "height": 1080})
    at_rest(teacher)  # the screen laid out and the map refitted at the new size
    teacher.screenshot(path=str(ARTIFACTS / "class-teacher-reveal-1920x1080.png"))
    teacher.set_viewport_size({"width": 1280, "height": 720})
    for page in students:  # each page finds the reveal itself (it asks every few seconds), and announces it
        page.get_by_text("of it lies in the map's core band").wait_for(timeout=30_000)
        page.locator(".tm-s-vh", has_text="revealed").wait_for(timeout=5_000)  # announced
    students[2].screenshot(path=str(ARTIFACTS / "class-student-result-390x844.png"), full_page=True)

    teacher.get_by_text("After class").click()
    with teacher.expect_download(timeout=60_000) as record_file:  # one click each, built when clicked
        teacher.get_by_role("button", name="The class's record (PDF)").click()
    from pypdf import PdfReader

    page_text = PdfReader(record_file.value.path()).pages[0].extract_text()
    assert f"Class {code}" in page_text and f"{len(STUDENTS)} readings" in page_text and "Reading 0:" in page_text
    assert "Student" not in page_text
    with teacher.expect_download(timeout=60_000) as map_file:
        teacher.get_by_role("button", name="The map with the class's agreement (HTML)").click()
    saved = tmp_path / f"class-{code}-map.html"  # as a browser saves it: by name, so file:// reads it as HTML
    map_file.value.save_as(saved)
    offline = browser.new_page()
    offline.goto(saved.as_uri())  # from file://, as a teacher opens it after class
    layer = offline.locator(
        ".leaflet-control-layers-overlays label", has_text=f"Class {code}: {len(STUDENTS)} readings"
    )
    layer.wait_for(state="attached", timeout=30_000)
    with teacher.expect_download() as readings_file:
        teacher.get_by_role("button", name="Readings (GeoJSON)").click()
    data = json.loads(readings_file.value.path().read_text(encoding="utf-8"))
    assert len(data["features"]) == len(STUDENTS)
    text = json.dumps(data)
    assert "Student" not in text and key not in text
    assert all(f["geometry"]["type"] == "MultiPolygon" for f in data["features"])
    tokens = [p.evaluate(f"localStorage.getItem('tm-student-{code}')") for p in students]
    assert all(tokens) and not any(t in p.url for t, p in zip(tokens, students, strict=True))  # never in an address
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in logged and key not in logged and not any(t in logged for t in tokens)
