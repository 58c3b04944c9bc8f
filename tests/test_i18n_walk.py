"""A Korean or Chinese teacher's lesson, end to end in a real browser (#34): explore, the lesson editor, the lesson
presented, its class-readings step opening a class, the class screen with a reading sent from a student's phone, the
reveal, and the lesson's offline map downloaded and opened from file://. On every screen: `<html lang>` is the
language, no interface string is left in English (any English msgid of the catalogs whose translation differs, as
a whole text or inside one), and nothing is wider than the screen. Screenshots in test-artifacts/, looked at.
"""

from __future__ import annotations

import re

import pytest

from mapping.classroom.lesson import step_label
from mapping.document.load import load_document
from mapping.i18n import LOCALES, folder, ui
from mapping.paths import LAYERS
from tests.classpages import stored, tap
from tests.conftest import screenshot
from tests.settle import at_rest

pytestmark = pytest.mark.browser
DOC = load_document(LAYERS)
LANGS = ("ko", "zh-Hans", "zh-Hant")
SENTENCE = "산맥을 따라 / 沿着山脉"


def english(lang: str) -> tuple[set[str], set[str]]:
    """The interface's English that the language translates, none of which may be seen on its pages: the longer
    runs of words between a msgid's placeholders, and the msgids' words (a word its translations also use, such
    as GeoJSON or PDF, left out)."""
    from babel.messages.pofile import read_po

    with (LOCALES / folder(lang) / "LC_MESSAGES" / "ui.po").open("rb") as fh:
        catalog = read_po(fh)
    runs, words, kept = set(), set(), set()
    for m in catalog:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        said = " ".join(m.string if isinstance(m.string, tuple) else (m.string or "",))
        kept |= set(WORD.findall(said))
        for msgid in filter(None, ids):
            words |= set(WORD.findall(re.sub(r"%\(\w+\)\w|\{\w+\}", " ", msgid)))
            for part in re.split(r"%\(\w+\)\w|\{\w+\}|\*\*", msgid):
                part = part.strip(" :.,·()▶◀↑↓")
                if len(part) >= 12 and part not in said:
                    runs.add(part)
    return runs, words - kept


WORD = re.compile(r"[A-Za-z]{3,}")
QUOTED = re.compile(r"(?<![A-Za-z])['‘\"“][^'’\"”]*['’\"”](?![A-Za-z])")


SHOWN = (
    "button, h1, h2, h3, h4, summary, label, p, li, caption, th, option, [role=alert], [role=status], "
    '[data-testid="stCaptionContainer"], .leaflet-control'
)
VISIBLE = (
    """() => [...document.querySelectorAll('"""
    + SHOWN
    + """')]
  .filter(e => e.offsetParent !== null && !e.closest('.tm-text, [lang="en"], blockquote, .tm-teacher, code, pre'))
  .map(e => { const c = e.cloneNode(true);  // its text, less the parts marked as English (citations, quotations)
    // (and Streamlit's icons, whose text is a ligature's name: keyboard_arrow_down)
    c.querySelectorAll('[lang="en"], blockquote, code, pre, [data-testid="stIconMaterial"]').forEach(x => x.remove());
    return c.textContent.trim(); })
  .filter(Boolean)"""
)


def check(page, lang: str, where: str) -> None:
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=20_000)
    seen = page.evaluate(VISIBLE)
    runs, words = english(lang)
    # the telegram's words, quoted in the map's texts, stay English; an address is no word
    unquoted = [QUOTED.sub(" ", re.sub(r"https?://\S+", " ", s)) for s in seen]
    left = sorted({r for s in seen for r in runs if r in s})
    left += sorted({w for s in unquoted for w in WORD.findall(s) if w in words})
    found = [s for s in unquoted if any(w in words for w in WORD.findall(s))]
    assert left == [], f"{lang}, {where}: English interface strings left: {left} in {found}"
    wide = page.evaluate("document.scrollingElement.scrollWidth - innerWidth")
    assert wide <= 1, f"{lang}, {where}: {wide} px wider than the screen"


