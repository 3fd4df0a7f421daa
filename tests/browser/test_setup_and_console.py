"""Set-up as a researcher meets it: ``make run`` on a fresh clone, then the search in Chromium.

The archive is started exactly as the README says, ``make run`` (with ``PORT=`` from the
README), on a database and an index of its own in a temporary directory. Only the package
install step is taken as done (``make -o .venv/.installed``): the tests never install
anything. The first start builds the missing index; a second start finds it in step with the
database and leaves it. The console speaks English and names ``create_editor``.
"""

import os
import queue
import re
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, expect

from tests.browser.conftest import DESKTOP, PHONE, Site, context_new
from tests.browser.pages import RESULTS, html_language, scrolls_sideways, search_from_home
from tests.browser.views import VIEWS, View

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(settings.BASE_DIR)
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
ARABIC = re.compile(r"[\u0600-\u06ff]")
SERVING = re.compile(r"Quit the server with")
# Migrations, the fixtures and (the first time) the index, on a loaded 2-core machine.
START_TIMEOUT_S = 240
# Words every seed article holds (each is about Iraq): the search must find all five.
WORDS = "العراق"


@dataclass
class Start:
    """One ``make run``: its console output up to the server's ready line, and the site."""

    output: str
    site: Site
    process: subprocess.Popen

    def stop(self) -> None:
        # make, the index worker and runserver's reloader share the session started for them.
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _make_run(env: dict, port: int) -> Start:
    """``make run PORT=…``, read until runserver says it serves (or the start fails)."""
    process = subprocess.Popen(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()
    seen = []
    while True:
        try:
            line = lines.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            os.killpg(process.pid, signal.SIGTERM)
            pytest.fail("make run did not start serving:\n" + "".join(seen))
        seen.append(line)
        if SERVING.search(line):
            return Start("".join(seen), Site(f"http://127.0.0.1:{port}"), process)
        if process.poll() is not None and lines.empty():
            pytest.fail("make run stopped:\n" + "".join(seen))


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory) -> dict:
    """The environment of a fresh clone: no database, no index (both in a temporary dir)."""
    home = tmp_path_factory.mktemp("fresh-clone")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{home / 'archive.sqlite3'}",
        "DJANGO_WHOOSH_INDEX": str(home / "index"),
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="module")
def first_start(fresh_clone) -> Iterator[Start]:
    start = _make_run(fresh_clone, _free_port())
    yield start
    start.stop()


def test_the_first_start_builds_the_missing_index_and_speaks_english(first_start):
    output = first_start.output
    assert "Search index: missing or out of step, building it." in output
    assert f"Indexed {len(SEEDS)} articles" in output
    # The banner names the command the README gives for a login, at the port asked for.
    assert f"Archive: {first_start.site('/')}" in output
    assert "create_editor" in output and "createsuperuser" not in output
    assert not ARABIC.search(output), "the console mixes in Arabic"


@pytest.mark.parametrize(("language", "width"), VIEWS, ids=[f"{lang}-{w}" for lang, w in VIEWS])
def test_the_started_archive_finds_the_fixtures_in_a_browser(
    first_start, browser: Browser, screenshots_dir: Path, language, width
):
    other = "en" if language == "ar" else "ar"
    context = context_new(browser, locale=other, viewport=DESKTOP if width == "desktop" else PHONE)
    view = View(context.new_page(), language, width, first_start.site, screenshots_dir)
    try:
        search_from_home(view.page, view.url("/"), WORDS, english=language == "en")
        view.shot("setup-search")

        expect(view.page.locator(RESULTS)).to_have_count(len(SEEDS))
        assert html_language(view.page) == (language, "rtl" if language == "ar" else "ltr")
        assert not scrolls_sideways(view.page)
        view.check()
    finally:
        context.close()


def test_a_second_start_finds_the_index_in_step_and_leaves_it(first_start, fresh_clone, browser):
    first_start.stop()
    second = _make_run(fresh_clone, _free_port())
    try:
        assert "Search index: matches the database." in second.output
        assert "building it" not in second.output
        assert not ARABIC.search(second.output)
        context = context_new(browser)
        try:
            page = context.new_page()
            page.goto(second.site("/search/?q=" + WORDS))
            expect(page.locator(RESULTS)).to_have_count(len(SEEDS))
        finally:
            context.close()
    finally:
        second.stop()
