"""pytest-django's live server, whose request threads end before it stops sharing the database.

The live server hands the test's in-memory SQLite connection to each request thread, and
each request thread closes the database connections as it ends. pytest-django's server
stops sharing the connection as soon as its listening thread has stopped, while request
threads may still run: a connection the browser keeps open between requests ends only
when the browser closes it, and a request the browser gave up on (a fetch cut short by
the page closing) is still being answered. Such a thread then uses the connection from a
thread that no longer may ("DatabaseWrapper objects created in a thread can only be used
in that same thread").

This server keeps track of its request threads. ``requests_end()`` closes the reading side
of their connections, so an idle connection ends at once and a request being answered
ends with its answer, and waits for the threads; ``stop()`` does so once the server no
longer accepts connections, and only then stops sharing the database connection.
"""

import contextlib
import socket
import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from pytest_django.live_server_helper import LiveServer

# A request still running this long after its test ended is a failure worth seeing.
REQUEST_END_TIMEOUT_S = 60


class _Server(ThreadedWSGIServer):
    """Django's threaded live server, keeping its request threads and their open sockets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lock = threading.Lock()
        self._request_threads: list[threading.Thread] = []
        self._request_sockets: set[socket.socket] = set()

    def process_request(self, request, client_address):
        thread = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        with self._lock:
            self._request_threads = [t for t in self._request_threads if t.is_alive()]
            self._request_threads.append(thread)
            self._request_sockets.add(request)
            thread.start()  # under the lock: requests_end() never meets a thread not started

    def shutdown_request(self, request):
        # Forgotten before it is closed: requests_end() never touches a closed socket.
        with self._lock:
            self._request_sockets.discard(request)
        super().shutdown_request(request)

    def requests_end(self) -> None:
        """Let the requests being answered finish, end the idle connections, wait for both."""
        with self._lock:
            for request in self._request_sockets:
                # Already shut down by the browser: nothing left to end.
                with contextlib.suppress(OSError):
                    request.shutdown(socket.SHUT_RD)
            threads = list(self._request_threads)
        for thread in threads:
            thread.join(REQUEST_END_TIMEOUT_S)
        running = [thread.name for thread in threads if thread.is_alive()]
        if running:
            raise RuntimeError(
                f"requests still answered {REQUEST_END_TIMEOUT_S} s after their test: {running}"
            )


class _ServerThread(LiveServerThread):
    server_class = _Server

    def terminate(self) -> None:
        if hasattr(self, "httpd"):
            self.httpd.shutdown()  # no new connection is accepted from here on
            self.httpd.requests_end()
        super().terminate()


class DrainingLiveServer(LiveServer):
    """pytest-django's LiveServer whose ``stop()`` first lets every request thread end."""

    def __init__(self, addr: str) -> None:
        super().__init__(addr, start=False)
        plain = self.thread
        self.thread = _ServerThread(
            plain.host,
            plain.static_handler,
            connections_override=plain.connections_override,
            port=plain.port,
        )
        self.thread.daemon = True
        self.start()

    def requests_end(self) -> None:
        """Every request answered and every connection closed; the server keeps listening."""
        self.thread.httpd.requests_end()
