"""`python -m mapping site OUTDIR`: a landing page, the map, the handout and the open data, served by a plain
static server on 127.0.0.1 and opened in Chromium with every request leaving the machine recorded."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from test_export_html5 import VNU, show, vnu_messages

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mapping", *args], cwd=ROOT, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    r = cli("site", str(out))
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def served(site):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=1).close()  # our own loopback server
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_site_files(site):
    names = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert {"index.html", "map.html", "handout.pdf", "data/README.md", "data/LICENSE", "data/sources.json"} <= names
    assert "data/telegram-map.lpf.json" in names and "data/places.geojson" in names
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.startswith("<!DOCTYPE html>") and '<html lang="en">' in index and "<title>" in index
    for name in names - {"index.html"}:
        assert f'href="{name}"' in index or name.startswith("data/") and name.endswith(".geojson"), name
    assert "http://" not in index and "https://" not in index  # nothing to fetch from outside


def test_site_refuses_to_overwrite(site):
    before = (site / "index.html").read_bytes()
    r = cli("site", str(site))
    assert r.returncode == 2 and "--force" in r.stderr and "Traceback" not in r.stderr
    assert (site / "index.html").read_bytes() == before


def test_landing_page_is_valid_html5(site):
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: ./dev test installs it")
    messages = vnu_messages(site / "index.html")
    errors = [m for m in messages if m["type"] in ("error", "non-document-error")]
    assert not errors, show(messages)


def test_every_page_offline_and_the_map_draws(served, offline_page):
    page = offline_page
    page.goto(served + "index.html")
    assert page.title() and page.locator("html").get_attribute("lang") == "en"
    hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "map.html" in hrefs and "handout.pdf" in hrefs and "data/README.md" in hrefs
    for href in hrefs:  # every link resolves on the server
        with urllib.request.urlopen(served + href, timeout=10) as resp:
            assert resp.status == 200, href
    page.click("a.open")
    page.wait_for_url("**/map.html")
    page.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=30000)
    assert page.locator("path.leaflet-interactive").count() > 20
    assert page.title()
    assert page.leaked == [], page.leaked  # type: ignore[attr-defined]
