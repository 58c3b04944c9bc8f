"""Limits per client (one browser), in this process: wrong keys slow the browser that types them, and opening
classes, saving lessons and joining classes are limited per browser. Nothing here ever refuses one client
for another's tries.

A client is any string the caller chooses; the app passes one combining the Streamlit session id and the
client's IP address. Every limiter is thread-safe (one lock each) and keeps at most `max_clients` clients,
forgetting the least recently seen first and any client idle past its window, so memory stays bounded. A
forgotten client starts afresh: forgetting only ever lets a try through, never blocks one. Every refusal is
`TooMany` (a keys.StoreError), whose message names the wait in plain words. The clock is injectable (tests);
by default time.monotonic. The limits live in one process: app servers behind a load balancer each keep
their own (a browser's session is sticky, so it meets the same one).

    WRONG_KEYS  Limiter: per client, FREE_WRONG wrong keys free, then each further try waits 2, 4, 8 ... s,
                at most 5 min:  "too many wrong keys from this browser: wait 8 s"
    OPENS       RateLimit: 10 classes opened an hour per client:
                "too many classes opened from this browser (10 an hour): wait 12 min"
    SAVES       RateLimit: 60 lessons saved an hour per client:
                "too many lessons saved from this browser (60 an hour): wait 3 min"
    JOINS       RateLimit: 5 joins per client in 10 minutes, counted by Store.join(code, client) (issue 31:
                one script joined 205 times in 11 s and was a whole class):
                "too many joins from this browser (5 in 10 min): wait 7 min"
                A student joins once a lesson; five leave room for a wrong class joined and a page that lost
                its token, and ten minutes let a student who did all that in the first minutes join again
                while the lesson goes on. A script gets five students per browser session, not a class.

How the app uses them, around a call that takes a teacher's key (`client` is the session's):

    WRONG_KEYS.check(client)            # TooMany while this client must wait; the key is not even tried
    try:
        rows = store.readings(code, key)
    except NotAllowed:
        WRONG_KEYS.failed(client)       # one more wrong key from this client (and only this one)
        raise
    WRONG_KEYS.passed(client)           # the right key: this client's count starts again

`with WRONG_KEYS.guard(client): ...` does those four steps. Before opening a class: `OPENS.take(client)`;
before saving a lesson: `SAVES.take(client)` (each raises TooMany when over, and counts the try when not);
joining a class: `store.join(code, client)`, which takes JOINS itself (only a join that would be made counts).
The command line has no limiter: whoever runs it has the database already.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from .keys import NotAllowed, StoreError

FREE_WRONG = 5  # wrong keys from one client before each further try must wait
FIRST_WAIT = 2.0  # seconds, doubled for each further wrong key
MAX_WAIT = 300.0  # seconds: the longest wait (5 min)
MAX_CLIENTS = 10_000  # clients kept per limiter; past it the least recently seen is forgotten


class TooMany(StoreError):
    """Too many tries from one client; the message says how long it must wait."""


def in_words(seconds: float) -> str:
    """A wait as a person reads it: "8 s" (rounded up), "12 min", "2 h"."""
    s = max(1, math.ceil(seconds))
    if s < 120:
        return f"{s} s"
    if s < 2 * 3600:
        return f"{math.ceil(s / 60)} min"
    return f"{math.ceil(s / 3600)} h"


def _span(seconds: float) -> str:
    return {60: "a minute", 3600: "an hour", 86400: "a day"}.get(int(seconds), f"in {in_words(seconds)}")


_Entry = TypeVar("_Entry")  # what is kept per client: Limiter's (count, last), RateLimit's stamps


class _Clients(Generic[_Entry]):
    """An OrderedDict of clients, least recently seen first, trimmed to `max_clients` and to `stale`."""

    def __init__(self, max_clients: int, clock: Callable[[], float]) -> None:
        if max_clients < 1:
            raise ValueError("max_clients must be 1 or more")
        self.max_clients, self.clock = max_clients, clock
        self._lock = threading.Lock()
        self._seen: OrderedDict[str, _Entry] = OrderedDict()

    def __len__(self) -> int:
        with self._lock:
            return len(self._seen)

    def _stale(self, entry: _Entry, now: float) -> bool:
        raise NotImplementedError

    def _touch(self, client: str, entry: _Entry, now: float) -> None:
        """Keep `entry` as this client's, most recently seen; forget the stale and the oldest past the bound."""
        self._seen[client] = entry
        self._seen.move_to_end(client)
        while self._seen:
            oldest = next(iter(self._seen))
            if len(self._seen) <= self.max_clients and not self._stale(self._seen[oldest], now):
                break
            del self._seen[oldest]