@pytest.mark.parametrize("lang", LANGS)
def test_a_lesson_and_its_class_in_the_language(browser, lesson_server, tmp_path, lang):
    server, _log = lesson_server
    _ = ui(lang).gettext
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{server.url}/?lang={lang}")
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    check(page, lang, "explore")
    # the offline map, from About's neighbour: built in the language (the page's language taken when drawn)
    page.get_by_role("button", name=_("Download for offline use")).click()
    with page.expect_download(timeout=180_000) as got:
        page.get_by_role("button", name=_("Download the offline map (HTML)")).click()
    assert f'<html lang="{lang}">' in got.value.path().read_text(encoding="utf-8")[:2000]
    page.get_by_role("dialog").get_by_role("button", name="Close").click()  # Streamlit's own close button
    page.get_by_role("dialog").wait_for(state="detached", timeout=10_000)

    # the lesson editor: a new lesson, two steps (the map's C2, then the class's readings of it)
    page.get_by_role("button", name=_("Make a lesson: your steps, notes and questions")).click()
    page.get_by_role("heading", name=_("Your lesson")).wait_for(timeout=30_000)
    box = page.get_by_role("combobox", name=_("Add a step"))
    for name in ("C2", "class-C2"):
        at_rest(page)
        box.click()
        box.fill(step_label(DOC, name, lang))  # typed: the list narrows to it
        page.get_by_role("option", name=step_label(DOC, name, lang), exact=True).click()
        page.locator(".st-key-ls-add-button button").click()
        page.locator(f".st-key-ls-step-{name}").wait_for(timeout=20_000)
        if name == "C2":  # a question, while its card is open (the one just added is)
            page.locator(".st-key-ls-q0-C2 input").fill("산은 어디인가? 山在哪里？")
            page.keyboard.press("Tab")  # Streamlit takes a field's value when it loses focus
    at_rest(page)
    check(page, lang, "the lesson editor")
    screenshot(page, f"i18n-editor-{lang}-1280x720.png")

    # presented: its first step, then the class's step, which opens a class
    page.get_by_role("button", name=_("▶ Present the lesson")).click()
    page.locator(".tm-present-quote[data-step='C2']").wait_for(timeout=30_000)
    page.locator(".tm-teacher-questions").wait_for(timeout=20_000)
    at_rest(page)
    check(page, lang, "present mode, a lesson's step")
    screenshot(page, f"i18n-present-lesson-{lang}-1280x720.png")
    page.get_by_role("button", name=_("Next ▶")).click()
    page.get_by_role("button", name=_("Open a class for this task")).click()
    page.get_by_role("dialog").get_by_role("button", name=_("Open the class"), exact=True).click()
    code = page.locator(".tm-class-heading strong").inner_text(timeout=30_000).strip()
    check(page, lang, "the class screen")

    # a student's phone, in the same language, sends a reading (the student's page itself: test_i18n_student.py)
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                              extra_http_headers={"X-Real-IP": f"10.7.2.{len(lang)}"})  # fmt: skip
    phone = ctx.new_page()
    phone.goto(f"{server.url}/join/{code}?lang={lang}")
    phone.get_by_role("button", name=_("Join the class")).tap()
    phone.locator(".tm-s-map.leaflet-container").wait_for(timeout=60_000)
    assert phone.evaluate("document.documentElement.lang") == lang
    phone.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
    for fx, fy in [(0.42, 0.45), (0.62, 0.45), (0.62, 0.6), (0.42, 0.6)]:
        tap(phone, fx, fy, True)
    phone.get_by_role("button", name=_("Finish"), exact=True).tap()
    phone.get_by_label(_("One sentence: why there?")).fill(SENTENCE)
    phone.get_by_role("button", name=_("Send my reading")).tap()
    stored(phone)
    ctx.close()
    counts = ui(lang).ngettext("%(n)d reading", "%(n)d readings", 1) % {"n": 1}
    page.get_by_text(counts).first.wait_for(timeout=20_000)  # the class screen counts it
    page.get_by_role("button", name=_("Reveal the map's reading (V)")).click()
    page.get_by_role("heading", name=_("The map's reading")).wait_for(timeout=30_000)
    at_rest(page)
    check(page, lang, "the class screen, the map's reading revealed")
    screenshot(page, f"i18n-class-{lang}-1280x720.png")

    # the lesson's offline map, from the editor, opened from file://
    page.get_by_role("button", name=_("Back to the map")).click()
    page.get_by_role("button", name=_("◀ Back to the editor")).click()
    with page.expect_download(timeout=120_000) as got:
        page.get_by_role("button", name=_("Download the offline map with this lesson (HTML)")).click()
    export = tmp_path / "lesson-map.html"
    got.value.save_as(export)
    page.close()
    offline = browser.new_page(viewport={"width": 1280, "height": 720})
    offline.goto(export.as_uri())
    offline.locator(".leaflet-overlay-pane path").first.wait_for(state="attached", timeout=30_000)
    assert offline.locator("#tm-lesson h3").first.inner_text() == step_label(DOC, "C2", lang)
    check(offline, lang, "the lesson's offline map")
    offline.close()
