"""The student's light page and its API (#31), against a real server as a phone and a crafted client meet it: the
page's security headers, the origin and Host checks (another port of the same host is another origin), the token
kept out of every URL, joins limited per device while a real student still joins, and a thousand crafted requests
that never yield a trace."""

from __future__ import annotations

import http.client
import json
import os
import random

import pytest

from mapping.classroom.store import Store
from mapping.devtools.localserver import serve
from mapping.paths import ROOT

SQUARE = {"type": "Polygon", "coordinates": [[[126.2, 40.6], [127.4, 40.6], [127.4, 41.5], [126.2, 41.5]]]}


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    data = tmp_path_factory.mktemp("classdata")
    store = Store(f"sqlite:///{data / 'classes.sqlite'}")
    opened = store.open_class("C3")
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(data)}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    log = data / "server.log"
    server = serve(ROOT / "server.py", ROOT, env, log)
    yield server, opened, store, log
    server.stop()


def call(server, method: str, path: str, body=None, headers: dict | None = None, origin: bool = True):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    head = {"Content-Type": "application/json", **(headers or {})}
    if origin and method == "POST":
        head.setdefault("Origin", server.url)
    raw = body if isinstance(body, bytes) else (json.dumps(body).encode() if body is not None else None)
    conn.request(method, path, body=raw, headers=head)
    r = conn.getresponse()
    text = r.read().decode("utf-8", "replace")
    conn.close()
    return r.status, dict(r.getheaders()), text


def test_the_page_and_the_api_send_their_security_headers(api):
    server, opened, _, _ = api
    for path in (f"/join/{opened.code}", f"/api/class/{opened.code}", "/join"):
        status, headers, _ = call(server, "GET", path)
        low = {k.lower(): v for k, v in headers.items()}
        assert status == 200, path
        assert "frame-ancestors 'self'" in low["content-security-policy"]
        assert low["referrer-policy"] == "no-referrer" and low["x-content-type-options"] == "nosniff"


def test_a_foreign_origin_another_port_and_a_rebinding_host_are_refused(api):
    server, opened, _, _ = api
    path = f"/api/class/{opened.code}/join"
    for origin in ("http://evil.invalid", f"http://127.0.0.1:{server.port + 1}", "null"):
        status, _, text = call(server, "POST", path, {}, {"Origin": origin})
        assert status == 403 and "class's own page" in json.loads(text)["error"], origin
    assert call(server, "POST", path, {}, origin=False)[0] == 403  # no Origin at all
    status, _, _ = call(server, "GET", f"/api/class/{opened.code}", headers={"Host": "evil.invalid"})
    assert status == 403


def test_a_student_joins_sends_a_reading_and_the_token_is_never_in_an_address(api):
    server, opened, store, _ = api
    me = {"X-Real-IP": "10.0.0.7"}  # the device nginx saw (a loopback peer's word is taken)
    status, _, text = call(server, "POST", f"/api/class/{opened.code}/join", {}, me)
    token = json.loads(text)["token"]
    state = json.loads(call(server, "GET", f"/api/class/{opened.code}", headers={"X-Student": token})[2])
    assert state["joined"] and state["task"]["id"] == "C3" and state["places"] and state["map"]["base_url"]
    assert token not in json.dumps(state)
    status, _, text = call(server, "POST", f"/api/class/{opened.code}/reading",
                           {"geometry": SQUARE, "sentence": "The high ground north of the line."},
                           {**me, "X-Student": token})  # fmt: skip
    assert status == 200, text
    stored = json.loads(text)["mine"]["geometry"]["coordinates"][0][0]
    assert stored[0] == stored[-1]  # the ring sent open is stored closed
    assert call(server, "GET", f"/api/class/{opened.code}/result", headers={"X-Student": token})[0] == 409
    store.set_state(opened.code, opened.secret, revealed=True)
    result = json.loads(call(server, "GET", f"/api/class/{opened.code}/result", headers={"X-Student": token})[2])
    assert result["sentences"][0].startswith("Your area: ") and "km²" in result["sentences"][0]
    store.set_state(opened.code, opened.secret, revealed=False)
    page = call(server, "GET", f"/join/{opened.code}")[2]
    assert "X-Student" not in page and token not in page


def test_one_device_cannot_be_a_whole_class(api):
    server, opened, store, _ = api
    back_row = {"X-Real-IP": "10.0.0.66"}
    codes = [call(server, "POST", f"/api/class/{opened.code}/join", {}, back_row)[0] for _ in range(300)]
    assert codes.count(200) <= 5 and codes.count(429) >= 295, codes[:10]
    status, _, text = call(server, "POST", f"/api/class/{opened.code}/join", {}, {"X-Real-IP": "10.0.0.8"})
    assert status == 200  # a real student, on their own phone, still joins and sends
    token = json.loads(text)["token"]
    status, _, _ = call(server, "POST", f"/api/class/{opened.code}/reading", {"geometry": SQUARE, "sentence": "Here."},
                        {"X-Student": token, "X-Real-IP": "10.0.0.8"})  # fmt: skip
    assert status == 200


def crafted(rng: random.Random):
    junk = [None, True, 1e308, -1, "", "x" * 5000, [], {}, [[[]]], "<script>", "\u202e", 10**400, float("nan")]
    geometry = rng.choice([
        *junk, SQUARE, {"type": "Polygon", "coordinates": rng.choice(junk)},
        {"type": rng.choice(["Point", "LineString", "Polygon", "GeometryCollection", "Nope"]),
         "coordinates": [[rng.uniform(-1e9, 1e9), rng.choice(junk)]] * rng.randint(0, 3)},
        {"type": "LineString", "coordinates": [[126.5, 40.5]]},
    ])  # fmt: skip
    sentence = rng.choice([*junk, "Why \u200b\u202e here"])
    body = {"geometry": geometry, "sentence": sentence, "nickname": rng.choice(junk)}
    try:
        raw = json.dumps(body, allow_nan=True).encode()
    except (ValueError, OverflowError):
        raw = b"{"
    return rng.choice([raw, raw, b"[1,2]", b"\xff\xfe", b"{" * 10000, b"x" * 70_000, b'{"geometry": 1e999}'])


def test_a_thousand_crafted_requests_never_yield_a_trace(api):
    server, opened, _, log = api
    rng = random.Random(31)
    joined = call(server, "POST", f"/api/class/{opened.code}/join", {}, {"X-Real-IP": "10.0.1.1"})
    token = json.loads(joined[2])["token"]
    at = f"/api/class/{opened.code}"
    paths = [f"{at}/reading", f"{at}/join", "/api/class/ZZZZZZ/reading", "/api/class/../../etc/reading", at]
    seen = set()
    for n in range(1000):
        path = rng.choice(paths)
        method = "GET" if path == at else "POST"
        headers = {"X-Student": rng.choice([token, "", "x" * 3000, "\xe9t\xe9"]), "X-Real-IP": f"10.0.2.{n % 250}"}
        status, _, text = call(server, method, path, crafted(rng) if method == "POST" else None, headers)
        seen.add(status)
        assert status in (200, 400, 403, 404, 405, 409, 413, 429), (status, path, text[:200])
        assert "Traceback" not in text and "File \"" not in text and ".py" not in text, text[:300]
        if status >= 400 and ".." not in path and status != 405:  # the server refuses a climbing path itself
            assert json.loads(text)["error"], (status, path, text[:200])
    assert {200, 400}.issubset(seen), seen
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
