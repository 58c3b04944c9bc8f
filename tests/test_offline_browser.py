"""The bench's network cut, in Chromium itself (localserver.offline_args): every request beyond this
machine goes to a proxy on loopback (by host name or IP address, over HTTP or HTTPS) and fails there,
a page on this machine loads directly, and record_outside reports each request that was tried.

The proxy here is a listening socket that records what reaches it and answers nothing, so the test
sees the requests the cut catches; the bench's proxy port (9) is closed, so they fail at once."""

from __future__ import annotations

import socket
import threading

from mapping.devtools.localserver import CHROMIUM, offline_args, record_outside

OUTSIDE = ["http://example.org/a", "https://example.net/x.js", "http://93.184.215.14/b", "http://[2606:4700::1]/c"]

TRY_ALL = """async (urls) => {
    const out = {};
    for (const u of urls) {
        try { await fetch(u, {mode: 'no-cors', cache: 'no-store'}); out[u] = 'loaded'; }
        catch (e) { out[u] = 'failed'; }
    }
    return out;
}"""


def listen() -> tuple[socket.socket, list[bytes]]:
    """A proxy that reads each request's first line and closes the connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    seen: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                try:
                    seen.append(conn.recv(4096).split(b"\r\n", 1)[0])
                except OSError:
                    pass

    threading.Thread(target=serve, daemon=True).start()
    return server, seen


def test_the_offline_browser_reaches_this_machine_only(browser_type, app_url):
    proxy, seen = listen()
    leaked: list[str] = []
    try:
        browser = browser_type.launch(executable_path=CHROMIUM, args=offline_args(proxy.getsockname()[1]))
        page = browser.new_page()
        record_outside(page, leaked)
        page.goto(app_url + "/_stcore/health")
        assert "ok" in page.content()
        results = page.evaluate(TRY_ALL, OUTSIDE)
        browser.close()
    finally:
        proxy.close()
    assert results == dict.fromkeys(OUTSIDE, "failed"), results
    lines = b"\n".join(seen).decode()
    # each outside request went to the proxy (HTTPS as a CONNECT), and nothing of this machine's did
    for host in ("example.org", "example.net:443", "93.184.215.14", "2606:4700::1"):
        assert host in lines, (host, lines)
    assert "127.0.0.1" not in lines and "_stcore" not in lines, lines
    assert sorted(leaked) == sorted(OUTSIDE), leaked
