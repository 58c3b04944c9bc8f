"""The app with the keyboard alone, in Debian's Chromium (network blocked except localhost).

Only page.keyboard drives these tests; the one exception is the click into the map before present
mode is stepped, which checks that keys still step it after a mouse user has clicked the map.
Every element that takes focus on the way must be visible: a box of its own, inside the window.
"""

from __future__ import annotations

import re

from mapping.document.clauses import MAPPED
from mapping.document.load import load_document
from mapping.paths import LAYERS
from mapping.state import LAST_STEP, STEPS, clause_of
from tests.settle import at_rest

MAX_TABS_TO_LAYERS = 13  # 10 before the date moved beside the zoom and All/None into the layer list (#32)

FOCUSED = """() => {
    const e = document.activeElement;
    if (!e || e === document.body) { return null; }
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    const key = e.closest('[class*="st-key-"]');
    return {
        tag: e.tagName.toLowerCase(),
        cls: typeof e.className === 'string' ? e.className : (e.getAttribute('class') || ''),
        key: key ? (/st-key-([\\w-]+)/.exec(key.className) || [])[1] : null,
        clause: e.getAttribute('data-clause'),
        name: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 60),
        svg: e instanceof SVGElement,
        w: r.width, h: r.height, x: r.x, y: r.y,
        inView: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        hidden: s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0,
    };
}"""


def focused(page) -> dict:
    """What has focus; it must be visible. A shape's box may be flat (a line along a parallel) but not a point."""
    f = page.evaluate(FOCUSED)
    assert f is not None, "focus was lost to the page's body"
    assert not f["hidden"], f
    assert f["inView"], f
    if f["svg"]:
        assert f["w"] > 0 or f["h"] > 0, f
    else:
        assert f["w"] > 0 and f["h"] > 0, f
    return f


