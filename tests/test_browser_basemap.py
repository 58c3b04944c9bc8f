"""The base map in a real browser (Debian's Chromium), with the network cut."""

from __future__ import annotations

import pytest
from conftest import screenshot

from tests.settle import at_rest


def test_map_draws_offline(offline_page, app_url):
    page = offline_page
    page.goto(app_url)
    frame = page  # the map is part of the page (no iframe)
    frame.locator(".leaflet-overlay-pane path").first.wait_for(state="attached", timeout=60_000)
    paths = frame.locator(".leaflet-overlay-pane path").count()
    assert paths > 20, f"only {paths} vector paths drawn"
    relief = frame.locator(".leaflet-pane img.leaflet-image-layer")
    assert relief.count() == 2  # the coarse relief of the outer box, and the window's over it
    # the telegram's text is beside the map
    assert "Pass immediately to Cde. Mao Zedong." in page.locator("p[data-clause='H']").inner_text()
    # place labels in their 1950 forms
    frame.get_by_text("Antung", exact=True).wait_for(timeout=10_000)
    assert frame.get_by_text("Mukden", exact=True).count() == 1
    at_rest(page)
    screenshot(page, "basemap.png")
    assert page.leaked == [], f"requests left the machine: {page.leaked}"


PATTERN_FILLS = """() => {
    const fills = [...document.querySelectorAll('.leaflet-overlay-pane path')]
        .map(p => p.getAttribute('fill') || '').filter(f => f.startsWith('url(#'));
    const ids = [...new Set(fills.map(f => f.slice(5, -1)))];
    return {used: ids.length, missing: ids.filter(id => !document.getElementById(id))};
}"""


# the hatched shapes drawn so far, and the patterns they use
HATCHED = """() => [...document.querySelectorAll('.leaflet-overlay-pane path')]
    .map(p => p.getAttribute('fill') || '').filter(f => f.startsWith('url(#')).join()"""


@pytest.mark.parametrize("late", [False, True], ids=["on-time", "after-the-map"])
def test_every_hatched_band_has_its_pattern(offline_page, app_url, late):
    """The uncertain bands' hatching and dots are SVG patterns: they must exist whenever the shapes do,
    also when the data bundle arrives after the map is made (a slow network, here a response held back until
    the map is there)."""
    page = offline_page
    if late:

        def after_the_map(route):
            page.locator(".folium-map .leaflet-overlay-pane").wait_for(state="attached", timeout=60_000)
            route.continue_()

        page.route("**/tm-data-*.js", after_the_map)
    page.goto(app_url)
    page.locator("path.band-possible").first.wait_for(state="attached", timeout=60_000)
    at_rest(page, HATCHED)  # every band drawn
    found = page.evaluate(PATTERN_FILLS)
    assert found["used"] >= 3, found  # hatch and dots in several colours
    assert found["missing"] == [], found
    assert page.leaked == []
