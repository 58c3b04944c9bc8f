"""Waits for conditions, never for times (#33): on a machine whose cores are busy a page draws slowly, and a fixed
pause either outlasts what it waits for (slow tests) or does not (flaky ones). What moves (a zoom, a smooth scroll,
the labels' declutter pass, a rerun's redraw) is waited out by frames: a measurement of the page is taken on every
animation frame, and the page is at rest when the answer has stayed the same for several frames in a row. A frame
is drawn however slowly the machine works, so "five frames alike" means still, not "fast enough"."""

from __future__ import annotations

import itertools
import json
from contextlib import contextmanager

# at rest: the same answer on `frames` animation frames in a row, kept in the page between polls. Frames, not
# milliseconds: a smooth scroll or a zoom moves on every frame it is drawn, however slowly the machine draws
STILL = """(key, now, frames = 5) => {
  const last = window.__tmStill || {};
  window.__tmStill = {key, now, frames: last.key === key && last.now === now ? last.frames + 1 : 0};
  return window.__tmStill.frames >= frames;
}"""

# The page as a whole, or null while it is plainly still moving: a Streamlit script running or asked to (stApp's
# data-test-script-state), an element stale (a rerun under way), a Leaflet zoom animating, a CSS transition or a
# finite animation running, an image of a map not yet loaded. Otherwise what a frame can change without an
# animation: every change to the DOM (counted by a MutationObserver the first measurement puts in the page: a
# redraw, a label hidden, a map moved by a transform), the address, the window's size, the scroll of the page, of
# Streamlit's main area and of its columns, each map's box.
PAGE = """() => {
  if (!window.__tmMutations) {
    const seen = window.__tmMutations = {n: 0};
    new MutationObserver(changes => { seen.n += changes.length; })
      .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  }
  const running = ['running', 'rerunRequested', 'stopRequested'].map(s => `[data-test-script-state=${s}]`).join();
  if (document.querySelector(`${running}, [data-testid=stStatusWidget], [data-stale=true], .leaflet-zoom-anim`)) {
    return null;
  }
  const finite = a => a.playState === 'running' && a.effect && a.effect.getComputedTiming().endTime !== Infinity;
  if (document.getAnimations().some(finite)) return null;
  if ([...document.querySelectorAll('.leaflet-container img')].some(i => !i.complete)) return null;
  const box = e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].join(' '); };
  const scrolled = [...document.querySelectorAll('[data-testid=stMain], [data-testid=stColumn]')]
    .map(e => e.scrollTop);
  const maps = [...document.querySelectorAll('.leaflet-container')].map(box);
  const n = window.__tmMutations.n;
  return [n, location.href, innerWidth, innerHeight, scrollX, scrollY, ...scrolled, ...maps].join('|');
}"""

_WAITS = itertools.count()


def at_rest(page, measure: str = PAGE, arg=None, *, frames: int = 5, timeout: float = 30_000) -> None:
    """Until `measure` (a JavaScript function of `arg`; null or undefined for "not yet") gives the same answer on
    `frames` animation frames in a row; by default the whole page (PAGE). Each wait counts its own frames from
    its start: an answer that stood still before it does not count."""
    key = json.dumps(f"wait {next(_WAITS)}")
    page.wait_for_function(
        f"""(arg) => {{
          const now = ({measure})(arg);
          return now !== null && now !== undefined && ({STILL})({key}, JSON.stringify(now), {frames});
        }}""",
        arg=arg,
        polling="raf",
        timeout=timeout,
    )


@contextmanager
def changes(page, measure: str, arg=None, *, timeout: float = 30_000):
    """Around an action: until `measure` (a JavaScript function of `arg`) gives another answer than it gave before
    the action, and then the page is at rest. For an action whose effect comes later (a rerun by the server), which
    a page at rest before it has begun would miss."""
    was = page.evaluate(f"(arg) => JSON.stringify(({measure})(arg))", arg)
    yield
    page.wait_for_function(
        f"([arg, was]) => JSON.stringify(({measure})(arg)) !== was", arg=[arg, was], polling="raf", timeout=timeout
    )
    at_rest(page, timeout=timeout)
