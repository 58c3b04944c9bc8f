"""Explore and present modes in a real browser (Debian's Chromium), network blocked except localhost."""

from __future__ import annotations

import re

from conftest import screenshot

from tests.settle import at_rest

HIGHLIGHT = "rgb(255, 240, 166)"  # the selected clause's background


def open_app(page, url: str):
    """Open the app and wait for the map: it is part of the page itself (a components-v2 component, no iframe)."""
    page.goto(url)
    page.locator(".leaflet-overlay-pane path.tm-feature >> nth=5").wait_for(state="attached", timeout=60_000)
    assert page.locator("iframe").count() == 0
    return page


def selected_clauses(frame) -> set[str]:
    classes = frame.locator("path.selected").evaluate_all("els => els.map(e => e.getAttribute('class'))")
    return {m for c in classes for m in re.findall(r"clause-(\w+)", c)}


def wait_selected(frame, clause: str) -> None:
    frame.locator(f"path.clause-{clause}.selected").first.wait_for(state="attached", timeout=20_000)


def clause_background(page, clause: str) -> str:
    return page.locator(f"button[data-clause='{clause}']").first.evaluate("e => getComputedStyle(e).backgroundColor")


def test_deep_link_highlights_the_right_paths(offline_page, app_url):
    frame = open_app(offline_page, app_url + "/?clause=C2")
    wait_selected(frame, "C2")
    assert selected_clauses(frame) == {"C2"}
    assert clause_background(offline_page, "C2") == HIGHLIGHT
    assert offline_page.leaked == []


def test_clicking_a_clause_highlights_its_paths_and_drops_the_old_ones(offline_page, app_url):
    page = offline_page
    frame = open_app(page, app_url + "/?clause=C2")
    wait_selected(frame, "C2")
    page.locator("button[data-clause='C5']").first.click()
    wait_selected(frame, "C5")
    page.wait_for_function("() => location.search.includes('clause=C5')")
    assert selected_clauses(frame) == {"C5"}
    assert frame.locator("path.clause-C5.selected").count() >= 2  # the zone and its places
    assert clause_background(page, "C5") == HIGHLIGHT and clause_background(page, "C2") != HIGHLIGHT
    screenshot(page, "explore.png")
    assert page.leaked == []


def test_clicking_a_feature_highlights_its_clause_and_opens_its_details(offline_page, app_url):
    page = offline_page
    frame = open_app(page, app_url)
    # real pointer events at the shape's pixel, at a projector's size: the first click must land
    page.set_viewport_size({"width": 1280, "height": 720})
    shape = frame.locator("path.layer-c2-border-mountains.band-core").first
    shape.scroll_into_view_if_needed()
    core = shape.get_attribute("data-tm-id")
    # a pixel where the core band itself is on top (its box's centre may lie in the possible band)
    x, y = page.evaluate(
        """(id) => {
            const el = document.querySelector(`path[data-tm-id="${id}"]`), b = el.getBoundingClientRect();
            for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
                const x = b.left + b.width * i / 20, y = b.top + b.height * j / 20;
                if (y > 0 && y < innerHeight && document.elementFromPoint(x, y) === el) return [x, y];
            }
            return [null, null];
        }""",
        core,
    )
    assert x is not None, "no pixel of the core band is on top"
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).getAttribute('data-tm-id')", [x, y])
    assert hit == core, hit
    scroll = page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollTop || 0")
    page.mouse.move(x, y)
    page.mouse.down()
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollTop || 0") == scroll  # no jump
    page.mouse.up()
    # the copy on screen: beside the map under the clause's words (a phone's is under the map, hidden here)
    details = page.locator(f".tm-details[data-feature='{hit}']:visible")
    details.wait_for(timeout=20_000)
    page.wait_for_function(  # brought into view within the text's column: the map did not move
        "() => { const r = document.querySelector('.tm-details-beside .tm-details').getBoundingClientRect();"
        " return r.top >= 0 && r.top < innerHeight - 100; }", timeout=10_000)  # fmt: skip
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]')?.scrollTop || 0") == scroll
    text = details.inner_text()
    # a reader's questions first: what the words say, the reading, how sure, the sources
    for part in ("mountainous regions along the Chinese border", "Interpretation", "Certainty", "less-certain",
                 "Sources", "area km2"):  # fmt: skip
        assert part in text, part
    assert text.index("Interpretation") < text.index("Sources") < text.index("How this shape was made")
    assert "min_elevation_m" not in text  # the method's parameters are folded
    details.get_by_text("How this shape was made").click()
    assert "Method" in details.inner_text() and "min_elevation_m" in details.inner_text()
    wait_selected(frame, "C2")
    assert clause_background(page, "C2") == HIGHLIGHT
    assert page.leaked == []


