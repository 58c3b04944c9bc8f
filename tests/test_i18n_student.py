"""The student's page in Korean and Chinese, in a real browser (#34): a pseudo-locale finds no interface string of
the page left untranslated in any state (join, drawing, sent); in ko, zh-Hans and zh-Hant on a 390x844 phone a
student joins, draws and sends, with <html lang> set, the page's words in the language and nothing wider than
the screen; the language is kept in the address and in the browser. Screenshots in /tmp/i18n-shots/."""

from __future__ import annotations

import gettext
import html
import json
import os
import re
from pathlib import Path

import pytest

from mapping.app.student_page import SCRIPTS, page_html
from mapping.app.student_text import js_table
from mapping.classroom.store import Store
from mapping.devtools.localserver import serve
from mapping.i18n import ui
from mapping.paths import ROOT
from tests.classpages import stored, tap

SHOTS = Path("/tmp/i18n-shots")
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


class Pseudo(gettext.NullTranslations):
    """Every interface string wrapped in ⟦ ⟧: what shows unwrapped was never translated."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"⟦{msgid1 if n == 1 else msgid2}⟧"


@pytest.fixture
def class_server(tmp_path):
    data = tmp_path / "classdata"
    store = Store(f"sqlite:///{data / 'classes.sqlite'}")
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(data)}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    server = serve(ROOT / "server.py", ROOT, env)
    yield server, store
    server.stop()


# text that is not the interface's: the telegram's words, the map's own texts (the content catalog's), the credits
# (citations), place names, the student's own sentence, the zoom's + and −, and the language switch (each
# language in its own words)
NOT_INTERFACE = (
    ".tm-s-words blockquote, .tm-s-step, #tm-s-task-h, .tm-s-prompt, .tm-s-credits, .tm-class-label, "
    ".tm-s-place-list label, .tm-s-sent blockquote, .leaflet-control-zoom, .tm-s-langs"
)
PLAIN = f"""(code) => {{
  const skip = [...document.querySelectorAll({json.dumps(NOT_INTERFACE)})];
  const out = [];
  const walk = document.createTreeWalker(document.getElementById("tm-student"), NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {{
    if (skip.some((s) => s.contains(n)) || n.parentElement.closest("noscript")) continue;
    let rest = n.textContent.split(code).join(" ");
    for (let was = ""; was !== rest; ) {{ was = rest; rest = rest.replace(/⟦[^⟦⟧]*⟧/g, " "); }}  // nested: inside out
    if (/[A-Za-z]{{2,}}/.test(rest)) out.push(n.textContent.trim());
  }}
  return out;
}}"""


def test_a_pseudo_locale_leaves_no_interface_string_of_the_student_page_in_english(browser, class_server):
    server, store = class_server
    opened = store.open_class("C3")
    pseudo = Pseudo()

    def pseudo_page(route, request):  # the page as the server makes it, its strings from the pseudo-locale
        served = route.fetch().text()
        first = re.search(r'<script type="application/json" id="tm-s-first">(.*?)</script>', served, re.S)
        state = json.loads(html.unescape(first.group(1)).replace("<\\/", "</")) if first else None
        route.fulfill(body=page_html(opened.code, state, "en", pseudo), content_type="text/html; charset=utf-8")

    table = js_table("en", SCRIPTS, pseudo)
    assert table["s"] and all(v.startswith("⟦") for v in table["s"].values())
    ctx = browser.new_context(**PHONE, extra_http_headers={"X-Real-IP": "10.6.0.1"})
    page = ctx.new_page()
    page.route(re.compile(r".*/join/\w+$"), pseudo_page)
    page.goto(f"{server.url}/join/{opened.code}")
    join = page.locator(".tm-s-form button[type=submit]")
    join.wait_for(timeout=60_000)
    assert page.locator("h1").inner_text() == f"⟦Class {opened.code}⟧"
    found = {"join": page.evaluate(PLAIN, opened.code)}
    join.tap()
    page.locator(".tm-s-map.leaflet-container").wait_for(timeout=60_000)
    page.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
    for fx, fy in [(0.35, 0.4), (0.6, 0.4), (0.62, 0.62)]:
        tap(page, fx, fy, True)
    page.locator(".tm-s-places summary").tap()  # "Choose places instead" open: its words too
    found["draw"] = page.evaluate(PLAIN, opened.code)
    tap(page, 0.38, 0.62, True)
    page.locator(".tm-s-tools button").nth(2).tap()  # Finish
    page.locator("#tm-s-sentence").fill("The high ground north of the railway.")
    page.locator(".tm-s-primary").tap()
    stored(page)
    found["sent"] = page.evaluate(PLAIN, opened.code)
    assert found == {"join": [], "draw": [], "sent": []}
    ctx.close()


def _no_overflow(page, state: str) -> None:
    wide = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"{state}: the page is {wide[0]} px wide on a {wide[1]} px screen"


@pytest.mark.parametrize("lang", ["ko", "zh-Hans", "zh-Hant"])
def test_a_student_joins_draws_and_sends_in_their_language(browser, class_server, lang):
    server, store = class_server
    opened = store.open_class("C3")
    _ = ui(lang).gettext
    SHOTS.mkdir(exist_ok=True)
    ctx = browser.new_context(**PHONE, extra_http_headers={"X-Real-IP": f"10.6.1.{len(lang)}"})
    page = ctx.new_page()
    page.goto(f"{server.url}/join/{opened.code}?lang={lang}")
    join = page.get_by_role("button", name=_("Join the class"))
    join.wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("h1").inner_text() == _("Class %(code)s") % {"code": opened.code}
    assert _("Class %(code)s") % {"code": opened.code} in page.title()
    assert (
        page.get_by_role(
            "link", name={"ko": "한국어", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}[lang]
        ).get_attribute("aria-current")
        == "page"
    )
    _no_overflow(page, "join")
    page.screenshot(path=str(SHOTS / f"student-{lang}-join-390x844.png"))
    join.tap()
    page.locator(".tm-s-map.leaflet-container").wait_for(timeout=60_000)
    page.locator(".tm-class-label").first.wait_for(state="attached", timeout=30_000)
    names = page.locator(".tm-class-label .nm").all_text_contents()
    script = r"[\uac00-\ud7af]" if lang == "ko" else r"[\u4e00-\u9fff]"
    assert sum(bool(re.search(script, n)) for n in names) >= len(names) // 2, names  # the 1950 names in its script
    page.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
    for fx, fy in [(0.35, 0.4), (0.6, 0.4), (0.62, 0.62)]:
        tap(page, fx, fy, True)
    guide = page.locator("#tm-s-guide").inner_text()
    assert "3" in guide and not re.search(r"[A-Za-z]{3,}", guide), guide
    for name in (_("Finish"), _("Start again"), _("Undo the last corner")):
        assert page.get_by_role("button", name=name).is_visible(), name
    _no_overflow(page, "drawing")
    page.screenshot(path=str(SHOTS / f"student-{lang}-drawing-390x844.png"), full_page=True)
    tap(page, 0.38, 0.62, True)
    page.get_by_role("button", name=_("Finish"), exact=True).tap()
    page.get_by_label(_("One sentence: why there?")).fill(
        "산맥이 철도 북쪽에 있습니다." if lang == "ko" else "铁路以北的山地。"
    )
    page.get_by_role("button", name=_("Send my reading")).tap()
    stored(page)
    assert page.locator("#tm-s-sent-h").inner_text() == _("Your reading is stored")
    _no_overflow(page, "sent")
    page.screenshot(path=str(SHOTS / f"student-{lang}-sent-390x844.png"))
    (reading,) = store.readings(opened.code, opened.secret)
    assert reading["geometry"]["type"] == "MultiPolygon"
    # the language stays: the QR code's address (no ?lang=) opens in the language this browser chose
    page.goto(f"{server.url}/join/{opened.code}")
    page.locator("#tm-s-sent-h, .tm-s-map").first.wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == lang and f"lang={lang}" in page.url
    ctx.close()


def test_the_browsers_language_is_the_default(browser, class_server):
    server, store = class_server
    opened = store.open_class("C5")
    ctx = browser.new_context(**PHONE, locale="zh-TW", extra_http_headers={"X-Real-IP": "10.6.2.1"})
    page = ctx.new_page()
    page.goto(f"{server.url}/join/{opened.code}")
    page.get_by_role("button", name=ui("zh-Hant").gettext("Join the class")).wait_for(timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    ctx.close()