def tab_until(page, want, limit: int = 40) -> int:
    """Press Tab until `want(focused)` holds; return how many presses it took."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if want(focused(page)):
            return n
    raise AssertionError(f"not reached in {limit} Tabs")


def open_app(page, url: str):
    page.goto(url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=20_000)
    at_rest(page)
    return page


def selected_clauses(page) -> set[str]:
    classes = page.locator("path.selected").evaluate_all("els => els.map(e => e.getAttribute('class'))")
    return {m for c in classes for m in re.findall(r"clause-(\w+)", c)}


def test_tabs_to_the_layer_toggles_and_one_switched_off(offline_page, app_url):
    page = open_app(offline_page, app_url)
    tabs = tab_until(page, lambda f: "tm-skip" in f["cls"])
    page.keyboard.press("Enter")  # the skip link: past the title and the text, onto the map
    assert "folium-map" in focused(page)["cls"]
    tabs += tab_until(page, lambda f: "leaflet-control-layers-toggle" in f["cls"])
    page.keyboard.press("Enter")  # opens the list of layers
    tabs += tab_until(page, lambda f: f["tag"] == "input" and "leaflet-control-layers-selector" in f["cls"])
    print(f"Tabs from the top of the page to the first layer toggle: {tabs} (and Enter twice)")
    assert tabs <= MAX_TABS_TO_LAYERS, tabs
    # on to the first of the telegram's layers (the relief comes first): Space switches it off and on
    titles = [ly.meta["title"] for ly in load_document(LAYERS).layers]
    label = "() => document.activeElement.closest('label').textContent.trim()"
    tab_until(page, lambda f: any(t in page.evaluate(label) for t in titles), limit=5)
    layer = next(ly for ly in load_document(LAYERS).layers if ly.meta["title"] in page.evaluate(label))
    shapes = page.locator(f"path.layer-{layer.id}")
    before = shapes.count()
    assert before > 0
    page.keyboard.press("Space")
    page.wait_for_function(f"() => !document.querySelector('path.layer-{layer.id}')")
    assert page.evaluate("() => document.activeElement.checked") is False
    page.keyboard.press("Space")
    page.wait_for_function(f"() => document.querySelectorAll('path.layer-{layer.id}').length === {before}")
    assert offline_page.leaked == []


def test_a_skip_link_leads_past_the_map_to_the_telegrams_words(offline_page, app_url):
    page = open_app(offline_page, app_url)
    tabs = tab_until(page, lambda f: "tm-skip" in f["cls"] and "text" in f["name"])
    page.keyboard.press("Enter")
    first = focused(page)
    assert first["tag"] == "button" and first["clause"] == MAPPED[0], first  # the first clause of the text
    print(f"Tabs from the top of the page to the telegram's first clause: {tabs} (and Enter)")
    assert tabs <= MAX_TABS_TO_LAYERS, tabs
    page.keyboard.press("Enter")
    page.locator(f"path.clause-{MAPPED[0]}.selected").first.wait_for(state="attached", timeout=20_000)
    assert offline_page.leaked == []


def test_each_clause_is_selected_from_the_keyboard(offline_page, app_url):
    page = open_app(offline_page, app_url)
    for n, cid in enumerate(["C1", "C2", "C3", "C4", "C5"]):
        tab_until(page, lambda f, cid=cid: f["tag"] == "button" and f["clause"] == cid)
        page.keyboard.press("Enter" if n % 2 == 0 else "Space")
        page.wait_for_function(f"() => location.search.includes('clause={cid}')", timeout=20_000)
        page.locator(f"path.clause-{cid}.selected").first.wait_for(state="attached", timeout=20_000)
        assert selected_clauses(page) == {cid}
        # the button says it is pressed, and only it; focus stayed on it through the rerun
        page.wait_for_function(
            f"() => document.querySelector('button[data-clause={cid}]').getAttribute('aria-pressed') === 'true'"
        )
        pressed = page.locator("button[data-clause][aria-pressed='true']").count()
        assert pressed == 1
        assert focused(page)["clause"] == cid
    assert offline_page.leaked == []


def test_a_shape_opens_its_details_with_enter_and_they_are_announced(offline_page, app_url):
    page = open_app(offline_page, app_url + "/?clause=C2")
    page.locator("path.clause-C2.selected").first.wait_for(state="attached", timeout=20_000)
    tab_until(page, lambda f: "tm-skip" in f["cls"])
    page.keyboard.press("Enter")
    shape = tab_until(page, lambda f: f["svg"] and "tm-feature" in f["cls"], limit=3)
    assert shape == 1  # the shapes are the first stop in the map: the selected clause's first shape
    first = focused(page)
    assert "clause-C2" in first["cls"] and first["name"].endswith("less-certain)"), first
    page.keyboard.press("ArrowDown")  # the next shape (roving: one tab stop for all)
    page.keyboard.press("ArrowUp")
    fid = page.evaluate("() => document.activeElement.getAttribute('data-tm-id')")
    page.keyboard.press("Enter")
    details = page.locator(f".tm-details[data-feature='{fid}']:visible")
    details.wait_for(timeout=20_000)
    text = details.inner_text()
    for part in ("Interpretation", "How this shape was made", "Certainty", "Sources"):
        assert part in text, part
    assert details.locator("blockquote").count() >= 1  # the telegram's words
    title = details.locator("h3").inner_text()
    live = page.locator("#tm-live")
    assert live.get_attribute("aria-live") == "polite"
    page.wait_for_function("t => document.getElementById('tm-live').textContent.includes(t)", arg=title, timeout=10_000)
    assert page.evaluate("() => document.activeElement.getAttribute('data-tm-id')") == fid  # focus kept
    assert offline_page.leaked == []


def test_the_text_list_under_the_map_opens_the_same_details(offline_page, app_url):
    page = open_app(offline_page, app_url)
    page.evaluate("() => { document.querySelector('.folium-map').__probe = 'same map'; }")
    link = page.locator(".tm-feature-list a[data-tm-feature^='c5-']").first
    fid = link.get_attribute("data-tm-feature")
    link.focus()  # the keyboard's way in (the list is far down the page): focus, then Enter
    focused(page)
    page.keyboard.press("Enter")
    page.locator(f".tm-details[data-feature='{fid}']:visible").wait_for(timeout=20_000)
    page.locator("path.clause-C5.selected").first.wait_for(state="attached", timeout=20_000)
    page.wait_for_function(f"() => location.search.includes('feature={fid}')")
    assert page.evaluate("() => document.querySelector('.folium-map').__probe") == "same map"  # no reload
    assert offline_page.leaked == []


def test_present_mode_steps_with_the_keys_after_a_click_into_the_map(offline_page, app_url):
    page = open_app(offline_page, app_url + "/?mode=present&step=0")
    page.evaluate("() => { document.querySelector('.folium-map').__probe = 'same map'; }")
    box = page.locator(".folium-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.9)  # the one mouse event
    doc = load_document(LAYERS)

    def at_step(n: int) -> None:
        page.wait_for_function(f"() => location.search.includes('step={n}')", timeout=20_000)
        clause = clause_of(STEPS[n])
        if clause:
            quote = page.locator(f".tm-present-quote[data-step='{STEPS[n]}']")
            quote.wait_for(timeout=20_000)
            assert quote.inner_text().strip() == doc.clause(clause)["text"].strip()
            page.locator(f"path.clause-{clause}.selected").first.wait_for(state="attached", timeout=20_000)
            assert selected_clauses(page) == {clause}, n
        else:
            page.wait_for_function("() => !document.querySelector('.tm-present-quote')", timeout=20_000)
            assert selected_clauses(page) == set(), n

    keys = ["ArrowRight", "PageDown"]
    for n in range(1, LAST_STEP + 1):
        page.keyboard.press(keys[n % 2])
        at_step(n)
    keys = ["ArrowLeft", "PageUp"]
    for n in range(LAST_STEP - 1, -1, -1):
        page.keyboard.press(keys[n % 2])
        at_step(n)
    assert page.evaluate("() => document.querySelector('.folium-map').__probe") == "same map"
    assert set(MAPPED) <= {clause_of(s) for s in STEPS}
    assert offline_page.leaked == []
