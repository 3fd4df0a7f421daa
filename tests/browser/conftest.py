"""Real-browser fixtures: the app on a live server and Debian's Chromium driven by Playwright.

Chromium: one per test module, a fresh context (cookies, language, viewport)
per test. The app, two ways:

- ``archive_site``: for tests that only read. One live server and one load of
  the fixtures per module (loading takes seconds); each test runs inside a
  transaction that is rolled back, so the module's data stays as loaded. The
  module must be marked ``django_db``. Its data is flushed when it ends.
- ``writable_archive_site``: for tests that write (uploads, publishing):
  a live server with a transactional database, the fixtures loaded for the
  test alone and flushed after it.

Both servers share the test's database connection with their request threads;
every request a test caused ends with the test, before the rollback or the
flush, and before the server stops sharing the connection (tests.browser.live_server).
"""

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from haystack import connections
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.live_server import DrainingLiveServer
from tests.browser.views import VIEWS, View

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps calling home, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS_DIR = Path(settings.BASE_DIR) / "var" / "screenshots"
# Generous for a loaded 2-core machine; a page that needs longer is a failure worth seeing.
TIMEOUT_MS = 15_000


@dataclass
class Site:
    """The running app: ``site("/search/")`` is a full URL."""

    url: str

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for one test module.

    Playwright's sync API keeps an asyncio loop running in this thread, and Django
    refuses ORM calls while one runs; the tests' own ORM calls never overlap a
    page action, so they are allowed for as long as the browser is up, and the
    loop (with the permission) ends with the module, before any other tests run.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/ensure_chromium.sh (make test does) first.",
            pytrace=False,
        )
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            # Playwright gives every launch a new, empty profile directory of its own.
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


def context_new(browser: Browser, *, locale: str = "ar", viewport=None) -> BrowserContext:
    """A fresh context: no cookies; ``locale`` is what Accept-Language asks for."""
    context = browser.new_context(locale=locale, viewport=viewport or DESKTOP)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A desktop-sized page in a new context whose browser asks for Arabic."""
    context = context_new(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    """A phone-sized (390×844) page in a new context whose browser asks for Arabic."""
    context = context_new(browser, viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS_DIR


def _search_index_clear() -> None:
    connections["default"].get_backend().clear()


def _fixtures_load() -> None:
    """Sources, the entity authority file and the five seed articles, published and indexed."""
    call_command("load_fixtures", stdout=io.StringIO())


@pytest.fixture(scope="module")
def archive_server(request, django_db_setup, django_db_blocker) -> Iterator[DrainingLiveServer]:
    """The app with the fixtures loaded, served to the read-only tests of one module.

    The server thread shares the in-memory SQLite test database (and, under
    each test's rolled-back transaction, what the test itself reads).
    """
    if request.node.get_closest_marker("django_db") is None:
        # Unmarked, pytest-django may not create the test database at all.
        pytest.fail("a module using archive_site must be marked django_db", pytrace=False)
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            pytest.fail("refusing to load and flush a SQLite database that is not the tests'")
        _search_index_clear()
        _fixtures_load()
        server = DrainingLiveServer("localhost")
        try:
            yield server
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            _search_index_clear()


@pytest.fixture
def archive_site(archive_server: DrainingLiveServer) -> Iterator[Site]:
    """The module's app for one test; the requests the test caused end with it."""
    yield Site(archive_server.url)
    archive_server.requests_end()


@pytest.fixture
def live_server(request, transactional_db) -> Iterator[DrainingLiveServer]:
    """pytest-django's live server, one per test, stopped (its requests ended) before the flush.

    Overrides pytest-django's, which serves the whole session and stops sharing the
    database connection without waiting for its request threads.
    """
    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = DrainingLiveServer(address)
    yield server
    server.stop()


@pytest.fixture
def writable_archive_site(live_server, search_index_empty) -> Site:
    """The app with the fixtures loaded for one test that writes; flushed when it ends."""
    _fixtures_load()
    return Site(live_server.url)


@pytest.fixture
def search_index_empty() -> Iterator[None]:
    """The database flush leaves the search index alone: empty it around the test."""
    _search_index_clear()
    yield
    _search_index_clear()


@pytest.fixture(params=VIEWS, ids=[f"{language}-{width}" for language, width in VIEWS])
def view(request, browser: Browser, archive_site: Site, screenshots_dir: Path) -> Iterator[View]:
    """The page in each language at desktop and phone widths (tests.browser.views)."""
    language, width = request.param
    other = "en" if language == "ar" else "ar"
    context = context_new(browser, locale=other, viewport=DESKTOP if width == "desktop" else PHONE)
    try:
        yield View(context.new_page(), language, width, archive_site, screenshots_dir)
    finally:
        context.close()
