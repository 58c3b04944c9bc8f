"""Issue 31: the store fuzzed with crafted submissions, seeded and bounded, on SQLite and on a real PostgreSQL.

Each submission is a student's drawing of a task (a polygon, a route, places) mutated as a crafted client would
mutate it: numbers no float holds, NaN, strings, booleans, junk at every level, one-point lines, two-corner
rings, crossings, rings left open or turned, other kinds, deep nesting, parts past the limit; a sentence and a
nickname in several scripts salted with bidirectional overrides, zero-width and control characters, lone
surrogates and markup; now and then a code or a token that is no such thing. Only ReadingError or StoreError
comes out; a refused submission stores nothing (the student's last reading is still theirs, unchanged); an
accepted one is stored valid (RFC 7946 rings, the task's kind, on the map, plain visible text).
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
import unicodedata

from shapely.geometry import shape

from mapping.cartography import EAST, NORTH, SOUTH, WEST
from mapping.classroom.readings import MARKUP, ReadingError, check
from mapping.classroom.store import StoreError
from mapping.classroom.tasks import MAX_SENTENCE, MAX_VERTICES, TASKS

SUBMISSIONS = 1200  # per database
SECONDS = 90.0  # for them all, per database: a bound, far above what they take (a few seconds)
ONE = 2.0  # seconds, for any one submission
HUGE = 10**400
ATOMS = [HUGE, -HUGE, float("nan"), float("inf"), -float("inf"), 1e308, 10**20, "126.5", "", True, False, None,
         [], {}, [[]], [None, None], {"type": "Point"}, 126.5, 40.5, -0.0, 5e-324]  # fmt: skip
FORMAT = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
SALT = [*FORMAT, "\ud800", "\udfff", "\x00", "\x1b", "\x9b", "\x7f", "\n", "\t", "\u2028", "\u3000", "\u00a0",
        "<b>", "&amp;", "javascript:", "\u200c", "\u200d", "👨", "\ufe0f", "강", "江", "ा"]  # fmt: skip
WORDS = ["The mountains north of Kanggye.", "강계 북쪽의 산악 지대.", "江界以北的山区。", "می\u200cخواهم کوه",
         "क्\u200dष पहाड़", "Route via Manpo 👨\u200d👩\u200d👧.", "\uf900 兵力을 北으로."]  # fmt: skip


# -- crafting -----------------------------------------------------------------------------------------------
def _star(rng: random.Random, cx: float, cy: float, r: float) -> list:
    """A simple polygon's ring around (cx, cy), closed, counter-clockwise: a corner in each of n equal sectors,
    so the polygon is star-shaped about its centre (it never crosses itself)."""
    n = rng.randint(3, 30)
    angles = [2 * math.pi * (k + rng.uniform(0.05, 0.95)) / n for k in range(n)]
    radii = [r * rng.uniform(0.5, 1) for _ in angles]
    ring = [[cx + d * math.cos(a), cy + d * math.sin(a)] for a, d in zip(angles, radii, strict=True)]
    return [*ring, ring[0]]


def _valid(rng: random.Random, draw: str, most: int) -> dict:
    n = rng.randint(1, most)
    step = 0.3 if draw == "Point" else 1.6  # far apart: parts never meet; twelve places stay on the map
    centres = [(124.5 + step * i, rng.uniform(38.5, 42.5)) for i in range(n)]
    if draw == "Polygon":
        polys = [[_star(rng, cx, cy, rng.uniform(0.1, 0.7))] for cx, cy in centres]
    elif draw == "LineString":
        polys = [[[cx + 0.1 * k, cy + rng.uniform(-0.5, 0.5)] for k in range(rng.randint(2, 12))] for cx, cy in centres]
    else:
        polys = [[cx + 0.01 * rng.randint(0, 9), cy] for cx, cy in centres]
    multi = len(polys) > 1 or rng.random() < 0.5
    return {"type": ("Multi" + draw) if multi else draw, "coordinates": polys if multi else polys[0]}


def _positions(coords: object) -> list[tuple[list, int]]:
    """(list, index) of every position in a well-formed coordinate tree (a list of two numbers)."""
    if isinstance(coords, list) and len(coords) == 2 and all(isinstance(c, (int, float)) for c in coords):
        return []
    out = []
    for i, c in enumerate(coords if isinstance(coords, list) else []):
        if isinstance(c, list) and len(c) == 2 and all(isinstance(x, (int, float)) for x in c):
            out.append((coords, i))
        else:
            out.extend(_positions(c))
    return out


def _paths(coords: object) -> list[list]:
    """Every list of positions (a line or a ring) in the tree."""
    if not isinstance(coords, list) or not coords:
        return []
    if all(isinstance(c, list) and len(c) == 2 and not isinstance(c[0], list) for c in coords):
        return [coords]
    return [p for c in coords for p in _paths(c)]


FINAL = {8, 10, 12, 13, 14}  # mutations after which the drawing is no longer a tree of positions to mutate


def _mutate(rng: random.Random, g: dict, how: int) -> object:
    coords = g["coordinates"]
    at = _positions(coords)
    paths = _paths(coords)
    if how == 0 and at:  # a number no float holds, NaN, a string, a boolean, junk
        parent, i = rng.choice(at)
        parent[i] = list(parent[i])
        parent[i][rng.randrange(2)] = rng.choice(ATOMS)
    elif how == 1 and at:  # a position that is not one
        parent, i = rng.choice(at)
        parent[i] = rng.choice([[126.5], [126.5, 40.5, 100], "126.5,40.5", None, {"x": 1}, [[126.5, 40.5]]])
    elif how == 2 and paths:  # one point, or two
        p = rng.choice(paths)
        del p[rng.randint(1, 2) :]
    elif how == 3 and paths:  # a ring left open (closed again on the way in)
        p = rng.choice(paths)
        if len(p) > 3 and p[0] == p[-1]:
            p.pop()
    elif how == 4 and paths:  # turned the other way round (oriented again on the way in)
        rng.choice(paths).reverse()
    elif how == 5 and paths:  # a corner twice in a row (dropped on the way in)
        p = rng.choice(paths)
        k = rng.randrange(len(p))
        p.insert(k, list(p[k]))
    elif how == 6 and paths:  # two corners swapped: often a crossing
        p = rng.choice(paths)
        if len(p) > 3:
            i, j = rng.sample(range(1, len(p) - 1), 2)
            p[i], p[j] = p[j], p[i]
    elif how == 7:
        g["type"] = rng.choice(["Polygon", "MultiPolygon", "Point", "MultiPoint", "LineString", "MultiLineString",
                                "GeometryCollection", "Feature", "polygon", "", 5, None, ["Polygon"]])  # fmt: skip
    elif how == 8:
        return rng.choice([{"type": "Feature", "geometry": g}, {"type": "GeometryCollection", "geometries": [g]}])
    elif how == 9:  # keys a client adds: ignored
        g.update({"bbox": [0, 0, 1, 1], "crs": {"type": "name"}, "__proto__": {"x": 1}, "properties": None})
    elif how == 10:  # deep nesting, or one level more or less
        deep: object = coords
        for _ in range(rng.choice([1, 2, 1000, 50_000])):
            deep = [deep]
        g["coordinates"] = rng.choice([deep, coords[0] if isinstance(coords, list) and coords else coords])
    elif how == 11 and at:  # off the map
        parent, i = rng.choice(at)
        parent[i] = [parent[i][0] + rng.choice([-50, 50, 180]), parent[i][1]]
    elif how == 12:  # too many positions, too many parts
        g["coordinates"] = rng.choice([[coords] * 20, [[126.5, 40.5]] * rng.choice([401, 20_000])])
    elif how == 13:
        g["coordinates"] = rng.choice(ATOMS)
    elif how == 14:
        return rng.choice(ATOMS + [json.dumps(g), [g]])
    elif how == 15 and at:  # a string of a number where a number was
        parent, i = rng.choice(at)
        parent[i] = [str(parent[i][0]), parent[i][1]]
    return g


def crafted(rng: random.Random, draw: str, most: int) -> object:
    g = _valid(rng, draw, most)
    for _ in range(rng.choice([0, 0, 1, 1, 1, 2, 3])):
        how = rng.randrange(16)
        g = _mutate(rng, g, how)  # type: ignore[arg-type]
        if how in FINAL:
            break
    return g


def text(rng: random.Random, optional: bool = False) -> object:
    roll = rng.random()
    if roll < 0.05:
        return rng.choice([None, 5, HUGE, [], {"text": "x"}, True, 1.5])
    if roll < 0.08:
        return rng.choice(WORDS) * rng.choice([30, 10_000])  # too long, or far too long
    if optional and roll < 0.4:
        return None
    chars = list(rng.choice(WORDS)[: 24 if optional else None])
    for _ in range(rng.choice([0, 0, 1, 3, 8])):
        chars.insert(rng.randint(0, len(chars)), rng.choice(SALT))
    return "".join(chars)


# -- what is stored -----------------------------------------------------------------------------------------
def stored_valid(geometry: dict, draw: str, most: int) -> None:
    g = json.loads(json.dumps(geometry))
    assert g["type"] == "Multi" + draw and 1 <= len(g["coordinates"]) <= most
    assert shape(g).is_valid
    flat = json.dumps(g["coordinates"])
    assert "NaN" not in flat and "Infinity" not in flat
    positions = _positions(g["coordinates"])
    assert len(positions) <= MAX_VERTICES or draw == "Point"
    assert all(WEST <= p[i][0] <= EAST and SOUTH <= p[i][1] <= NORTH for p, i in positions)
    if draw == "Polygon":
        for rings in g["coordinates"]:
            assert all(r[0] == r[-1] and len(r) >= 4 for r in rings)
            poly = shape({"type": "Polygon", "coordinates": rings})
            assert poly.exterior.is_ccw and not any(h.is_ccw for h in poly.interiors)
    if draw == "LineString":
        assert all(len({tuple(p) for p in line}) >= 2 for line in g["coordinates"])


def plain(value: str | None, limit: int) -> None:
    if value is None:
        return
    assert value and value == value.strip() and len(value) <= limit and not MARKUP.search(value)
    for i, ch in enumerate(value):
        category = unicodedata.category(ch)
        assert category not in ("Cc", "Cs"), repr(value)
        if category == "Cf":  # only a joiner between two non-ASCII letters, marks or symbols
            assert ch in "\u200c\u200d" and 0 < i < len(value) - 1, repr(value)
            assert not value[i - 1].isascii() and not value[i + 1].isascii(), repr(value)


# -- the fuzz -----------------------------------------------------------------------------------------------
def test_crafted_submissions_through_the_store(store):
    rng = random.Random(1950_10_14)
    opened = {t: store.open_class(t) for t in TASKS}
    students = {t: [store.join(o.code) for _ in range(4)] for t, o in opened.items()}
    kept: dict[tuple[str, str], dict] = {}
    tally = {"stored": 0, "reading": 0, "store": 0}
    started = time.monotonic()
    for n in range(SUBMISSIONS):
        task = rng.choice(list(TASKS))
        draw, most = TASKS[task].draw, TASKS[task].max_parts
        token = rng.choice(students[task])
        code, sent_token = opened[task].code, token
        if rng.random() < 0.04:
            code = rng.choice([None, 5, HUGE, "", "\ud800" * 6, opened[task].code + "X", "O0O0O0", [code]])
        if rng.random() < 0.04:
            sent_token = rng.choice([None, 5, HUGE, "", "\ud800", token + "\x00", token * 10, [token]])
        geometry, sentence, nickname = crafted(rng, draw, most), text(rng), text(rng, optional=True)
        store.clock_.now += 11  # never the limit of submissions a minute: every refusal is the payload's own
        one = time.perf_counter()
        try:
            reading = store.submit(code, sent_token, geometry, sentence, nickname)
        except ReadingError as exc:
            tally["reading"] += 1
            message = str(exc)
        except StoreError as exc:
            tally["store"] += 1
            message = str(exc)
        else:
            tally["stored"] += 1
            kept[(task, token)] = {"geometry": reading.geometry, "sentence": reading.sentence}
            plain(reading.nickname, 24)
            message = ""
        assert time.perf_counter() - one < ONE, (n, str(geometry)[:200])
        assert "Traceback" not in message and "\n" not in message and len(message) < 200, message
        assert store.my_reading(opened[task].code, token) == kept.get((task, token)), n  # refused: nothing stored
        if (task, token) in kept:
            stored = store.my_reading(opened[task].code, token)
            stored_valid(stored["geometry"], draw, most)
            plain(stored["sentence"], MAX_SENTENCE)
    assert time.monotonic() - started < SECONDS
    assert min(tally.values()) >= 30 and tally["stored"] >= SUBMISSIONS // 10, tally  # each outcome exercised
    for task, o in opened.items():
        exported = json.loads(json.dumps(store.export(o.code, o.secret)))
        assert len(exported["features"]) == store.info(o.code)["submitted"]
        assert len(exported["features"]) == sum(1 for t, _ in kept if t == task)
        for feature in exported["features"]:
            stored_valid(feature["geometry"], TASKS[task].draw, TASKS[task].max_parts)
    valid = students["C3"][0]
    store.clock_.now += 61
    store.submit(opened["C3"].code, valid, {"type": "Polygon", "coordinates": [_star(rng, 127, 41, 0.5)]}, "Still.")


def test_crafted_readings_checked_alone():
    """check() alone, many more times (no database): a ReadingError or a valid reading, never anything else."""
    rng = random.Random(31)
    started, outcomes = time.monotonic(), {"stored": 0, "refused": 0}
    for _ in range(6000):
        task = TASKS[rng.choice(list(TASKS))]
        try:
            reading = check(task, crafted(rng, task.draw, task.max_parts), text(rng), text(rng, optional=True))
        except ReadingError:
            outcomes["refused"] += 1
            continue
        outcomes["stored"] += 1
        stored_valid(reading.geometry, task.draw, task.max_parts)
        plain(reading.sentence, MAX_SENTENCE)
    assert min(outcomes.values()) >= 600, outcomes
    assert time.monotonic() - started < SECONDS