def test_arrow_keys_step_through_all_seven_directives_without_reloading_the_map(offline_page, app_url):
    page = offline_page
    frame = open_app(page, app_url + "/?mode=present&step=0")
    page.evaluate("() => { document.querySelector('.folium-map').__probe = 'same map'; }")
    # a teacher switched one layer off before class: it must stay off through every step
    frame.locator(".leaflet-control-layers").hover()
    frame.get_by_label(re.compile("C2: no further")).uncheck()
    assert frame.locator("path.layer-c2-border-mountains").count() == 0
    # a click into the map first, with a real mouse: the clicker must keep working after it
    box = page.locator(".folium-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.9)
    for n, clause in enumerate(["F2", "C1", "C2", "C3", "C3", "C4", "C5", "S"], start=1):  # C3 twice: zone, partisans
        page.keyboard.press("ArrowRight")
        if clause != "C2":
            wait_selected(frame, clause)
        page.wait_for_function(f"() => location.search.includes('step={n}')")
        page.locator(f".tm-present-quote[data-clause='{clause}']").wait_for(timeout=20_000)
        # C2's only directive layer stays switched off: its step shows the quote and nothing selected
        assert selected_clauses(frame) == (set() if clause == "C2" else {clause}), clause
        assert frame.locator("path.layer-c2-border-mountains").count() == 0
        if clause == "C3":
            screenshot(page, "present.png")
    page.keyboard.press("ArrowLeft")
    wait_selected(frame, "C5")
    page.keyboard.press("PageDown")
    wait_selected(frame, "S")
    # the mouse: Previous steps the text and the map (the map in the browser, the text by a fragment rerun)
    page.locator(".st-key-prev button").click()
    wait_selected(frame, "C5")
    page.locator(".tm-present-quote[data-clause='C5']").wait_for(timeout=20_000)
    page.wait_for_function("() => location.search.includes('step=7')")
    assert selected_clauses(frame) == {"C5"}
    assert page.evaluate("() => document.querySelector('.folium-map').__probe") == "same map"  # never reloaded
    assert frame.locator("path.layer-c2-border-mountains").count() == 0  # toggle kept
    assert page.leaked == []


def test_layer_toggles_and_all_none(offline_page, app_url):
    page = offline_page
    frame = open_app(page, app_url)
    c5 = frame.locator("path.layer-c5-evacuation")
    assert c5.count() > 0
    frame.locator(".leaflet-control-layers").hover()
    box = frame.get_by_label(re.compile("C5: evacuate"))
    box.uncheck()
    assert c5.count() == 0
    box.check()
    assert c5.count() > 0
    frame.locator(".tm-allnone-none").click()
    assert frame.locator("path.tm-feature").count() == 0
    frame.locator(".tm-allnone-all").click()
    assert frame.locator("path.kind-context").count() > 0 and c5.count() > 0
    assert page.leaked == []


def test_the_date_control_shows_what_had_happened_by_each_date(offline_page, app_url):
    """The browser's rule is timeline.active_on: a feature shows from its start to its end date, both included."""
    from mapping.document.load import load_document
    from mapping.document.timeline import active_on, load
    from mapping.paths import LAYERS

    doc = load_document(LAYERS)
    dated = {
        f["properties"]["id"]: f["properties"].get("when")
        for ly in doc.layers
        if ly.meta["kind"] == "context"
        for f in ly.features
    }
    page = offline_page
    frame = open_app(page, app_url)
    frame.locator("path.kind-context").first.wait_for(state="attached", timeout=20_000)
    # at first the box is small (what happened is folded away) and covers little of Manchuria
    box = frame.locator(".tm-datebox").bounding_box()
    assert box["height"] <= 40 and box["width"] <= 420, box  # one line beside the zoom
    assert not frame.locator("#tm-date-caption").is_visible()
    shown_ids = (
        "() => { const out = []; (window.TM.layers || []).forEach(g => g.eachLayer(l => {"
        " const el = l.getElement();"
        " if (el && l.feature.properties.kind === 'context' && el.style.display !== 'none')"
        " out.push(l.feature.properties.id); })); return out.sort(); }"
    )
    for entry in load(LAYERS / "timeline.json"):
        frame.locator("#tm-date").select_option(entry["date"])
        expected = sorted(fid for fid, when in dated.items() if active_on(when, entry["date"]))
        assert page.evaluate(shown_ids) == expected, entry["date"]
        assert entry["caption"] in frame.locator("#tm-date-caption").inner_text()  # a chosen date opens it
    assert page.leaked == []


def test_hostile_query_string_runs_no_script(offline_page, app_url):
    page = offline_page
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = (
        "clause=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&mode=%3Cscript%3Ealert(2)%3C/script%3E"
        "&step=%3Csvg/onload%3Dalert(3)%3E"
    )
    frame = open_app(page, f"{app_url}/?{hostile}")
    page.wait_for_function("() => !location.search.includes('onerror')", timeout=20_000)  # the values dealt with
    at_rest(page)
    assert dialogs == []
    assert page.locator("img[src='x']").count() == 0 and frame.locator("img[src='x']").count() == 0
    assert frame.locator("path.selected").count() == 0  # nothing selected: the values were ignored
    assert "onerror" not in page.url  # the URL was rewritten to the defaults
    assert page.leaked == []


def test_present_mode_has_a_full_screen_button(offline_page, app_url):
    page = offline_page
    open_app(page, app_url + "/?mode=present&step=2")
    page.locator("#tm-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement !== null", timeout=10_000)
    assert page.leaked == []


def test_the_offline_dialog_downloads_the_one_file_map(offline_page, app_url, tmp_path):
    page = offline_page
    open_app(page, app_url)
    page.locator(".st-key-offline button").click()
    button = page.locator(".st-key-dl-html button")
    button.wait_for(timeout=20_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "map.html"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>") and "window.TM || {}).data = JSON.parse(" in text
    assert 'data-clause="C1"' in text and "TM.apply" in text  # the text, and the map's view state
    assert page.leaked == []


def test_the_legend_opens_in_the_map_and_names_every_layer(offline_page, app_url):
    from mapping.document.load import load_document
    from mapping.paths import LAYERS

    page = offline_page
    frame = open_app(page, app_url + "/?mode=present&step=4")  # the legend is there in present mode too
    body = frame.locator(".tm-legend-body")
    assert body.is_hidden()  # it covers no shapes until asked for
    frame.locator(".tm-legend-toggle").click()
    body.wait_for(state="visible")
    text = body.inner_text()
    for layer in load_document(LAYERS).layers:
        assert layer.meta["title"] in text, layer.id
    for words in ("core band", "possible band", "solid outline", "dashed outline", "Okabe"):
        assert words in text, words
    assert page.leaked == []


def test_switching_modes_keeps_the_same_map_and_leaflet(offline_page, app_url):
    """Explore -> present -> explore with the mode button: the map is never rebuilt, and the scripts
    the header loads early (Leaflet, the data bundle) run once, not again when the header changes."""
    page = offline_page
    frame = open_app(page, app_url)
    page.evaluate("() => { window.L.__tmProbe = 1; document.querySelector('.folium-map').__tmProbe = 1; }")
    for label in ("Present", "Back to exploring"):
        page.locator(".st-key-mode button").click()
        page.wait_for_function(
            f"() => document.querySelector('.st-key-mode button').textContent.includes({label!r}) === false",
            timeout=20_000,
        )
        page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=20_000)
        at_rest(page)
        frame.locator("path.tm-feature").first.wait_for(state="attached", timeout=20_000)
        assert page.evaluate("() => window.L.__tmProbe") == 1, f"Leaflet ran again after {label}"
        assert page.evaluate("() => document.querySelector('.folium-map').__tmProbe") == 1, "the map was rebuilt"
    assert page.leaked == []
