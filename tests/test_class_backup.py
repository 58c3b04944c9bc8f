"""`class backup` and `class restore` (#33): a class mid-lesson, backed up in one snapshot while its students go on
writing, restored into an empty store on SQLite and on PostgreSQL (each into the other too) with every reading,
token hash and lesson; a store not empty, a damaged or foreign file, and a failure mid-write leave the store as it
was. On both databases, against a real PostgreSQL server; the command line through a subprocess."""

from __future__ import annotations

import itertools
import json
import os
import stat
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, event, text

from mapping.classroom import backup
from mapping.classroom.backup import BackupError
from mapping.classroom.lesson import Lesson, loads
from mapping.classroom.store import NotAllowed, Store
from mapping.paths import LESSONS
from tests.conftest import Clock

C2 = {"type": "Polygon", "coordinates": [[[126.0, 41.2], [127.0, 41.2], [127.0, 41.8], [126.0, 41.8], [126.0, 41.2]]]}
C3 = {"type": "Polygon", "coordinates": [[[126.2, 39.6], [127.4, 39.6], [127.4, 40.3], [126.2, 40.3], [126.2, 39.6]]]}
LESSON = sorted(LESSONS.glob("*.lesson.json"))[0]
_numbers = itertools.count()


@pytest.fixture
def empty(request, tmp_path):
    """Makes an empty database of either kind, of its own: its URL."""

    def make(kind: str) -> str:
        n = next(_numbers)
        if kind == "sqlite":
            return f"sqlite:///{tmp_path / f'restored-{n}.sqlite'}"
        url = request.getfixturevalue("pg_url")
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as db:
            db.execute(text(f"DROP DATABASE IF EXISTS restored_{n} WITH (FORCE)"))
            db.execute(text(f"CREATE DATABASE restored_{n}"))
        admin.dispose()
        return url.replace("/classes?", f"/restored_{n}?")

    return make


def mid_lesson(store: Store) -> dict:
    """A class that drew C2 (closed, revealed), now drawing C3; a second class a wrong secret was tried on; a
    saved lesson."""
    opened = store.open_class("C2")
    code, key = opened.code, opened.secret
    tokens = [store.join(code) for _ in range(4)]
    store.set_step(code, key, "class-C2")
    for i, t in enumerate(tokens):
        store.submit(code, t, C2, f"C2 reading {i}.", "Kim" if i == 0 else None)
    store.set_state(code, key, closed=True, revealed=True)
    store.set_step(code, key, "class-C3")
    store.submit(code, tokens[0], C3, "C3: first thoughts.")
    store.submit(code, tokens[0], C3, "C3: the mountains north of the railway.")  # a revision
    store.submit(code, tokens[1], C3, "C3: along the river.")
    other = store.open_class("C5", retention_days=3)
    with pytest.raises(NotAllowed):
        store.readings(other.code, "a wrong guess")
    lesson_id, lesson_key = store.lessons.save(loads(LESSON.read_bytes()))
    return {"code": code, "key": key, "tokens": tokens, "lesson": (lesson_id, lesson_key), "other": other}


def seen(store: Store, m: dict) -> dict:
    """What the class's teacher and students see."""
    code, key = m["code"], m["key"]
    return {
        "info": store.info(code),
        "C2": store.readings(code, key, "C2"),
        "C3": store.readings(code, key, "C3"),
        "mine": [store.my_reading(code, t) for t in m["tokens"]],
        "export": store.export(code, key),
        "other": store.info(m["other"].code) | store.dates(m["other"].code),
        "lesson": store.lessons.get(m["lesson"][0]).dumps(),
        "lessons": store.lessons.mine(m["lesson"][1]),
    }


def counts(store: Store) -> dict:
    return backup.take(store.engine)["counts"]


