"""The words come with the shape (issue #24): a clause selected from a URL or by a click on one of its shapes
brings its words into view beside the map, at a projector's 1280x720: the text's column scrolls, the page does
not jump, the map stays on screen and focus stays where it was."""

from __future__ import annotations

import pytest

from tests.settle import STILL  # at rest: the same answer on five animation frames in a row

IN_VIEW = """(clause) => {
  const on = r => r.top >= -1 && r.bottom <= innerHeight + 1;
  const words = document.querySelector(`button[data-clause="${clause}"]`).getBoundingClientRect();
  const map = document.querySelector('.tm-map-host').getBoundingClientRect();
  const page = Math.round(document.querySelector('[data-testid=stMain]').scrollTop);
  return {words: on(words), map: on(map), focus: document.activeElement?.getAttribute('data-clause') || null, page};
}"""

# a point of one of the clause's shapes that is on top, inside the map and the screen: sampled along each
# path's outline, so thin routes count too
SHAPE_POINT = """(clause) => {
  const map = document.querySelector('.tm-map-host').getBoundingClientRect();
  for (const el of document.querySelectorAll(`path.clause-${clause}`)) {
    const n = el.getTotalLength(), ctm = el.getScreenCTM();
    for (let i = 0; i < 400; i++) {
      const p = el.getPointAtLength(n * i / 400).matrixTransform(ctm);
      const inside = p.x > map.left + 60 && p.x < map.right - 60 && p.y > map.top + 60 && p.y < map.bottom - 60;
      if (inside && p.y > 0 && p.y < innerHeight && document.elementFromPoint(p.x, p.y) === el) return [p.x, p.y];
    }
  }
  return null;
}"""


# the clause selected and nothing moving (the words, their column, the page); with `shown`, the top of its words
# on screen too, so that a wait begun before a smooth scroll has started does not end there
WORDS_AT_REST = f"""([clause, shown]) => {{
  const words = document.querySelector(`button[data-clause="${{clause}}"][aria-pressed="true"]`);
  if (!words) return false;
  const r = words.getBoundingClientRect();
  const column = words.closest('[data-testid=stColumn]');
  const main = document.querySelector('[data-testid=stMain]');
  const now = [r.top, r.bottom, column?.scrollTop, main?.scrollTop, scrollY].join();
  return ({STILL})('words ' + clause, now) && (!shown || (r.top >= -1 && r.top < innerHeight));
}}"""

# Leaflet's zoom proxy carries the zoom and centre in its transform: a new one is the zoom's effect
ZOOM = "() => document.querySelector('.tm-map-host .leaflet-proxy').style.transform"

# the zoom done (a new transform, no animation running) and the shapes still
MAP_AT_REST = f"""(before) => {{
  const map = document.querySelector('.tm-map-host .leaflet-container');
  const zoom = ({ZOOM})();
  if (zoom === before || map.classList.contains('leaflet-zoom-anim')) return false;
  const path = map.querySelector('.leaflet-overlay-pane path.tm-feature');
  const at = path.getBoundingClientRect();
  return ({STILL})('map', [zoom, at.x, at.y, at.width, at.height, path.getAttribute('d').length].join());
}}"""


def load(page, url: str) -> None:
    page.goto(url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)


def opened(page, url: str, size: tuple[int, int], clause: str, shown: bool = True):
    """The app at a screen's size, with `clause` selected from the URL."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    load(page, f"{url}/?clause={clause}")
    selected(page, clause, shown)
    return page


def selected(page, clause: str, shown: bool = True) -> None:
    """Until `clause` is selected and its words are at rest (`shown`: on screen): a condition, never a time, since
    on a busy machine a smooth scroll can outlast any fixed wait (and a check made during one sees it half done)."""
    page.wait_for_function(WORDS_AT_REST, arg=[clause, shown], polling="raf", timeout=30_000)


def zoomed_out(page) -> None:
    """A click on the zoom-out button, and until the zoom has ended and the shapes are still."""
    before = page.evaluate(ZOOM)
    zoom_out = page.locator(".leaflet-control-zoom-out").bounding_box()
    page.mouse.click(zoom_out["x"] + 10, zoom_out["y"] + 10)
    page.wait_for_function(MAP_AT_REST, arg=before, polling="raf", timeout=30_000)


@pytest.mark.parametrize("clause", ["C3", "C4", "C5"])
def test_a_clause_from_the_url_shows_its_words_beside_the_map(offline_page, app_url, clause):
    page = opened(offline_page, app_url, (1280, 720), clause)
    assert page.evaluate(IN_VIEW, clause) == {"words": True, "map": True, "focus": None, "page": 0}
    assert page.leaked == []


@pytest.mark.parametrize("clause", ["C3", "C4", "C5"])
def test_a_click_on_a_shape_shows_its_words_beside_the_map(offline_page, app_url, clause):
    page = opened(offline_page, app_url, (1280, 720), "F2")  # the first directive's words are at the top
    assert page.evaluate(IN_VIEW, clause)["words"] is False  # the words start off screen
    zoomed_out(page)  # the whole of Korea: every clause has a shape
    point = page.evaluate(SHAPE_POINT, clause)
    assert point is not None, f"no shape of {clause} is on top anywhere on the map"
    page.mouse.click(*point)  # a real mouse click on the shape
    selected(page, clause)
    assert page.evaluate(IN_VIEW, clause) == {"words": True, "map": True, "focus": None, "page": 0}
    assert page.leaked == []


def test_on_a_phone_the_map_stays_first_and_a_link_leads_to_the_words(offline_page, app_url):
    page = opened(offline_page, app_url, (390, 844), "C5", shown=False)  # the words are below the map
    box = page.locator(".tm-map-host").bounding_box()
    assert box["y"] > -2 and box["y"] + box["height"] <= 844, box  # nothing scrolled the map away
    link = page.get_by_role("link", name="Read Conclusion 5's words ↓")
    link.scroll_into_view_if_needed()
    assert link.bounding_box()["height"] >= 44  # a tap target
    link.click()
    selected(page, "C5")
    words = page.locator("button[data-clause='C5']").bounding_box()
    assert -1 <= words["y"] < 844, words
    assert page.leaked == []


def test_on_a_wide_screen_the_link_to_the_words_is_not_shown(offline_page, app_url):
    page = opened(offline_page, app_url, (1280, 720), "C5")
    assert not page.get_by_role("link", name="Read Conclusion 5's words ↓").is_visible()
