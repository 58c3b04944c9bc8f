"""Shared fixtures: a real Streamlit server on a free loopback port, and Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from mapping.classroom.store import Store
from mapping.devtools.localserver import CHROMIUM, CHROMIUM_ARGS, serve
from tests.databases import postgres_server

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
BROWSER_FIXTURES = {"page", "offline_page", "file_page", "browser"}
# modules whose every test is slow: the soak, the bench, the outside checkers, a server started per test
SLOW_MODULES = {
    "test_soak", "test_bench_smoke", "test_export_html5", "test_accessibility", "test_server_offline",
    "test_outputs", "test_site", "test_app",
}  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers for `./dev test --fast` (-m "not browser and not slow"); `./dev test` runs everything."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    server = serve(ROOT / "server.py", ROOT)
    yield server.url
    server.stop()


@pytest.fixture
def lesson_server(tmp_path):
    """The app on a class store of its own (a teacher's lessons and classes), with its log."""
    env = {**os.environ, "TELEGRAM_MAP_DATA": str(tmp_path / "classdata")}
    env.pop("TELEGRAM_MAP_DATABASE_URL", None)
    log = tmp_path / "server.log"
    server = serve(ROOT / "server.py", ROOT, env, log)
    yield server, log
    server.stop()


@pytest.fixture(scope="session")
def export_file(tmp_path_factory) -> Path:
    """The one-file export, built once for every test that opens it from file://."""
    from mapping.outputs import products

    out = tmp_path_factory.mktemp("export") / "map.html"
    out.write_bytes(products.export_html(*products.load()))
    return out


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (./dev test does)")
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args() -> dict:
    return {"viewport": {"width": 1400, "height": 900}}


@pytest.fixture
def offline_page(page):  # pytest-playwright's page
    """A page whose every request outside 127.0.0.1/localhost is aborted and recorded."""
    leaked: list[str] = []

    def guard(route, request):
        url = request.url
        host = url.split("/")[2] if "://" in url else ""
        local = url.startswith(("data:", "blob:", "about:", "file:")) or host.split(":")[0] in (
            "127.0.0.1",
            "localhost",
        )
        if local:
            route.continue_()
        else:
            leaked.append(url)
            route.abort()

    page.route("**/*", guard)
    page.leaked = leaked  # type: ignore[attr-defined]
    return page


@pytest.fixture
def file_page(browser):  # pytest-playwright's browser
    """A page for the one-file export from file://: every request but the file and data: URIs is aborted and
    recorded in `page.leaked`."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    leaked: list[str] = []

    def guard(route, request):
        if request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            leaked.append(request.url)
            route.abort()

    page.route("**/*", guard)
    page.leaked = leaked  # type: ignore[attr-defined]
    yield page
    page.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    return path


class Clock:
    def __init__(self) -> None:
        self.now = 1_900_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="session")
def pg_url():
    """A real PostgreSQL server, started once (tests/databases.py)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """The class store (a class's readings, the teachers' lessons) on SQLite and on a real PostgreSQL, empty,
    with a clock the test moves (`store.clock_`)."""
    clock = Clock()
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'classes.sqlite'}", clock=clock)
    else:
        s = Store(request.getfixturevalue("pg_url"), clock=clock)
        with s.engine.begin() as db:  # each test starts from an empty database
            db.execute(text("TRUNCATE class_readings, students, classes, lessons"))
    s.clock_ = clock
    yield s
    s.engine.dispose()
