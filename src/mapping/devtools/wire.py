"""Bytes and time over the wire for a class on one Wi-Fi: a phone's first join of a class (the light page, Join,
the map ready to draw on), straight from the app and through the --lan set-up's nginx (classroom/proxy.py), on
Chromium's own emulation of a cheap phone on a crowded network (DevTools' "Fast 3G" and a 4x slower CPU), and
thirty such first joins at once, timed.

One join is measured in Chromium (the encoded bytes of every response, from the DevTools protocol; the time from
the address opened to the drawing tool ready, Join tapped as soon as it shows). Thirty at once replay that
load's requests from thirty threads, each asking for gzip as a phone's browser does, each its own device: the
server does the work thirty phones would cause, without thirty browsers competing for 2 cores. The server's
memory is read before and after thirty students join and load their class.
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

PHONE_BAR = 400_000  # bytes: a phone's first join, on the wire (#31)
READY_BAR_S = 4.0  # seconds from the join address to the drawing tool, on the emulated phone (#31)
# DevTools' "Fast 3G" (its network presets): bytes per second down and up, and the round trip's latency
FAST_3G = {"offline": False, "downloadThroughput": 1.44e6 / 8 * 0.9, "uploadThroughput": 675e3 / 8 * 0.9,
           "latency": 150 * 3.75}  # fmt: skip
CPU_SLOWDOWN = 4


def first_load(browser, url: str, emulate: bool = False) -> tuple[int, list[str], float]:
    """A student's first join in a fresh phone-sized context (`emulate`: on Fast 3G with a 4x slower CPU): the
    bytes as sent, the URLs fetched, and the seconds from opening the address to the drawing tool ready."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if emulate:
        cdp.send("Network.emulateNetworkConditions", FAST_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    urls: dict[str, str] = {}
    sizes: dict[str, float] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    began = time.monotonic()
    page.goto(url, wait_until="commit")
    page.get_by_role("button", name="Join the class").tap(timeout=120_000)
    page.wait_for_function("() => window.TM && TM.student && TM.student.state.view === 'draw'", timeout=120_000)
    page.locator(".tm-s-map .leaflet-overlay-pane path").first.wait_for(state="attached", timeout=120_000)
    ready = time.monotonic() - began
    page.wait_for_timeout(1500)  # what loads after the tool is ready (the map's places) counts in the bytes
    context.close()
    fetched = [u for k, u in urls.items() if k in sizes and u.startswith("http") and "/api/" not in u]
    return int(sum(sizes.values())), fetched, ready


def rss(pid: int) -> int:
    """A process's resident memory, in bytes (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def joined(url: str, code: str, n: int) -> list[str]:
    """`n` students joining the class through its API, each from a device of its own, and loading their class."""
    import json

    tokens = []
    for i in range(n):
        head = {"Origin": url, "Content-Type": "application/json", "X-Real-IP": f"10.8.{i // 250}.{i % 250 + 1}"}
        req = urllib.request.Request(f"{url}/api/class/{code}/join", data=b"{}", headers=head, method="POST")
        with urllib.request.urlopen(req, timeout=60) as r:
            tokens.append(json.loads(r.read())["token"])
        with urllib.request.urlopen(urllib.request.Request(f"{url}/api/class/{code}", headers={
                "X-Student": tokens[-1]}), timeout=60) as r:  # fmt: skip
            r.read()
    return tokens


def at_once(urls: list[str], n: int) -> dict:
    """`n` clients fetching `urls` at the same moment, asking for gzip: total bytes received, the time until the
    last client has everything, and the 95th percentile of the clients' times."""
    received = [0] * n
    took = [0.0] * n
    errors: list[str] = []
    start = threading.Barrier(n + 1)

    def client(i: int) -> None:
        start.wait()
        began = time.monotonic()
        for url in urls:
            try:
                req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", "X-Real-IP": f"10.7.0.{i + 1}"})
                with urllib.request.urlopen(req, timeout=60) as r:
                    received[i] += len(r.read())
            except OSError as exc:
                errors.append(f"{url}: {exc}")
        took[i] = time.monotonic() - began

    threads = [threading.Thread(target=client, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    start.wait()
    began = time.monotonic()
    for t in threads:
        t.join()
    p95 = sorted(took)[max(0, round(0.95 * n) - 1)]
    return {"bytes": sum(received), "seconds": time.monotonic() - began, "p95": p95, "errors": errors}


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
                one, urls, _ = first_load(browser, f"{server.url}/join/{code}")
                out[name] = {"one": one, "at_once": at_once(urls, n)}
            # the cheap phone, straight from the app (no proxy): the median of three joins
            runs = [first_load(browser, f"{direct.url}/join/{code}", emulate=True) for _ in range(3)]
            out["phone"] = {"bytes": sorted(r[0] for r in runs)[1], "ready": sorted(r[2] for r in runs)[1]}
            browser.close()
        before = rss(direct.proc.pid)
        joined(direct.url, code, n)
        out["memory_per_student"] = max(0, rss(direct.proc.pid) - before) / n
    finally:
        proxied.stop()
        direct.stop()
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(run, ignore_errors=True)
    return out
