"""The first map against two baselines, and layout shift against Streamlit's own floor (bench.py's rows).

Absolute times on a shared 2-core machine are noise: the app is measured beside an empty st_folium page
and beside the page a user would build instead (benchapps/), in the same run, in turn.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path

from ..paths import ROOT, STATIC
from .localserver import CHROMIUM, CHROMIUM_OFFLINE_ARGS, record_outside, serve

BARE_BAR = 1.05  # the first map at most 1.05x an empty st_folium page's (#23)
PEER_BAR = 0.80  # and at most 0.80x the naive page with the same layers and text


# When the map is first drawn, in the page's own clock: the page checks at each animation frame whether
# the map is there (in the page, or in a same-origin iframe: st_folium's), and the first frame that shows
# it records the time since navigation start. (The test driver's own polling backs off to hundreds of
# milliseconds, far coarser than the gap measured.)
MAP_DRAWN = """
(function () {
  if (window !== window.top) { return; }
  var need = %d;
  function shown(doc) {
    return need ? doc.querySelectorAll('.leaflet-overlay-pane path').length >= need
                : !!doc.querySelector('.leaflet-map-pane');
  }
  function check() {
    var ok = shown(document) || Array.prototype.some.call(document.querySelectorAll('iframe'), function (f) {
      try { return !!f.contentDocument && shown(f.contentDocument); } catch (e) { return false; }
    });
    if (ok) { window.__tmDrawn = performance.now(); } else { requestAnimationFrame(check); }
  }
  requestAnimationFrame(check);
})();
"""


def _staged(name: str, folder: Path) -> tuple[Path, Path]:
    """A page of benchapps/ in a folder of its own, served like the app: the project's server settings
    and static files. Returns (script, folder) for serve()."""
    shutil.copy(Path(__file__).parent / "benchapps" / name, folder / name)
    (folder / "static").symlink_to(STATIC)
    (folder / ".streamlit").symlink_to(ROOT / ".streamlit")  # the same server settings for every page
    return folder / name, folder


def time_to_map(browser, url: str, min_paths: int, leaked: list[str]) -> float:
    """Seconds from navigation start to the first frame showing a Leaflet map with at least `min_paths`
    vector paths (0: just the map). The app's map is part of the page (a components-v2 component); the
    bare baseline's is in st_folium's iframe, which is same-origin, so the page can look into it."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    record_outside(page, leaked)
    page.add_init_script(MAP_DRAWN % min_paths)
    page.goto(url)
    page.wait_for_function("() => window.__tmDrawn > 0", timeout=60_000)
    elapsed = page.evaluate("() => window.__tmDrawn") / 1000.0
    context.close()
    return elapsed


