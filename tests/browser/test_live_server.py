"""The suite's live server (tests.browser.live_server) ends its requests before it stops sharing.

Django's live server hands the test's in-memory SQLite connection to every request thread,
and each request thread closes the database connections as it ends. A thread still running
once the server has stopped sharing the connection raises "DatabaseWrapper objects created
in a thread can only be used in that same thread" (a pytest unhandled-thread-exception
warning): a connection the browser keeps open between requests, which ends only when the
browser closes it, or a request the browser gave up on that is still being answered.
"""

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page

from tests.browser import held_urls
from tests.browser.held_urls import Hold
from tests.browser.live_server import DrainingLiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Django's threaded server names each request thread after this target.
REQUEST_THREAD = "(process_request_thread)"
# Bounds the waits of a broken test, not a synchronisation.
WAIT_S = 60


@dataclass
class Served:
    """A live server the test stops itself, the threads it found, and the held request."""

    live: DrainingLiveServer
    threads_before: set[threading.Thread]
    hold: Hold

    def url(self, path: str) -> str:
        return self.live.url + path

    def request_threads(self) -> list[threading.Thread]:
        """The server's request threads still running."""
        return [
            thread
            for thread in threading.enumerate()
            if thread not in self.threads_before and thread.name.endswith(REQUEST_THREAD)
        ]


@pytest.fixture
def server(settings, monkeypatch) -> Iterator[Served]:
    settings.ROOT_URLCONF = "tests.browser.held_urls"
    hold = Hold()
    monkeypatch.setattr(held_urls, "HOLD", hold)
    threads_before = set(threading.enumerate())
    live = DrainingLiveServer("localhost")
    yield Served(live, threads_before, hold)
    if live.thread.is_alive():  # the test failed before stopping it
        live.stop()


@pytest.fixture
def thread_exceptions(monkeypatch) -> list[BaseException]:
    """The exceptions that end a thread during the test (pytest is told of them as well)."""
    seen: list[BaseException] = []
    previous = threading.excepthook

    def record(args: threading.ExceptHookArgs) -> None:
        seen.append(args.exc_value)
        previous(args)

    monkeypatch.setattr(threading, "excepthook", record)
    return seen


def _ended(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(WAIT_S)


def test_a_connection_the_browser_keeps_open_ends_before_the_database_stops_being_shared(
    server: Served, page: Page, thread_exceptions
):
    response = page.goto(server.url("/"))
    assert response is not None and response.status == 200
    kept_open = server.request_threads()
    assert kept_open, "the browser keeps no connection open: nothing for the server to end"

    server.live.stop()
    outlived = [thread for thread in kept_open if thread.is_alive()]
    page.context.close()  # the browser closes the connections the server has left open
    _ended(kept_open)

    assert thread_exceptions == []
    assert outlived == []


def test_a_request_the_browser_gave_up_on_is_answered_before_the_database_stops_being_shared(
    server: Served, page: Page, thread_exceptions
):
    page.goto(server.url("/"))
    page.evaluate("url => { fetch(url); }", server.url("/held/"))
    assert server.hold.started.wait(WAIT_S), "the held request never reached its view"
    page.context.close()  # the browser gives up on it while the view still runs

    server.hold.release.set()
    server.live.stop()
    outlived = server.request_threads()
    _ended(outlived)

    assert thread_exceptions == []
    assert outlived == []
    # The view's read of the database, after the browser had gone, was answered.
    assert server.hold.users_read == [User.objects.count()]


def test_between_two_tests_the_requests_end_and_the_server_keeps_serving(
    server: Served, page: Page, thread_exceptions
):
    assert page.goto(server.url("/")).status == 200
    assert server.request_threads(), "the browser keeps no connection open: nothing to end"

    server.live.requests_end()

    assert server.request_threads() == []
    assert page.goto(server.url("/")).status == 200
    server.live.stop()
    page.context.close()
    assert thread_exceptions == []
