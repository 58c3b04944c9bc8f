"""A student's browser for the class tests: a phone's touch screen (390x844) or a laptop's mouse (1280x720), on the
light student page (/join/CODE). Each student is a device of its own: the server takes a loopback peer's word for
the device (X-Real-IP, as nginx sends it under --lan), so thirty test phones are not one device to the join limit."""

from __future__ import annotations

import itertools

_DEVICE = itertools.count(1)


def student_page(browser, url: str, touch: bool, nickname: str | None = None, audited: bool = False):
    """A new student's page at the join address `url`, joined (with `nickname` if given), ready to draw.
    `audited`: axe-core will be put in the page, which its Content-Security-Policy otherwise forbids."""
    n = next(_DEVICE)
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844} if touch else {"width": 1280, "height": 720},
        has_touch=touch,
        is_mobile=touch,
        extra_http_headers={"X-Real-IP": f"10.9.{n // 250}.{n % 250 + 1}"},
        bypass_csp=audited,
    )
    page = ctx.new_page()
    page.goto(url)
    if nickname:
        page.get_by_label("A nickname").fill(nickname)
    page.get_by_role("button", name="Join the class").click()
    page.locator(".tm-s-map.leaflet-container").wait_for(timeout=60_000)
    return page


def tap(page, fx: float, fy: float, touch: bool) -> None:
    """A tap (or click) on the drawing map, at a share of its width and height."""
    area = page.locator(".tm-s-map").first
    box = area.bounding_box()
    at = {"x": fx * box["width"], "y": fy * box["height"]}
    (area.tap if touch else area.click)(position=at)
    page.wait_for_timeout(120)


def finish(page, touch: bool) -> None:
    button = page.get_by_role("button", name="Finish", exact=True)
    (button.tap if touch else button.click)()


def send(page, sentence: str) -> None:
    page.get_by_label("One sentence: why there?").fill(sentence)
    page.get_by_role("button", name="Send my reading").click()


def stored(page) -> None:
    """Wait for the page to say the reading is stored (its heading, not the announcement of it)."""
    page.locator("#tm-s-sent-h").wait_for(timeout=20_000)
