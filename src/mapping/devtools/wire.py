"""Bytes over the wire for a class on one Wi-Fi: a phone's first load of a class (the page, Join, the map to
draw on), straight from Streamlit and through the --lan set-up's nginx (classroom/proxy.py), and thirty such
first loads at once, timed.

One load is measured in Chromium (the encoded bytes of every response, from the DevTools protocol). Thirty at
once replay that load's requests from thirty threads, each asking for gzip as a phone's browser does: the
server and nginx do the work thirty phones would cause, without thirty browsers competing for 2 cores.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from ..paths import ROOT
from .localserver import CHROMIUM, CHROMIUM_ARGS, serve, serve_proxied

PHONE_BAR = 1_500_000  # bytes: a phone's first load through the class set-up (#23)


def first_load(browser, url: str) -> tuple[int, list[str]]:
    """A student's first load in a fresh phone-sized context: the bytes as sent, and the URLs fetched."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls: dict[str, str] = {}
    sizes: dict[str, float] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url)
    page.get_by_role("button", name="Join the class").tap(timeout=60_000)
    page.locator(".tm-class-map .leaflet-overlay-pane path").first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(1500)
    context.close()
    fetched = [u for k, u in urls.items() if k in sizes and u.startswith("http") and "/_stcore/stream" not in u]
    return int(sum(sizes.values())), fetched


def at_once(urls: list[str], n: int) -> dict:
    """`n` clients fetching `urls` at the same moment, asking for gzip: total bytes received and the time
    until the last client has everything."""
    received = [0] * n
    errors: list[str] = []
    start = threading.Barrier(n + 1)

    def client(i: int) -> None:
        start.wait()
        for url in urls:
            try:
                req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(req, timeout=60) as r:
                    received[i] += len(r.read())
            except OSError as exc:
                errors.append(f"{url}: {exc}")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    start.wait()
    began = time.monotonic()
    for t in threads:
        t.join()
    return {"bytes": sum(received), "seconds": time.monotonic() - began, "errors": errors}


def measure(n: int = 30) -> dict:
    """One phone's first load and `n` at once, straight and through nginx."""
    from playwright.sync_api import sync_playwright

    from ..classroom.store import Store

    data = Path(tempfile.mkdtemp(prefix="bench-wire-"))
    run = Path(tempfile.mkdtemp(prefix="bench-nginx-", dir="/var/tmp"))  # nginx's workers must reach it
    store = Store(f"sqlite:///{data / 'classes.sqlite'}")
    code = store.open_class("C2").code
    store.engine.dispose()
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(data)}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    direct = serve(ROOT / "server.py", ROOT, env)
    proxied = serve_proxied(ROOT / "server.py", ROOT, run, env)
    out: dict = {"n": n}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, server in (("direct", direct), ("nginx", proxied)):
                one, urls = first_load(browser, f"{server.url}/?class={code}")
                out[name] = {"one": one, "at_once": at_once(urls, n)}
            browser.close()
    finally:
        proxied.stop()
        direct.stop()
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(run, ignore_errors=True)
    return out
