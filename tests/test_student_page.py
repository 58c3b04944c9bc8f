"""The student's light page in a real browser (#31): each state (join, drawing, sent, result) passes axe-core with
every control at least 44x44 px, on a 390x844 phone by touch; the reveal is announced; a student with no pointer
gives a reading by keyboard alone ("Choose places instead"); the token is never in an address."""

from __future__ import annotations

import os

import pytest

from mapping.classroom.store import Store
from mapping.devtools.localserver import serve
from mapping.paths import ROOT
from tests.classpages import finish, send, stored, student_page, tap
from tests.conftest import screenshot
from tests.test_accessibility import axe_violations, report

SMALL = """() => [...document.querySelectorAll('button, input, select, textarea, summary, a[href]')]
  .filter(e => e.offsetParent !== null && e.type !== 'hidden')
  .map(e => { const r = e.getBoundingClientRect();
    return [e.textContent.trim() || e.id || e.type, r.width, r.height]; })
  .filter(([, w, h]) => w < 44 || h < 44)"""


@pytest.fixture
def class_server(tmp_path):
    data = tmp_path / "classdata"
    store = Store(f"sqlite:///{data / 'classes.sqlite'}")
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(data)}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    server = serve(ROOT / "server.py", ROOT, env)
    yield server, store
    server.stop()


def checked(page, state: str) -> None:
    violations = axe_violations(page)
    assert violations == [], report(f"the student's page, {state}", violations)
    assert page.evaluate(SMALL) == [], state
    screenshot(page, f"student-{state}-390x844.png")


def test_each_state_of_the_page_on_a_phone(browser, class_server):
    server, store = class_server
    opened = store.open_class("C3")
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, bypass_csp=True,
                              extra_http_headers={"X-Real-IP": "10.5.0.1"})  # fmt: skip
    page = ctx.new_page()
    page.goto(f"{server.url}/join/{opened.code}")
    page.get_by_role("button", name="Join the class").wait_for(timeout=60_000)
    checked(page, "join")
    page.get_by_role("button", name="Join the class").tap()
    page.locator(".tm-s-map.leaflet-container").wait_for(timeout=60_000)
    page.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
    for fx, fy in [(0.35, 0.4), (0.6, 0.4), (0.62, 0.62)]:
        tap(page, fx, fy, True)
    assert "3 corners" in page.locator("#tm-s-guide").inner_text()  # the tool says what to do next
    checked(page, "drawing")
    tap(page, 0.38, 0.62, True)
    finish(page, True)
    send(page, "The high ground north of the railway.")
    stored(page)
    checked(page, "sent")
    token = page.evaluate(f"localStorage.getItem('tm-student-{opened.code}')")
    assert token and token not in page.url
    store.set_state(opened.code, opened.secret, revealed=True)
    page.locator("#tm-s-result-h").wait_for(timeout=30_000)  # the page finds the reveal itself
    page.locator(".tm-s-vh", has_text="revealed").wait_for(timeout=5_000)  # and says so to a screen reader
    assert "of it lies in the map's core band" in page.locator(".tm-s-sentences").inner_text()
    checked(page, "result")
    ctx.close()


def test_a_reading_by_keyboard_alone(browser, class_server):
    server, store = class_server
    opened = store.open_class("C5")
    page = student_page(browser, f"{server.url}/join/{opened.code}", touch=False)
    page.get_by_text("Choose places instead").focus()
    page.keyboard.press("Enter")
    for name in ("P'yŏngyang", "Chinnamp'o"):
        box = page.get_by_role("checkbox", name=name)
        box.focus()
        page.keyboard.press("Space")
    page.locator(".tm-s-vh", has_text="Chinnamp'o").wait_for(timeout=5_000)  # each choice announced
    page.get_by_label("One sentence: why there?").focus()
    page.keyboard.type("The capital and its port, south of the mountains.")
    page.get_by_role("button", name="Send my reading").focus()
    page.keyboard.press("Enter")
    stored(page)
    (reading,) = store.readings(opened.code, opened.secret)
    assert reading["geometry"]["type"] == "MultiPoint" and len(reading["geometry"]["coordinates"]) == 2


def test_between_tasks_the_page_waits_with_the_steps_words_then_follows(browser, class_server):
    server, store = class_server
    opened = store.open_class("C2")
    store.set_step(opened.code, opened.secret, "C3")  # the lesson is on a step of the map's: nothing to draw
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, bypass_csp=True,
                              extra_http_headers={"X-Real-IP": "10.5.0.2"})  # fmt: skip
    page = ctx.new_page()
    page.goto(f"{server.url}/join/{opened.code}")
    page.get_by_role("button", name="Join the class").tap()
    page.get_by_text("You have joined the class").wait_for(timeout=30_000)
    assert page.locator(".tm-s-step").inner_text().startswith("3. Consider it advisable")  # C3's own words
    checked(page, "waiting")
    store.set_step(opened.code, opened.secret, "class-C3")  # the teacher reaches the drawing step
    page.locator(".tm-s-map.leaflet-container").wait_for(timeout=30_000)  # the page follows by itself
    page.locator(".tm-s-vh", has_text="A new task").wait_for(timeout=5_000)  # and says so
    assert "mountains" in page.locator(".tm-s-prompt").inner_text()
    ctx.close()
