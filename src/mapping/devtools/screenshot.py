"""`python -m mapping screenshot OUT.png`: the README's picture of the app, taken in headless Chromium.

It starts the app on a free loopback port, blocks every request that would leave the
machine, waits for the map's vector paths, and saves the page.
"""

from __future__ import annotations

from pathlib import Path

from ..paths import ROOT
from .localserver import CHROMIUM, CHROMIUM_ARGS, block_outside, serve


def take(out: Path, query: str = "", width: int = 1280, height: int = 720) -> list[str]:
    """Save a screenshot of the app at `?query`; return any requests that tried to leave the machine."""
    from playwright.sync_api import sync_playwright

    server = serve(ROOT / "server.py", ROOT)
    leaked: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": width, "height": height})
            block_outside(page, leaked)
            page.goto(server.url + (f"/?{query}" if query else "/"))
            frame = page  # the map is part of the page
            frame.locator(".leaflet-overlay-pane path >> nth=20").wait_for(state="attached", timeout=60_000)
            page.wait_for_timeout(800)  # let labels and the relief image settle
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.stop()
    return leaked
