"""A teacher's lessons, kept in the class store's database (SQLite or PostgreSQL), under the teacher's key.

Anyone with a lesson's id may read it (a projector opens ?lesson=ID&step=N; a lesson holds no student's
work); only its teacher's key changes or deletes it. A lesson is checked (lesson.parse) before it is
stored and again when it is read, so a row changed behind the app's back is refused, not shown. Saving
never overwrites another lesson: an import or a copy is stored under a new id. A lesson neither saved nor
opened for LESSON_KEPT_DAYS is deleted (`purge_expired`, run as a new lesson is saved and by the store's own
purge) and, from that day, never found even before it is; `opened` records when it was last opened (at most
one write a day per lesson). A wrong key is refused and never delays the right one (keys.verify).
"""

from __future__ import annotations

import secrets

from sqlalchemy import Column, Float, MetaData, String, Table, Text, delete, func, insert, inspect, select, text, update
from sqlalchemy.exc import DBAPIError

from .keys import CODE_ALPHABET as ID_ALPHABET
from .keys import StoreError, hash_secret, secret_columns, verify
from .lesson import Lesson, LessonError, loads

ID_LENGTH = 8  # two more than a class code, so the two are never confused
MAX_LESSONS = 200  # under one teacher's key
LESSON_KEPT_DAYS = 365  # a lesson neither saved nor opened for this long is deleted
DAY = 86400.0
OPENED_EVERY = DAY  # an open is recorded at most this often per lesson (a projector reopens it often)

lessons_meta = MetaData()
lessons = Table(
    "lessons",
    lessons_meta,
    Column("id", String(ID_LENGTH), primary_key=True),
    Column("title", String(120), nullable=False),
    Column("body", Text, nullable=False),  # the lesson.json, as a teacher would download it
    Column("created", Float, nullable=False),
    Column("updated", Float, nullable=False),
    Column("opened", Float),  # when last opened or saved; NULL in a row from before (then `updated` counts)
    *secret_columns(),  # mine() finds a teacher's lessons by their key's hash
)


def clean_id(value: object) -> str:
    text = str(value or "").strip().upper()
    return text if len(text) == ID_LENGTH and all(c in ID_ALPHABET for c in text) else ""


def add_missing_columns(engine) -> None:
    """A lessons table made before `opened` existed gets it (SQLite and PostgreSQL); its rows keep NULL."""
    if "opened" in {c["name"] for c in inspect(engine).get_columns("lessons")}:
        return
    exists = " IF NOT EXISTS" if engine.dialect.name == "postgresql" else ""
    try:
        with engine.begin() as db:
            db.execute(text(f"ALTER TABLE lessons ADD COLUMN{exists} opened FLOAT"))
    except DBAPIError:  # another process added it first (SQLite has no IF NOT EXISTS here)
        if "opened" not in {c["name"] for c in inspect(engine).get_columns("lessons")}:
            raise


_last_used = func.coalesce(lessons.c.opened, lessons.c.updated)


class Lessons:
    def __init__(self, engine, clock) -> None:
        self.engine, self.clock = engine, clock

    def _cutoff(self) -> float:
        return self.clock() - LESSON_KEPT_DAYS * DAY

    def _row(self, db, lesson_id: object) -> dict:
        row = db.execute(select(lessons).where(lessons.c.id == clean_id(lesson_id))).mappings().first()
        if row is None or max(row["opened"] or 0.0, row["updated"]) < self._cutoff():
            raise StoreError("no saved lesson has that id")
        return dict(row)

    def purge_expired(self) -> int:
        """Delete the lessons neither saved nor opened for LESSON_KEPT_DAYS; how many went."""
        with self.engine.begin() as db:
            return db.execute(delete(lessons).where(_last_used < self._cutoff())).rowcount

    def save(self, lesson: Lesson, secret: str | None = None, lesson_id: str | None = None) -> tuple[str, str]:
        """Store a lesson: a new one (under `secret`, or a new key) or, with its id and key, a new version of
        one. Returns the id and the key."""
        body = lesson.dumps()
        loads(body)  # what is stored is what a file would be, and must read back
        now = self.clock()
        with self.engine.begin() as db:
            if lesson_id:
                row = self._row(db, lesson_id)
                try:
                    verify(db, lessons, lessons.c.id == row["id"], row, secret, now, "lesson")
                except StoreError:
                    db.commit()  # a wrong key's count is kept
                    raise
                db.execute(
                    update(lessons)
                    .where(lessons.c.id == row["id"])
                    .values(title=lesson.title, body=body, updated=now, opened=now)
                )
                return row["id"], str(secret)
            db.execute(delete(lessons).where(_last_used < self._cutoff()))  # the year-old go as a new one comes
            secret = secret or secrets.token_urlsafe(24)
            mine = select(lessons.c.id).where(lessons.c.secret_hash == hash_secret(secret))
            if len(db.execute(mine).all()) >= MAX_LESSONS:
                raise StoreError(f"this key already keeps {MAX_LESSONS} lessons: delete one first")
            for _ in range(20):
                new = "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
                if db.execute(select(lessons.c.id).where(lessons.c.id == new)).first() is None:
                    break
            row = {"id": new, "secret_hash": hash_secret(secret), "title": lesson.title, "body": body}
            db.execute(insert(lessons).values(**row, created=now, updated=now, opened=now))  # no wrong key yet
            return new, secret

    def get(self, lesson_id: object) -> Lesson:
        """The lesson, read and checked; its open is recorded (one small write, at most once a day)."""
        now = self.clock()
        with self.engine.begin() as db:
            row = self._row(db, lesson_id)
            if row["opened"] is None or now - row["opened"] >= OPENED_EVERY:
                db.execute(update(lessons).where(lessons.c.id == row["id"]).values(opened=now))
        try:
            lesson = loads(row["body"])
        except LessonError as exc:
            raise StoreError(f"lesson {row['id']} is damaged: {exc}") from None
        return Lesson(lesson.title, lesson.steps, lesson.audience, lesson.author, id=row["id"])

    def mine(self, secret: str) -> list[dict]:
        """The lessons kept under this key, newest first: id, title and when each was last saved."""
        with self.engine.connect() as db:
            rows = db.execute(
                select(lessons.c.id, lessons.c.title, lessons.c.updated)
                .where(lessons.c.secret_hash == hash_secret(str(secret)), _last_used >= self._cutoff())
                .order_by(lessons.c.updated.desc())
            )
            return [dict(r._mapping) for r in rows]

    def delete(self, lesson_id: str, secret: str) -> None:
        with self.engine.begin() as db:
            row = self._row(db, lesson_id)
            try:
                verify(db, lessons, lessons.c.id == row["id"], row, secret, self.clock(), "lesson")
            except StoreError:
                db.commit()
                raise
            db.execute(delete(lessons).where(lessons.c.id == row["id"]))