class Limiter(_Clients[tuple[int, float]]):
    """Wrong keys per client: `free` of them free; then each try waits `first`, twice that, ... at most `cap`
    seconds after the client's last wrong key. A client is forgotten `forget` seconds after its last wrong key
    (or at once when it gives a right one)."""

    def __init__(
        self,
        free: int = FREE_WRONG,
        first: float = FIRST_WAIT,
        cap: float = MAX_WAIT,
        forget: float = 3600.0,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if forget < cap:
            raise ValueError("forget a client no sooner than its longest wait")
        super().__init__(max_clients, clock)
        self.free, self.first, self.cap, self.forget = free, first, cap, forget

    def _stale(self, entry: tuple[int, float], now: float) -> bool:
        return now - entry[1] >= self.forget

    def _wait(self, client: str, now: float) -> float:
        entry = self._seen.get(client)
        if entry is None or entry[0] < self.free or self._stale(entry, now):
            return 0.0
        full = min(self.cap, self.first * 2.0 ** (entry[0] - self.free))
        return max(0.0, entry[1] + full - now)

    def wait(self, client: str) -> float:
        """Seconds this client must still wait before its next try (0.0: it may try now)."""
        with self._lock:
            return self._wait(client, self.clock())

    def failures(self, client: str) -> int:
        """Wrong keys this client has given since its last right one (while it is remembered)."""
        with self._lock:
            entry = self._seen.get(client)
            return 0 if entry is None or self._stale(entry, self.clock()) else entry[0]

    def check(self, client: str) -> None:
        """Raise TooMany if this client must wait before trying a key; never looks at any other client."""
        with self._lock:
            wait = self._wait(client, self.clock())
        if wait > 0:
            raise TooMany(f"too many wrong keys from this browser: wait {in_words(wait)}")

    def failed(self, client: str) -> None:
        """Record one wrong key from this client."""
        with self._lock:
            now = self.clock()
            entry = self._seen.get(client)
            count = 0 if entry is None or self._stale(entry, now) else entry[0]
            self._touch(client, (count + 1, now), now)

    def passed(self, client: str) -> None:
        """A right key from this client: its count starts again."""
        with self._lock:
            self._seen.pop(client, None)

    @contextmanager
    def guard(self, client: str) -> Iterator[None]:
        """check; then the body: NotAllowed from it records a wrong key (and is raised on), success a right one."""
        self.check(client)
        try:
            yield
        except NotAllowed:
            self.failed(client)
            raise
        self.passed(client)


class RateLimit(_Clients[deque[float]]):
    """At most `n` tries per client in any `per_seconds`; the (n+1)th is refused (TooMany) until the oldest of
    the n is `per_seconds` old. `what` names the tries in the message ("classes opened")."""

    def __init__(
        self,
        n: int,
        per_seconds: float,
        what: str,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if n < 1 or per_seconds <= 0:
            raise ValueError("a rate limit needs n >= 1 and per_seconds > 0")
        super().__init__(max_clients, clock)
        self.n, self.per, self.what = n, float(per_seconds), what

    def _stale(self, entry: deque[float], now: float) -> bool:
        return now - entry[-1] >= self.per  # its newest try has left the window, so all have

    def take(self, client: str) -> None:
        """Count one try from this client, or raise TooMany (and count nothing) if it has had its n."""
        with self._lock:
            now = self.clock()
            stamps = self._seen.get(client) or deque(maxlen=self.n)
            while stamps and now - stamps[0] >= self.per:
                stamps.popleft()
            if len(stamps) >= self.n:
                wait = stamps[0] + self.per - now
                self._touch(client, stamps, now)
                raise TooMany(
                    f"too many {self.what} from this browser ({self.n} {_span(self.per)}): wait {in_words(wait)}"
                )
            stamps.append(now)
            self._touch(client, stamps, now)


WRONG_KEYS = Limiter()
OPENS = RateLimit(10, 3600, "classes opened")
SAVES = RateLimit(60, 3600, "lessons saved")
JOINS = RateLimit(5, 600, "joins")
