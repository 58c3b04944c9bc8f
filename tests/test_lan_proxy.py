"""`./dev app --lan` serves the class through Debian's nginx (classroom/proxy.py): a student's phone loads the
class page compressed, the WebSocket passes through (a drawing is stored), static files come from nginx's
cache, and a page from another site still cannot open a session."""

from __future__ import annotations

import os
import shutil
import tempfile
import urllib.request
from pathlib import Path

import pytest

from mapping.classroom.store import Store
from mapping.devtools.localserver import serve, serve_proxied
from mapping.paths import ROOT
from tests.test_server_offline import _websocket_from

PHONE_BAR = 1_500_000  # bytes: a phone's first load of the class page, through the class set-up (#23)


def first_load_bytes(browser, url: str, ready: str) -> tuple[int, int]:
    """Bytes over the wire (encoded, as sent) and decoded, for a student's first load in a fresh phone-sized
    context: the class page, Join, and the map to draw on."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, list[float]] = {}
    cdp.on("Network.responseReceived", lambda e: sizes.setdefault(e["requestId"], [0, 0]))
    cdp.on("Network.dataReceived", lambda e: sizes.setdefault(e["requestId"], [0, 0]).__setitem__(
        1, sizes[e["requestId"]][1] + e["dataLength"]))  # fmt: skip
    cdp.on("Network.loadingFinished", lambda e: sizes.setdefault(e["requestId"], [0, 0]).__setitem__(
        0, e["encodedDataLength"]))  # fmt: skip
    page.goto(url)
    page.get_by_role("button", name="Join the class").tap(timeout=60_000)
    page.locator(ready).first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(1500)
    context.close()
    return int(sum(s[0] for s in sizes.values())), int(sum(s[1] for s in sizes.values()))


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
    direct = serve(ROOT / "app.py", ROOT, env)
    # nginx's workers (www-data) must reach their folder: not under /tmp, which may be private to root
    run = Path(tempfile.mkdtemp(prefix="tm-nginx-", dir="/var/tmp"))
    proxied = serve_proxied(ROOT / "app.py", ROOT, run, env)
    try:
        ready = ".tm-class-map .leaflet-overlay-pane path"
        plain, plain_decoded = first_load_bytes(browser, f"{direct.url}/?class={code}", ready)
        through, decoded = first_load_bytes(browser, f"{proxied.url}/?class={code}", ready)
        print(f"a phone's first load of the class page: {plain / 1e6:.2f} MB direct, {through / 1e6:.2f} MB "
              f"through nginx ({decoded / 1e6:.2f} MB decoded)")  # fmt: skip
        assert through <= PHONE_BAR, through
        assert through < 0.6 * plain, (through, plain)
        assert abs(decoded - plain_decoded) < 0.05 * plain_decoded  # the same files, compressed
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
    finally:
        proxied.stop()
        direct.stop()
        shutil.rmtree(run, ignore_errors=True)
