"""The class store's tables, and how a database made by an earlier version is brought up to them.

A class keeps one join code for a whole lesson: `classes.task` is the task the class draws (or last drew), and
`classes.step` the teacher's present step while the class follows a lesson (NULL: the class draws its task). A
student has one reading per task (`class_readings`, keyed by class, task and token), so the readings of C2 stay
when the class moves on to C3. A database from before (one task per class, its `readings` keyed by class and
token) is moved over once, on SQLite and PostgreSQL alike, each reading under its class's task.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError

from .keys import secret_columns

CODE_LENGTH = 6
STEP_LENGTH = 40

meta = MetaData()
classes = Table(
    "classes",
    meta,
    Column("code", String(CODE_LENGTH), primary_key=True),
    Column("task", String(8), nullable=False),
    Column("created", Float, nullable=False),
    Column("expires", Float, nullable=False),
    Column("closed", Boolean, nullable=False, default=False),  # the task's: a new task opens
    Column("revealed", Boolean, nullable=False, default=False),  # the task's: a new task hides the map's reading
    Column("step", String(STEP_LENGTH)),  # the teacher's present step, when the class follows a lesson
    *secret_columns(),
)
students = Table(
    "students",
    meta,
    Column("code", String(CODE_LENGTH), ForeignKey("classes.code", ondelete="CASCADE"), primary_key=True),
    Column("token_hash", String(64), primary_key=True),
    Column("nickname", String(64)),
    Column("joined", Float, nullable=False),
    Column("window_start", Float, nullable=False, default=0.0),
    Column("window_count", Integer, nullable=False, default=0),
)
readings = Table(
    "class_readings",
    meta,
    Column("code", String(CODE_LENGTH), ForeignKey("classes.code", ondelete="CASCADE"), primary_key=True),
    Column("task", String(8), primary_key=True),
    Column("token_hash", String(64), primary_key=True),
    Column("geometry", Text, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("submitted", Float, nullable=False),
    Column("revisions", Integer, nullable=False, default=1),
)

_before = MetaData()  # the readings table of a database made before one join per lesson: read once, then dropped
_old_readings = Table(
    "readings",
    _before,
    *(Column(c.name, c.type) for c in readings.columns if c.name != "task"),
)


def _columns(engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


def migrate(engine) -> None:
    """Bring a database made before to these tables. Two servers starting at once on one PostgreSQL may race:
    the loser's transaction fails whole, and it checks that the winner's change is there."""
    meta.create_all(engine)
    if "step" not in _columns(engine, "classes"):
        exists = " IF NOT EXISTS" if engine.dialect.name == "postgresql" else ""
        try:
            with engine.begin() as db:
                db.execute(text(f"ALTER TABLE classes ADD COLUMN{exists} step VARCHAR({STEP_LENGTH})"))
        except DBAPIError:
            if "step" not in _columns(engine, "classes"):
                raise
    if "readings" in inspect(engine).get_table_names():
        old = _old_readings
        moved = select(old.c.code, classes.c.task, *(old.c[c] for c in old.c.keys() if c != "code"))
        moved = moved.select_from(old.join(classes, classes.c.code == old.c.code))
        try:
            with engine.begin() as db:
                db.execute(insert(readings).from_select(["code", "task", *list(old.c.keys())[1:]], moved))
                db.execute(text("DROP TABLE readings"))
        except DBAPIError:
            if "readings" in inspect(engine).get_table_names():
                raise
