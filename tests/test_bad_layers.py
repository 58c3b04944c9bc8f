"""A broken layer file in layers/: the app names it in a banner and draws everything else.

The same malformed files as the validator's tests, each dropped into a copy of layers/ that
the app is pointed at. Nothing the app reads is ever written.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from test_validate import CASES

from mapping.devtools.localserver import serve
from tests.settle import at_rest

ROOT = Path(__file__).resolve().parents[1]
BROKEN = "c5-evacuation.geojson"  # the file each case replaces


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def layers_copy(tmp_path, monkeypatch):
    copy = tmp_path / "layers"
    shutil.copytree(ROOT / "layers", copy)
    monkeypatch.setenv("TELEGRAM_MAP_LAYERS", str(copy))
    return copy


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_layer_is_named_and_the_rest_still_draws(case, layers_copy):
    content, expected = CASES[case]
    target = layers_copy / BROKEN
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    before = digest(layers_copy)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["clause"] = "C2"
    at.run()
    assert not at.exception
    banners = " ".join(e.value for e in at.error)
    assert f"layers/{BROKEN}" in banners and expected in banners, banners
    assert "Traceback" not in banners
    maps = [e for e in _walk(at._tree) if getattr(getattr(e, "proto", None), "component_name", "") == "telegram_map"]
    args = json.loads(maps[0].proto.json)
    map_script = (ROOT / "static" / args["script_url"].removeprefix("/app/static/")).read_text(encoding="utf-8")
    bundle = re.search(r"/app/static/cache/tm-data-[0-9a-f]+\.js", map_script).group(0)  # render.DataScript
    script = (ROOT / "static" / bundle.removeprefix("/app/static/")).read_text(encoding="utf-8")
    prefix = "(window.TM = window.TM || {}).data = JSON.parse("  # render.bundle_script
    assert script.startswith(prefix)
    data = json.loads(json.loads(script[len(prefix) : script.rindex(")")]))
    assert "layer-c2-border-mountains" in data and "layer-c1-border" in data  # the others still draw
    assert "layer-c5-evacuation" not in data  # the broken one is left out
    assert args["state"]["clause"] == "C2"  # and the app still selects among them
    assert digest(layers_copy) == before  # nothing was written


HOSTILE = "<img src=x onerror=alert(1)>"


def test_hostile_properties_show_as_text_and_run_nothing(tmp_path, browser):
    copy = tmp_path / "layers"
    shutil.copytree(ROOT / "layers", copy)
    doc = json.loads((copy / BROKEN).read_text(encoding="utf-8"))
    doc["layer"]["title"] = f"C5 {HOSTILE}"
    doc["features"][1]["properties"]["title"] = HOSTILE  # the Pyongyang point
    doc["features"][1]["properties"]["summary"] = f"<script>alert(2)</script>{HOSTILE}"
    (copy / BROKEN).write_text(json.dumps(doc), encoding="utf-8")
    env = {**os.environ, "TELEGRAM_MAP_LAYERS": str(copy)}
    proc = serve(ROOT / "server.py", ROOT, env)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{proc.url}/?clause=C5")
        frame = page  # the map is part of the page (no iframe)
        frame.locator("path.clause-C5.selected").first.wait_for(state="attached", timeout=60_000)
        point = frame.locator("path.layer-c5-evacuation.selected.cert-certain").first  # the Pyongyang point
        point.dispatch_event("mouseover")  # its hover label is set as text
        frame.locator(".leaflet-tooltip", has_text=HOSTILE).wait_for(timeout=10_000)
        point.dispatch_event("click")
        details = page.locator(".tm-details:visible")  # the copy beside the words (a phone's is under the map)
        details.wait_for(timeout=20_000)
        assert HOSTILE in details.inner_text()  # shown as text
        page.locator(".st-key-feature-list button").click()  # the list opens in a dialog
        in_dialog = page.locator("[data-testid=stDialog] .tm-feature-list")  # the page has its own list too
        in_dialog.wait_for(timeout=20_000)
        assert HOSTILE in in_dialog.inner_text()
        at_rest(page)  # the dialog drawn, and nothing on the page moving
        assert dialogs == []
        assert page.locator("img[src='x']").count() == 0 and frame.locator("img[src='x']").count() == 0
        page.close()
    finally:
        proc.stop()
