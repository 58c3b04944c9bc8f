"""`python -m mapping class new | list | export | delete | backup | restore`: the class store from the command
line (backup.py: the whole store as one JSON file, restored into an empty store on either database); and
`python -m mapping lesson validate FILE`: a teacher's lesson file checked, each fault named by its field.

The teacher's secret is never an argument (shell history and `ps` would keep it): export and delete read it
from TELEGRAM_MAP_TEACHER_SECRET, or ask for it without echo; `class new` opens the class under the secret in
TELEGRAM_MAP_TEACHER_SECRET when it is set (16 characters or more; never printed), and otherwise makes one and
prints it once.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from pathlib import Path


def _store():
    from ..paths import class_store_url
    from .store import Store

    return Store(class_store_url())


SECRET_VARIABLE = "TELEGRAM_MAP_TEACHER_SECRET"


def _chosen_secret() -> str | None:
    """The teacher's own secret for a new class, from TELEGRAM_MAP_TEACHER_SECRET; None if it is not set."""
    from .keys import MIN_SECRET, StoreError

    given = os.environ.get(SECRET_VARIABLE)
    if given is not None and len(given) < MIN_SECRET:
        raise StoreError(
            f"{SECRET_VARIABLE} holds {len(given)} characters: a teacher's secret needs {MIN_SECRET} or more "
            "(or unset it, and a new one is made and shown once)"
        )
    return given


def _secret() -> str:
    from .store import NotAllowed

    given = os.environ.get(SECRET_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise NotAllowed(f"give the teacher secret in {SECRET_VARIABLE}, or run this in a terminal")
    return getpass.getpass("teacher secret: ")


def _when(t: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(t))


def lan_address() -> str | None:
    """This machine's first LAN (IPv4) address, as `hostname -I` lists it: found locally, no outside request."""
    import subprocess

    try:
        out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=2).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return next((a for a in out if a.count(".") == 3 and not a.startswith("127.")), None)


def lan(args: argparse.Namespace) -> int:
    """Print the LAN address (stdout, for ./dev app --lan) and, on stderr, the address students open, as a QR code."""
    import segno

    address = lan_address()
    if address is None:
        print("lan: this machine has no LAN address (hostname -I lists none)", file=sys.stderr)
        return 2
    url = f"http://{address}:{args.port}/"
    print(f"Students open {url} (a class's own code and QR code are on the teacher's screen)", file=sys.stderr)
    segno.make(url, error="m").terminal(out=sys.stderr, compact=True)
    if args.serve:  # ./dev app --lan: nginx in front of Streamlit (proxy.py)
        from ..paths import ROOT
        from .proxy import serve_lan

        return serve_lan(address, args.port, ROOT / "server.py", args.streamlit)
    print(address)
    return 0


def run(args: argparse.Namespace) -> int:
    from ..outputs.errors import OutputError, check_target, write_atomic
    from . import backup
    from .store import StoreError

    try:
        store = _store()
        if args.action == "new":
            chosen = _chosen_secret()
            opened = store.open_class(args.task, args.keep_days, secret=chosen)
            print(f"class {opened.code}: task {args.task}, kept {args.keep_days:g} days")
            if chosen is None:
                print(f"teacher secret (shown once; keep it): {opened.secret}")
            else:
                print(f"teacher secret: the one in {SECRET_VARIABLE} (not shown)")
        elif args.action == "list":
            rows = store.list_classes()
            for c in rows:
                state = "closed" if c["closed"] else "open"
                print(
                    f"{c['code']}  {c['task']:<3} {state:<6} joined {c['joined']:>3}  readings {c['submitted']:>3}  "
                    f"opened {_when(c['created'])}  kept until {_when(c['expires'])}"
                )
            print(f"{len(rows)} classes")
        elif args.action == "export":
            out = Path(args.dir) / f"class-{args.code.upper()}-readings.geojson"
            check_target(out, args.force)
            data = store.export(args.code, _secret())
            write_atomic(out, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), args.force)
            print(f"class export: wrote {out} ({len(data['features'])} readings, no names)")
        elif args.action == "backup":
            print(f"class backup: wrote {args.file}: {backup.backup(store.engine, Path(args.file), args.force)}")
        elif args.action == "restore":
            print(f"class restore: restored {args.file}: {backup.restore(store.engine, backup.load(Path(args.file)))}")
        else:
            store.delete(args.code, _secret())
            print(f"class {args.code.upper()}: deleted, with its readings")
    except (StoreError, OutputError) as exc:
        print(f"class {args.action}: {exc}", file=sys.stderr)
        return 2
    return 0


def validate_lessons(args: argparse.Namespace) -> int:
    from .lesson import LessonError, load

    failed = 0
    for name in args.files:
        try:
            lesson = load(Path(name))
        except LessonError as exc:
            failed += 1
            for problem in exc.problems:
                print(f"{name}: {problem}", file=sys.stderr)
            continue
        print(f"{name}: a valid lesson: {len(lesson.steps)} steps, {lesson.minutes} minutes: {lesson.title}")
    return 1 if failed else 0


def register(sub) -> None:
    from .tasks import TASKS

    p = sub.add_parser("class", help="a class's readings: new, list, export, delete, backup, restore")
    acts = p.add_subparsers(dest="action", required=True)
    new = acts.add_parser(
        "new",
        help=f"open a class with a task; prints its code, and a new teacher secret unless {SECRET_VARIABLE} is set",
    )
    new.add_argument("task", choices=sorted(TASKS))
    new.add_argument("--keep-days", type=float, default=30, help="how long the class is kept (default 30)")
    acts.add_parser("list", help="every class kept: code, task, counts, dates")
    exp = acts.add_parser("export", help="write a class's readings as GeoJSON (no names)")
    exp.add_argument("code")
    exp.add_argument("dir")
    exp.add_argument("--force", action="store_true", help="overwrite an existing file")
    rm = acts.add_parser("delete", help="delete a class and its readings")
    rm.add_argument("code")
    bak = acts.add_parser("backup", help="write every class, reading and lesson to FILE, in one snapshot (0600)")
    bak.add_argument("file", metavar="FILE")
    bak.add_argument("--force", action="store_true", help="overwrite an existing file")
    res = acts.add_parser("restore", help="restore a backup FILE into an empty store (SQLite or PostgreSQL)")
    res.add_argument("file", metavar="FILE")
    p.set_defaults(func=run)
    p = sub.add_parser("lesson", help="a teacher's lesson file: validate")
    acts = p.add_subparsers(dest="action", required=True)
    val = acts.add_parser("validate", help="check lesson files (lesson.schema.json, the map's steps, plain text)")
    val.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=validate_lessons)
    p = sub.add_parser("lan", help="print this machine's LAN address, and the app's address as a QR code")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--serve", action="store_true", help="serve the app there, compressed, through Debian's nginx")
    p.add_argument("streamlit", nargs="*", help="more options for streamlit run (after --)")
    p.set_defaults(func=lan)
