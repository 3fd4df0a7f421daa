"""The abuse scenario of the load test: attackers beside normal searchers, in one run.

``scripts/loadtest.py --scenario abuse`` seeds a throwaway archive with real articles, starts
the production server setup (``scripts/serve_prod.sh``: gunicorn, 2 sync workers, debug off)
with the rate limits on, as behind a proxy (``DJANGO_TRUSTED_PROXY_COUNT=1``: each request's
``X-Forwarded-For`` is its client address, as a proxy in front would set it), then:

1. for ``--phase`` seconds, normal searchers alone (each its own address, pausing between
   searches) search the search page: the unloaded latency;
2. for ``--phase`` seconds more, the same searchers while ``--attackers`` attackers send,
   back to back and each request from a new address, the worst inputs known: a word of 670 ×
   ب, a 1,000-letter word, long sentences of long non-words, a long quoted phrase of a common
   word, an article page with a huge ``hl``, bodies over the limit (declared, chunked, to the
   admin's upload), a request line over gunicorn's limit, and a crawler from one address.

It reports the normal searches' p50/p95 in both phases, every answer's status by kind (4xx
and 5xx counted), the bytes found in the server's temporary folder (sampled all along: a
body over its limit must never reach it) and the rate limiter's entries. The exit status is
0 only when no request got a 5xx, every normal search got a 200 and the temporary folder
stayed empty.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

import loadtest as lt
import loadtest_report as numbers
import loadtest_server as site

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_LATIN = "abcdefghijklmnopqrstuvwxyz"


# --------------------------------------------------------------------------- HTTP


def request(port: int, head: str, body: bytes = b"", *, chunked: bytes = b"") -> int | str:
    """Send a raw request (head, then a body or chunks), return the status or why it failed.

    A server that refuses a body may answer and close before the body is sent: what it
    answered is still read.
    """
    with socket.create_connection((site.HOST, port), timeout=site.REQUEST_TIMEOUT) as sock:
        try:
            sock.sendall(head.encode("latin-1") + body)
            for start in range(0, len(chunked), 16384):
                piece = chunked[start : start + 16384]
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            if chunked:
                sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed early; its answer may be waiting
        try:
            first = sock.makefile("rb").readline()
        except OSError as error:
            return f"closed ({error.__class__.__name__})"
    parts = first.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else "no answer"


def get(port: int, path: str, address: str, log=None, kind: str = "") -> int | str:
    """A GET from ``address``; its path is noted in ``log`` under ``kind``."""
    if log is not None:
        log.paths[path] = kind
    head = (
        f"GET {path} HTTP/1.1\r\nHost: {site.HOST}\r\nAccept-Language: ar\r\n"
        f"X-Forwarded-For: {address}\r\nConnection: close\r\n\r\n"
    )
    return request(port, head)


def post(port: int, path: str, address: str, *, length: int, sent: int) -> int | str:
    """A POST declaring ``length`` bytes, of which ``sent`` are sent before the answer is read."""
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {site.HOST}\r\nX-Forwarded-For: {address}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nCookie: csrftoken=abc\r\n"
        f"Content-Length: {length}\r\nConnection: close\r\n\r\n"
    )
    return request(port, head, b"x" * sent)


def post_chunked(port: int, path: str, address: str, *, size: int) -> int | str:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {site.HOST}\r\nX-Forwarded-For: {address}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    )
    return request(port, head, chunked=b"q=" + b"x" * size)


# --------------------------------------------------------------------------- the clients


class Log:
    """Every answer: (phase, client kind, status, seconds)."""

    def __init__(self):
        self.rows: list[tuple[str, str, int | str, float]] = []
        self.lock = threading.Lock()
        self.phase = "unloaded"
        self.paths: dict[str, str] = {}  # GET path → client kind, to read the access log

    def add(self, kind: str, status, seconds: float) -> None:
        with self.lock:
            self.rows.append((self.phase, kind, status, seconds))


class Searcher(threading.Thread):
    """A normal researcher: searches from one address, pausing ``think`` seconds on average."""

    def __init__(self, number, port, log, queries, think, stop):
        super().__init__(name=f"searcher-{number}", daemon=True)
        self.port, self.log, self.queries, self.think, self.stop = port, log, queries, think, stop
        self.address = f"10.1.{number // 250}.{number % 250 + 1}"
        self.random = random.Random(number)

    def run(self) -> None:
        while not self.stop.is_set():
            params = {"q": self.random.choice(self.queries)}
            sort = self.random.choice(lt.SORTS)
            if sort:
                params["sort"] = sort
            started = time.perf_counter()
            try:
                path = "/search/?" + urlencode(params)
                status = get(self.port, path, self.address, self.log, "normal search")
            except OSError as error:
                status = f"error ({error.__class__.__name__})"
            self.log.add("normal search", status, time.perf_counter() - started)
            self.stop.wait(self.random.uniform(0.5 * self.think, 1.5 * self.think))


def attacks(article_path: str, seed: int) -> list[tuple[str, str, str, int]]:
    """(kind, method, path, body bytes) of each attack, in the order they are sent: ``GET``,
    ``POST`` declaring the bytes (64 KB of them sent) or ``CHUNKED`` sending them."""
    chooser = random.Random(seed)

    def word(length: int, letters: str = _LETTERS) -> str:
        return "".join(chooser.choice(letters) for _ in range(length))

    def search(kind: str, text: str) -> tuple[str, str, str, int]:
        return kind, "GET", "/search/?" + urlencode({"q": text}), 0

    # A GET line holds at most 4,094 bytes (gunicorn); an Arabic letter is 6 once encoded.
    sentence = " ".join(word(30) for _ in range(20))[:660]
    hl = quote(" ".join(['"روسيا والعراق"', "ب" * 40, "الطاقة"] * 40)[:640])
    return [
        search("670 × ب", "ب" * 670),
        search("1,000-letter word", word(1000, _LATIN)),
        search("long sentence", sentence),
        search("long phrase", '"' + "قال " * 160 + '"'),
        search("many quotes", " ".join(f'"{word(3)} {word(3)}"' for _ in range(60))),
        ("huge hl", "GET", f"{article_path}?hl={hl}", 0),
        search("request line too long", "ب" * 1000),
        ("1 GB body declared", "POST", "/search/", 1 << 30),
        ("chunked body", "CHUNKED", "/search/", 1 << 20),
        ("upload over the limit", "POST", "/admin/archive/article/upload/", 200 << 20),
    ]


class Attacker(threading.Thread):
    """Sends the attacks in turn, back to back, each from a new address; every fifth request
    is a crawler reading article pages from one address (the rate limit stops it)."""

    def __init__(self, number, port, log, article_paths, stop):
        super().__init__(name=f"attacker-{number}", daemon=True)
        self.port, self.log, self.stop = port, log, stop
        self.attacks = attacks(article_paths[0], number)
        self.article_paths = article_paths
        self.random = random.Random(1000 + number)

    def address(self) -> str:
        if self.random.random() < 0.2:
            return f"2001:db8:{self.random.getrandbits(16):x}:{self.random.getrandbits(16):x}::1"
        return ".".join(str(self.random.randint(1, 254)) for _ in range(4))

    def send(self, kind: str, method: str, path: str, size: int, address: str) -> int | str:
        if method == "GET":
            return get(self.port, path, address, self.log, kind)
        if method == "CHUNKED":
            return post_chunked(self.port, path, address, size=size)
        return post(self.port, path, address, length=size, sent=65536)

    def run(self) -> None:
        sent = attacked = 0
        while not self.stop.is_set():
            if sent % 5 == 4:
                crawled = self.random.choice(self.article_paths)
                attack, address = ("crawler (one address)", "GET", crawled, 0), "192.0.2.99"
            else:
                attack, address = self.attacks[attacked % len(self.attacks)], self.address()
                attacked += 1
            started = time.perf_counter()
            try:
                status = self.send(*attack, address)
            except OSError as error:
                status = f"error ({error.__class__.__name__})"
            self.log.add(attack[0], status, time.perf_counter() - started)
            sent += 1


class FolderWatch(threading.Thread):
    """The most bytes seen at once in a folder's files (sampled every 50 ms)."""

    def __init__(self, folder: Path, stop: threading.Event):
        super().__init__(name="folder-watch", daemon=True)
        self.folder, self.stop, self.most = folder, stop, 0
        self.names: set[str] = set()

    def run(self) -> None:
        while not self.stop.wait(0.05):
            size = 0
            for path in self.folder.rglob("*"):
                try:
                    if path.is_file():
                        size += path.stat().st_size
                        if path.stat().st_size:
                            self.names.add(path.name)
                except OSError:
                    continue
            self.most = max(self.most, size)


