"""The base map in a real browser (Debian's Chromium), with the network cut."""

from __future__ import annotations

from conftest import screenshot


def test_map_draws_offline(offline_page, app_url):  # noqa: ANN001
    page = offline_page
    page.goto(app_url)
    frame = page  # the map is part of the page (no iframe)
    frame.locator(".leaflet-overlay-pane path").first.wait_for(state="attached", timeout=60_000)
    paths = frame.locator(".leaflet-overlay-pane path").count()
    assert paths > 20, f"only {paths} vector paths drawn"
    relief = frame.locator(".leaflet-pane img.leaflet-image-layer")
    assert relief.count() == 1
    # the telegram's text is beside the map
    assert "Pass immediately to Cde. Mao Zedong." in page.locator(".st-key-text-H").inner_text()
    # place labels in their 1950 forms
    frame.get_by_text("Antung", exact=True).wait_for(timeout=10_000)
    assert frame.get_by_text("Mukden", exact=True).count() == 1
    page.wait_for_timeout(500)
    screenshot(page, "basemap.png")
    assert page.leaked == [], f"requests left the machine: {page.leaked}"