def first_map(rounds: int) -> dict:
    """The app's first map against both baselines, served at once and loaded in turn, round after round, so
    drift on the machine hits all three alike: the bare page (an empty st_folium map) and the naive peer
    (st_folium with the same layers and the telegram's text)."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-bare-") as a, tempfile.TemporaryDirectory(prefix="bench-peer-") as b:
        app = serve(ROOT / "server.py", ROOT)
        bare, peer = serve(*_staged("bare_app.py", Path(a))), serve(*_staged("peer_page.py", Path(b)))
        leaked: list[str] = []
        pages = {"app": (app.url, 20), "bare": (bare.url, 0), "peer": (peer.url, 20)}
        times: dict[str, list[float]] = {k: [] for k in pages}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_OFFLINE_ARGS)
                for url, paths in pages.values():  # warm every server's caches once
                    time_to_map(browser, url, paths, leaked)
                for _ in range(rounds):
                    for name, (url, paths) in pages.items():
                        times[name].append(time_to_map(browser, url, paths, leaked))
                browser.close()
        finally:
            for server in (app, bare, peer):
                server.stop()
    med = {k: statistics.median(v) for k, v in times.items()}
    return {
        "app_s": med["app"], "bare_s": med["bare"], "peer_s": med["peer"], "ratio": med["app"] / med["bare"],
        "peer_ratio": med["app"] / med["peer"], "rounds": rounds, "leaked": leaked,
    }  # fmt: skip


CLS_BAR = 0.1  # the bar: layout shift under 0.1
# Cumulative layout shift as Lighthouse and Chrome report it: the largest session window of shifts
# (gaps under 1 s, at most 5 s long), shifts right after input excluded
CLS_SCRIPT = """
window.__tmShifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    if (!e.hadRecentInput) { window.__tmShifts.push([e.startTime, e.value]); }
  });
}).observe({type: 'layout-shift', buffered: true});
window.__tmCls = function () {
  var best = 0, sum = 0, first = 0, last = -1e9;
  window.__tmShifts.forEach(function (s) {
    if (s[0] - last > 1000 || s[0] - first > 5000) { sum = 0; first = s[0]; }
    sum += s[1]; last = s[0]; best = Math.max(best, sum);
  });
  return best;
};
"""
CLS_VIEWS = [  # (name, viewport, query): the first view of each kind of user
    ("explore, 1280x720 (projector)", (1280, 720), ""),
    ("explore, 1920x1080", (1920, 1080), ""),
    ("present, 1280x720", (1280, 720), "?mode=present&step=1"),
    ("explore, 390x844 (phone)", (390, 844), ""),
]


SIZES = sorted({size for _, size, _ in CLS_VIEWS})  # the floor is measured at each size a view has


def _cls(browser, url: str, size: tuple[int, int], ready: str, leaked: list[str]) -> float:
    """One load in a fresh context: its CLS once `ready` is there and the page has been still for 2 s."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    record_outside(page, leaked)
    page.add_init_script(CLS_SCRIPT)
    page.goto(url)
    page.locator(ready).wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(2000)
    value = page.evaluate("() => window.__tmCls()")
    context.close()
    return value


def layout_shift(rounds: int) -> dict:
    """Each view loaded `rounds` times: the median CLS once the map is drawn. Beside it, the same for a
    wide Streamlit page of text with no map (benchapps/wide_page.py): the floor that Streamlit's own
    loading skeleton sets for any such page."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-wide-") as tmp:
        app, wide = serve(ROOT / "server.py", ROOT), serve(*_staged("wide_page.py", Path(tmp)))
        leaked: list[str] = []
        out: dict[str, tuple[float, str]] = {}  # a view: its CLS and its size
        floor: dict[str, float] = {}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_OFFLINE_ARGS)
                for name, size, query in CLS_VIEWS:
                    ready = ".leaflet-overlay-pane path >> nth=19"
                    value = statistics.median(
                        _cls(browser, app.url + "/" + query, size, ready, leaked) for _ in range(rounds)
                    )
                    out[name] = (value, f"{size[0]}x{size[1]}")
                for size in SIZES:
                    floor[f"{size[0]}x{size[1]}"] = statistics.median(
                        _cls(browser, wide.url, size, "h1", leaked) for _ in range(rounds)
                    )
                browser.close()
        finally:
            app.stop()
            wide.stop()
    return {"views": out, "floor": floor, "files": file_shift(rounds, leaked), "leaked": leaked}


FILE_CLS_BAR = 0.05  # the export and the static site, from file:// (#23)


def file_shift(rounds: int, leaked: list[str]) -> dict[str, float]:
    """The export (map.html) and the static site's landing page, from file:// at 1280x720: median CLS."""
    from playwright.sync_api import sync_playwright

    from ..outputs import products
    from ..outputs.site import build

    doc, base = products.load()
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        for name, data in build(doc, base).items():
            (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / name).write_bytes(data)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_OFFLINE_ARGS)
            for name, page, ready in (("the export", "map.html", "path.tm-feature >> nth=19"),
                                      ("the static site", "index.html", "h1")):  # fmt: skip
                url = (Path(tmp) / page).as_uri()
                out[name] = statistics.median(_cls(browser, url, (1280, 720), ready, leaked) for _ in range(rounds))
            browser.close()
    return out


