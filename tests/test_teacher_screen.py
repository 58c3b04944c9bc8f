"""A teacher runs a class without a stumble (#29), in real browsers: the class screen opens at its top with the
code and QR code whole at 1280x720, says when phones cannot open its address, survives a reload and a browser
restart (its key kept in the teacher's browser), shows the join code large for the back row and one reading to
the class; a keyboard-only walk finds the focus where the next action is; and a student's many wrong keys never
refuse the teacher.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from mapping.classroom.proxy import streamlit_args
from mapping.devtools.localserver import CHROMIUM, CHROMIUM_ARGS, serve
from mapping.paths import ROOT
from tests.classpages import send, stored, student_page
from tests.conftest import screenshot
from tests.settle import at_rest
from tests.test_accessibility import axe_violations, report
from tests.test_class_lesson import draw_polygon, teacher_sees

LAN = "192.0.2.10"  # TEST-NET-1: only ever a word in the join address here; nothing is sent to it


@pytest.fixture
def env(tmp_path):
    out = {**os.environ, "TELEGRAM_MAP_DATA": str(tmp_path / "classdata")}
    out.pop("TELEGRAM_MAP_DATABASE_URL", None)
    return out


@pytest.fixture
def server(env, tmp_path):
    log = tmp_path / "server.log"
    s = serve(ROOT / "server.py", ROOT, env, log)
    yield s, log
    s.stop()


FOCUSED = """() => { const a = document.activeElement; if (!a || a === document.body) return 'body';
  if (a.id && !a.id.startsWith(':')) return '#' + a.id; const box = a.closest('[class*="st-key-"]');
  const key = box && [...box.classList].find(c => c.startsWith('st-key-'));
  return key ? '.' + key : a.tagName.toLowerCase(); }"""


def focused(page) -> str:
    """What has the focus: its id (not one React made), else its Streamlit key's class, else its tag."""
    return page.evaluate(FOCUSED)


def wait_focus(page, want: str) -> None:
    try:
        page.wait_for_function(f"(want) => ({FOCUSED})() === want", arg=want, polling="raf", timeout=10_000)
    except PlaywrightTimeoutError:
        pass  # the assertion says where the focus is instead
    assert focused(page) == want


def both_sizes(page, name: str) -> None:
    """Screenshots at a projector's 1280x720 and at 1920x1080 (test-artifacts/), then back to 1280x720."""
    screenshot(page, f"{name}-1280x720.png")
    page.set_viewport_size({"width": 1920, "height": 1080})
    at_rest(page)  # the map refits its frame
    screenshot(page, f"{name}-1920x1080.png")
    page.set_viewport_size({"width": 1280, "height": 720})
    at_rest(page)


def in_view(page, selector: str) -> bool:
    return page.evaluate(
        """(s) => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth; }""",
        selector,
    )


def open_class_by_keyboard(page) -> str:
    page.get_by_role("button", name="Open a class").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Open the class").focus()
    page.keyboard.press("Enter")
    page.locator("#tm-class-heading").wait_for(timeout=30_000)
    wait_focus(page, "#tm-class-heading")
    return page.locator("#tm-class-heading").inner_text().split()[-1]


def test_the_class_screen_opens_whole_says_phones_cannot_join_and_survives_a_reload_and_a_restart(
    server, tmp_path, playwright
):
    s, log = server
    profile = tmp_path / "profile"

    def browser():
        return playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 720}
        )

    ctx = browser()
    page = ctx.new_page()
    page.goto(s.url)
    code = open_class_by_keyboard(page)
    for part in ("#tm-class-heading", ".tm-class-qr", ".tm-class-url"):  # opened at its top, whole
        assert in_view(page, part), part
    warning = page.locator(".tm-class-unreachable")  # the server listens on 127.0.0.1 alone
    assert warning.is_visible() and "./dev app --lan" in warning.inner_text()
    assert "tm-class-qr-off" in page.locator(".tm-class-qr").get_attribute("class")
    both_sizes(page, "class-screen")
    violations = axe_violations(page)
    assert violations == [], report("the class screen", violations)

    page.get_by_role("button", name="Show the join code large").click()  # for the back row
    wait_focus(page, "#tm-join-big-heading")
    sizes = page.evaluate(
        """() => ({code: document.querySelector('.tm-join-big-code').getBoundingClientRect().height / innerHeight,
        qr: document.querySelector('.tm-join-big-qr').getBoundingClientRect().height / innerHeight})"""
    )
    assert sizes["code"] >= 0.12 and sizes["qr"] >= 0.40, sizes
    both_sizes(page, "class-join-large")
    violations = axe_violations(page)
    assert violations == [], report("the join code, large", violations)
    page.get_by_role("button", name="Back to the class screen").click()
    wait_focus(page, ".st-key-tm-join-big-open")

    page.reload()  # back on the class screen, with the same code and no file given
    page.locator("#tm-class-heading").wait_for(timeout=30_000)
    assert page.locator("#tm-class-heading").inner_text().split()[-1] == code
    page.get_by_role("button", name="Back to the map").click()
    wait_focus(page, ".st-key-class")
    ctx.close()

    ctx = browser()  # the browser restarted, the same profile: the class is in "Resume a class"
    page = ctx.new_page()
    page.goto(s.url)
    page.get_by_role("button", name="Open a class").click()
    page.get_by_role("button", name=f"Class {code}:").click()
    page.locator("#tm-class-heading").wait_for(timeout=30_000)
    assert page.locator("#tm-class-heading").inner_text().split()[-1] == code
    ctx.close()
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in logged


