"""The app's explore and present modes in Korean and Chinese (#34): `?lang=` (or the browser's language) puts the
interface strings, the map's notes, the clause labels and a shape's details in the language, the telegram staying
in its English translation with a sentence saying so; without it the app is in English as before. In a real
browser, in each language, at a laptop's and a phone's size: <html lang> set, none of the English interface
strings left among the buttons and headings, nothing wider than the screen. Screenshots in /tmp/i18n-app-shots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapping.document.load import load_document
from mapping.i18n import ui
from mapping.i18n.content import translate
from mapping.state import STEPS
from tests.conftest import screenshot

ROOT = Path(__file__).resolve().parents[1]
DOC = load_document(ROOT / "layers")
LANGS = ("ko", "zh-Hans", "zh-Hant")
STORY_STEP = STEPS.index("next-10-19")
CLAUSE_STEP = STEPS.index("C3")
# the interface's English words a reader meets in these two modes (the msgids): none may be left in another language
ENGLISH = (
    "▶ Present",
    "◀ Back to exploring",
    "◀ Previous",
    "Next ▶",
    "Full screen",
    "The telegram of 11 October 1950",
    "About this map and its sources",
    "All layers and features, as text",
    "Download for offline use",
    "Open a class: students draw their reading",
    "Make a lesson: your steps, notes and questions",
    "The text",
    "Every layer and feature, as text",
    "Interpretation:",
    "Certainty:",
    "Sources:",
    "How this shape was made",
    "The map's note",
)


def run(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def test_english_by_default():
    at = run({})
    assert {"▶ Present", "About this map and its sources"} <= labels(at)
    assert at.title[0].value == "The telegram of 11 October 1950"
    assert "lang" not in at.query_params


@pytest.mark.parametrize("lang", LANGS)
def test_explore_in_the_language(lang):
    _ = ui(lang).gettext
    at = run({"lang": lang, "clause": "C3"})
    assert {_("▶ Present"), _("About this map and its sources"), _("Download for offline use")} <= labels(at)
    assert not {"▶ Present", "About this map and its sources"} & labels(at)
    assert at.title[0].value == _("The telegram of 11 October 1950") != "The telegram of 11 October 1950"
    assert at.query_params["lang"] == lang
    label = translate(lang, "clause:C3:label", DOC.clause("C3")["label"])
    assert label != DOC.clause("C3")["label"]
    assert any(label in m.value for m in at.markdown)


@pytest.mark.parametrize("lang", LANGS)
def test_present_in_the_language(lang):
    _ = ui(lang).gettext
    at = run({"lang": lang, "mode": "present", "step": str(STORY_STEP)})
    assert {_("◀ Previous"), _("Next ▶"), _("◀ Back to exploring")} <= labels(at)
    note = DOC.notes["next-10-19"]
    heading = translate(lang, "notes:next-10-19:heading", note["heading"])
    assert heading != note["heading"] and at.header[0].value == heading
    at.button(key="next").click().run()
    assert at.query_params["lang"] == lang
    assert at.header[0].value == translate(lang, "notes:next-10-26:heading", DOC.notes["next-10-26"]["heading"])


def test_the_switch_changes_the_language_and_the_address():
    at = run({"clause": "C2"})
    at.selectbox(key="tm-lang").set_value("zh-Hant").run()
    assert at.query_params["lang"] == "zh-Hant" and at.query_params["clause"] == "C2"
    assert ui("zh-Hant").gettext("▶ Present") in labels(at)
    at.selectbox(key="tm-lang").set_value("en").run()
    assert at.query_params["lang"] == "en" and "▶ Present" in labels(at)  # chosen: kept, over the browser's


def test_the_details_and_the_sentence_default_to_english():
    from mapping.document.timeline import overtaken_text
    from mapping.render.views import feature_details_html

    feat = DOC.layers[0].features[0]["properties"]
    assert feature_details_html(feat, DOC.bibliography) == feature_details_html(feat, DOC.bibliography, lang="en")
    assert "<b>Interpretation:</b>" in feature_details_html(feat, DOC.bibliography)
    ko = feature_details_html(feat, DOC.bibliography, lang="ko")
    assert "Interpretation:" not in ko and ui("ko").gettext("Interpretation:") in ko
    assert overtaken_text(DOC, "1950-11-24").startswith("Behind the UN front that day")
    assert "%" in overtaken_text(DOC, "1950-11-24", "zh-Hans") and "Behind" not in overtaken_text(
        DOC, "1950-11-24", "zh-Hans"
    )


# -- in a real browser

VISIBLE = """() => [...document.querySelectorAll('button, h1, h2, h3, summary, b, [data-testid="stCaptionContainer"]')]
  .filter(e => e.offsetParent !== null && !e.closest('.tm-text, .leaflet-container, .tm-details blockquote'))
  .map(e => e.innerText.trim()).filter(Boolean)"""


def open_app(page, url: str) -> None:
    page.goto(url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)


def check(page, lang: str) -> None:
    # set by the header's script (web/page_lang.js), which Streamlit draws a moment after the first paint
    page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=20_000)
    seen = page.evaluate(VISIBLE)
    left = [s for s in seen for e in ENGLISH if s == e or s.startswith(e)]
    assert left == [], f"{lang}: English interface strings left: {left}"
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth + 1"), "wider than the screen"


@pytest.mark.browser
@pytest.mark.parametrize("size", [(1280, 720), (390, 844)], ids=["laptop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_explore_and_present_in_a_browser(offline_page, app_url, lang, size):
    page = offline_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    _ = ui(lang).gettext
    open_app(page, f"{app_url}/?lang={lang}&feature=c3-defence-zone-core")
    page.locator(".tm-details[data-feature='c3-defence-zone-core']:visible").first.wait_for(timeout=20_000)
    page.get_by_text(_("Click the words of a directive to see it on the map.")).wait_for(timeout=20_000)
    assert page.locator(".tm-translation-note").first.inner_text().strip() != ""
    check(page, lang)
    if size == (390, 844):
        screenshot(page, f"explore-{lang}-390x844.png")  # test-artifacts/, looked at by a person
    open_app(page, f"{app_url}/?lang={lang}&mode=present&step={CLAUSE_STEP}")
    heading = translate(lang, "clause:C3:label", DOC.clause("C3")["label"])
    page.locator("h2", has_text=heading).first.wait_for(timeout=20_000)
    check(page, lang)
    page.goto(f"{app_url}/?lang={lang}&mode=present&step={STORY_STEP}")
    story = translate(lang, "notes:next-10-19:heading", DOC.notes["next-10-19"]["heading"])
    page.locator("h2", has_text=story).first.wait_for(timeout=60_000)
    page.get_by_role("button", name=_("Full screen")).wait_for(timeout=20_000)
    check(page, lang)
    assert page.locator(".tm-present-held").first.inner_text().strip() != ""
    assert "Behind the UN front" not in page.locator(".tm-present-held").first.inner_text()


@pytest.mark.browser
def test_the_switch_in_a_browser(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, f"{app_url}/?clause=C2")
    assert page.evaluate("document.documentElement.lang") == "en"
    switch = page.get_by_role("combobox", name="Language")  # under the map's buttons
    switch.scroll_into_view_if_needed()
    switch.click()
    page.get_by_role("option", name="한국어").click()
    page.wait_for_function("() => location.search.includes('lang=ko') && location.search.includes('clause=C2')")
    check(page, "ko")
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
