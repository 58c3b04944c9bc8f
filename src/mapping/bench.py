"""`python -m mapping bench`: speed measured against a baseline served in the same run.

Absolute times on a shared 2-core machine are noise, so every number that matters is a
ratio to a bare Streamlit page with one empty st_folium map, measured alternately with
the app in one run, with the network blocked.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .paths import ROOT, STATIC

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
FIRST_MAP_BAR = 1.3  # DESIGN.md: time to a visible map <= 1.3x the bare page


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    proc: subprocess.Popen

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def serve(script: Path, cwd: Path) -> Server:
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.enableStaticServing",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1):
                return Server(url, proc)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"{script.name} did not start")


def _block_outside(page, leaked: list[str]) -> None:  # noqa: ANN001
    def guard(route, request):  # noqa: ANN001
        host = request.url.split("/")[2].split(":")[0] if "://" in request.url else ""
        if request.url.startswith(("data:", "blob:", "file:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            leaked.append(request.url)
            route.abort()

    page.route("**/*", guard)


def time_to_map(browser, url: str, min_paths: int, leaked: list[str]) -> float:  # noqa: ANN001
    """Seconds from navigation to a Leaflet map with at least `min_paths` vector paths (0: just the map)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    _block_outside(page, leaked)
    start = time.perf_counter()
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-map-pane").wait_for(state="attached", timeout=60_000)
    if min_paths:
        frame.locator(f".leaflet-overlay-pane path >> nth={min_paths - 1}").wait_for(state="attached", timeout=60_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def first_map(rounds: int) -> dict:
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="bench-bare-") as tmp:
        bare_dir = Path(tmp)
        shutil.copy(Path(__file__).parent / "benchapps" / "bare_app.py", bare_dir / "bare_app.py")
        (bare_dir / "static").symlink_to(STATIC)
        app, bare = serve(ROOT / "app.py", ROOT), serve(bare_dir / "bare_app.py", bare_dir)
        leaked: list[str] = []
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                time_to_map(browser, app.url, 20, leaked)  # warm both servers' caches once
                time_to_map(browser, bare.url, 0, leaked)
                app_t, bare_t = [], []
                for _ in range(rounds):  # alternate so drift on the machine hits both equally
                    app_t.append(time_to_map(browser, app.url, 20, leaked))
                    bare_t.append(time_to_map(browser, bare.url, 0, leaked))
                browser.close()
        finally:
            app.stop()
            bare.stop()
    a, b = statistics.median(app_t), statistics.median(bare_t)
    return {"app_s": a, "bare_s": b, "ratio": a / b, "rounds": rounds, "leaked": leaked}


def main(quick: bool = False) -> int:
    rounds = 2 if quick else 7
    r = first_map(rounds)
    ok = r["ratio"] <= FIRST_MAP_BAR and not r["leaked"]
    rows = [
        ("time to first map, app (median)", f"{r['app_s']:.2f} s", ""),
        ("time to first map, bare st_folium page (median)", f"{r['bare_s']:.2f} s", ""),
        ("ratio app / bare", f"{r['ratio']:.2f}", f"<= {FIRST_MAP_BAR}"),
        ("requests that left the machine", str(len(r["leaked"])), "0"),
    ]
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure'.ljust(width)}  {'value':>8}  bar")
    for name, value, bar in rows:
        print(f"{name.ljust(width)}  {value:>8}  {bar}")
    print(
        f"bench: {'PASS' if ok else 'FAIL'} first-map ratio {r['ratio']:.2f} (bar {FIRST_MAP_BAR}), "
        f"{rounds} rounds, {len(r['leaked'])} external requests"
    )
    return 0 if ok else 1
