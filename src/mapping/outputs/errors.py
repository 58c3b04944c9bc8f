"""Writing output files safely: refuse to overwrite without --force, never leave half a file.

Every output command (export, handout, export-data) goes through `write_atomic`, which
writes a temporary file in the target folder and renames it into place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """A plain sentence about why the file was not written."""


def check_target(path: Path, force: bool) -> None:
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise OutputError(f"{path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise OutputError(f"{path}: {parent} is not a folder")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder, not a file")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; add --force to overwrite it")
    if not os.access(parent, os.W_OK):
        raise OutputError(f"{path}: the folder {parent} is not writable")


def write_atomic(path: Path, data: bytes, force: bool = False) -> None:
    check_target(path, force)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: could not be written ({exc.strerror or exc.__class__.__name__})") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