def test_a_class_mid_lesson_comes_back_whole_on_either_database(store, empty, tmp_path):
    m = mid_lesson(store)
    before, rows = seen(store, m), backup.take(store.engine)["tables"]
    path = tmp_path / "class-store.json"
    said = backup.backup(store.engine, path)
    assert said.startswith("2 classes, 4 students, 6 readings, 1 lessons;"), said
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds the hashes of keys
    written = path.read_text(encoding="utf-8")
    for clear in (m["key"], m["lesson"][1], m["other"].secret, *m["tokens"]):
        assert clear not in written  # the store keeps hashes, and so does its backup
    kind = store.engine.dialect.name
    for into in (kind, "postgresql" if kind == "sqlite" else "sqlite"):
        restored = Store(empty(into), clock=store.clock_)
        assert backup.restore(restored.engine, backup.load(path)).startswith("2 classes, 4 students, 6 readings")
        assert backup.take(restored.engine)["tables"] == rows  # every row, every hash, every time, to the bit
        assert seen(restored, m) == before
        code, key = m["code"], m["key"]
        restored.submit(code, m["tokens"][3], C3, "C3: late, after the restore.")  # a student's token still works
        assert restored.my_reading(code, m["tokens"][3])["sentence"] == "C3: late, after the restore."
        assert sorted(r["revisions"] for r in restored.readings(code, key)) == [1, 1, 2]  # the teacher's secret too
        with pytest.raises(NotAllowed):
            restored.readings(code, m["tokens"][0])
        lesson_id, lesson_key = m["lesson"]
        restored.lessons.save(
            Lesson("Changed after the restore", loads(LESSON.read_bytes()).steps), lesson_key, lesson_id
        )
        assert restored.lessons.get(lesson_id).title == "Changed after the restore"
        restored.engine.dispose()


def test_a_backup_taken_while_students_write_is_one_moment(store):
    m = mid_lesson(store)
    writer = Store(store.engine.url.render_as_string(hide_password=False), clock=store.clock_)
    late: list[str] = []

    @event.listens_for(store.engine, "after_cursor_execute")
    def a_student_joins_and_submits(conn, cursor, statement, *_):
        if "FROM classes" in statement and not late:  # between the backup's read of classes and of the rest
            late.append(writer.join(m["code"]))
            writer.submit(m["code"], late[0], C3, "C3: written while the backup was read.")

    taken = backup.take(store.engine)
    event.remove(store.engine, "after_cursor_execute", a_student_joins_and_submits)
    assert late and store.info(m["code"])["joined"] == 5 and store.info(m["code"])["submitted"] == 3
    assert taken["counts"] == {"classes": 2, "students": 4, "class_readings": 6, "lessons": 1}
    assert "written while the backup was read" not in json.dumps(taken)
    joined = {r[1] for r in taken["tables"]["students"]["rows"]}
    assert {r[2] for r in taken["tables"]["class_readings"]["rows"]} <= joined  # no reading without its student
    writer.engine.dispose()


def test_a_store_that_is_not_empty_is_refused_and_left_as_it_was(store, empty, tmp_path):
    m = mid_lesson(store)
    path = tmp_path / "class-store.json"
    backup.backup(store.engine, path)
    store.submit(m["code"], m["tokens"][2], C3, "C3: after the backup.")
    before = backup.take(store.engine)["tables"]
    with pytest.raises(BackupError, match=f"is not empty: it holds 2 classes, .*class {m['code']}.*never overwrites"):
        backup.restore(store.engine, backup.load(path))
    assert backup.take(store.engine)["tables"] == before
    only_a_lesson = Store(empty(store.engine.dialect.name), clock=store.clock_)
    lesson_id, _ = only_a_lesson.lessons.save(loads(LESSON.read_bytes()))
    with pytest.raises(BackupError, match=f"0 classes, 0 students, 0 readings, 1 lessons \\(lesson {lesson_id}\\)"):
        backup.restore(only_a_lesson.engine, backup.load(path))
    assert counts(only_a_lesson) == {"classes": 0, "students": 0, "class_readings": 0, "lessons": 1}
    only_a_lesson.engine.dispose()


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> str:
    """A backup of a class mid-lesson, as its file's text."""
    folder = tmp_path_factory.mktemp("source")
    source = Store(f"sqlite:///{folder / 'classes.sqlite'}", clock=Clock())
    mid_lesson(source)
    backup.backup(source.engine, folder / "good.json")
    source.engine.dispose()
    return (folder / "good.json").read_text(encoding="utf-8")


def remade(change):
    """The file after `change` to its parsed document, with its checksum made again: only the checks of the rows
    themselves can find the fault."""

    def fault(good: str) -> bytes:
        doc = json.loads(good)
        change(doc)
        doc["sha256"] = backup.digest(doc["tables"])
        return json.dumps(doc).encode("utf-8")

    return fault


def _rows(doc, table):
    return doc["tables"][table]["rows"]


