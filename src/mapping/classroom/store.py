"""Classes, students and readings, in a real database: SQLite (WAL) by default, PostgreSQL for a district.

One code path for both, through SQLAlchemy Core. Every change is one committed transaction, so a server
killed mid-lesson loses no reading it has acknowledged. Roles: a class's join code lets a student add and
revise their own reading; only the class's teacher secret (kept as a hash) sees readings and sentences,
closes, reveals, exports or deletes. The right secret always passes, whatever wrong ones came before: a wrong
one is refused and recorded on the class's row, and never waits, slows or blocks anyone (keys.verify). Slowing
a browser that tries wrong secrets, and limiting the classes and lessons a browser makes, is the app's, with
limits.py. Expired classes and lessons unopened for a year are purged as a class is opened and by `class list`.

A student's input never raises anything but a StoreError (NotAllowed, TooMany) or a ReadingError, whatever it
is: a code that is not six letters of the code alphabet is no class, a token that is not text is no student,
and the reading is checked by readings.py. Joins are limited per class (MAX_JOINS, in tasks.py) and, when the
caller names its client, per client (limits.JOINS), so that one browser cannot become a whole class.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine

from ..state import CLASS_PREFIX, STEPS
from . import limits
from .keys import CODE_ALPHABET, NotAllowed, StoreError, check_chosen, verify
from .keys import hash_secret as _hash
from .lessons import Lessons, add_missing_columns, lessons_meta
from .readings import Reading, check, tidy
from .tables import CODE_LENGTH, classes, migrate, readings, students
from .tasks import MAX_JOINS, MAX_PER_MINUTE, MAX_READINGS, TASKS

MAX_TOKEN = 100  # characters: the store makes tokens of 32
DAY = 86400.0
NO_CLASS = "no class has that code: check it with your teacher"


def _code(code: object) -> str:
    """A join code as stored (upper case, no spaces around), or StoreError: only text of the code's own
    alphabet and length ever reaches the database."""
    text = code.strip().upper() if isinstance(code, str) and len(code) <= 4 * CODE_LENGTH else ""
    if len(text) != CODE_LENGTH or not set(text) <= set(CODE_ALPHABET):
        raise StoreError(NO_CLASS)
    return text


STEP_NAMES = {*STEPS, *(CLASS_PREFIX + t for t in TASKS)}


def _drawing(row: dict) -> bool:
    """Whether a class's students draw its task now: always, unless it follows a lesson at a step with no task."""
    return row["step"] is None or row["step"].startswith(CLASS_PREFIX)


@dataclass(frozen=True)
class Opened:
    code: str
    secret: str  # the teacher's (made here, or their own); the store keeps only its hash


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cur.execute("PRAGMA synchronous=FULL")  # a committed reading is on disk before the student hears so
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