# --------------------------------------------------------------------------- the run


def server_times(access_log: Path, log: Log, start: int, attack_from: int) -> dict[str, dict]:
    """Milliseconds gunicorn spent per GET (its access log from byte ``start``), by client
    kind; the normal searches by phase (``attack_from``: the log's size when the attack began)."""
    times: dict[str, list[float]] = defaultdict(list)
    with open(access_log, "rb") as lines:
        lines.seek(start)
        offset = start
        for line in lines:
            offset += len(line)
            match = numbers._ACCESS_RE.search(line.decode("utf-8", "replace").rstrip("\n"))
            kind = log.paths.get(match["path"]) if match else None
            if kind == "normal search":
                kind += " (under attack)" if offset > attack_from else " (unloaded)"
            if kind:
                times[kind].append(int(match["ms"]) / 1000)
    return {kind: _latency([("", "", 0, t) for t in values]) for kind, values in times.items()}


def warm_up(port: int, queries: list[str]) -> None:
    """Both workers open the index and load the speller before anything is measured."""

    def client(number: int) -> None:
        for query in queries:
            get(port, "/search/?" + urlencode({"q": query}), f"10.2.0.{number}")

    threads = [threading.Thread(target=client, args=(n,)) for n in (1, 2, 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def abuse_env(workdir: Path, port: int) -> dict:
    """serve_prod.sh's settings, with the rate limits on and the load test as the proxy."""
    env = site.site_env(workdir, port)
    for name in ("API", "SEARCH", "FEED", "EXPORT", "PAGE"):
        env.pop(f"DJANGO_{name}_RATE_LIMIT", None)
    tmp = workdir / "tmp"
    tmp.mkdir(exist_ok=True)
    env.update(KEEP_RATE_LIMITS="1", DJANGO_TRUSTED_PROXY_COUNT="1", TMPDIR=str(tmp))
    return env


def article_paths(env: dict, count: int = 20) -> list[str]:
    script = (
        "from archive.models import Article\n"
        f"for a in Article.objects.published()[:{count}]: print(a.get_absolute_url())"
    )
    return site.manage(env, "shell", "-v", "0", "-c", script).stdout.split()


def cache_entries(workdir: Path) -> int | None:
    import sqlite3

    path = workdir / "cache" / "cache.sqlite3"
    if not path.exists():
        return None
    with sqlite3.connect(path) as connection:
        table = connection.execute("select name from sqlite_master where type='table'").fetchone()
        return connection.execute(f"select count(*) from {table[0]}").fetchone()[0]


def run(args) -> dict:
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="archive-abuse-"))
    workdir.mkdir(parents=True, exist_ok=True)
    port = args.port or site.free_port()
    env = abuse_env(workdir, port)
    words, _more = site.prepare_seed(args, workdir, env)
    paths = article_paths(env)
    server = site.server_start(env, workdir / "server.log")
    log, stop, attack_stop = Log(), threading.Event(), threading.Event()
    watch = FolderWatch(workdir / "tmp", stop)
    try:
        site.wait_ready(port, server)
        site.log(f"server up: {args.searchers} searchers, {args.attackers} attackers")
        queries = lt.QUERIES + words
        warm_up(port, [*lt.QUERIES[:4], "لافرف في موسكوا", "الاسترتجيات الروسيه", "ب" * 670])
        searchers = [
            Searcher(n, port, log, queries, args.think, stop) for n in range(args.searchers)
        ]
        access_log = workdir / "access.log"
        start = numbers.log_size(access_log)
        watch.start()
        for searcher in searchers:
            searcher.start()
        stop.wait(args.phase)
        log.phase = "under attack"
        attack_from = numbers.log_size(access_log)
        attackers = [Attacker(n, port, log, paths, attack_stop) for n in range(args.attackers)]
        for attacker in attackers:
            attacker.start()
        stop.wait(args.phase)
        stop.set()
        attack_stop.set()
        for thread in [*searchers, *attackers]:
            thread.join(timeout=site.REQUEST_TIMEOUT + 10)
    finally:
        stop.set()
        site.server_stop(server)
    result = abuse_summary(args, log, watch, cache_entries(workdir))
    result["server_ms"] = server_times(access_log, log, start, attack_from)
    if result["server_errors"]:
        log_text = (workdir / "server.log").read_text(encoding="utf-8", errors="replace")
        result["server_log_tail"] = log_text.splitlines()[-60:]
    if args.keep:
        result["workdir"] = str(workdir)
    elif not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def _latency(rows) -> dict:
    seconds = [row[3] for row in rows]
    return {
        "requests": len(seconds),
        "p50_ms": numbers._ms(seconds, 0.50),
        "p95_ms": numbers._ms(seconds, 0.95),
        "max_ms": numbers._ms(seconds, 1.0),
    }