def test_under_lan_the_join_address_is_the_lan_one_and_no_warning_shows(env, browser, tmp_path):
    s = serve(ROOT / "server.py", ROOT, env, args=streamlit_args(LAN, 8501))  # as ./dev app --lan sets it
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(s.url)
        open_class_by_keyboard(page)
        assert page.locator(".tm-class-url").inner_text().startswith(f"http://{LAN}:8501/join/")
        assert page.locator(".tm-class-unreachable").count() == 0
        assert "tm-class-qr-off" not in page.locator(".tm-class-qr").get_attribute("class")
    finally:
        s.stop()


def test_a_students_wrong_keys_never_refuse_the_teacher_and_the_focus_follows_each_action(browser, server):
    s, log = server
    teacher = browser.new_page(viewport={"width": 1280, "height": 720})
    teacher.goto(s.url)
    code = open_class_by_keyboard(teacher)
    counts = teacher.locator(".tm-class-counts")
    assert counts.get_attribute("role") == "status" and counts.get_attribute("aria-live") == "polite"
    counts.evaluate("el => { el.tmProbe = true; }")  # the same live region must be updated, not replaced
    students = [student_page(browser, f"{s.url}/join/{code}", touch=n == 1) for n in range(3)]
    for n, page in enumerate(students):
        draw_polygon(page, 4 * n, n == 1)
        send(page, f"Reading {n}: the high ground.")
        stored(page)
    teacher_sees(teacher, 3)
    assert counts.evaluate("el => el.tmProbe === true"), "the count's live region was replaced: nothing is announced"
    both_sizes(teacher, "class-map-before-reveal")

    # the student at the back, with the code from the projector, types wrong keys into "Resume a class"
    guesser = browser.new_page(viewport={"width": 1280, "height": 720})
    guesser.goto(s.url)
    guesser.get_by_role("button", name="Open a class").click()
    guesser.get_by_text("Resume a class").click()
    guesser.get_by_label("Class code").fill(code)

    def guess(times: int) -> None:
        for k in range(times):
            guesser.get_by_label("Teacher key").fill(f"guess-{k}")
            guesser.get_by_role("button", name="Resume", exact=True).click()
            guesser.locator("[data-testid=stAlert]").wait_for(timeout=10_000)

    guess(8)
    assert "too many wrong keys from this browser" in guesser.locator("[data-testid=stAlert]").inner_text()

    teacher.evaluate("document.activeElement.blur()")  # V with the focus nowhere: nothing happens (WCAG 2.1.4)
    teacher.keyboard.press("v")
    teacher.wait_for_timeout(1500)  # a time, not a condition: that a key does nothing needs a span it could act in
    assert teacher.locator("#tm-reveal-heading").count() == 0
    teacher.locator("#tm-class-heading").focus()  # the reveal's key, with the focus on the class screen
    teacher.keyboard.press("v")
    wait_focus(teacher, "#tm-reveal-heading")  # the focus on the revealed result
    teacher.locator(".tm-class-how").wait_for()
    both_sizes(teacher, "class-map-after-reveal")
    guess(4)
    teacher.get_by_label("Reading number").fill("2")
    teacher.get_by_role("button", name="Show this reading to the class").click()
    wait_focus(teacher, "#tm-one-heading")
    assert "Reading 1: the high ground." in teacher.locator(".tm-one-sentence").inner_text()
    both_sizes(teacher, "class-one-reading")
    violations = axe_violations(teacher)
    assert violations == [], report("one reading shown to the class", violations)
    teacher.get_by_role("button", name="Back to the whole class").click()
    wait_focus(teacher, ".st-key-tm-one-show")

    close = teacher.locator(".st-key-tm-close button")
    close.focus()
    teacher.keyboard.press("Enter")
    teacher.get_by_role("button", name="Reopen the task").wait_for(timeout=10_000)
    wait_focus(teacher, ".st-key-tm-close")
    teacher.get_by_text("After class").click()
    with teacher.expect_download(timeout=60_000) as got:
        teacher.get_by_role("button", name="Readings (GeoJSON)").click()
    assert got.value.path().read_text(encoding="utf-8").count('"Feature"') == 3
    assert teacher.locator("[data-testid=stAlert]").count() == 0  # not one refusal for the teacher
    guess(4)
    teacher.get_by_text("Delete the class", exact=True).click()
    teacher.get_by_role("button", name="Delete the class and every reading now").focus()
    teacher.keyboard.press("Enter")
    teacher.get_by_role("button", name="Open a class").wait_for(timeout=20_000)
    wait_focus(teacher, ".st-key-class")
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
