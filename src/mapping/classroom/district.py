"""`python -m mapping district`: several app servers on one PostgreSQL, behind Debian's nginx (proxy.py).

One Streamlit process runs its sessions on one core, so a district's classes need several. The database
(TELEGRAM_MAP_DATABASE_URL) is their only shared state: a class opened on one server is joined, drawn and counted
on any. nginx keeps each device's Streamlit requests on one server (a teacher's session lives in that process)
and spreads the students' light page over all of them. A server that stops is not started again: nginx skips
it, its teachers' pages reconnect to another and its students' next requests go there; the rest serve on.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .proxy import start, stop_all, streamlit_command, wait_for


def serve_district(address: str, port: int, servers: int, app: Path) -> int:
    """nginx at address:port, and `servers` app servers on loopback ports port + 1, port + 2 ..."""
    url = os.environ.get("TELEGRAM_MAP_DATABASE_URL")
    if not url:
        print("district: set TELEGRAM_MAP_DATABASE_URL to the database every app server shares", file=sys.stderr)
        return 2
    from .store import Store

    try:  # the tables made once here, before the servers start: two making them at once would race
        Store(url).engine.dispose()
    except Exception as exc:  # a message, never a traceback
        print(f"district: cannot use the database: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2
    ports = [port + 1 + n for n in range(servers)]
    run = Path(os.environ.get("TELEGRAM_MAP_DATA", app.parent / "classdata")) / "district"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # from here, a stop stops every server started
    apps = [subprocess.Popen(streamlit_command(app, p, address, port, []), cwd=app.parent) for p in ports]
    procs = list(apps)
    try:
        for p, proc in zip(ports, apps, strict=True):
            wait_for(f"http://127.0.0.1:{p}")
            print(f"district: app server on 127.0.0.1:{p} (pid {proc.pid})", file=sys.stderr)
        local = address in ("127.0.0.1", "localhost")
        procs.append(start(run, f"{'127.0.0.1' if local else '0.0.0.0'}:{port}", ports))
        wait_for(f"http://127.0.0.1:{port}")
        print(f"district: serving http://{address}:{port}/ (nginx; its log: {run / 'access.log'})", file=sys.stderr)
        stopped: set[int] = set()
        while procs[-1].poll() is None and len(stopped) < servers:
            for p, proc in zip(ports, apps, strict=True):
                if p not in stopped and proc.poll() is not None:
                    stopped.add(p)
                    print(f"district: the app server on port {p} stopped ({proc.returncode}); the others serve on",
                          file=sys.stderr)  # fmt: skip
            time.sleep(0.5)
        return 1  # nginx, or every app server, stopped on its own
    except RuntimeError as exc:  # a server that did not start, or nginx refusing its configuration
        print(f"district: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        stop_all(procs)


def district(args: argparse.Namespace) -> int:
    from ..paths import ROOT
    from .cli import lan_address

    address = args.address or lan_address()
    if address is None:
        print("district: this machine has no LAN address (hostname -I lists none): give --address", file=sys.stderr)
        return 2
    return serve_district(address, args.port, args.servers, ROOT / "server.py")


def register(sub) -> None:
    p = sub.add_parser(
        "district", help="several app servers on one PostgreSQL (TELEGRAM_MAP_DATABASE_URL), behind nginx"
    )
    p.add_argument("--servers", type=int, choices=range(1, 33), default=2, metavar="N",
                   help="how many app servers (each one process, on one core; default 2)")  # fmt: skip
    p.add_argument("--address", help="the host name or address that teachers and students open "
                   "(default: this machine's LAN address)")  # fmt: skip
    p.add_argument("--port", type=int, default=8501,
                   help="nginx's port (default 8501); the app servers take the next ones, on loopback")  # fmt: skip
    p.set_defaults(func=district)
