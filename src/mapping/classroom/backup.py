"""`class backup FILE` and `class restore FILE`: the whole class store as one plain JSON file, which a store on
SQLite or on PostgreSQL writes and either takes back.

A backup is read in one snapshot, so that a lesson running meanwhile leaves it consistent (no reading without
its student): on PostgreSQL one REPEATABLE READ transaction, on SQLite one read transaction (in WAL mode the
students' writes go on; the reader sees the database as it was at its first read). It holds every row of every
table as stored: codes, hashes of the teachers' secrets and the students' tokens, nicknames, readings, lessons;
nothing that the store does not keep already, and readable by its owner alone (0600). A checksum over the rows
turns any change made after writing into a refused file.

A restore goes into an empty store, in one transaction that holds the tables against a class opened meanwhile:
a store with anything in it is refused, naming what is there, so nothing is ever overwritten. A file that is
not JSON, not a backup, of another version, or whose rows the tables would not take, is refused, naming the
fault, before anything is written; a failure while writing leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Boolean, Float, Integer, String, func, insert, select
from sqlalchemy.exc import DBAPIError

from .keys import StoreError
from .lessons import lessons
from .tables import classes, readings, students

FORMAT = "telegram-map-class-store"
VERSION = 1
TABLES = (classes, students, readings, lessons)  # parents first: the order a restore writes them in
WORDS = {"classes": "classes", "students": "students", "class_readings": "readings", "lessons": "lessons"}


class BackupError(StoreError):
    """A backup not written, or a file not restored; the message names why."""


def where(engine) -> str:
    return engine.url.render_as_string(hide_password=True)


@contextmanager
def _snapshot(engine) -> Iterator:
    if engine.dialect.name == "postgresql":
        with engine.connect() as db:
            db = db.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with db.begin():
                yield db
        return
    with engine.connect() as db:
        # pysqlite opens a transaction only before a write: without this BEGIN each SELECT would see its own moment
        db = db.execution_options(isolation_level="AUTOCOMMIT")
        db.exec_driver_sql("BEGIN")
        try:
            yield db
        finally:
            db.exec_driver_sql("ROLLBACK")


@contextmanager
def _writing(engine) -> Iterator:
    """One transaction, with no other writer until it ends: the check that the store is empty still holds when
    the rows go in."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as db:
            db.exec_driver_sql(f"LOCK TABLE {', '.join(t.name for t in TABLES)} IN EXCLUSIVE MODE")
            yield db
        return
    with engine.connect() as db:
        db = db.execution_options(isolation_level="AUTOCOMMIT")
        db.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.exec_driver_sql("ROLLBACK")
            raise
        db.exec_driver_sql("COMMIT")


def _plain(column, value):
    """A value as JSON keeps it, whichever database it came from (SQLite may hand back 0 for a REAL 0.0)."""
    if value is None or isinstance(column.type, String):
        return value
    if isinstance(column.type, Boolean):
        return bool(value)
    return int(value) if isinstance(column.type, Integer) else float(value)


def _key(t):
    keys = [i for i, c in enumerate(t.columns) if c.primary_key]
    return lambda row: [row[i] for i in keys]


