"""The map's controls stand aside (#32): in every present step, at a projector's 1280x720 and a phone's 390x844, no
control covers another, nor any point of the step's framed shapes or places; on a phone the controls take at most
15% of the map; the base map's credits fold behind one button; with the relief off, land and sea differ in colour."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from mapping.document.load import load_document
from mapping.paths import ROOT
from mapping.render.state import framed_features
from mapping.state import STEPS, STORY
from tests.settle import at_rest

MAP = (
    "(() => { for (const k of Object.keys(window)) { const v = window[k]; if (v && v instanceof L.Map) return v; } })()"
)

# Every control's box; each framed shape's outline sampled every 4 px (on screen, inside the map) and each framed
# place's dot; what a control covers. The step's framed shapes and places are render.state.framed_features.
COVERED = """([shapeIds, placeIds]) => {
  const m = document.querySelector('.folium-map').getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .filter(c => !c.closest('.leaflet-control-layers-list'))  // All/None sit inside the layer list
    .map(c => ({name: c.className.split(' ').filter(n => n.startsWith('tm-') || n.startsWith('leaflet-control-'))
      .join(' '), r: c.getBoundingClientRect()}))
    .filter(c => c.r.width > 0 && c.r.height > 0);
  const inside = (p, r) => p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom;
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5
    && b.top < a.bottom - 0.5;
  const inMap = p => p.x > m.left && p.x < m.right && p.y > m.top && p.y < m.bottom;
  const overlaps = [];
  controls.forEach((a, i) => controls.slice(i + 1)
    .forEach(b => { if (meets(a.r, b.r)) overlaps.push([a.name, b.name]); }));
  const hits = [];
  let points = 0;
  for (const id of shapeIds) {
    document.querySelectorAll(`.leaflet-overlay-pane path[data-tm-id="${id}"]`).forEach(path => {
      if (path.style.display === 'none' || !path.getTotalLength) return;
      const ctm = path.getScreenCTM(), len = path.getTotalLength();
      for (let s = 0; s <= len; s += 4) {
        const q = path.getPointAtLength(s), p = new DOMPoint(q.x, q.y).matrixTransform(ctm);
        if (!inMap(p)) continue;
        points += 1;
        const c = controls.find(c => inside(p, c.r));
        if (c) { hits.push([path.getAttribute('data-tm-id'), c.name]); break; }
      }
    });
  }
  for (const id of placeIds) {
    const e = document.querySelector(`[data-tm-id="${id}"]`);
    if (!e) continue;
    const r = e.getBoundingClientRect();
    const c = controls.find(c => meets(c.r, r));
    if (c) hits.push([id, c.name]);
  }
  const area = controls.reduce((s, c) => s + c.r.width * c.r.height, 0);
  return {overlaps, hits, points, share: area / (m.width * m.height)};
}"""


def framed(doc, name: str) -> tuple[list[str], list[str]]:
    """The ids of the shapes a step frames and of the places (a story step's events) it names."""
    features = framed_features(doc, name)
    places = [f["properties"]["id"] for f in features if f["properties"].get("role") == "event"]
    shapes = [f["properties"]["id"] for f in features if f["geometry"]["type"] != "Point"]
    return shapes, places


@pytest.fixture(scope="module")
def doc():
    return load_document(ROOT / "layers")


@pytest.mark.parametrize("size", [(1280, 720), (390, 844)])
def test_no_control_covers_another_or_a_framed_shape_in_any_present_step(offline_page, app_url, doc, size):
    page = offline_page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{app_url}/?mode=present&step=0")
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    faults, shares, sampled = [], [], 0
    for n, name in enumerate(STEPS):
        if n:
            page.locator(".st-key-next button").click()  # a real click (a tap's target on a phone)
        page.wait_for_function(f"() => location.search.includes('step={n}')", timeout=20_000)
        if name in STORY:
            page.wait_for_function(f"() => document.querySelector('#tm-date').value === '{STORY[name]}'")
        page.wait_for_function(
            f"() => !document.querySelector('{MAP_CONTAINER}').classList.contains('leaflet-zoom-anim')", timeout=10_000
        )
        at_rest(page)  # the step's fly-to ended (Leaflet's zoom animation) and the map still
        shapes, places = framed(doc, name)
        seen = page.evaluate(COVERED, [shapes, places])
        sampled += seen["points"]
        shares.append(seen["share"])
        if seen["overlaps"] or seen["hits"]:
            faults.append((name, seen["overlaps"], seen["hits"]))
    assert not faults, faults
    assert sampled > 100  # the framed shapes were on the map and were checked
    if size[0] < 480:
        assert max(shares) <= 0.15, shares  # a phone's controls take at most 15% of its map
    assert page.leaked == []


MAP_CONTAINER = ".tm-map-host .leaflet-container"


def test_the_base_maps_sources_fold_behind_one_button(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url)
    button = page.get_by_role("button", name="Sources of the base map")
    button.wait_for(timeout=60_000)
    body = page.locator("#tm-sources-body")
    assert button.get_attribute("aria-expanded") == "false" and body.is_hidden()
    button.focus()
    page.keyboard.press("Enter")  # by keyboard
    assert button.get_attribute("aria-expanded") == "true"
    assert "Natural Earth" in body.inner_text()
    page.keyboard.press("Enter")
    assert body.is_hidden()
    assert page.leaked == []


def test_with_the_relief_off_land_and_sea_differ(offline_page, app_url):
    page = offline_page
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(app_url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    layers = page.locator(".tm-map-host .leaflet-control-layers")
    layers.hover()
    page.locator(".leaflet-control-layers-overlays label", has_text="Relief").locator("input").uncheck()
    page.wait_for_function(f"() => document.querySelector('{MAP_CONTAINER}').classList.contains('tm-relief-off')")
    page.mouse.move(5, 5)  # the layer list closes
    page.locator(".leaflet-control-layers-expanded").wait_for(state="detached", timeout=10_000)
    at_rest(page)
    page.evaluate("() => document.querySelectorAll('.leaflet-marker-pane, .leaflet-control-container')"
                  ".forEach(p => p.style.visibility = 'hidden')")  # fmt: skip
    # a point far inland (north of P'yŏngyang, in the mountains) and one in the Yellow Sea, off any shape's line
    points = page.evaluate(
        "(pts) => pts.map(([a, o]) => { const p = " + MAP + ".latLngToContainerPoint([a, o]);"
        " const r = " + MAP + ".getContainer().getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })",
        [[40.7, 127.6], [37.6, 124.2]],
    )
    image = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("RGB")).astype(int)
    land, sea = (image[int(y) - 2 : int(y) + 3, int(x) - 2 : int(x) + 3].reshape(-1, 3).mean(0) for x, y in points)
    assert np.abs(land - sea).sum() >= 40, (land, sea)  # plainly different, not (201,221,233) against (198,219,232)
    assert page.leaked == []
