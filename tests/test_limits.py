"""Issue 29: wrong keys slow only the browser that types them, never the teacher; opening classes and saving
lessons are limited per browser; the limiters' memory is bounded. The store part runs on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest

from mapping.classroom import limits
from mapping.classroom.keys import NotAllowed, StoreError
from mapping.classroom.limits import Limiter, RateLimit, TooMany, in_words
from tests.conftest import Clock

STUDENT, TEACHER = "session-st|10.0.0.23", "session-te|10.0.0.2"


def test_a_students_wrong_keys_never_refuse_the_teacher(store):
    """The issue's own case: a student types wrong keys ten times a second at the class on the projector, then
    the teacher, in another browser, resumes the class with the right key: at once, every time."""
    opened = store.open_class("C5")
    token = store.join(opened.code)
    store.submit(opened.code, token, {"type": "MultiPoint", "coordinates": [[126.6, 41.0]]}, "Near Kanggye.")
    wrong_keys = Limiter(clock=store.clock_)
    refused, slowed = 0, 0
    for i in range(200):
        store.clock_.now += 0.1
        try:
            with wrong_keys.guard(STUDENT):
                store.readings(opened.code, f"guess {i}")
        except TooMany:
            slowed += 1  # the student's own browser waits: the store is not even asked
        except NotAllowed:
            refused += 1
        with wrong_keys.guard(TEACHER):
            assert len(store.readings(opened.code, opened.secret)) == 1  # the teacher, at the same moment
    assert refused >= limits.FREE_WRONG and slowed > 150
    assert wrong_keys.failures(TEACHER) == 0 and wrong_keys.wait(STUDENT) > 0


def test_the_store_alone_lets_the_right_key_through_after_200_wrong_ones(store):
    """With no limiter in front (the command line, or any caller): 200 wrong keys in the same second, then the
    right one sees, closes and exports at once."""
    opened = store.open_class("C5")
    for i in range(200):
        with pytest.raises(NotAllowed, match="not this class's teacher secret"):
            (store.readings, store.export)[i % 2](opened.code, "x" * (i % 40))
    assert store.readings(opened.code, opened.secret) == []
    for _ in range(200):
        with pytest.raises(NotAllowed):
            store.set_state(opened.code, "guess", closed=True)
    store.set_state(opened.code, opened.secret, closed=True, revealed=True)
    assert store.info(opened.code)["closed"] and store.info(opened.code)["revealed"]
    assert store.export(opened.code, opened.secret)["features"] == []
    for _ in range(200):
        with pytest.raises(NotAllowed):
            store.delete(opened.code, "guess")
    store.delete(opened.code, opened.secret)
    assert store.list_classes() == []


def test_one_clients_waits_grow_and_are_capped():
    clock = Clock()
    wrong = Limiter(clock=clock)
    for _ in range(limits.FREE_WRONG):
        wrong.check(STUDENT)  # the free tries: no wait
        wrong.failed(STUDENT)
    seen, waits = [], []
    for _ in range(12):
        with pytest.raises(TooMany) as caught:
            wrong.check(STUDENT)
        assert isinstance(caught.value, StoreError)
        seen.append(str(caught.value).removeprefix("too many wrong keys from this browser: wait "))
        waits.append(wrong.wait(STUDENT))
        clock.now += waits[-1] - 0.5
        with pytest.raises(TooMany, match="wait 1 s"):
            wrong.check(STUDENT)  # half a second early: still waits
        clock.now += 0.5  # waited it out: tries a wrong key again
        wrong.check(STUDENT)
        wrong.failed(STUDENT)
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256] + [limits.MAX_WAIT] * 4
    assert seen == ["2 s", "4 s", "8 s", "16 s", "32 s", "64 s", "3 min", "5 min", "5 min", "5 min", "5 min", "5 min"]
    assert wrong.wait(STUDENT) == limits.MAX_WAIT
    clock.now += 210
    with pytest.raises(TooMany, match="wait 90 s$"):  # the message names what is left
        wrong.check(STUDENT)
    wrong.check(TEACHER)  # another browser, meanwhile: never waits
    clock.now += 90
    wrong.passed(STUDENT)  # the right key: the count starts again
    assert wrong.failures(STUDENT) == 0 and wrong.wait(STUDENT) == 0


def test_a_client_idle_past_the_forget_time_starts_afresh():
    clock = Clock()
    wrong = Limiter(free=1, forget=3600, clock=clock)
    wrong.failed(STUDENT)
    wrong.failed(STUDENT)
    assert wrong.failures(STUDENT) == 2
    clock.now += 3600
    assert wrong.failures(STUDENT) == 0 and wrong.wait(STUDENT) == 0
    wrong.failed(STUDENT)
    assert wrong.failures(STUDENT) == 1
    with pytest.raises(ValueError):
        Limiter(cap=300, forget=60)


def test_opening_classes_is_limited_per_browser_and_allowed_again_after_the_hour():
    clock = Clock()
    opens = RateLimit(10, 3600, "classes opened", clock=clock)
    for _ in range(10):
        opens.take(TEACHER)
        clock.now += 60
    with pytest.raises(TooMany) as caught:
        opens.take(TEACHER)  # the 11th, ten minutes in
    assert str(caught.value) == "too many classes opened from this browser (10 an hour): wait 50 min"
    opens.take(STUDENT)  # another browser has its own ten
    clock.now += 49 * 60
    with pytest.raises(TooMany, match="wait 60 s"):
        opens.take(TEACHER)  # a refused try is not counted: still the first open's hour
    clock.now += 60
    opens.take(TEACHER)  # the first open's hour is over: one more
    with pytest.raises(TooMany, match="wait 60 s"):
        opens.take(TEACHER)
    clock.now += 3600
    for _ in range(10):
        opens.take(TEACHER)


def test_saving_lessons_is_limited_per_browser():
    clock = Clock()
    saves = RateLimit(60, 3600, "lessons saved", clock=clock)
    for _ in range(60):
        saves.take(TEACHER)
    with pytest.raises(TooMany, match=r"^too many lessons saved from this browser \(60 an hour\): wait 60 min$"):
        saves.take(TEACHER)
    assert (limits.OPENS.n, limits.OPENS.per, limits.SAVES.n, limits.SAVES.per) == (10, 3600.0, 60, 3600.0)


def test_memory_is_bounded_and_old_clients_are_forgotten():
    clock = Clock()
    wrong = Limiter(max_clients=100, clock=clock)
    opens = RateLimit(10, 3600, "classes opened", max_clients=100, clock=clock)
    for i in range(5000):
        wrong.failed(f"client {i}")
        opens.take(f"client {i}")
        assert len(wrong) <= 100 and len(opens) <= 100
    assert wrong.failures("client 4999") == 1 and wrong.failures("client 0") == 0  # the oldest went first
    clock.now += 3601
    wrong.failed("one more")
    opens.take("one more")
    assert len(wrong) == 1 and len(opens) == 1  # every client idle past its window, forgotten
    shared = (limits.WRONG_KEYS, limits.OPENS, limits.SAVES)  # the app's: the same bound
    assert all(one.max_clients == limits.MAX_CLIENTS == 10_000 for one in shared)
    assert (limits.WRONG_KEYS.free, limits.WRONG_KEYS.first, limits.WRONG_KEYS.cap) == (5, 2.0, 300.0)


def test_the_limiters_are_thread_safe():
    opens = RateLimit(50, 3600, "classes opened")
    wrong = Limiter()
    taken, barrier = [], threading.Barrier(8)

    def hammer() -> None:
        barrier.wait()
        for _ in range(100):
            wrong.failed(STUDENT)
            try:
                opens.take(TEACHER)
                taken.append(1)
            except TooMany:
                pass

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(taken) == 50 and wrong.failures(STUDENT) == 800


@pytest.mark.parametrize(
    ("seconds", "words"), [(0.2, "1 s"), (8, "8 s"), (119.5, "2 min"), (300, "5 min"), (7200, "2 h")]
)
def test_waits_are_named_in_plain_words(seconds, words):
    assert in_words(seconds) == words