class Store:
    def __init__(self, url: str, clock=time.time) -> None:
        self.engine: Engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            if self.engine.url.database not in (None, "", ":memory:"):  # the folder of a new class store
                Path(self.engine.url.database).parent.mkdir(parents=True, exist_ok=True)
            event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine)  # the class tables, and a database made before brought up to them
        lessons_meta.create_all(self.engine)
        add_missing_columns(self.engine)  # a lessons table made before `opened`
        self.clock = clock
        self.lessons = Lessons(self.engine, clock)  # a teacher's lessons, in the same database

    # -- the teacher -------------------------------------------------------------------------------------
    def open_class(self, task: str, retention_days: float = 30, secret: str | None = None) -> Opened:
        """A new class, under `secret` (a teacher's own, 16 characters or more) or a new random one."""
        if task not in TASKS:
            raise StoreError(f"no task {task!r}: choose one of {', '.join(TASKS)}")
        if not 0 < retention_days <= 365:
            raise StoreError("keep a class between a day and a year")
        secret = secrets.token_urlsafe(24) if secret is None else check_chosen(str(secret))
        self.purge_expired()
        now = self.clock()
        with self.engine.begin() as db:
            for _ in range(20):  # a fresh code: 31^6 of them, so a clash is rare
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
                if db.execute(select(classes.c.code).where(classes.c.code == code)).first() is None:
                    break
            db.execute(
                insert(classes).values(
                    code=code,
                    task=task,
                    secret_hash=_hash(secret),
                    created=now,
                    expires=now + retention_days * DAY,
                    closed=False,
                    revealed=False,
                    failures=0,
                    last_failure=0.0,
                )
            )
        return Opened(code, secret)

    def _teacher(self, db, code: str, secret: str) -> dict:
        row = self._class(db, code)
        verify(db, classes, classes.c.code == row["code"], row, secret, self.clock(), "class")
        return row

    def _checked(self, code: str, secret: str) -> dict:
        # a wrong secret's record is kept even though the request fails: its own transaction
        with self.engine.begin() as db:
            try:
                return self._teacher(db, code, secret)
            except NotAllowed:
                db.commit()
                raise

    def readings(self, code: str, secret: str, task: str | None = None) -> list[dict]:
        """Every reading of a task (the class's own by default) with its sentence (no nickname, no token): the
        teacher's alone. In the order the students joined, so that "reading 3" stays the same student's while
        others revise theirs."""
        row = self._checked(code, secret)
        mine = (students.c.code == readings.c.code) & (students.c.token_hash == readings.c.token_hash)
        with self.engine.connect() as db:
            rows = db.execute(
                select(readings.c.geometry, readings.c.sentence, readings.c.submitted, readings.c.revisions)
                .select_from(readings.join(students, mine))
                .where((readings.c.code == row["code"]) & (readings.c.task == (task or row["task"])))
                .order_by(students.c.joined, readings.c.token_hash)
            )
            return [
                {
                    "geometry": tidy(json.loads(r.geometry)),
                    "sentence": r.sentence,
                    "submitted": r.submitted,
                    "revisions": r.revisions,
                }
                for r in rows
            ]

    def set_state(self, code: str, secret: str, *, closed: bool | None = None, revealed: bool | None = None) -> None:
        self._checked(code, secret)
        values = {k: v for k, v in (("closed", closed), ("revealed", revealed)) if v is not None}
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.code == _code(code)).values(**values))

    def export(self, code: str, secret: str) -> dict:
        """The class's readings of every task it drew, as GeoJSON: task, geometry, sentence and time (`n` as the
        teacher's screen numbers them within their task); never a nickname or a token."""
        row = self._checked(code, secret)
        with self.engine.connect() as db:
            drawn = {r.task for r in db.execute(select(readings.c.task).where(readings.c.code == row["code"]))}
        tasks = [t for t in TASKS if t in drawn]
        feats = [
            {
                "type": "Feature",
                "properties": {"n": i, "task": t, "sentence": r["sentence"], "submitted": r["submitted"]},
                "geometry": r["geometry"],
            }
            for t in tasks
            for i, r in enumerate(self.readings(code, secret, t), 1)
        ]
        return {"type": "FeatureCollection", "task": row["task"], "tasks": tasks, "features": feats}

    def set_step(self, code: str, secret: str, step: str | None) -> None:
        """The class follows the teacher's present step: at a class-readings step its students draw that step's
        task (a new task opens, with the map's reading hidden); at any other step they wait, with their readings
        kept. None: the class draws its task, as a class opened for one task does."""
        if step is not None and step not in STEP_NAMES:
            raise StoreError(f"no present step {step!r}")
        row = self._checked(code, secret)
        values: dict = {"step": step}
        task = step.removeprefix(CLASS_PREFIX) if step and step.startswith(CLASS_PREFIX) else row["task"]
        if task != row["task"]:
            values |= {"task": task, "closed": False, "revealed": False}
        with self.engine.begin() as db:
            db.execute(update(classes).where(classes.c.code == row["code"]).values(**values))

    def delete(self, code: str, secret: str) -> None:
        self._checked(code, secret)
        with self.engine.begin() as db:
            self._delete(db, [_code(code)])

    # -- anyone with the code ----------------------------------------------------------------------------
    def _class(self, db, code: str) -> dict:
        row = db.execute(select(classes).where(classes.c.code == _code(code))).mappings().first()
        if row is None or row["expires"] < self.clock():
            raise StoreError(NO_CLASS)
        return dict(row)

    def info(self, code: str) -> dict:
        """What a projected screen and a student may see: the task, the state and the counts."""
        with self.engine.connect() as db:
            row = self._class(db, code)
            joined = db.execute(
                select(func.count()).select_from(students).where(students.c.code == row["code"])
            ).scalar()
            of_task = (readings.c.code == row["code"]) & (readings.c.task == row["task"])
            done = db.execute(select(func.count()).select_from(readings).where(of_task)).scalar()
        return {
            "code": row["code"],
            "task": row["task"],  # the task the class draws, or last drew
            "step": row["step"],  # the teacher's present step, or None
            "drawing": _drawing(row),  # whether the students draw the task now
            "closed": row["closed"],
            "revealed": row["revealed"],
            "joined": joined,
            "submitted": done,  # readings of the task
        }

    def join(self, code: str, client: str | None = None) -> str:
        """A new student of the class: their token, which only their own browser keeps. At most MAX_JOINS
        students join one class; `client` (the caller's browser, limits.py) joins at most limits.JOINS.n times
        in its window, whatever the class. A join refused, or to a wrong code, counts against neither."""
        token = secrets.token_urlsafe(24)
        with self.engine.begin() as db:
            row = self._class(db, code)
            if row["closed"]:
                raise StoreError("this task is closed")
            joined = db.execute(
                select(func.count()).select_from(students).where(students.c.code == row["code"])
            ).scalar_one()
            if joined >= MAX_JOINS:
                raise StoreError(f"this class is full: {MAX_JOINS} have joined it, the most one class takes")
            if client is not None:
                limits.JOINS.take(client)  # TooMany (a StoreError) past the limit: the transaction adds no one
            db.execute(
                insert(students).values(
                    code=row["code"], token_hash=_hash(token), joined=self.clock(), window_start=0.0, window_count=0
                )
            )
        return token

    def submit(self, code: str, token: str, geometry: object, sentence: object, nickname: object = None) -> Reading:
        """Store (or revise) this student's reading. Nothing is stored unless every check passes."""
        now = self.clock()
        with self.engine.begin() as db:
            row = self._class(db, code)
            reading = check(TASKS[row["task"]], geometry, sentence, nickname)
            if not _drawing(row):
                raise StoreError("your teacher's class is not drawing now: your reading waits here until it is")
            if row["closed"]:
                raise StoreError("the teacher has closed this task: your last reading is kept")
            if not isinstance(token, str) or len(token) > MAX_TOKEN:
                raise NotAllowed("this browser has not joined the class: join it again with the code")
            me = (students.c.code == row["code"]) & (students.c.token_hash == _hash(token))
            student = db.execute(select(students).where(me)).mappings().first()
            if student is None:
                raise NotAllowed("this browser has not joined the class: join it again with the code")
            start, count = student["window_start"], student["window_count"]
            if now - start >= 60:
                start, count = now, 0
            if count >= MAX_PER_MINUTE:
                raise StoreError("that is a lot of submissions in one minute: wait a moment, then submit")
            of_task = (readings.c.code == row["code"]) & (readings.c.task == row["task"])
            mine = of_task & (readings.c.token_hash == student["token_hash"])
            had = db.execute(select(readings.c.revisions).where(mine)).first()
            if had is None:
                total = db.execute(select(func.count()).select_from(readings).where(of_task)).scalar_one()
                if total >= MAX_READINGS:
                    raise StoreError(f"this class already has {MAX_READINGS} readings, the most one class may hold")
                db.execute(
                    insert(readings).values(
                        code=row["code"],
                        task=row["task"],
                        token_hash=student["token_hash"],
                        geometry=json.dumps(reading.geometry),
                        sentence=reading.sentence,
                        submitted=now,
                        revisions=1,
                    )
                )
            else:
                db.execute(
                    update(readings)
                    .where(mine)
                    .values(
                        geometry=json.dumps(reading.geometry),
                        sentence=reading.sentence,
                        submitted=now,
                        revisions=had.revisions + 1,
                    )
                )
            db.execute(
                update(students).where(me).values(nickname=reading.nickname, window_start=start, window_count=count + 1)
            )
        return reading

    def my_reading(self, code: str, token: str) -> dict | None:
        """This student's reading of the task the class draws (or last drew)."""
        with self.engine.connect() as db:
            row = self._class(db, code)
            if not isinstance(token, str) or len(token) > MAX_TOKEN:
                return None
            of_task = (readings.c.code == row["code"]) & (readings.c.task == row["task"])
            mine = of_task & (readings.c.token_hash == _hash(token))
            r = db.execute(select(readings.c.geometry, readings.c.sentence).where(mine)).first()
        return {"geometry": tidy(json.loads(r.geometry)), "sentence": r.sentence} if r else None

    def is_student(self, code: str, token: object) -> bool:
        """Whether this token joined this class (a student's page asks, to show the drawing or the join)."""
        if not isinstance(token, str) or len(token) > MAX_TOKEN:
            return False
        with self.engine.connect() as db:
            row = self._class(db, code)
            me = (students.c.code == row["code"]) & (students.c.token_hash == _hash(token))
            return db.execute(select(students.c.token_hash).where(me)).first() is not None

    # -- the server --------------------------------------------------------------------------------------
    def list_classes(self) -> list[dict]:
        """Every class kept, for the command line: code, task, dates and counts (no secret, no reading)."""
        self.purge_expired()
        with self.engine.connect() as db:
            codes = [r.code for r in db.execute(select(classes.c.code).order_by(classes.c.created))]
        return [self.info(c) | self.dates(c) for c in codes]

    def dates(self, code: str) -> dict:
        with self.engine.connect() as db:
            row = self._class(db, code)
        return {"created": row["created"], "expires": row["expires"]}

    def purge_expired(self) -> int:
        """Delete the expired classes, with their readings, and the lessons unopened for a year (lessons.py);
        returns how many classes went."""
        with self.engine.begin() as db:
            gone = [r.code for r in db.execute(select(classes.c.code).where(classes.c.expires < self.clock()))]
            self._delete(db, gone)
        self.lessons.purge_expired()
        return len(gone)

    @staticmethod
    def _delete(db, codes: list[str]) -> None:
        if codes:  # children first: SQLite keeps foreign keys per connection, PostgreSQL always
            db.execute(delete(readings).where(readings.c.code.in_(codes)))
            db.execute(delete(students).where(students.c.code.in_(codes)))
            db.execute(delete(classes).where(classes.c.code.in_(codes)))
