"""One join for a whole lesson: the class follows the teacher's present step, each reading belongs to its task,
and a database made before (one task per class) is brought over with every reading. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Boolean, Column, Float, Integer, MetaData, String, Table, Text, create_engine, insert, inspect
from sqlalchemy import text as sql

from mapping.classroom.keys import hash_secret
from mapping.classroom.store import NotAllowed, Store, StoreError

C2 = {"type": "Polygon", "coordinates": [[[126.0, 41.2], [127.0, 41.2], [127.0, 41.8], [126.0, 41.8], [126.0, 41.2]]]}
C3 = {"type": "Polygon", "coordinates": [[[126.2, 39.6], [127.4, 39.6], [127.4, 40.3], [126.2, 40.3], [126.2, 39.6]]]}


def test_one_code_carries_the_class_through_two_drawing_tasks(store):
    opened = store.open_class("C2")
    code, key = opened.code, opened.secret
    tokens = [store.join(code) for _ in range(3)]
    store.set_step(code, key, "title")  # the lesson starts: the students wait, with nothing to draw
    info = store.info(code)
    assert (info["step"], info["drawing"], info["task"]) == ("title", False, "C2")
    with pytest.raises(StoreError, match="not drawing now"):
        store.submit(code, tokens[0], C2, "Too early.")
    store.set_step(code, key, "class-C2")
    for i, t in enumerate(tokens):
        store.submit(code, t, C2, f"C2 reading {i}.")
    store.set_state(code, key, closed=True, revealed=True)
    store.set_step(code, key, "C3")  # a step of the map's: the class waits, C2's state kept
    info = store.info(code)
    assert (info["drawing"], info["task"], info["revealed"], info["submitted"]) == (False, "C2", True, 3)
    store.set_step(code, key, "class-C3")  # the next task: open, the map's reading hidden, no reading yet
    info = store.info(code)
    assert (info["task"], info["drawing"], info["closed"], info["revealed"], info["submitted"]) == (
        "C3", True, False, False, 0,
    )  # fmt: skip
    assert store.my_reading(code, tokens[0]) is None  # C2's reading is not C3's
    store.submit(code, tokens[0], C3, "C3: the mountains north of the railway.")
    assert [r["sentence"] for r in store.readings(code, key)] == ["C3: the mountains north of the railway."]
    assert len(store.readings(code, key, "C2")) == 3  # kept, and still the teacher's
    store.set_step(code, key, "class-C2")  # back to the first task: its readings return with it
    assert store.my_reading(code, tokens[1])["sentence"] == "C2 reading 1."
    assert store.info(code)["submitted"] == 3
    exported = store.export(code, key)
    assert exported["tasks"] == ["C2", "C3"]
    assert [(f["properties"]["task"], f["properties"]["n"]) for f in exported["features"]] == [
        ("C2", 1), ("C2", 2), ("C2", 3), ("C3", 1),
    ]  # fmt: skip
    store.set_step(code, key, None)  # a class opened for one task draws it, whatever the step was
    assert store.info(code)["drawing"] is True


def test_only_the_teacher_moves_the_class_and_only_to_a_real_step(store):
    opened = store.open_class("C3")
    token = store.join(opened.code)
    for wrong in (token, "", None, opened.secret + "x"):
        with pytest.raises(NotAllowed):
            store.set_step(opened.code, wrong, "title")
    for bad in ("class-C9", "C3 ", "<b>", "x" * 500, 3):
        with pytest.raises(StoreError, match="no present step"):
            store.set_step(opened.code, opened.secret, bad)
    assert store.info(opened.code)["step"] is None


def test_a_student_who_joins_late_or_reloads_comes_back_to_the_current_step(store):
    opened = store.open_class("C2")
    early = store.join(opened.code)
    store.set_step(opened.code, opened.secret, "class-C2")
    store.submit(opened.code, early, C2, "Mine.")
    store.set_step(opened.code, opened.secret, "class-C3")
    late = store.join(opened.code)  # joins halfway: the class's current task is theirs at once
    assert store.is_student(opened.code, late) and store.info(opened.code)["task"] == "C3"
    store.submit(opened.code, late, C3, "Late, but here.")
    assert store.is_student(opened.code, early)  # a reload keeps the one token for the whole lesson
    store.set_step(opened.code, opened.secret, "class-C2")
    assert store.my_reading(opened.code, early)["sentence"] == "Mine."
    assert store.my_reading(opened.code, late) is None


OLD = MetaData()  # the tables as the store made them before one join per lesson
Table(
    "classes",
    OLD,
    Column("code", String(6), primary_key=True),
    Column("task", String(8), nullable=False),
    Column("created", Float, nullable=False),
    Column("expires", Float, nullable=False),
    Column("closed", Boolean, nullable=False),
    Column("revealed", Boolean, nullable=False),
    Column("secret_hash", String(64), nullable=False),
    Column("failures", Integer, nullable=False),
    Column("last_failure", Float, nullable=False),
)
Table(
    "students",
    OLD,
    Column("code", String(6), primary_key=True),
    Column("token_hash", String(64), primary_key=True),
    Column("nickname", String(64)),
    Column("joined", Float, nullable=False),
    Column("window_start", Float, nullable=False),
    Column("window_count", Integer, nullable=False),
)
Table(
    "readings",
    OLD,
    Column("code", String(6), primary_key=True),
    Column("token_hash", String(64), primary_key=True),
    Column("geometry", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("submitted", Float, nullable=False),
    Column("revisions", Integer, nullable=False),
)


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request, tmp_path):
    """An empty database of its own (the migration drops a table the other tests' database has)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite'}"
        return
    url = request.getfixturevalue("pg_url")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as db:
        db.execute(sql("DROP DATABASE IF EXISTS before_lessons"))
        db.execute(sql("CREATE DATABASE before_lessons"))
    yield url.replace("/classes?", "/before_lessons?")
    admin.dispose()