def digest(tables: dict) -> str:
    return hashlib.sha256(json.dumps(tables, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def take(engine) -> dict:
    """Every row of every table, read in one snapshot, sorted by key (the same store gives the same rows from
    either database)."""
    tables: dict[str, dict[str, list]] = {}
    with _snapshot(engine) as db:
        for t in TABLES:
            rows = [[_plain(c, v) for c, v in zip(t.columns, r, strict=True)] for r in db.execute(select(t))]
            tables[t.name] = {"columns": [c.name for c in t.columns], "rows": sorted(rows, key=_key(t))}
    return {
        "format": FORMAT,
        "version": VERSION,
        "taken": time.time(),
        "from": engine.dialect.name,
        "counts": {name: len(t["rows"]) for name, t in tables.items()},
        "sha256": digest(tables),
        "tables": tables,
    }


def dumps(doc: dict) -> str:
    """One JSON document, a row to a line, so that a person (or diff) can read it."""
    head = ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in doc.items() if k != "tables")
    parts = []
    for name, t in doc["tables"].items():
        rows = "".join(f"\n  {json.dumps(r, ensure_ascii=False)}," for r in t["rows"]).rstrip(",")
        parts.append(f' {json.dumps(name)}: {{"columns": {json.dumps(t["columns"])}, "rows": [{rows}\n ]}}')
    return "{" + head + ', "tables": {\n' + ",\n".join(parts) + "\n}}\n"


def write(path: Path, text: str, force: bool) -> None:
    """Written whole or not at all, readable by its owner alone from the first byte (mkstemp makes it 0600)."""
    from ..outputs.errors import OutputError, check_target

    try:
        check_target(path, force)
    except OutputError as exc:
        raise BackupError(str(exc)) from None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BackupError(f"{path}: could not be written ({exc.strerror or exc.__class__.__name__})") from None


def counted(counts: dict) -> str:
    return ", ".join(f"{counts[t.name]} {WORDS[t.name]}" for t in TABLES)


def backup(engine, path: Path, force: bool = False) -> str:
    """Write the store's backup to `path`; what it holds, in words."""
    doc = take(engine)
    text = dumps(doc)
    write(path, text, force)
    return f"{counted(doc['counts'])}; {len(text.encode('utf-8')) / 1000:.0f} kB, one snapshot of {where(engine)}"


# -- reading a file back -----------------------------------------------------------------------------------
def _fault(column, value) -> str | None:
    """Why the column would not take this value, the same on SQLite and PostgreSQL; None if it would."""
    kind = column.type
    if value is None:
        return None if column.nullable else "is empty, and the column needs a value"
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else "is not true or false"
    if isinstance(value, bool):
        return "is true or false, not what the column holds"
    if isinstance(kind, Integer):
        return None if isinstance(value, int) and abs(value) < 2**31 else "is not a whole number the column holds"
    if isinstance(kind, Float):
        finite = isinstance(value, (int, float)) and abs(value) < 1e300 and math.isfinite(value)
        return None if finite else "is not a finite number"
    if not isinstance(value, str):
        return "is not text"
    if kind.length is not None and len(value) > kind.length:
        return f"is {len(value)} characters long, more than the column's {kind.length}"
    if "\x00" in value:
        return "holds a NUL character, which PostgreSQL does not store"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "holds a lone surrogate, which is not text a database stores"
    return None


def _rows(t, part: object) -> list[dict]:
    if (
        not isinstance(part, dict)
        or not isinstance(part.get("columns"), list)
        or not isinstance(part.get("rows"), list)
    ):
        raise BackupError(f"table {t.name} is not a list of columns and rows")
    names = [c.name for c in t.columns]
    if sorted(map(str, part["columns"])) != sorted(names) or len(part["columns"]) != len(names):
        missing = sorted(set(names) - set(map(str, part["columns"])))
        extra = sorted(set(map(str, part["columns"])) - set(names))
        raise BackupError(f"table {t.name} has other columns than this app's (missing: {missing}; unknown: {extra})")
    rows = []
    for n, row in enumerate(part["rows"], 1):
        if not isinstance(row, list) or len(row) != len(names):
            raise BackupError(f"table {t.name}, row {n}: not {len(names)} values")
        row = dict(zip(part["columns"], row, strict=True))
        for c in t.columns:
            fault = _fault(c, row[c.name])
            if fault:
                raise BackupError(f"table {t.name}, row {n}, column {c.name}: {json.dumps(row[c.name])[:40]} {fault}")
        rows.append(row)
    keys = [c.name for c in t.columns if c.primary_key]
    seen = set()
    for n, row in enumerate(rows, 1):
        key = tuple(row[k] for k in keys)
        if key in seen:
            raise BackupError(f"table {t.name}, row {n}: its key {list(key)} is there twice")
        seen.add(key)
    return rows


def check(doc: object) -> dict[str, list[dict]]:
    """The rows of a backup, ready to write, or a BackupError naming the first fault."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        said = doc.get("format") if isinstance(doc, dict) else None
        raise BackupError(f"not a class-store backup (its format is {json.dumps(said)[:40]}, not {json.dumps(FORMAT)})")
    version = doc.get("version")
    if version != VERSION or isinstance(version, bool):
        newer = isinstance(version, int) and version > VERSION
        raise BackupError(
            f"a backup of version {json.dumps(version)[:20]}, "
            + ("written by a newer version of the app; " if newer else "")
            + f"this one reads version {VERSION}"
        )
    tables = doc.get("tables")
    names = [t.name for t in TABLES]
    if not isinstance(tables, dict) or sorted(tables) != sorted(names):
        raise BackupError(f"damaged: it does not hold the tables {', '.join(names)} (and no others)")
    if doc.get("sha256") != digest(tables):
        raise BackupError("damaged: its rows do not match its checksum (changed or cut after it was written)")
    rows = {t.name: _rows(t, tables[t.name]) for t in TABLES}
    if doc.get("counts") != {name: len(r) for name, r in rows.items()}:
        raise BackupError("damaged: its counts are not those of its rows")
    codes = {r["code"] for r in rows["classes"]}
    for t in (students, readings):
        orphan = next((r["code"] for r in rows[t.name] if r["code"] not in codes), None)
        if orphan is not None:
            raise BackupError(f"damaged: table {t.name} has rows of class {orphan}, which it does not hold")
    return rows


def load(path: Path) -> dict[str, list[dict]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"{path}: cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BackupError(f"{path}: not a class-store backup: not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        raise BackupError(f"{path}: not a class-store backup: nested deeper than any backup is") from None
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"{path}: damaged or not a backup: not whole JSON ({exc.msg}, line {exc.lineno} column {exc.colno}"
            f"{'' if raw.rstrip().endswith(b'}') else '; it ends before its last brace: cut short?'})"
        ) from None
    try:
        return check(doc)
    except BackupError as exc:
        raise BackupError(f"{path}: {exc}") from None


def _in_the_way(db) -> str | None:
    held = {t.name: db.execute(select(func.count()).select_from(t)).scalar() for t in TABLES}
    if not any(held.values()):
        return None
    named = [f"class {r.code}" for r in db.execute(select(classes.c.code).order_by(classes.c.code).limit(5))]
    named += [f"lesson {r.id}" for r in db.execute(select(lessons.c.id).order_by(lessons.c.id).limit(5))]
    return f"{counted(held)} ({', '.join(named) or 'rows without a class'})"


def restore(engine, rows: dict[str, list[dict]]) -> str:
    """Write a checked backup's rows into an empty store, all or nothing; what went in, in words."""
    try:
        with _writing(engine) as db:
            there = _in_the_way(db)
            if there:
                raise BackupError(
                    f"the store at {where(engine)} is not empty: it holds {there}. A restore never overwrites: "
                    "restore into a new TELEGRAM_MAP_DATA folder or an empty database"
                )
            for t in TABLES:
                if rows[t.name]:
                    db.execute(insert(t), rows[t.name])
    except DBAPIError as exc:
        raise BackupError(
            f"the store at {where(engine)} refused the rows, and nothing was written: {exc.orig}"
        ) from None
    return f"{counted({name: len(r) for name, r in rows.items()})} into {where(engine)}"
