"""`python -m mapping bench --class`: a class of students in real browser sessions, joining and submitting
at once while the teacher's screen is open (Debian's Chromium, headless, one server on this machine).

Measured: submit-to-stored (the student's click to their page saying so), submit-to-shown (the click to the
teacher's screen counting it), the agreement map's compute time for the class and for ten times as many
readings (the ratio is the figure: both measured in this run), the server's errors and the students' page
errors. The teacher's screen reruns only its fragment (every 2 s), so submit-to-shown includes that wait.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from ..classroom.agreement import agreement
from ..classroom.store import Store
from ..paths import ROOT
from .localserver import CHROMIUM, CHROMIUM_ARGS, serve


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


async def _student(browser, url: str, n: int, errors: list[str]):
    """A student on the light page (/join/CODE), each a device of its own (the address nginx would pass on)."""
    context = await browser.new_context(
        viewport={"width": 1280, "height": 720}, extra_http_headers={"X-Real-IP": f"10.6.0.{n + 1}"}
    )
    context.set_default_timeout(300_000)  # thirty pages load at once on this machine's two cores
    page = await context.new_page()
    page.on("pageerror", lambda e: errors.append(f"student {n}: {e}"))
    await page.goto(url)
    await page.get_by_role("button", name="Join the class").click()
    area = page.locator(".tm-s-map").first
    await page.locator(".tm-s-map.leaflet-container").wait_for(timeout=120_000)
    await area.evaluate("el => el.scrollIntoView({block: 'center'})")
    box = await area.bounding_box()
    rng = random.Random(n)
    cx, cy, r = 0.5 + rng.uniform(-0.08, 0.08), 0.5 + rng.uniform(-0.08, 0.08), rng.uniform(0.06, 0.12)
    for fx, fy in ((cx - r, cy - r), (cx + r, cy - r), (cx + r, cy + r), (cx - r, cy + r)):
        await area.click(position={"x": fx * box["width"], "y": fy * box["height"]})
    await page.get_by_role("button", name="Finish", exact=True).click()
    await page.get_by_label("One sentence: why there?").fill(f"Reading {n}: the mountains between the valleys.")
    return page


async def _run(url: str, code: str, secret: str, students: int) -> dict:
    from playwright.async_api import async_playwright

    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        teacher = await browser.new_page(viewport={"width": 1280, "height": 720})
        await teacher.goto(url)
        await teacher.get_by_role("button", name="Open a class").click()
        await teacher.get_by_text("Resume a class").click()
        await teacher.get_by_label("Class code").fill(code)
        await teacher.get_by_label("Teacher key").fill(secret)
        await teacher.get_by_role("button", name="Resume", exact=True).click()
        await teacher.get_by_text("0 readings").wait_for(timeout=60_000)
        pages = await asyncio.gather(*(_student(browser, f"{url}/join/{code}", n, errors) for n in range(students)))
        shown: dict[int, float] = {}

        async def watch() -> None:
            while len(shown) < students:
                text = await teacher.locator(".tm-class-counts").first.inner_text()
                count = int(text.split("·")[1].split()[0])
                now = time.perf_counter()
                for k in range(1, count + 1):
                    shown.setdefault(k, now)
                await asyncio.sleep(0.05)

        async def submit(page) -> tuple[float, float]:
            clicked = time.perf_counter()
            await page.get_by_role("button", name="Send my reading").click()
            await page.locator("#tm-s-sent-h").wait_for(timeout=120_000)
            return clicked, time.perf_counter()

        watcher = asyncio.create_task(watch())
        done = await asyncio.gather(*(submit(pg) for pg in pages))
        await asyncio.wait_for(watcher, timeout=120)
        await browser.close()
    stored = [b - a for a, b in done]
    by_stored = sorted(done, key=lambda d: d[1])
    to_shown = [shown[k + 1] - clicked for k, (clicked, _) in enumerate(by_stored)]
    return {"stored": stored, "shown": to_shown, "errors": errors}


def main(students: int = 30) -> int:
    folder = Path(tempfile.mkdtemp(prefix="tm-classbench-"))
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(folder)}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    store = Store(f"sqlite:///{folder / 'classes.sqlite'}")
    opened = store.open_class("C3", 1)
    server = serve(ROOT / "server.py", ROOT, env)
    try:
        r = asyncio.run(_run(server.url, opened.code, opened.secret, students))
    finally:
        server.stop()
    readings = [x["geometry"] for x in store.readings(opened.code, opened.secret)]
    many = readings * 10
    timings = {}
    for name, geoms in (("class", readings), ("ten classes", many)):
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            agreement(geoms)
            runs.append(time.perf_counter() - t)
        timings[name] = statistics.median(runs)
    rows = [
        (f"{students} students: readings stored", str(len(readings))),
        ("submit to stored, p50 / p95", f"{statistics.median(r['stored']):.2f} / {p95(r['stored']):.2f} s"),
        (
            "submit to shown on the teacher's screen, p50 / p95",
            f"{statistics.median(r['shown']):.2f} / {p95(r['shown']):.2f} s",
        ),
        (f"agreement map, {len(readings)} readings", f"{timings['class'] * 1000:.0f} ms"),
        (f"agreement map, {len(many)} readings", f"{timings['ten classes'] * 1000:.0f} ms"),
        ("agreement, ten times the readings / one class", f"{timings['ten classes'] / timings['class']:.1f}x"),
        ("errors (page errors, lost readings)", str(len(r["errors"]) + students - len(readings))),
    ]
    width = max(len(n) for n, _ in rows)
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")
    for e in r["errors"][:5]:
        print("  ", e)
    return 0 if not r["errors"] and len(readings) == students else 1