def test_a_database_from_before_keeps_every_reading_under_its_classs_task(old_database):
    engine = create_engine(old_database)
    OLD.create_all(engine)
    now = 1_900_000_000.0
    with engine.begin() as db:
        for code, task in (("ABCDEF", "C3"), ("GHJKMN", "C5")):
            db.execute(
                insert(OLD.tables["classes"]).values(
                    code=code, task=task, created=now, expires=now + 86400 * 30, closed=False, revealed=True,
                    secret_hash=hash_secret(f"secret-of-{code}-long"), failures=0, last_failure=0.0,
                )
            )  # fmt: skip
            for n in range(2):
                db.execute(
                    insert(OLD.tables["students"]).values(
                        code=code, token_hash=hash_secret(f"{code}{n}"), joined=now + n, window_start=0, window_count=1
                    )
                )
                geometry = C3 if task == "C3" else {"type": "MultiPoint", "coordinates": [[125.75, 39.03]]}
                db.execute(
                    insert(OLD.tables["readings"]).values(
                        code=code, token_hash=hash_secret(f"{code}{n}"), geometry=json.dumps(geometry),
                        sentence=f"{code} {n}", submitted=now, revisions=1,
                    )
                )  # fmt: skip
    engine.dispose()
    for _ in range(2):  # a second start finds nothing left to do
        store = Store(old_database, clock=lambda: now + 60)
        assert "readings" not in inspect(store.engine).get_table_names()
        for code, task in (("ABCDEF", "C3"), ("GHJKMN", "C5")):
            info = store.info(code)
            assert (info["task"], info["step"], info["drawing"], info["submitted"]) == (task, None, True, 2)
            got = store.readings(code, f"secret-of-{code}-long")
            assert [r["sentence"] for r in got] == [f"{code} 0", f"{code} 1"]
            assert store.my_reading(code, f"{code}1")["sentence"] == f"{code} 1"
        store.engine.dispose()
