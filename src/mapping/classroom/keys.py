"""A teacher's secret, checked: kept only as a hash, compared in constant time, and slowed after wrong tries.

Shared by a class (store.py) and a lesson (lessons.py): each row keeps its own `secret_hash`, `failures`
and `last_failure`, so guessing one class's or lesson's key never slows another's.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import Column, Float, Integer, String, Table, update

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed on a phone
FREE_TRIES = 3  # wrong teacher secrets before each further try must wait (2, 4, 8 ... s, at most 5 min)


class StoreError(Exception):
    """A request the store refuses; the message says why, in words for the person who asked."""


class NotAllowed(StoreError):
    """A wrong teacher secret, or a student token this class does not know."""


def secret_columns() -> list[Column]:
    """The columns `verify` reads and writes, for a table whose rows each have a teacher's secret."""
    return [
        Column("secret_hash", String(64), nullable=False, index=True),
        Column("failures", Integer, nullable=False, default=0),
        Column("last_failure", Float, nullable=False, default=0.0),
    ]


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()  # the secrets are random, 128 bits and more


def verify(db, table: Table, where, row: dict, secret: object, now: float, what: str) -> None:
    """Raise NotAllowed unless `secret` is this row's; count a wrong one (the caller commits it)."""
    if row["failures"] >= FREE_TRIES:
        wait = min(300.0, 2.0 ** (row["failures"] - FREE_TRIES + 1))
        if now - row["last_failure"] < wait:
            raise NotAllowed(f"too many wrong secrets: wait {wait:.0f} s and try again")
    if not hmac.compare_digest(hash_secret(str(secret)), row["secret_hash"]):
        db.execute(update(table).where(where).values(failures=table.c.failures + 1, last_failure=now))
        raise NotAllowed(f"that is not this {what}'s teacher secret")
    if row["failures"]:
        db.execute(update(table).where(where).values(failures=0))
