"""A student's browser for the class tests: a phone's touch screen (390x844) or a laptop's mouse (1280x720), on the
light student page (/join/CODE). Each student is a device of its own: the server takes a loopback peer's word for
the device (X-Real-IP, as nginx sends it under --lan), so thirty test phones are not one device to the join limit."""

from __future__ import annotations

import itertools

from tests.settle import changes

_DEVICE = itertools.count(1)


def student_page(
    browser,
    url: str,
    touch: bool,
    nickname: str | None = None,
    audited: bool = False,
    ready: str = ".tm-s-map.leaflet-container",
):
    """A new student's page at the join address `url`, joined (with `nickname` if given), and `ready` (by default
    ready to draw). `audited`: axe-core will be put in the page, which its Content-Security-Policy otherwise
    forbids."""
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
    page.locator(ready).first.wait_for(timeout=60_000)
    return page


# what a tap on the drawing map changes: its corners (Geoman's markers), its shapes, and the guide's words
DRAWN = """() => { const m = document.querySelector('.tm-s-map');
  return [m.querySelectorAll('.leaflet-marker-icon').length, m.querySelectorAll('path').length,
    document.querySelector('#tm-s-guide')?.textContent]; }"""


def tap(page, fx: float, fy: float, touch: bool) -> None:
    """A tap (or click) on the drawing map, at a share of its width and height, and until the map has taken it (a
    corner or a place added, or the shape finished) and is at rest."""
    area = page.locator(".tm-s-map").first
    box = area.bounding_box()
    at = {"x": fx * box["width"], "y": fy * box["height"]}
    with changes(page, DRAWN):
        (area.tap if touch else area.click)(position=at)


def finish(page, touch: bool) -> None:
    button = page.get_by_role("button", name="Finish", exact=True)
    (button.tap if touch else button.click)()


def send(page, sentence: str) -> None:
    page.get_by_label("One sentence: why there?").fill(sentence)
    page.get_by_role("button", name="Send my reading").click()


def stored(page) -> None:
    """Wait for the page to say the reading is stored (its heading, not the announcement of it)."""
    page.locator("#tm-s-sent-h").wait_for(timeout=20_000)


FOCUSED = """() => { const e = document.activeElement;
  return ((e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent) || "").trim(); }"""


def tab_to(page, name: str, most: int = 200) -> None:
    """Press Tab until the focus is on the control named `name` (its label or its text begins so)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED).startswith(name):
            return
    raise AssertionError(f"{most} presses of Tab never reached {name!r}")


def keyboard_reading(page, sentence: str, places: int = 3) -> None:
    """A reading by keyboard alone: the first `places` places of "Choose places instead", a sentence, sent."""
    tab_to(page, "Choose places instead")
    page.keyboard.press("Enter")
    for _ in range(places):
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    tab_to(page, "One sentence: why there?")
    page.keyboard.type(sentence)
    tab_to(page, "Send my reading")
    page.keyboard.press("Enter")
