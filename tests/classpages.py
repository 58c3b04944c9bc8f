"""A student's browser for the class tests: a phone's touch screen (390x844) or a laptop's mouse (1280x720)."""

from __future__ import annotations


def student_page(browser, url: str, touch: bool, nickname: str | None = None):
    """A new student's page at the join address `url`, joined (with `nickname` if given)."""
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844} if touch else {"width": 1280, "height": 720},
        has_touch=touch,
        is_mobile=touch,
    )
    page = ctx.new_page()
    page.goto(url)
    if nickname:
        page.get_by_label("A nickname").fill(nickname)
    page.get_by_role("button", name="Join the class").click()
    return page
