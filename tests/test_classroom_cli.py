"""The class store from the command line, and what a crash mid-lesson keeps: every acknowledged reading."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from mapping.classroom.store import Store
from tests.databases import postgres_server


def cli(*args: str, env: dict, secret: str | None = None) -> subprocess.CompletedProcess:
    env = dict(env)
    if secret is not None:
        env["TELEGRAM_MAP_TEACHER_SECRET"] = secret
    return subprocess.run(
        [sys.executable, "-m", "mapping", "class", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def cli_env(tmp_path) -> dict:
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(tmp_path / "data")}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    env.pop("TELEGRAM_MAP_TEACHER_SECRET", None)
    return env


def test_new_list_export_delete_and_only_with_the_secret(tmp_path):
    env = cli_env(tmp_path)
    made = cli("new", "C5", "--keep-days", "3", env=env)
    assert made.returncode == 0, made.stderr
    code = made.stdout.split()[1].rstrip(":")
    secret = made.stdout.strip().splitlines()[-1].split()[-1]
    store = Store(f"sqlite:///{tmp_path / 'data' / 'classes.sqlite'}")
    token = store.join(code)
    store.submit(code, token, {"type": "MultiPoint", "coordinates": [[125.75, 39.03]]}, "Pyongyang first.", "Kim")
    listed = cli("list", env=env)
    assert code in listed.stdout and "readings   1" in listed.stdout and secret not in listed.stdout
    for wrong in ("", "guess", token):
        refused = cli("export", code, str(tmp_path), env=env, secret=wrong)
        assert refused.returncode == 2 and not list(tmp_path.glob("*.geojson")), refused.stderr
    for _ in range(6):
        refused = cli("delete", code, env=env, secret="guess")
        assert refused.returncode == 2 and "not this class's teacher secret" in refused.stderr
    store.engine.dispose()
    out = cli("export", code, str(tmp_path), env=env, secret=secret)  # nine wrong tries: the right one, at once
    assert out.returncode == 0, out.stderr
    data = json.loads((tmp_path / f"class-{code}-readings.geojson").read_text(encoding="utf-8"))
    assert len(data["features"]) == 1 and "Kim" not in json.dumps(data)
    again = cli("export", code, str(tmp_path), env=env, secret=secret)
    assert again.returncode == 2 and "exists" in again.stderr  # nothing overwritten without --force
    assert cli("delete", code, env=env, secret=secret).returncode == 0
    assert "0 classes" in cli("list", env=env).stdout


def test_new_opens_the_class_under_the_teachers_own_secret_and_never_prints_it(tmp_path):
    env, mine = cli_env(tmp_path), "the Yalu at Sinuiju, 1950"
    made = cli("new", "C3", env=env, secret=mine)
    assert made.returncode == 0, made.stderr
    assert mine not in made.stdout + made.stderr and "TELEGRAM_MAP_TEACHER_SECRET (not shown)" in made.stdout
    code = made.stdout.split()[1].rstrip(":")
    out = cli("export", code, str(tmp_path), env=env, secret=mine)
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / f"class-{code}-readings.geojson").read_text(encoding="utf-8"))["features"] == []
    for short in ("", "fifteen chars!!"):
        refused = cli("new", "C3", env=env, secret=short)
        assert refused.returncode == 2 and refused.stdout == "", refused.stdout
        assert f"TELEGRAM_MAP_TEACHER_SECRET holds {len(short)} characters" in refused.stderr
        assert "16 or more" in refused.stderr
    assert "1 classes" in cli("list", env=env).stdout  # a refused secret opened nothing
    made = cli("new", "C3", env=env)  # unset: a new secret, printed once
    assert made.returncode == 0 and mine not in made.stdout
    assert len(made.stdout.strip().splitlines()[-1].split()[-1]) == 32


WRITER = """
import sys
from mapping.classroom.store import Store
store = Store(sys.argv[1])
opened = store.open_class("C3")
print(opened.code, opened.secret, flush=True)
for i in range(10_000):
    token = store.join(opened.code)
    d = 0.001 * (i % 50)
    ring = [[126.2 + d, 40.6], [127.4, 40.6], [127.4, 41.5], [126.2, 41.5], [126.2 + d, 40.6]]
    store.submit(opened.code, token, {"type": "Polygon", "coordinates": [ring]}, f"Reading {i}.")
    print("stored", i, flush=True)
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_server_killed_mid_lesson_keeps_every_acknowledged_reading(tmp_path, backend):
    with postgres_server() if backend == "postgresql" else _sqlite(tmp_path) as url:
        child = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE, text=True)
        code, secret = child.stdout.readline().split()
        acked = -1
        while acked < 40:
            acked = int(child.stdout.readline().split()[1])
        child.send_signal(signal.SIGKILL)  # no shutdown, no flush: as a pulled plug kills a server process
        child.wait()
        store = Store(url)
        kept = store.readings(code, secret)
        assert len(kept) >= acked + 1
        assert {f"Reading {i}." for i in range(acked + 1)} <= {r["sentence"] for r in kept}
        store.engine.dispose()


class _sqlite:
    def __init__(self, folder) -> None:
        self.url = f"sqlite:///{folder / 'classes.sqlite'}"

    def __enter__(self) -> str:
        return self.url

    def __exit__(self, *exc) -> None:
        return None
