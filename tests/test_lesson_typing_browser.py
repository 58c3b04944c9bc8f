"""A teacher who types on without waiting (#34's review): a note, Tab, and the first question typed at once. The
note's value is taken when its field loses the focus, and the page reruns; the question being typed meanwhile
must keep its letters and the focus (a card whose title held what it holds was drawn anew as the title changed,
and took both away)."""

from __future__ import annotations

from tests.test_lesson_small_browser import add, afresh


def test_typing_on_through_a_card_keeps_every_letter(browser, lesson_server):
    server, _log = lesson_server
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    afresh(page, server.url)
    add(page, "title")
    page.locator(".st-key-ls-note-title textarea").fill("Read the title aloud.")
    page.keyboard.press("Tab")  # to the first question: the note is taken, and the page reruns as the teacher types on
    page.keyboard.type("Who signed it, and why that name?", delay=20)
    question = page.locator(".st-key-ls-q0-title input")
    page.locator(".st-key-ls-held-title", has_text="a note").wait_for(timeout=20_000)  # the rerun has landed
    assert question.input_value() == "Who signed it, and why that name?"
    assert question.evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")
    page.locator(".st-key-ls-held-title", has_text="1 question").wait_for(timeout=20_000)
    assert page.locator(".st-key-ls-note-title textarea").input_value() == "Read the title aloud."
