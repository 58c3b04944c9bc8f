"""The handout's maps: framed on each directive's shapes, with a locator inset, and no label collisions.

Label boxes are measured with matplotlib's own renderer (`Text.get_window_extent`). Before labels
were placed by priority, C1 had 2 overlapping pairs (Sinuiju/Antung, Manp'ojin/Chi-an), C3 4, C4 11
and S 10 (Dairen over Port Arthur among them).
"""

from __future__ import annotations

import itertools
import json

import matplotlib.pyplot as plt
import pytest

from mapping.document.clauses import MAPPED
from mapping.outputs import handout, handout_maps, products


@pytest.fixture(scope="module")
def pages():
    doc, base = products.load()
    notes = json.loads((products.layers_dir() / "notes.json").read_text(encoding="utf-8"))
    figs = {cid: handout.clause_page(doc, base, notes, n, cid) for n, cid in enumerate(MAPPED, start=1)}
    yield doc, figs
    for fig in figs.values():
        plt.close(fig)


def _labels(fig):
    renderer = fig.canvas.get_renderer()
    texts = [t for ax in fig.axes for t in ax.texts if t.get_gid() == handout_maps.LABEL_GID]
    return texts, renderer


@pytest.mark.parametrize("cid", MAPPED)
def test_no_two_visible_labels_overlap(pages, cid):
    _doc, figs = pages
    fig = figs[cid]
    fig.canvas.draw()  # measure where the labels are drawn
    texts, renderer = _labels(fig)
    shown = [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible()]
    assert shown, "no place is labelled"
    overlaps = [(a, b) for (a, ba), (b, bb) in itertools.combinations(shown, 2) if ba.overlaps(bb)]
    assert overlaps == []
    # and every label stays inside its map, clear of the locator inset
    main, inset = fig.axes[0], fig.axes[1]
    frame, locator = main.get_window_extent(renderer), inset.get_window_extent(renderer)
    for name, box in shown:
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, name
        assert not box.overlaps(locator), name


@pytest.mark.parametrize("cid", MAPPED)
def test_map_is_framed_on_the_directive_and_has_a_locator(pages, cid):
    doc, figs = pages
    main, inset = figs[cid].axes[0], figs[cid].axes[1]
    x0, x1 = main.get_xlim()
    y0, y1 = main.get_ylim()
    ex0, ex1, ey0, ey1 = handout_maps._extent(doc.layers_for(cid)[0])
    assert x0 <= ex0 and ex1 <= x1 and y0 <= ey0 and ey1 <= y1  # the main shape is all on the map
    (s, w), (n, e) = handout_maps.BOUNDS
    wx0, wy0 = handout_maps.merc(w, s)
    wx1, wy1 = handout_maps.merc(e, n)
    if cid not in ("C4", "S"):  # these two span most of the region
        assert (x1 - x0) * (y1 - y0) < 0.5 * (wx1 - wx0) * (wy1 - wy0)
    assert inset.get_xlim() == (wx0, wx1) and inset.get_ylim() == (wy0, wy1)
    boxes = [p for p in inset.patches if type(p).__name__ == "Rectangle" and not p.get_fill()]
    assert len(boxes) == 1 and boxes[0].get_x() == pytest.approx(x0) and boxes[0].get_width() == pytest.approx(x1 - x0)
    assert inset.get_position().width < 0.35 * main.get_position().width
