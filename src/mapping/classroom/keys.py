"""A teacher's secret, checked: kept only as a hash, compared in constant time; the right one always passes.

Shared by a class (store.py) and a lesson (lessons.py). A wrong secret is refused (NotAllowed) and nothing
else: it never slows, waits or blocks anyone, the row's own teacher included, because the secrets are 128
random bits and more, so slowing a row buys nothing, and a wait kept per row let a student who read the join
code off the projector lock the teacher out of their own class (issue 29). Each row's `failures` and
`last_failure` keep, for the record only, the wrong tries since the last right one; they never refuse a key.
Slowing whoever makes the wrong tries is limits.py's (per browser, in the app).
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import Column, Float, Integer, String, Table, case, update

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed on a phone
MIN_SECRET = 16  # characters, for a secret a teacher chooses (one the store makes has 32)
RECORD_CAP = 1_000_000  # wrong tries recorded per row at most: the count never overflows its column


class StoreError(Exception):
    """A request the store refuses; the message says why, in words for the person who asked."""


class NotAllowed(StoreError):
    """A wrong teacher secret, or a student token this class does not know."""


def secret_columns() -> list[Column]:
    """The columns `verify` reads and writes, for a table whose rows each have a teacher's secret.
    `failures` and `last_failure` are a record only (kept so that databases made before still load)."""
    return [
        Column("secret_hash", String(64), nullable=False, index=True),
        Column("failures", Integer, nullable=False, default=0),
        Column("last_failure", Float, nullable=False, default=0.0),
    ]


def hash_secret(value: str) -> str:
    # the secrets are random, 128 bits and more; "surrogatepass": a crafted lone surrogate hashes (and is wrong)
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def check_chosen(secret: str) -> str:
    """A secret a teacher chose (not one the store made): refused if it is shorter than MIN_SECRET."""
    if len(secret) < MIN_SECRET:
        raise StoreError(f"a teacher's secret needs {MIN_SECRET} characters or more, not {len(secret)}")
    return secret


def verify(db, table: Table, where, row: dict, secret: object, now: float, what: str) -> None:
    """Raise NotAllowed unless `secret` is this row's. The right secret always passes, whatever wrong tries
    came before; a wrong one is refused at once and recorded (the caller commits the record)."""
    given = secret if isinstance(secret, str) else ""  # anything but text is a wrong secret, never an error
    if not hmac.compare_digest(hash_secret(given), row["secret_hash"]):
        count = case((table.c.failures < RECORD_CAP, table.c.failures + 1), else_=table.c.failures)
        db.execute(update(table).where(where).values(failures=count, last_failure=now))
        raise NotAllowed(f"that is not this {what}'s teacher secret")
    if row["failures"]:
        db.execute(update(table).where(where).values(failures=0))
