"""Place labels never collide (issue #12), measured in Chromium on the one-file export from file://.

The export runs the same renderer and browser code as the app, so one page serves both.
"""

from __future__ import annotations

import pytest

from mapping.render import CENTER

OVERLAPS = """() => {
  const rects = [];
  document.querySelectorAll(".pl .nm").forEach(n => {
    const s = getComputedStyle(n);
    const r = n.getBoundingClientRect();
    if (s.display !== "none" && s.visibility !== "hidden" && r.width > 0) rects.push([n.textContent, r]);
  });
  const hits = [];
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
    const a = rects[i][1], b = rects[j][1];
    const hit = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    if (hit) hits.push(rects[i][0] + " / " + rects[j][0]);
  }
  return {shown: rects.length, hits: hits};
}"""



def set_view(page, zoom: int) -> None:  # noqa: ANN001
    page.evaluate(
        "([c, z]) => { for (const k of Object.keys(window)) { const v = window[k];"
        " if (v && v instanceof L.Map) v.setView(c, z, {animate: false}); } }",
        [list(CENTER), zoom],
    )
    page.wait_for_timeout(250)  # the declutter pass runs on the next animation frame


@pytest.mark.parametrize("names", ["1950", "modern"])
def test_no_two_visible_place_labels_overlap_at_zooms_5_to_9(page, export_file, names):  # noqa: ANN001
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(export_file.as_uri())
    page.locator(".pl .nm").first.wait_for(state="attached")
    if names == "modern":
        page.get_by_label("Modern names").check()
    for zoom in range(5, 10):
        set_view(page, zoom)
        found = page.evaluate(OVERLAPS)
        assert found["hits"] == [], (zoom, found["hits"])
        if zoom <= 7:
            assert found["shown"] >= 10, (zoom, found["shown"])  # the map still names its places
