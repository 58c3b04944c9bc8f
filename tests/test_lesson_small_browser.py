"""The smallest and half-finished lessons, made in the editor as a new teacher makes them (#29), by keyboard: one
step with no note and no question, notes without questions, and all fifteen steps. Each is saved, presented,
exported and printed; the focus lands where the next action is; the server logs no traceback.
"""

from __future__ import annotations

from mapping.classroom.lesson import ALL_STEPS
from tests.settle import at_rest
from tests.test_lesson_browser import order
from tests.test_teacher_screen import wait_focus


def add(page, name: str, typed: str | None = None) -> None:
    """Add a step by keyboard: "Add a step" (its first option, chosen already, or the one `typed` narrows it to),
    then "Add the step" with Enter. The new step opens, with the focus on its first field."""
    if typed:
        page.get_by_role("combobox", name="Add a step").focus()
        page.keyboard.type(typed)
        page.keyboard.press("Enter")
    page.locator(".st-key-ls-add-button button").focus()
    page.keyboard.press("Enter")
    page.locator(f".st-key-ls-step-{name}").wait_for(timeout=20_000)
    wait_focus(page, f".st-key-ls-min-{name}")


def afresh(page, url: str) -> None:
    """A new teacher's first lesson: a new session's editor starts empty."""
    page.goto(url)
    page.get_by_role("button", name="Make a lesson").click()
    page.get_by_role("heading", name="Your lesson").wait_for(timeout=30_000)
    page.get_by_text("Add a first step").wait_for(timeout=20_000)  # a new lesson: told what to do, not an error
    assert page.locator("[data-testid=stAlertContentError]").count() == 0


def save_present_take_away(page, steps: int, tmp_path, tag: str) -> None:
    page.get_by_role("button", name="Save the lesson").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Saved as lesson").wait_for(timeout=20_000)
    link = page.locator("[data-testid=stCode]").inner_text()
    assert link.startswith("http://") and "/?lesson=" in link and link.endswith("&step=0")
    for label, name in (
        ("Download the lesson file (lesson.json)", "lesson.json"),
        ("Download the offline map with this lesson (HTML)", "lesson-map.html"),
        ("Download the worksheet (PDF)", "lesson-worksheet.pdf"),
    ):
        with page.expect_download(timeout=120_000) as got:  # one click each
            page.get_by_role("button", name=label).click()
        out = tmp_path / f"{tag}-{name}"
        got.value.save_as(out)
        assert out.stat().st_size > 100, name
    present = page.get_by_role("button", name="▶ Present the lesson")
    present.focus()
    page.keyboard.press("Enter")
    page.get_by_text(f"Step 1 of {steps}").wait_for(timeout=30_000)
    wait_focus(page, ".st-key-next" if steps > 1 else ".st-key-mode")  # Next, or (one step) back to the editor
    assert page.locator(".tm-teacher").count() == 0 or page.locator(".tm-teacher").inner_text().strip()


def test_the_smallest_lessons_save_present_export_and_print(browser, lesson_server, tmp_path):
    server, log = lesson_server
    page = browser.new_page(viewport={"width": 1280, "height": 720})

    afresh(page, server.url)  # 1. one step, no note, no question
    add(page, "title")
    assert page.get_by_text("1 step · 5 minutes · 0 questions").count() == 1
    assert page.locator("[data-testid=stException]").count() == 0
    save_present_take_away(page, 1, tmp_path, "one")

    afresh(page, server.url)  # 2. notes without questions
    add(page, "end", "End: what")
    page.locator(".st-key-ls-note-end textarea").fill("Ask the class:\n- what did Mao decide?\n- when?")
    page.keyboard.press("Tab")
    page.locator(".st-key-ls-held-end", has_text="a note").wait_for(timeout=20_000)  # the note taken
    at_rest(page)
    save_present_take_away(page, 1, tmp_path, "notes")
    assert page.locator(".tm-teacher-note li").count() == 2  # '- ' lines after a line of text: a list

    afresh(page, server.url)  # 3. all fifteen steps
    for name in ALL_STEPS:
        add(page, name)
    assert order(page) == ALL_STEPS
    at_rest(page)  # the last card folded (an animation)
    heights = page.evaluate(
        "() => [...document.querySelectorAll('[class*=\"st-key-ls-step-\"]')].map(e => e.offsetHeight)"
    )
    # folded cards, but the one being written: "Add a step" stays near
    assert sorted(heights)[-2] <= 160, str(list(zip(ALL_STEPS, heights, strict=True)))
    assert page.get_by_role("combobox", name="Add a step").count() == 0  # nothing left to add
    save_present_take_away(page, len(ALL_STEPS), tmp_path, "all")

    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in logged, logged[-2000:]
