"""A teacher builds their own lesson in a real browser (#22), presents it on a projector's screen with a clicker's
keys after a click on the map, opens a class from its class-readings step, and takes it away as the offline map,
which shows the same steps, notes and questions from file://.
"""

from __future__ import annotations

import os

from mapping.devtools.localserver import serve
from mapping.paths import ROOT
from tests.conftest import screenshot
from tests.settle import at_rest, changes
from tests.test_accessibility import axe_violations, report
from tests.test_present_layout import MEASURE

# the five steps, as the teacher adds them (label in the editor, step name), and each one's words
STEPS = [
    ("Conclusion 1", "C1"),
    ("Conclusion 2", "C2"),
    ("Class readings: Conclusion 2", "class-C2"),
    ("Conclusion 3", "C3"),
    ("Conclusion 4", "C4"),
]
NOTE = "Note for {}: point at the **mountains** first."
QUESTION = "Question on {}: why would Stalin write 'quietly and in small groups'?"


def add_step(page, label: str) -> None:
    at_rest(page)  # the step before it added and drawn: a rerun arriving mid-typing closed the list
    box = page.get_by_role("combobox", name="Add a step")
    box.click()
    box.fill(label)  # typed, as a keyboard user would: the list narrows to it
    page.get_by_role("option", name=label, exact=True).click()
    page.locator(".st-key-ls-add-button button").click()


def open_card(page, name: str) -> None:
    """Unfold a step's card (each is folded but the one just added), as a teacher clicks its summary."""
    if not page.locator(f".st-key-ls-note-{name} textarea").is_visible():
        page.locator(f".st-key-ls-exp-{name} summary").click()
    page.locator(f".st-key-ls-note-{name} textarea").wait_for(timeout=10_000)


ORDER = (
    "() => [...document.querySelectorAll('[class*=\"st-key-ls-step-\"]')]"
    ".map(e => [...e.classList].find(c => c.startsWith('st-key-ls-step-')).slice(15))"
)


def order(page) -> list[str]:
    """The steps as the editor lists them, by their boxes' keys."""
    return page.evaluate(ORDER)


def fits(page) -> dict:
    at_rest(page)  # the panel and the map settle within a few frames of the rerun
    return page.evaluate(MEASURE)


def shows_step(page, name: str, n: int, lesson_id: str) -> None:
    at = f"lesson={lesson_id}&step={n}"
    page.wait_for_function(f"() => location.search.endsWith('{at}')")
    page.locator(".tm-teacher-note", has_text=NOTE.format(name).replace("**", "")).wait_for(timeout=20_000)
    page.locator(".tm-teacher-questions", has_text=QUESTION.format(name)).wait_for()
    assert page.locator(".tm-teacher-note strong", has_text="mountains").count() == 1  # the Markdown subset
    page.locator(".folium-map").wait_for(timeout=60_000)  # a new screen's map, drawn (fits measures it)
    m = fits(page)  # the projector's bar, as for the map's own steps
    assert m["quote_px"] >= 28 and m["quote_on"], (name, m)
    assert m["map_on"] and m["map_share"] >= 0.45, (name, m)
    assert m["scroll"] <= 8, (name, m)


