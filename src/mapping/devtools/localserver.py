"""A Streamlit server on a free loopback port, and Debian's Chromium to look at it.

Shared by the benchmark, the screenshot command and the tests, so all three start the app
the way `./dev app` does and block every request that would leave the machine the same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..classroom.proxy import start as start_nginx
from ..classroom.proxy import streamlit_args, wait_for

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    proc: subprocess.Popen

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def serve(
    script: Path,
    cwd: Path,
    env: dict | None = None,
    log: Path | None = None,
    args: list[str] | None = None,
    port: int | None = None,
) -> Server:
    """Start the app on a free loopback port (or `port`: a server restarted where it was, so that its pages'
    origin, and what their browsers keep for it, stay the same); `log`: a file that keeps the server's output
    (else discarded); `args`: more options for streamlit run."""
    port = port or free_port()
    out = log.open("ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            *(args or []),
        ],  # every other setting comes from cwd/.streamlit/config.toml, as with ./dev app
        cwd=cwd,
        stdout=out,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        env=dict(env or os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url)  # the same wait as ./dev app --lan's (classroom/proxy.py)
    except RuntimeError:
        proc.kill()
        raise RuntimeError(f"{script.name} did not start") from None
    return Server(url, proc)


@dataclass
class Proxied:
    """The app as ./dev app --lan serves it: nginx (url) in front of Streamlit (app), both on loopback here."""

    url: str
    app: Server
    nginx: subprocess.Popen

    def stop(self) -> None:
        self.nginx.terminate()
        self.nginx.wait(timeout=10)
        self.app.stop()


def serve_proxied(script: Path, cwd: Path, run: Path, env: dict | None = None) -> Proxied:
    """nginx on a free loopback port in front of the app, configured as classroom/proxy.py does for a LAN
    (the address here is 127.0.0.1); `run`: nginx's folder."""
    port = free_port()
    app = serve(script, cwd, env, args=streamlit_args("127.0.0.1", port))
    nginx = start_nginx(run, f"127.0.0.1:{port}", app.port)
    wait_for(f"http://127.0.0.1:{port}")
    return Proxied(f"http://127.0.0.1:{port}", app, nginx)


# The network cut in the browser itself: every request that is not to this machine goes to a proxy
# that does not exist (loopback is never proxied), and no host name resolves. For timing: a
# Playwright route puts the test driver in the path of every request, and the app makes more
# requests than the bare page, so it was slowed more than its baseline.
def offline_args(proxy_port: int = 9) -> list[str]:
    """Chromium's arguments with the network cut: a proxy on a closed loopback port (9: discard)."""
    return [
        *CHROMIUM_ARGS,
        f"--proxy-server=http://127.0.0.1:{proxy_port}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ]


CHROMIUM_OFFLINE_ARGS = offline_args()


def record_outside(page, leaked: list[str]) -> None:
    """Record (without pausing it) every request a page makes beyond this machine: with
    CHROMIUM_OFFLINE_ARGS none can succeed, and the bench reports any that was tried."""

    def seen(request):
        url = request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if not url.startswith(("data:", "blob:", "file:")) and host not in ("127.0.0.1", "localhost"):
            leaked.append(url)

    page.on("request", seen)


def block_outside(page, leaked: list[str]) -> None:
    def guard(route, request):
        host = request.url.split("/")[2].split(":")[0] if "://" in request.url else ""
        if request.url.startswith(("data:", "blob:", "file:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            leaked.append(request.url)
            route.abort()

    page.route("**/*", guard)