FAULTS = {
    "empty": (lambda g: b"", "not whole JSON"),
    "cut in half": (lambda g: g.encode()[: len(g) // 2], "not whole JSON .*it ends before its last brace: cut short"),
    "cut at a line": (lambda g: "\n".join(g.splitlines()[:-2]).encode(), "cut short"),
    "a letter changed": (lambda g: g.replace("C2 reading 1.", "C2 reading 7.").encode(), "do not match its checksum"),
    "a row lost": (lambda g: g.replace(g.splitlines()[2] + "\n", "").encode(), "do not match its checksum"),
    "a PNG": (lambda g: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not UTF-8 text"),
    "a GeoJSON export": (
        lambda g: json.dumps({"type": "FeatureCollection", "features": []}).encode(),
        'not a class-store backup \\(its format is null, not "telegram-map-class-store"\\)',
    ),
    "a newer version": (remade(lambda d: d.update(version=2)), "version 2, written by a newer version of the app"),
    "a table missing": (remade(lambda d: d["tables"].pop("lessons")), "does not hold the tables"),
    "a number for a task": (
        remade(lambda d: _rows(d, "classes")[0].__setitem__(1, 123)),
        "table classes, row 1, column task: 123 is not text",
    ),
    "a reading of no class": (
        remade(lambda d: _rows(d, "class_readings")[0].__setitem__(0, "ZZZZZZ")),
        "table class_readings has rows of class ZZZZZZ, which it does not hold",
    ),
    "a student twice": (
        remade(lambda d: _rows(d, "students").append(_rows(d, "students")[0])),
        "table students, row 5: its key .* is there twice",
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_damaged_or_foreign_file_is_refused_naming_the_fault_and_nothing_written(store, good, tmp_path, fault):
    damage, words = FAULTS[fault]
    path = tmp_path / "backup.json"
    path.write_bytes(damage(good))
    with pytest.raises(BackupError, match=words):
        backup.restore(store.engine, backup.load(path))
    assert counts(store) == {"classes": 0, "students": 0, "class_readings": 0, "lessons": 0}


def test_a_failure_while_writing_leaves_the_store_empty(store, good, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text(good, encoding="utf-8")

    @event.listens_for(store.engine, "before_cursor_execute", retval=True)
    def the_last_table_fails(conn, cursor, statement, parameters, *_):  # after classes, students and readings
        return statement.replace("INSERT INTO lessons", "INSERT INTO no_such_table"), parameters

    with pytest.raises(BackupError, match="refused the rows, and nothing was written"):
        backup.restore(store.engine, backup.load(path))
    event.remove(store.engine, "before_cursor_execute", the_last_table_fails)
    assert counts(store) == {"classes": 0, "students": 0, "class_readings": 0, "lessons": 0}
    backup.restore(store.engine, backup.load(path))  # and the same file, again, goes in whole
    assert counts(store) == {"classes": 2, "students": 4, "class_readings": 6, "lessons": 1}


def cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mapping", "class", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_the_command_line_backs_up_sqlite_and_restores_into_postgresql(tmp_path, empty):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_MAP_")}
    on_sqlite = env | {"TELEGRAM_MAP_DATA": str(tmp_path / "data")}
    source = Store(f"sqlite:///{tmp_path / 'data' / 'classes.sqlite'}")
    m = mid_lesson(source)
    path = tmp_path / "class-store.json"
    made = cli("backup", str(path), env=on_sqlite)
    assert made.returncode == 0 and "2 classes, 4 students, 6 readings, 1 lessons" in made.stdout, made.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = cli("backup", str(path), env=on_sqlite)
    assert again.returncode == 2 and "already exists; add --force" in again.stderr
    on_pg = env | {"TELEGRAM_MAP_DATABASE_URL": empty("postgresql")}
    cut = tmp_path / "cut.json"
    cut.write_bytes(path.read_bytes()[:-40])
    refused = cli("restore", str(cut), env=on_pg)
    assert refused.returncode == 2 and "cut short" in refused.stderr and "Traceback" not in refused.stderr
    done = cli("restore", str(path), env=on_pg)
    assert done.returncode == 0 and "restored" in done.stdout and "postgresql" in done.stdout, done.stderr
    twice = cli("restore", str(path), env=on_pg)
    assert twice.returncode == 2 and "not empty: it holds 2 classes" in twice.stderr and m["code"] in twice.stderr
    exported = cli("export", m["code"], str(tmp_path), env=on_pg | {"TELEGRAM_MAP_TEACHER_SECRET": m["key"]})
    assert exported.returncode == 0 and "6 readings" in exported.stdout, exported.stderr
    back = tmp_path / "from-postgresql.json"
    assert cli("backup", str(back), env=on_pg).returncode == 0
    assert json.loads(back.read_text())["tables"] == json.loads(path.read_text())["tables"]
    source.engine.dispose()
