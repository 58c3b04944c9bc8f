"""A district past one process (#33), in real browsers: the README's command, `python -m mapping district`, runs two
app servers on one real PostgreSQL behind Debian's nginx. A teacher opens a class; students, each a device of their
own, join through nginx and are spread over both servers; halfway through, the server holding the teacher's
session is killed with -9. The teacher's page and the students' go on through the other server, and the teacher's
screen counts every reading a student was told was stored: nothing is lost.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from mapping.classroom.proxy import NGINX
from mapping.classroom.store import Store
from mapping.paths import ROOT
from tests.classpages import finish, send, stored, student_page, tap

COMMAND = ["-m", "mapping", "district", "--servers", "2"]  # as README.md gives it (checked below)
STUDENTS = 10  # joined before the kill; half of them send before it, half after
LATE = 2  # join after it
TOUCH = {2, 7, 11}


def three_free_ports() -> int:
    """A port whose next two are free too: nginx's, and the two app servers'."""
    for port in range(20100, 30000, 10):
        try:
            for p in range(port, port + 3):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", p))
        except OSError:
            continue
        return port
    raise RuntimeError("no three free ports in a row")


@pytest.fixture
def district(pg_url, tmp_path):
    if not Path(NGINX).exists():
        pytest.skip(f"{NGINX} is missing: install Debian's nginx (./dev test does)")
    # nginx's workers (www-data) must reach their folder: not under /tmp, which may be private to root
    data = Path(tempfile.mkdtemp(prefix="tm-district-", dir="/var/tmp"))
    data.chmod(0o755)
    port = three_free_ports()
    env = {**os.environ, "TELEGRAM_MAP_DATABASE_URL": pg_url, "TELEGRAM_MAP_DATA": str(data)}
    log = tmp_path / "district.log"
    args = [*COMMAND, "--address", "127.0.0.1", "--port", str(port)]
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    end = time.monotonic() + 120
    while "district: serving" not in log.read_text(encoding="utf-8", errors="replace"):
        assert proc.poll() is None and time.monotonic() < end, log.read_text(encoding="utf-8", errors="replace")
        time.sleep(0.3)
    yield f"http://127.0.0.1:{port}", proc, log, data / "district"
    proc.terminate()
    proc.wait(timeout=30)
    shutil.rmtree(data, ignore_errors=True)


def test_the_readme_gives_the_district_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python " + " ".join(COMMAND) + " --address " in readme


def draw(page, n: int) -> float:
    """Student n draws four corners and sends; returns the seconds from Send to the page saying it is stored."""
    touch = n in TOUCH
    page.locator(".tm-s-map").first.evaluate("el => el.scrollIntoView({block: 'center'})")
    d = 0.005 * n
    for fx, fy in [(0.42 + d, 0.45), (0.62 + d, 0.45), (0.62 + d, 0.6), (0.42 + d, 0.6)]:
        tap(page, fx, fy, touch)
    finish(page, touch)
    start = time.monotonic()
    send(page, f"Reading {n}: the high ground.")
    stored(page)
    return time.monotonic() - start


def answered(access_log: Path) -> list[tuple[float, list[str], str, str, str]]:
    """nginx's log: (time, the servers tried, status, method, path) for each request it kept."""
    rows = []
    for line in access_log.read_text(encoding="utf-8").splitlines():
        at, rest = line.split(" ", 1)
        servers, status, method, path = rest.rsplit(" ", 3)
        rows.append((float(at), servers.split(", "), status, method, path))
    return rows