def test_a_teacher_builds_presents_and_exports_a_lesson(browser, lesson_server, tmp_path, file_page):
    server, log = lesson_server
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    leaked: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:"))
            else leaked.append(r.url))  # fmt: skip
    page.goto(server.url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    page.get_by_role("button", name="Make a lesson").click()
    page.get_by_role("heading", name="Your lesson").wait_for(timeout=30_000)

    # 1. five steps, one of them the class's readings; two reordered (by keyboard, then by mouse); a note and a
    # question on each
    page.locator(".st-key-ls-title input").fill("Our lesson on the telegram")
    page.keyboard.press("Tab")
    for label, name in STEPS:
        add_step(page, label)
        page.locator(f".st-key-ls-step-{name}").wait_for(timeout=20_000)
    assert order(page) == [n for _, n in STEPS]
    page.locator(".st-key-ls-up-C4 button").focus()
    with changes(page, ORDER):  # until the steps' order has changed and the editor is at rest
        page.keyboard.press("Enter")  # C4 up, by keyboard
    page.wait_for_function("() => document.querySelector('[class*=\"st-key-ls-step-\"]:nth-of-type(1)') !== null")
    assert order(page) == ["C1", "C2", "class-C2", "C4", "C3"]
    with changes(page, ORDER):
        page.locator(".st-key-ls-down-C1 button").click()  # C1 down, by mouse
    assert order(page) == ["C2", "C1", "class-C2", "C4", "C3"]
    for _, name in STEPS:
        open_card(page, name)
        page.locator(f".st-key-ls-note-{name} textarea").fill(NOTE.format(name))
        page.locator(f".st-key-ls-q0-{name} input").fill(QUESTION.format(name))
        page.keyboard.press("Tab")  # Streamlit takes a field's value when it loses focus
    for _, name in STEPS:  # each card's title says what it holds once the values are taken
        page.locator(f".st-key-ls-held-{name}", has_text="a note, 1 question").wait_for(timeout=20_000)
    at_rest(page)
    # a bad file from another teacher: refused, its faults named, this lesson untouched
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "telegram-map-lesson", "version": 1, "title": "x", "steps": [{"step": "C9"}, '
                   '{"step": "C4", "note": "<script>alert(1)</script>"}]}', encoding="utf-8")  # fmt: skip
    page.get_by_text("Import a lesson file").click()
    page.locator(".st-key-ls-file input[type=file]").set_input_files(str(bad))
    page.get_by_role("button", name="Open it as a new lesson").click()
    error = page.get_by_text("This file was not opened, and nothing was changed")
    error.wait_for(timeout=20_000)
    alert = page.locator("[data-testid=stAlert]", has_text="This file was not opened").inner_text()
    assert "steps[0].step: 'C9' is not a step of this map" in alert and "steps[1].note: no HTML" in alert
    assert order(page) == ["C2", "C1", "class-C2", "C4", "C3"]
    assert page.locator(".st-key-ls-title input").input_value() == "Our lesson on the telegram"
    page.get_by_text("Import a lesson file").click()  # folded again
    violations = axe_violations(page)  # the editor, as a keyboard and screen-reader user meets it
    assert violations == [], report("the lesson editor", violations)
    page.get_by_role("button", name="Save the lesson").click()
    saved = page.get_by_text("Saved as lesson")
    saved.wait_for(timeout=20_000)
    lesson_id = saved.inner_text().split("lesson ")[1].split(".")[0].strip()
    with page.expect_download() as key_file:
        page.get_by_role("button", name="Save the teacher key").click()
    key = key_file.value.path().read_text(encoding="utf-8").split()[-1]
    assert len(key) >= 24

    # 2. present it: a click on the map, then → and PageDown, as a clicker sends them
    page.get_by_role("button", name="▶ Present the lesson").click()
    final = ["C2", "C1", "class-C2", "C4", "C3"]
    shows_step(page, final[0], 0, lesson_id)
    screenshot(page, "lesson-step-1280x720.png")
    page.locator(".tm-present-quote[data-step='C2']").wait_for()
    box = page.locator(".folium-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.8)  # the map takes focus
    page.keyboard.press("ArrowRight")
    shows_step(page, final[1], 1, lesson_id)
    page.keyboard.press("PageDown")
    shows_step(page, final[2], 2, lesson_id)
    screenshot(page, "lesson-class-step-1280x720.png")
    violations = axe_violations(page)
    assert violations == [], report("a lesson's step", violations)
    # the class draws before the map's reading is shown: none of C2's shapes is drawn at this step
    assert page.locator("path.selected").count() == 0
    assert page.locator("path.clause-C2.tm-feature:visible").count() == 0
    assert page.locator("path.clause-C2.tm-feature").count() > 0
    page.keyboard.press("PageDown")
    shows_step(page, final[3], 3, lesson_id)
    page.locator("path.clause-C4.selected").first.wait_for(state="attached", timeout=20_000)
    page.keyboard.press("ArrowLeft")
    shows_step(page, final[2], 2, lesson_id)

    # the class-readings step opens a class for its task; back from the class's screen, the lesson goes on
    page.get_by_role("button", name="Open a class for this task").click()
    page.get_by_role("button", name="Open the class").click()
    page.locator("h2", has_text="Join:").wait_for(timeout=30_000)
    page.get_by_role("button", name="Back to the map").click()  # the class stays open
    page.get_by_role("button", name="Show the class's readings").wait_for(timeout=30_000)
    page.locator(".folium-map path.tm-feature >> nth=5").wait_for(state="attached", timeout=30_000)  # drawn again

    # a link to a step opens it on another screen (the projector's own browser)
    other = browser.new_page(viewport={"width": 1280, "height": 720})
    other.goto(f"{server.url}/?lesson={lesson_id}&step=4")
    shows_step(other, final[4], 4, lesson_id)
    assert other.get_by_role("button", name="Save the lesson").count() == 0
    other.close()

    # 3. export it, from the editor
    page.get_by_role("button", name="◀ Back to the editor").click()
    with page.expect_download(timeout=120_000) as got:  # one click, built when clicked
        page.get_by_role("button", name="Download the offline map with this lesson (HTML)").click()
    export = tmp_path / "lesson-map.html"
    got.value.save_as(export)
    assert leaked == []
    # nothing secret in the server's words, the page's address or the export
    assert key not in log.read_text(encoding="utf-8") and key not in page.url
    assert key not in export.read_text(encoding="utf-8")
    page.close()

    # 4. the export from file://: the same steps, notes and questions, stepped by the same keys
    file_page.goto(export.as_uri())
    file_page.locator(".leaflet-overlay-pane path").first.wait_for(state="attached", timeout=30_000)
    items = file_page.locator("#tm-lesson .tm-lesson-step")
    assert items.count() == 5
    for i, name in enumerate(final):
        item = items.nth(i)
        assert item.get_attribute("data-step") == name
        assert NOTE.format(name).replace("**", "") in item.locator(".tm-teacher-note").inner_text()
        assert item.locator(".tm-teacher-questions li").inner_text() == QUESTION.format(name)
    file_page.locator(".folium-map").click(position={"x": 200, "y": 600})
    for i in range(3):
        file_page.keyboard.press("PageDown" if i % 2 else "ArrowRight")
    assert items.nth(2).get_attribute("aria-current") == "step"
    assert file_page.locator("#tm-step").inner_text() == "Lesson step 3 of 5"
    screenshot(file_page, "lesson-export.png")
    violations = axe_violations(file_page)
    assert violations == [], report("the export with a lesson", violations)
    file_page.keyboard.press("ArrowRight")
    file_page.locator("path.clause-C4.selected").first.wait_for(state="attached", timeout=10_000)
    assert file_page.leaked == []


def test_every_step_of_the_example_lessons_fits_a_1280x720_projector(browser, tmp_path):
    """Each shipped lesson, saved as a teacher would, opened by its link step by step: the quote in large
    type, the map at 45% of the screen or more, no page scroll; the panel's own overflow is measured."""
    from mapping.classroom.lesson import loads
    from mapping.classroom.store import Store
    from mapping.paths import LESSONS

    data = tmp_path / "classdata"
    data.mkdir()
    store = Store(f"sqlite:///{data / 'classes.sqlite'}")
    saved = [(loads(p.read_bytes()), store.lessons.save(loads(p.read_bytes()))[0]) for p in LESSONS.glob("*.json")]
    store.engine.dispose()
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(data)}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    server = serve(ROOT / "server.py", ROOT, env)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        for lesson, lesson_id in saved:
            for n, step in enumerate(lesson.steps):
                page.goto(f"{server.url}/?lesson={lesson_id}&step={n}")
                page.locator(".tm-teacher").wait_for(timeout=60_000)
                page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached")
                m = fits(page)
                has_quote = page.locator(".tm-present-quote").count() > 0
                assert not has_quote or (m["quote_px"] >= 28 and m["quote_on"]), (lesson.title, step.step, m)
                assert m["map_on"] and m["map_share"] >= 0.45, (lesson.title, step.step, m)
                assert m["scroll"] <= 8, (lesson.title, step.step, m)
                assert step.questions[0] in page.locator(".tm-teacher-questions").inner_text()
                if n == 1:
                    screenshot(page, f"lesson-{lesson_id}-step-1.png")
    finally:
        page.close()
        server.stop()
