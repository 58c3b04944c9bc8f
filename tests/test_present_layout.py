"""Present mode fits a projector (issue #12): at 1280x720 every step shows the whole quote in large type,
the step controls and the whole map, with no scrolling; a phone shows the map when a clause is tapped."""

from __future__ import annotations

from mapping.state import STEPS
from tests.settle import at_rest

MEASURE = """() => {
  const vis = r => r.top >= 0 && r.bottom <= innerHeight + 0.5 && r.left >= 0 && r.right <= innerWidth + 0.5;
  const m = document.querySelector('.folium-map').getBoundingClientRect();
  const q = document.querySelector('.tm-present-quote');
  const next = document.querySelector('.st-key-next button').getBoundingClientRect();
  const main = document.querySelector('[data-testid=stMain]');
  return {
    quote_px: q ? parseFloat(getComputedStyle(q).fontSize) : 0,
    quote_on: q ? vis(q.getBoundingClientRect()) : false,
    next_on: vis(next),
    map_on: vis(m),
    map_share: m.width * m.height / (innerWidth * innerHeight),
    scroll: main.scrollHeight - main.clientHeight,
  };
}"""


def test_every_directive_step_fits_a_1280x720_projector(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url + "/?mode=present&step=1")
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    for n in range(1, 9):
        if n > 1:
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"() => location.search.includes('step={n}')")
        page.locator(f".tm-present-quote[data-step='{STEPS[n]}']").wait_for(timeout=20_000)
        at_rest(page)  # the step panel and the map settle within a few frames of the rerun
        m = page.evaluate(MEASURE)
        assert m["quote_px"] >= 28 and m["quote_on"], (n, m)
        assert m["next_on"] and m["map_on"], (n, m)
        assert m["map_share"] >= 0.44, (n, m)
        assert m["scroll"] <= 8, (n, m)  # no scrolling (a few pixels of rounding)
    assert page.locator("[data-testid=stToolbar], [data-testid=stMainMenu]").count() == 0
    assert page.leaked == []


def test_on_a_phone_a_tapped_clause_shows_its_shapes_without_scrolling(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    button = page.locator("button[data-clause='C5']").first
    button.scroll_into_view_if_needed()
    assert button.bounding_box()["height"] >= 44  # a tap target
    button.click()
    page.locator("path.clause-C5.selected").first.wait_for(state="attached", timeout=20_000)
    at_rest(page)  # the page's scroll to the map ended
    box = page.locator(".folium-map").bounding_box()
    assert box["y"] > -2 and box["y"] + box["height"] <= 844, box  # the map is in view, the shapes on it
    assert page.leaked == []


def test_on_a_projector_a_clause_far_down_the_text_still_shows_the_map(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    button = page.locator("button[data-clause='C5']")
    button.scroll_into_view_if_needed()  # the last conclusion: the text has scrolled past the map's top
    box = button.bounding_box()
    page.mouse.click(box["x"] + 30, box["y"] + 10)  # a real click on the words
    page.locator("path.clause-C5.selected").first.wait_for(state="attached", timeout=20_000)
    at_rest(page)
    shown = page.locator(".tm-map-host").bounding_box()
    assert shown["y"] >= -1 and shown["y"] + shown["height"] <= 720 + 1, shown  # the whole map is on screen
    words = page.locator("button[data-clause='C5']").bounding_box()
    assert 0 <= words["y"] and words["y"] + words["height"] <= 720, words  # and so are the words clicked
    assert page.leaked == []


FILLS = """() => {
  const m = document.querySelector('.folium-map').getBoundingClientRect();
  const note = document.querySelector('.tm-present-note');
  const main = document.querySelector('[data-testid=stMain]');
  const col = document.querySelector('[data-testid=stColumn]:has(.st-key-map) + [data-testid=stColumn]');
  return {note_px: note ? parseFloat(getComputedStyle(note).fontSize) : null, map_width: m.width / innerWidth,
    map_height: m.height / innerHeight, scroll: main.scrollHeight - main.clientHeight,
    column_scroll: col.scrollHeight - col.clientHeight};
}"""


def test_present_mode_fills_a_1920x1080_projector(offline_page, app_url):
    """#32: at 1920x1080 the notes are at least 22 px, the map at least 55% of the screen's width and 85% of its
    height, and neither the page nor the step's column scrolls, in every step."""
    page = offline_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(app_url + "/?mode=present&step=0")
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    for n, name in enumerate(STEPS):
        if n:
            page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => location.search.includes('step={n}')", timeout=20_000)
        page.wait_for_function(  # the step's panel drawn and fitted (web/present_fit.js)
            "() => document.querySelector('.tm-present-note, .tm-present-quote') !== null", timeout=20_000
        )
        at_rest(page)
        m = page.evaluate(FILLS)
        if m["note_px"] is not None:
            assert m["note_px"] >= 22, (name, m)
        assert m["map_width"] >= 0.55 and m["map_height"] >= 0.85, (name, m)
        assert m["scroll"] <= 8 and m["column_scroll"] <= 2, (name, m)
    assert page.leaked == []
