"""A classroom on loopback: N Streamlit sessions stepping through present mode at once.

Each session is a websocket client speaking Streamlit's own protocol (the protobuf
BackMsg/ForwardMsg the browser sends), so the server does exactly the work a class of
browsers would cause, without 30 browsers competing with it for 2 cores. It measures
each step (a click on Next until the script has finished), counts errors, and samples the
server's resident memory. Traffic goes to 127.0.0.1 only, and every loop is bounded.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.sync.client import connect
from websockets.typing import Origin, Subprotocol

from ..state import LAST_STEP

STEP_TIMEOUT_S = 30.0


@dataclass
class LoadResult:
    sessions: int
    seconds: float
    steps: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds since start, bytes)

    def p(self, q: float) -> float:
        if not self.steps:
            return float("nan")
        ordered = sorted(self.steps)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def peak_rss(self) -> int:
        return max((r for _, r in self.rss_samples), default=0)

    def thirds(self) -> tuple[int, int]:
        """Peak RSS in the first and in the last third of the run."""
        span = self.seconds / 3
        first = [r for t, r in self.rss_samples if t <= span]
        last = [r for t, r in self.rss_samples if t >= 2 * span]
        return max(first, default=0), max(last, default=0)

    def median(self) -> float:
        return statistics.median(self.steps) if self.steps else float("nan")


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children (Streamlit runs in one process)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Session:
    """One browser's worth of Streamlit traffic."""

    def __init__(self, ws) -> None:  # a websockets ClientConnection
        self.ws = ws
        # button name -> (widget id, fragment id): a button in a fragment reruns only it, as in a browser
        self.buttons: dict[str, tuple[str, str]] = {}
        self.step = 0
        self.cached: set[str] = set()  # like a browser: large messages it already has are sent by reference

    def rerun(self, query: str, trigger: str | None = None) -> tuple[float, str | None]:
        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        if trigger:
            w = WidgetState()
            w.id, fragment = self.buttons[trigger]
            w.trigger_value = True
            msg.rerun_script.widget_states.widgets.append(w)
            msg.rerun_script.fragment_id = fragment
        start = time.perf_counter()
        self.ws.send(msg.SerializeToString())
        error = None
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(self.ws.recv(timeout=STEP_TIMEOUT_S))
            kind = fm.WhichOneof("type")
            if fm.metadata.cacheable and fm.hash:
                self.cached.add(fm.hash)
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                if el.WhichOneof("type") == "button":
                    self.buttons[el.button.id.rsplit("-", 1)[-1]] = (el.button.id, fm.delta.fragment_id)
                if el.WhichOneof("type") == "exception":
                    error = f"exception: {el.exception.message[:120]}"
            if kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    error = "script failed to compile"
                return time.perf_counter() - start, error


def open_stream(port: int):
    return connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        subprotocols=[Subprotocol("streamlit")],
        origin=Origin(f"http://127.0.0.1:{port}"),
        max_size=None,
        open_timeout=STEP_TIMEOUT_S,
    )


def _session_loop(port: int, until: float, result: LoadResult, lock: threading.Lock, pause: float) -> None:
    try:
        with open_stream(port) as ws:
            _steps(Session(ws), until, result, lock, pause)
    except Exception as exc:  # every failure is counted, none is hidden
        with lock:
            result.errors.append(f"{exc.__class__.__name__}: {str(exc)[:120]}")


def _steps(s: Session, until: float, result: LoadResult, lock: threading.Lock, pause: float) -> None:
    s.rerun("mode=present&step=0")
    direction = "next"
    while time.monotonic() < until:
        if s.step >= LAST_STEP:
            direction = "prev"
        elif s.step <= 0:
            direction = "next"
        elapsed, error = s.rerun(f"mode=present&step={s.step}", direction)
        s.step += 1 if direction == "next" else -1
        with lock:
            result.steps.append(elapsed)
            if error:
                result.errors.append(error)
        time.sleep(pause)


def run(port: int, pid: int, sessions: int, seconds: float, pause: float = 0.5) -> LoadResult:
    """`sessions` clients stepping for `seconds` against 127.0.0.1:port; server memory sampled."""
    result = LoadResult(sessions, seconds)
    lock = threading.Lock()
    start = time.monotonic()
    until = start + seconds
    threads = [
        threading.Thread(target=_session_loop, args=(port, until, result, lock, pause), daemon=True)
        for _ in range(sessions)
    ]
    for t in threads:
        t.start()
        time.sleep(0.05)  # a class does not click at the same microsecond
    while any(t.is_alive() for t in threads) and time.monotonic() < until + STEP_TIMEOUT_S + 5:
        result.rss_samples.append((time.monotonic() - start, rss_bytes(pid)))
        time.sleep(0.5)
    for t in threads:
        t.join(timeout=1)
    return result


def classroom(sessions: int, seconds: float, pause: float = 3.0) -> LoadResult:
    """Start the app on loopback, run `sessions` stepping students against it, stop it."""
    from ..paths import ROOT
    from .localserver import serve

    app = serve(ROOT / "server.py", ROOT)
    try:
        return run(app.port, app.proc.pid, sessions, seconds, pause)
    finally:
        app.stop()
