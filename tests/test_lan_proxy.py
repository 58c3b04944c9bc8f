"""`./dev app --lan` serves the class through Debian's nginx (classroom/proxy.py): a student's phone loads the
class page compressed, the WebSocket passes through (a drawing is stored), static files come from nginx's
cache, and a page from another site still cannot open a session."""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from mapping.classroom.store import Store
from mapping.devtools.localserver import serve, serve_proxied
from mapping.devtools.wire import PHONE_BAR, first_load
from mapping.paths import ROOT
from tests.test_server_offline import _websocket_from


@pytest.fixture
def class_code(tmp_path):
    data = tmp_path / "classdata"
    store = Store(f"sqlite:///{data / 'classes.sqlite'}")
    code = store.open_class("C2").code
    store.engine.dispose()
    return code, {**os.environ, "TELEGRAM_MAP_DATA": str(data)}


def test_a_phone_joins_a_class_through_nginx_compressed_and_cached(browser, class_code, tmp_path):
    code, env = class_code
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    direct = serve(ROOT / "server.py", ROOT, env)
    # nginx's workers (www-data) must reach their folder: not under /tmp, which may be private to root
    run = Path(tempfile.mkdtemp(prefix="tm-nginx-", dir="/var/tmp"))
    proxied = serve_proxied(ROOT / "server.py", ROOT, run, env)
    try:
        plain, plain_urls, _ = first_load(browser, f"{direct.url}/join/{code}")
        through, urls, _ = first_load(browser, f"{proxied.url}/join/{code}")
        print(f"a phone's first load of a class: {plain / 1e6:.2f} MB direct, {through / 1e6:.2f} MB through nginx")
        assert through <= PHONE_BAR and plain <= PHONE_BAR, (through, plain)  # server.py compresses, as nginx does
        assert through <= 1.02 * plain, (through, plain)
        path = lambda u: u.split("/", 3)[-1]  # noqa: E731
        assert sorted(map(path, urls)) == sorted(map(path, plain_urls))  # the same files, compressed
        # the static files come from nginx's cache the second time
        script = next(p for p in (ROOT / "static" / "vendor" / "leaflet").glob("leaflet.js"))
        url = f"{proxied.url}/app/static/vendor/leaflet/{script.name}"
        states = []
        for _ in range(2):
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})) as r:
                states.append((r.headers.get("X-Cache"), r.headers.get("Content-Encoding")))
        assert states[-1] == ("HIT", "gzip"), states
        # a student's session opens through nginx (the WebSocket passes), a foreign page's does not
        port = int(proxied.url.rsplit(":", 1)[1])
        assert " 101 " in _websocket_from(port, proxied.url)
        refused = _websocket_from(port, "http://classroom-test.invalid")
        rebinding = _websocket_from(port, "http://evil.invalid", host="evil.invalid")
        assert " 101 " not in refused and " 101 " not in rebinding, (refused, rebinding)
        # one device through nginx, writing a new X-Forwarded-For each time, is still one device to the join limit
        codes = []
        for n in range(12):
            req = urllib.request.Request(f"{proxied.url}/api/class/{code}/join", data=b"{}", method="POST", headers={
                "Origin": proxied.url, "Content-Type": "application/json", "X-Forwarded-For": f"10.66.0.{n + 1}",
                "X-Real-IP": f"10.67.0.{n + 1}"})  # fmt: skip
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    codes.append(r.status)
            except urllib.error.HTTPError as exc:
                codes.append(exc.code)
        assert codes.count(200) <= 5 and codes.count(429) >= 7, codes
        proxied.stop()
        log = (run / "error.log").read_text(encoding="utf-8")
        assert log.strip() == "", log  # nginx warned of nothing (a buffered response, a refused folder)
    finally:
        proxied.stop()
        direct.stop()
        shutil.rmtree(run, ignore_errors=True)
