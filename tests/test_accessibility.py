"""WCAG 2.1 A and AA, checked by axe-core in Debian's Chromium over every view of the app and the export.

axe-core comes from npm, pinned in package-lock.json (`./dev test` installs it). Each view is
opened, allowed to settle, and scanned with the WCAG 2.0/2.1 A and AA rules; a test fails on any
violation and prints each one's rule, impact, help and first targets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mapping.state import LAST_STEP
from tests.settle import at_rest

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Nothing is excluded: every view passes all of these rules, Streamlit's own page included
# (its caption grey, the one failure in its chrome, is not used: captions are the app's own markup).
RUN_AXE = """async (tags) => {
    const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
    const result = await axe.run(document, options);
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
        summary: v.nodes.slice(0, 2).map(n => n.failureSummary),
    }));
}"""


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: ./dev test installs it (npm ci)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, TAGS)


def report(view: str, violations: list[dict]) -> str:
    lines = [f"{view}: {len(violations)} violation(s), {sum(v['nodes'] for v in violations)} element(s)"]
    for v in violations:
        lines.append(f"  {v['id']} ({v['impact']}, {v['nodes']} element(s)): {v['help']}")
        lines.extend(f"      {t}" for t in v["targets"])
        lines.extend(f"      > {' / '.join(s.splitlines()[1:3])}" for s in v["summary"] if s)
    return "\n".join(lines)


def check(page, view: str) -> None:
    violations = axe_violations(page)
    print(report(view, violations))
    assert violations == [], report(view, violations)


def settle(page) -> None:
    """The map drawn, its data loaded, and Streamlit idle (no script running, nothing stale)."""
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]') && !document.querySelector('[data-stale=true]')",
        timeout=20_000,
    )
    at_rest(page)  # transitions (the dialog's fade, the progress bar) end


def open_app(page, url: str):
    page.goto(url)
    settle(page)
    return page


def test_explore(offline_page, app_url):
    page = open_app(offline_page, app_url)
    check(page, "explore")
    # what opens inside the map is checked too: the layer list and the legend
    page.locator(".leaflet-control-layers-toggle").press("Enter")
    page.locator(".tm-legend-toggle").press("Enter")
    page.locator(".tm-legend-body li").first.wait_for()
    page.locator(".leaflet-control-layers-overlays input").first.wait_for()
    check(page, "explore, layer list and legend open")
    assert offline_page.leaked == []


def test_the_page_can_be_zoomed_and_reserves_its_images(offline_page, app_url):
    page = open_app(offline_page, app_url)
    assert page.evaluate("() => document.documentElement.lang") == "en" and page.title()
    viewport = page.evaluate("() => [...document.querySelectorAll('meta[name=viewport]')].map(m => m.content)")
    assert viewport and not any("user-scalable=no" in v or "maximum-scale" in v for v in viewport), viewport
    # every image has its size before it loads (attributes or Leaflet's inline size): nothing shifts
    unsized = page.evaluate(
        "() => [...document.querySelectorAll('img')].filter(i => !("
        "(i.getAttribute('width') && i.getAttribute('height')) || (i.style.width && i.style.height)"
        ")).map(i => i.outerHTML.slice(0, 120))"
    )
    assert unsized == []


def test_hostile_feature_values_are_ignored(offline_page, app_url):
    page = offline_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_app(page, app_url + "/?feature=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    page.wait_for_function("() => !location.search.includes('feature')", timeout=20_000)  # the value dropped
    at_rest(page)
    assert dialogs == [] and page.locator("img[src='x']").count() == 0
    assert page.locator(".tm-details").count() == 0 and "feature" not in page.url
    open_app(page, app_url + "/?feature=c5-evacuation-zone-nonexistent&clause=C2")
    assert page.locator(".tm-details").count() == 0 and "feature" not in page.url and "clause=C2" in page.url


def test_a_clause_selected(offline_page, app_url):
    page = open_app(offline_page, app_url + "/?clause=C3")
    page.locator("path.clause-C3.selected").first.wait_for(state="attached", timeout=20_000)
    check(page, "clause C3 selected")


def test_a_features_details_open(offline_page, app_url):
    page = open_app(offline_page, app_url)
    page.set_viewport_size({"width": 1280, "height": 720})
    shape = page.locator("path.layer-c2-border-mountains.band-core").first
    shape.scroll_into_view_if_needed()
    box = shape.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.locator(".tm-details:visible").wait_for(timeout=20_000)
    settle(page)
    check(page, "feature details")


@pytest.mark.parametrize("step", range(LAST_STEP + 1))
def test_every_present_step(offline_page, app_url, step):
    page = open_app(offline_page, f"{app_url}/?mode=present&step={step}")
    check(page, f"present step {step}")


@pytest.mark.parametrize("key", ["about", "feature-list", "offline"])
def test_each_dialog(offline_page, app_url, key):
    page = open_app(offline_page, app_url)
    page.locator(f".st-key-{key} button").click()
    page.locator("[role=dialog]").wait_for(timeout=20_000)
    settle(page)
    check(page, f"dialog {key}")


def test_the_export_from_file(file_page, export_file):
    page = file_page
    page.goto(export_file.as_uri())
    page.locator("path.tm-feature").first.wait_for(state="attached", timeout=20_000)
    at_rest(page)
    check(page, "export (file://)")
    assert page.evaluate("() => document.documentElement.lang") == "en" and page.title()
    assert "user-scalable" not in page.evaluate("() => document.querySelector('meta[name=viewport]').content")
    # a directive chosen from the keyboard: it says it is pressed, and its shape's details open from the map
    clause = page.locator("button[data-clause='C3']")
    clause.focus()
    page.keyboard.press("Enter")
    assert clause.get_attribute("aria-pressed") == "true"
    assert page.locator("button[data-clause][aria-pressed='true']").count() == 1
    page.locator("path.clause-C3.selected").first.dispatch_event("click")
    page.locator("#tm-details .tm-details").wait_for()
    check(page, "export (file://), C3 and a feature's details")
    assert page.leaked == []