def abuse_summary(args, log: Log, watch: FolderWatch, entries) -> dict:
    normal = {
        phase: _latency([r for r in log.rows if r[0] == phase and r[1] == "normal search"])
        for phase in ("unloaded", "under attack")
    }
    statuses: dict[str, Counter] = defaultdict(Counter)
    for _phase, kind, status, _seconds in log.rows:
        statuses[kind][str(status)] += 1
    codes = [status for _p, _k, status, _s in log.rows]
    unloaded, attacked = normal["unloaded"]["p95_ms"], normal["under attack"]["p95_ms"]
    return {
        "scenario": "abuse",
        "seeded": args.seed_count,
        "searchers": args.searchers,
        "attackers": args.attackers,
        "phase_s": args.phase,
        "think_s": args.think,
        "normal_search": normal,
        "p95_ratio": round(attacked / unloaded, 2) if unloaded and attacked else None,
        "statuses": {kind: dict(counts) for kind, counts in sorted(statuses.items())},
        "attack_latency": {
            kind: _latency([r for r in log.rows if r[1] == kind])
            for kind in sorted(statuses)
            if kind != "normal search"
        },
        "client_errors": sum(isinstance(c, int) and 400 <= c < 500 for c in codes),
        "server_errors": sum(isinstance(c, int) and c >= 500 for c in codes),
        "normal_not_ok": sum(
            1 for _p, kind, status, _s in log.rows if kind == "normal search" and status != 200
        ),
        "temp_dir_max_bytes": watch.most,
        "temp_dir_files": sorted(watch.names),
        "rate_limit_entries": entries,
        "load_average_before": site.LOAD_BEFORE,
        "load_average_after": os.getloadavg(),
    }


