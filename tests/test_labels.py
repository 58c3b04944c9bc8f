"""Place labels never collide (issues #12, #24), measured in Chromium on the one-file export from file://:
no name covers another name, nor another place's dot.

The export runs the same renderer and browser code as the app, so one page serves both.
"""

from __future__ import annotations

import pytest

from mapping.render import CENTER
from tests.settle import at_rest

OVERLAPS = """() => {
  const rects = [];
  document.querySelectorAll(".pl .nm").forEach(n => {
    const s = getComputedStyle(n);
    const r = n.getBoundingClientRect();
    if (s.display !== "none" && s.visibility !== "hidden" && r.width > 0) rects.push([n.textContent, r]);
  });
  const hits = [];
  const over = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
    if (over(rects[i][1], rects[j][1])) hits.push(rects[i][0] + " / " + rects[j][0]);
  }
  const dots = [];
  document.querySelectorAll(".pl").forEach(pl => {
    const d = pl.querySelector(".dot"), r = d.getBoundingClientRect();
    if (getComputedStyle(pl).display !== "none" && r.width > 0) dots.push([pl, r]);
  });
  const covered = [];
  document.querySelectorAll(".pl .nm").forEach(n => {
    const s = getComputedStyle(n), r = n.getBoundingClientRect();
    if (s.display === "none" || s.visibility === "hidden" || r.width === 0) return;
    for (const [pl, d] of dots) {
      if (!pl.contains(n) && over(r, d)) covered.push(n.textContent + " covers " + pl.dataset.name);
    }
  });
  return {shown: rects.length, hits: hits, covered: covered};
}"""


def set_view(page, zoom: int) -> None:
    page.evaluate(
        "([c, z]) => { for (const k of Object.keys(window)) { const v = window[k];"
        " if (v && v instanceof L.Map) v.setView(c, z, {animate: false}); } }",
        [list(CENTER), zoom],
    )
    at_rest(page)  # the declutter pass runs on the next animation frame


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000)])
@pytest.mark.parametrize("names", ["1950", "modern"])
def test_no_name_covers_another_name_or_a_dot_at_zooms_5_to_9(page, export_file, names, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(export_file.as_uri())
    page.locator(".pl .nm").first.wait_for(state="attached")
    if names == "modern":
        page.get_by_label("Modern names").check()
    for zoom in range(5, 10):
        set_view(page, zoom)
        found = page.evaluate(OVERLAPS)
        assert found["hits"] == [], (zoom, found["hits"])
        assert found["covered"] == [], (zoom, found["covered"])
        if zoom <= 7:
            assert found["shown"] >= 10, (zoom, found["shown"])  # the map still names its places
