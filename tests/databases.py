"""The two databases the class store runs on: an SQLite file, and a real PostgreSQL server started here.

PostgreSQL refuses to run as root, and the tests often run as root: the server then runs as Debian's
`postgres` user (runuser), in a folder of its own, listening only on a Unix socket in that folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL server, stopped and removed afterwards; yields its SQLAlchemy URL."""
    if not (PG_BIN / "pg_ctl").exists():
        raise RuntimeError(f"{PG_BIN}/pg_ctl is missing: install Debian's postgresql (./dev test does)")
    # /var/tmp, not the default temp folder: the postgres user must be able to reach the folder (/tmp may be
    # private to root)
    home = Path(tempfile.mkdtemp(prefix="tm-pg-", dir="/var/tmp"))
    data = home / "data"
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run(_as_postgres([str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]), **run)
    opts = f"-c listen_addresses='' -k {home} -p 5439 -c fsync=on"
    subprocess.run(
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-w", "-l", str(home / "log"), "start"]),
        **run,
    )
    try:
        subprocess.run(
            _as_postgres([str(PG_BIN / "createdb"), "-h", str(home), "-p", "5439", "-U", "postgres", "classes"]), **run
        )
        yield f"postgresql+psycopg://postgres@/classes?host={home}&port=5439"
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(home, ignore_errors=True)