def test_two_app_servers_one_database_one_killed_mid_lesson(browser, district, pg_url):
    url, proc, log, run = district
    pids = {f"127.0.0.1:{p}": int(pid) for p, pid in re.findall(r"app server on 127\.0\.0\.1:(\d+) \(pid (\d+)\)",
                                                                 log.read_text(encoding="utf-8"))}  # fmt: skip
    assert len(pids) == 2, log.read_text(encoding="utf-8")
    teacher = browser.new_page(viewport={"width": 1280, "height": 720})
    teacher.goto(url)
    teacher.get_by_role("button", name="Open a class").click()
    teacher.get_by_role("button", name="Open the class").click()
    code = teacher.locator("h2", has_text="Join:").inner_text(timeout=30_000).split()[-1]
    join = f"{url}/join/{code}"
    assert teacher.locator(".tm-class-url").inner_text().endswith(join.split("//", 1)[1])  # nginx's address

    pages = [student_page(browser, join, n in TOUCH, f"Student{n}") for n in range(STUDENTS)]
    took = [draw(pages[n], n) for n in range(STUDENTS // 2)]
    teacher.get_by_text(f"{STUDENTS} students joined · {STUDENTS // 2} readings").wait_for(timeout=20_000)

    # the server holding the teacher's session: the one nginx sent the teacher's page to (Streamlit's, by device)
    before = answered(run / "access.log")
    held = {r[1][-1] for r in before if r[4] == "/" and r[3] == "GET"}
    assert len(held) == 1, before
    killed = held.pop()
    (survivor,) = set(pids) - {killed}
    os.kill(pids[killed], signal.SIGKILL)  # a pulled plug, mid-lesson
    killed_at = time.time()
    t0 = time.monotonic()

    # Streamlit's page reconnects by itself, to a new session without the class screen: the teacher reloads, and
    # the key the browser kept brings the class back, on the other server
    teacher.reload()
    teacher.get_by_text(f"{STUDENTS} students joined · {STUDENTS // 2} readings").wait_for(timeout=60_000)
    teacher_back = time.monotonic() - t0
    t1 = time.monotonic()
    took.append(draw(pages[STUDENTS // 2], STUDENTS // 2))  # the first reading after the kill
    student_back = time.monotonic() - t1
    teacher.get_by_text(f"{STUDENTS} students joined · {STUDENTS // 2 + 1} readings").wait_for(timeout=20_000)
    for n in range(STUDENTS // 2 + 1, STUDENTS):
        took.append(draw(pages[n], n))
    for n in range(STUDENTS, STUDENTS + LATE):  # new students join through the server that is left
        pages.append(student_page(browser, join, n in TOUCH, f"Student{n}"))
        took.append(draw(pages[n], n))
    total = STUDENTS + LATE
    teacher.get_by_text(f"{total} students joined · {total} readings").wait_for(timeout=30_000)

    # nothing lost: every reading a page called stored is in the database, once
    secret = json.loads(teacher.evaluate("localStorage.getItem('tm-teacher-keys')"))["classes"][code]
    store = Store(pg_url)
    sentences = sorted(f["properties"]["sentence"] for f in store.export(code, secret)["features"])
    store.engine.dispose()
    assert sentences == sorted(f"Reading {n}: the high ground." for n in range(total))

    # the students were spread over both servers before the kill, and went on through the survivor after it
    rows = answered(run / "access.log")
    writes = [r for r in rows if r[3] == "POST" and r[4].startswith(f"/api/class/{code}/")]
    assert all(r[2] == "200" for r in writes), writes  # no write failed, before or after
    assert not [r for r in rows if int(r[2]) >= 500], rows  # nor anything else: no page met a dead server
    early = [r for r in writes if r[0] < killed_at]
    late = [r for r in writes if r[0] >= killed_at]
    spread = {s: sum(r[1][-1] == s for r in early) for s in pids}
    assert all(spread.values()), spread  # each server took joins or readings (at random, 1 in 16,000 would not)
    split = {w: [sum(r[1][-1] == s and r[4].endswith(w) for r in early) for s in pids] for w in ("join", "reading")}
    assert {r[1][-1] for r in late} == {survivor}, late
    retried = sum(len(r[1]) > 1 for r in rows if r[0] >= killed_at)
    errors = (run / "error.log").read_text(encoding="utf-8").splitlines()
    assert all(f'upstream: "http://{killed}/' in line for line in errors), errors  # only the killed server refused
    said = log.read_text(encoding="utf-8", errors="replace")
    assert f"the app server on port {killed.rsplit(':', 1)[1]} stopped (-9)" in said, said
    assert "Traceback" not in said and secret not in said
    print(
        f"\ndistrict: before the kill, students' joins and readings on {list(pids)}: {split}; the teacher's on "
        f"{killed}, killed; after it, {len(late)} on {survivor} ({retried} requests first tried the killed server, "
        f"then passed on by nginx). The teacher's screen counted again {teacher_back:.1f} s after the kill (a "
        f"reload); the first student after it drew and was told stored in {student_back:.1f} s; Send to stored: "
        f"{min(took):.2f}-{max(took):.2f} s"
    )
    assert proc.poll() is None  # the district serves on with one server