def passed(result: dict) -> bool:
    return (
        result["server_errors"] == 0
        and result["normal_not_ok"] == 0
        and result["temp_dir_max_bytes"] == 0
        and result["normal_search"]["under attack"]["requests"] > 0
    )


def report(result: dict) -> str:
    load = ", ".join(f"{value:.1f}" for value in result["load_average_before"])
    lines = [
        f"abuse scenario: {result['searchers']} searchers (pause {result['think_s']} s), "
        f"{result['attackers']} attackers, {result['phase_s']:.0f} s per phase, "
        f"{result['seeded']} articles seeded; load average before {load} "
        f"on {os.cpu_count()} CPUs",
        "",
        "latency seen by the clients, and (server) inside gunicorn, in ms:",
        f"{'normal search':<16}{'requests':>9}{'p50':>9}{'p95':>9}{'max':>9}"
        f"{'server p50':>12}{'server p95':>12}",
    ]
    served = result.get("server_ms", {})
    for phase, row in result["normal_search"].items():
        inside = served.get(f"normal search ({phase})", {})
        lines.append(
            f"{phase:<16}{row['requests']:>9}{row['p50_ms']!s:>9}{row['p95_ms']!s:>9}"
            f"{row['max_ms']!s:>9}{inside.get('p50_ms')!s:>12}{inside.get('p95_ms')!s:>12}"
        )
    lines += [
        f"p95 under attack / unloaded: {result['p95_ratio']}",
        "",
        f"{'requests':<24}{'p50':>9}{'p95':>9}{'server p50':>12}{'server p95':>12}  answers",
    ]
    for kind, counts in result["statuses"].items():
        row = result["attack_latency"].get(kind) or result["normal_search"]["under attack"]
        inside = served.get(kind) or served.get(f"{kind} (under attack)") or {}
        answers = ", ".join(f"{status} × {n}" for status, n in sorted(counts.items()))
        lines.append(
            f"{kind:<24}{row['p50_ms']!s:>9}{row['p95_ms']!s:>9}"
            f"{inside.get('p50_ms')!s:>12}{inside.get('p95_ms')!s:>12}  {answers}"
        )
    lines += [
        "",
        f"4xx {result['client_errors']}, 5xx {result['server_errors']}, "
        f"normal searches not answered 200: {result['normal_not_ok']}",
        f"temporary folder: at most {result['temp_dir_max_bytes']} bytes",
        f"rate limiter entries at the end: {result['rate_limit_entries']}",
    ]
    lines += [f"  server log: {line}" for line in result.get("server_log_tail", [])]
    return "\n".join(lines)


def main(args) -> int:
    result = run(args)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    ok = passed(result)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1
