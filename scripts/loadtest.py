#!/usr/bin/env python3
"""Load test of the production server setup, with articles imported while researchers search.

Builds a throwaway archive (its own folder: database, index, cache, static files) seeded
with real newspaper articles from ``../shared/corpora``, starts ``scripts/serve_prod.sh``
(gunicorn, 2 workers, debug off, on 127.0.0.1, with the index worker beside it), then
runs simulated researchers for ``--duration`` seconds: each one searches (a realistic mix
of Arabic words, names, phrases and operators), clicks facets, opens articles and entity
pages, calls the JSON API and reads a feed, with a pause between requests. Meanwhile
``manage.py import_articles`` imports ``--import-count`` new articles in a few batches.

At the end it waits for the index worker to catch up, checks that every imported article
is found by the search (listed by the index and found by a search for its title's words)
and that ``check_index`` reports zero drift, and prints requests, errors and latency
percentiles per page type. The exit status is 0 only when there were no errors and
nothing imported is missing from the search.

Standard library only; it talks to 127.0.0.1 only.

    .venv/bin/python scripts/loadtest.py                  # 50 users, 60 s, 200 imported
    .venv/bin/python scripts/loadtest.py --quick          # a few seconds, for the test suite
    .venv/bin/python scripts/loadtest.py --json out.json  # also write the numbers as JSON
    .venv/bin/python scripts/loadtest.py --scenario abuse # attackers beside normal searchers

The abuse scenario (``--scenario abuse``) is in ``scripts/loadtest_abuse.py``.
"""

import argparse
import gzip
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 60.0

# What researchers of Iraq–Russia relations type: names, places, topics, phrases, operators,
# spellings without hamza. Corpus words are added to these at start-up.
QUERIES = [
    "روسيا",
    "العراق",
    "موسكو",
    "بغداد",
    "بوتين",
    "لافروف",
    "الكاظمي",
    "الجعفري",
    "النفط",
    "الطاقة",
    "السلاح",
    "الارهاب",
    "داعش",
    "سوريا",
    "ايران",
    "السعودية",
    "الرياض",
    "مجلس الامن",
    '"وزير الخارجية"',
    '"الأمم المتحدة"',
    "روسيا OR موسكو",
    "العراق -داعش",
    "title:روسيا",
    "عنوان:العراق",
    "(النفط OR الغاز) روسيا",
    "التعاون العسكري",
    "الاستثمار",
    "الشركات الروسية",
    "وزارة الخارجية",
    "الاقتصاد",
]
SORTS = ["", "", "", "newest", "oldest"]


# --------------------------------------------------------------------------- corpus


def corpus_slices(path: Path, sizes: list[int]) -> list[list[str]]:
    """Consecutive slices of the corpus's JSON lines (non-empty content only)."""
    slices: list[list[str]] = [[] for _ in sizes]
    index = 0
    with gzip.open(path, "rt", encoding="utf-8") as corpus:
        for line in corpus:
            while index < len(sizes) and len(slices[index]) >= sizes[index]:
                index += 1
            if index == len(sizes):
                break
            record = json.loads(line)
            if isinstance(record.get("content"), str) and record["content"].strip():
                slices[index].append(line if line.endswith("\n") else line + "\n")
    return slices


# Run inside the archive: which candidate lines the importer would take as new articles.
NEW_ARTICLES = """
import json, os
from archive.ingest import IngestError, content_hash, parse_document
from archive.models import Article
known = set(Article.objects.values_list("content_hash", flat=True))
kept = []
for line in open(os.environ["LOADTEST_CANDIDATES"], encoding="utf-8"):
    record = json.loads(line)
    try:
        parsed = parse_document(record["content"], title_hint=(record.get("title") or None))
    except IngestError:
        continue
    digest = content_hash(parsed.body)
    if digest not in known:
        known.add(digest)
        kept.append(line)
    if len(kept) == int(os.environ["LOADTEST_COUNT"]):
        break
open(os.environ["LOADTEST_OUT"], "w", encoding="utf-8").write("".join(kept))
"""


def new_articles(env: dict, candidates: Path, out: Path, count: int) -> list[str]:
    """``count`` candidates that are neither in the archive nor repeated (the importer's rule)."""
    paths = {"LOADTEST_CANDIDATES": str(candidates), "LOADTEST_OUT": str(out)}
    manage({**env, **paths, "LOADTEST_COUNT": str(count)}, "shell", "-v", "0", "-c", NEW_ARTICLES)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    if len(lines) < count:
        raise RuntimeError(f"only {len(lines)} new articles found in the corpus slice")
    return lines


def corpus_words(lines: list[str], count: int = 300) -> list[str]:
    """Frequent longer words of the seeded articles: what a search box would see typed."""
    frequency: dict[str, int] = defaultdict(int)
    for line in lines[:500]:
        for word in re.findall(r"[\u0621-\u064a]{5,}", json.loads(line)["content"]):
            frequency[word] += 1
    return [word for word, _n in sorted(frequency.items(), key=lambda kv: -kv[1])[:count]]


# --------------------------------------------------------------------------- the site


def site_env(workdir: Path, port: int) -> dict:
    # The same production-like settings serve_prod.sh exports, for the manage.py commands.
    # Database and index are the work folder's own, whatever the calling shell points at.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ELASTICSEARCH_URL"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_VAR_DIR": str(workdir),
        "DATABASE_URL": f"sqlite:///{workdir / 'archive.sqlite3'}",
        "DJANGO_WHOOSH_INDEX": str(workdir / "whoosh_index"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or os.urandom(32).hex(),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_API_RATE_LIMIT": "off",
        "DJANGO_SEARCH_INDEX_INLINE": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_start(env: dict, log: Path) -> subprocess.Popen:
    # Its own process group, so stopping it stops gunicorn, its workers and the indexer.
    with open(log, "ab") as out:
        return subprocess.Popen(
            [str(ROOT / "scripts" / "serve_prod.sh")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def server_stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def wait_ready(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped while starting; see its log")
        try:
            status, _body = Http(port).get("/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("the server did not answer in time")


# --------------------------------------------------------------------------- HTTP


class Http:
    """One researcher's connection to the server.

    gunicorn's sync workers close the connection after each response, and ``http.client``
    opens a new one for the next request. Nothing is retried: a dropped connection is an error.
    """

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)

    def get(self, path: str) -> tuple[int, bytes]:
        self.connection.request("GET", path, headers={"Accept-Language": "ar"})
        response = self.connection.getresponse()
        return response.status, response.read()

    def close(self) -> None:
        self.connection.close()


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


# The last field of serve_prod.sh's access log is the time gunicorn spent on the request (ms).
_ACCESS_RE = re.compile(r'"GET (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d+) \S+ (?P<ms>\d+)$')
_FACET_PARAMS = ("person=", "organization=", "place=", "source=")


def page_kind(path: str) -> str:
    """Which page type a request path is, as the researchers label them."""
    route, _sep, query = path.partition("?")
    if route == "/":
        return "home"
    if route.startswith("/static/"):
        return "static"
    if route == "/search/feed/":
        return "feed"
    if route == "/search/":
        return "facet" if any(p in query for p in _FACET_PARAMS) else "search"
    for prefix, kind in (
        ("/api/search", "api_search"),
        ("/api/entities", "api_entities"),
        ("/articles/", "article"),
        ("/entities/", "entity"),
    ):
        if route.startswith(prefix):
            return kind
    return "other"


def server_times(log_path: Path, start: int, end: int) -> dict[str, list[float]]:
    """Seconds gunicorn spent per request, by page type, for the access log's bytes [start, end)."""
    times: dict[str, list[float]] = defaultdict(list)
    with open(log_path, "rb") as log_file:
        log_file.seek(start)
        chunk = log_file.read(end - start).decode("utf-8", "replace")
    for line in chunk.splitlines():
        match = _ACCESS_RE.search(line)
        if match:
            times[page_kind(match["path"])].append(int(match["ms"]) / 1000)
    return times


def log_size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


# --------------------------------------------------------------------------- researchers


class Researcher(threading.Thread):
    """Searches, follows facets and results, reads articles, uses the API; until the deadline."""

    def __init__(self, number, port, stats, deadline, queries, think, stop):
        super().__init__(name=f"researcher-{number}", daemon=True)
        self.http = Http(port)
        self.stats = stats
        self.deadline = deadline
        self.queries = queries
        self.think = think
        self.stop = stop
        self.random = random.Random(number)
        self.article_urls: list[str] = []
        self.facets: list[tuple[str, int]] = []
        self.entity_urls: list[str] = []
        self.static_path = ""

    def fetch(self, kind: str, path: str) -> bytes | None:
        started = time.perf_counter()
        try:
            status, body = self.http.get(path)
        except (OSError, http.client.HTTPException) as error:
            self.stats.record(kind, time.perf_counter() - started, f"{path}: {error!r}")
            return None
        error = None if status == 200 else f"{path}: HTTP {status}"
        self.stats.record(kind, time.perf_counter() - started, error)
        return body if error is None else None

    def pause(self) -> None:
        self.stop.wait(self.random.uniform(0.5 * self.think, 1.5 * self.think))

    def running(self) -> bool:
        return time.monotonic() < self.deadline and not self.stop.is_set()

    def run(self) -> None:
        try:
            self.home()
            while self.running():
                action = self.random.choices(
                    [
                        self.search,
                        self.api_search,
                        self.facet,
                        self.article,
                        self.entity,
                        self.api_entities,
                        self.feed,
                        self.home,
                    ],
                    weights=[30, 15, 15, 20, 6, 6, 3, 5],
                )[0]
                action()
                self.pause()
        finally:
            self.http.close()

    def query(self) -> str:
        if self.random.random() < 0.6:
            return self.random.choice(QUERIES)
        words = self.random.sample(self.queries, self.random.randint(1, 2))
        return " ".join(words)

    def home(self) -> None:
        body = self.fetch("home", "/")
        if body and not self.static_path:
            # The stylesheet once per researcher: browsers keep it (it is cached for a year).
            found = re.search(rb'href="(/static/[^"]+\.css)"', body)
            if found:
                self.static_path = found.group(1).decode()
                self.fetch("static", self.static_path)

    def search(self) -> None:
        params = {"q": self.query()}
        sort = self.random.choice(SORTS)
        if sort:
            params["sort"] = sort
        if self.random.random() < 0.2:
            params["page"] = "2"
        self.fetch("search", "/search/?" + urlencode(params))

    def api_search(self) -> None:
        body = self.fetch("api_search", "/api/search?" + urlencode({"q": self.query()}))
        if not body:
            return
        data = json.loads(body)
        self.article_urls = [hit["url"] for hit in data["results"]][:20] or self.article_urls
        facets = [
            (name, value["id"])
            for name, values in data["facets"].items()
            if name != "year"
            for value in values
        ]
        self.facets = facets[:30] or self.facets

    def facet(self) -> None:
        if not self.facets:
            self.api_search()
            return
        name, pk = self.random.choice(self.facets)
        params = {name: pk}
        if self.random.random() < 0.5:
            params["q"] = self.random.choice(QUERIES)
        self.fetch("facet", "/search/?" + urlencode(params))

    def article(self) -> None:
        if not self.article_urls:
            self.api_search()
            return
        self.fetch("article", self.random.choice(self.article_urls))

    def entity(self) -> None:
        if not self.entity_urls:
            self.api_entities()
            return
        self.fetch("entity", self.random.choice(self.entity_urls))

    def api_entities(self) -> None:
        prefix = self.random.choice(["بوت", "لاف", "موس", "بغد", "الك", "Lav", "Пут", "روس"])
        body = self.fetch("api_entities", "/api/entities?" + urlencode({"q": prefix}))
        if body:
            urls = [entity["url"] for entity in json.loads(body)["results"]]
            self.entity_urls = urls or self.entity_urls

    def feed(self) -> None:
        self.fetch("feed", "/search/feed/?" + urlencode({"q": self.random.choice(QUERIES)}))


# --------------------------------------------------------------------------- the importer


@dataclass
class ImportRun:
    imported: dict[int, str] = field(default_factory=dict)  # id → title
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def import_batches(env: dict, files: list[Path], start_times: list[float], run: ImportRun):
    """Each batch through ``import_articles`` at its start time; the worker indexes them."""
    started = time.monotonic()
    for path, at in zip(files, start_times, strict=True):
        time.sleep(max(0.0, at - time.monotonic()))
        result = manage(
            env, "import_articles", str(path), "--publish", "--json", "--no-index", check=False
        )
        for line in result.stdout.splitlines():
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            if record["status"] == "imported":
                run.imported[record["id"]] = record["title"]
            elif record["status"] == "duplicate":
                run.duplicates += 1
            elif record["status"] == "error":
                run.errors.append(f"{record['file']}: {record['error']}")
        if result.returncode:
            run.errors.append(f"import_articles {path.name} exited {result.returncode}")
    run.seconds = time.monotonic() - started


# --------------------------------------------------------------------------- checks


def indexed_ids(port: int) -> set[int]:
    """Every article the search lists for an empty query (the index, page by page)."""
    http_ = Http(port)
    ids: set[int] = set()
    page = 1
    try:
        while True:
            query = urlencode({"page": page, "page_size": 100, "sort": "newest"})
            status, body = http_.get(f"/api/search?{query}")
            if status != 200:
                raise RuntimeError(f"listing the index failed: HTTP {status}")
            data = json.loads(body)
            ids.update(hit["id"] for hit in data["results"])
            if page >= data["num_pages"]:
                return ids
            page += 1
    finally:
        http_.close()


def title_query(title: str) -> str:
    """The longest words of a title, searched in the title field."""
    # Words as written, harakat and tatweel included (they are not \w to ``re``).
    words = re.findall(r"[\w\u064b-\u0652\u0640]{3,}", title)
    words = sorted(set(words), key=len, reverse=True)[:3]
    return "title:(" + " ".join(words) + ")" if words else title


def found_by_title(port: int, imported: dict[int, str]) -> set[int]:
    """The imported articles that a search for their title's longest words finds."""
    http_ = Http(port)
    found = set()
    try:
        for pk, title in imported.items():
            query = urlencode({"q": title_query(title), "page_size": 100})
            status, body = http_.get(f"/api/search?{query}")
            if status == 200 and pk in {hit["id"] for hit in json.loads(body)["results"]}:
                found.add(pk)
    finally:
        http_.close()
    return found


def wait_searchable(port: int, ids: set[int], timeout: float) -> tuple[set[int], float]:
    """Poll until the index lists every id (or the timeout); returns what is still missing."""
    started = time.monotonic()
    missing = set(ids)
    while True:
        missing = ids - indexed_ids(port)
        if not missing or time.monotonic() - started > timeout:
            return missing, time.monotonic() - started
        time.sleep(1.0)


# --------------------------------------------------------------------------- main


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--users", type=int, default=50, help="concurrent researchers")
    parser.add_argument("--import-count", type=int, default=200, help="articles imported")
    parser.add_argument("--import-batches", type=int, default=4, help="import runs, spread out")
    parser.add_argument("--seed-count", type=int, default=2000, help="articles before the test")
    parser.add_argument(
        "--think", type=float, default=2.0, help="mean pause between a user's requests (s)"
    )
    parser.add_argument("--drain-timeout", type=float, default=180.0)
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--workdir", type=Path, help="default: a new temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--quick", action="store_true", help="3 users, 5 s, 5 imported, 40 seeded")
    parser.add_argument(
        "--scenario", choices=["normal", "abuse"], default="normal", help="abuse: attackers too"
    )
    parser.add_argument("--searchers", type=int, default=8, help="abuse: normal searchers")
    parser.add_argument("--attackers", type=int, default=2, help="abuse: attackers")
    parser.add_argument("--phase", type=float, default=60.0, help="abuse: seconds per phase")
    args = parser.parse_args(argv)
    if args.quick and args.scenario == "abuse":
        args.seed_count, args.phase, args.searchers, args.think = 40, 4.0, 2, 0.3
    elif args.quick:
        args.duration, args.users, args.import_count = 5.0, 3, 5
        args.import_batches, args.seed_count, args.think = 1, 40, 0.2
        args.drain_timeout = 60.0
    return args


def prepare_seed(args, workdir: Path, env: dict, candidates: int = 0):
    """Migrate, load the fixtures, import and index the seed articles.

    Returns the seed's frequent words and the next ``candidates`` lines of the corpus.
    """
    log(f"work folder {workdir}")
    seed_lines, more = corpus_slices(CORPUS, [args.seed_count, candidates])
    seed_file = workdir / "seed.jsonl"
    seed_file.write_text("".join(seed_lines), encoding="utf-8")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_fixtures", "-v", "0")
    log("migrated; sources, entities and seed articles loaded")
    started = time.monotonic()
    manage(env, "import_articles", str(seed_file), "--publish", "-v", "0")
    log(f"seeded {len(seed_lines)} articles and indexed them in {time.monotonic() - started:.0f} s")
    return corpus_words(seed_lines), more


def prepare(args, workdir: Path, env: dict) -> tuple[list[str], list[Path]]:
    """The seeded archive, and the import batches written from the corpus's next articles."""
    # Spare candidates: the corpus repeats some articles, which the importer refuses.
    spare = args.import_count // 2 + 10
    words, candidates = prepare_seed(args, workdir, env, args.import_count + spare)
    candidate_file = workdir / "candidates.jsonl"
    candidate_file.write_text("".join(candidates), encoding="utf-8")
    new_lines = new_articles(env, candidate_file, workdir / "new.jsonl", args.import_count)
    batches = max(1, min(args.import_batches, args.import_count))
    files = []
    for number in range(batches):
        path = workdir / f"import-{number + 1}.jsonl"
        path.write_text("".join(new_lines[number::batches]), encoding="utf-8")
        files.append(path)
    return words, files


def run(args) -> dict:
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="archive-load-"))
    workdir.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    env = site_env(workdir, port)
    words, files = prepare(args, workdir, env)
    server = server_start(env, workdir / "server.log")
    try:
        wait_ready(port, server)
        log("server ready")
        log(f"server up on {HOST}:{port}: {args.users} researchers for {args.duration:.0f} s")
        stats = Stats()
        stop = threading.Event()
        deadline = time.monotonic() + args.duration
        imports = ImportRun()
        # Batches start across the first 80% of the run, so indexing overlaps the searching.
        step = 0.8 * args.duration / len(files)
        start_times = [time.monotonic() + 1.0 + number * step for number in range(len(files))]
        importer = threading.Thread(
            target=import_batches, args=(env, files, start_times, imports), daemon=True
        )
        users = [
            Researcher(n, port, stats, deadline, QUERIES + words, args.think, stop)
            for n in range(args.users)
        ]
        access_log = workdir / "access.log"
        log_start = log_size(access_log)
        started = time.monotonic()
        importer.start()
        for user in users:
            user.start()
        for user in users:
            user.join(timeout=args.duration + REQUEST_TIMEOUT + 30)
        stop.set()
        elapsed = time.monotonic() - started
        log_end = log_size(access_log)
        importer.join()
        log(f"load done; imported {len(imports.imported)}, waiting for the index worker")
        missing, waited = wait_searchable(port, set(imports.imported), args.drain_timeout)
        by_title = found_by_title(port, imports.imported)
    finally:
        server_stop(server)
    drift = manage(env, "check_index", check=False)
    served = server_times(access_log, log_start, log_end)
    result = summary(args, stats, served, elapsed, imports, missing, waited, by_title, drift)
    if stats.errors:
        # Why the server failed: the end of its log (Django logs each 500 with its traceback).
        log_text = (workdir / "server.log").read_text(encoding="utf-8", errors="replace")
        result["server_log_tail"] = log_text.splitlines()[-60:]
    if not args.keep and not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    elif args.keep:
        result["workdir"] = str(workdir)
    return result


def _ms(values: list[float], fraction: float) -> float | None:
    return round(1000 * percentile(values, fraction), 1) if values else None


def summary(args, stats, served, elapsed, imports, missing, waited, by_title, drift) -> dict:
    kinds = {}
    for kind, values in sorted(stats.latencies.items()):
        kinds[kind] = {
            "requests": len(values),
            "p50_ms": _ms(values, 0.50),
            "p95_ms": _ms(values, 0.95),
            "p99_ms": _ms(values, 0.99),
            "max_ms": _ms(values, 1.0),
            # Inside gunicorn, without the wait in its listen queue.
            "server_p50_ms": _ms(served.get(kind, []), 0.50),
            "server_p95_ms": _ms(served.get(kind, []), 0.95),
        }
    everything = [v for values in stats.latencies.values() for v in values]
    total = len(everything)
    return {
        "users": args.users,
        "duration_s": round(elapsed, 1),
        "seeded": args.seed_count,
        "requests": total,
        "requests_per_s": round(total / elapsed, 1) if elapsed else 0.0,
        "errors": len(stats.errors),
        "error_samples": stats.errors[:20],
        "p50_ms": _ms(everything, 0.50),
        "p95_ms": _ms(everything, 0.95),
        "p99_ms": _ms(everything, 0.99),
        "users_think_s": args.think,
        "load_average_before": LOAD_BEFORE,
        "load_average_after": os.getloadavg(),
        "by_page": kinds,
        "import_requested": args.import_count,
        "imported": len(imports.imported),
        "import_duplicates": imports.duplicates,
        "import_errors": imports.errors[:20],
        "import_seconds": round(imports.seconds, 1),
        "searchable": len(imports.imported) - len(missing),
        "missing_from_search": sorted(missing),
        "found_by_title_search": len(by_title),
        "not_found_by_title": [
            {"id": pk, "title": title, "query": title_query(title)}
            for pk, title in sorted(imports.imported.items())
            if pk not in by_title
        ],
        "searchable_after_s": round(waited, 1),
        "check_index": drift.stdout.strip().splitlines()[0] if drift.stdout.strip() else "",
        "drift_zero": drift.returncode == 0 and "missing 0, extra 0, stale 0" in drift.stdout,
    }


def passed(result: dict) -> bool:
    return (
        result["errors"] == 0
        and result["imported"] == result["import_requested"]
        and not result["import_errors"]
        and not result["missing_from_search"]
        and result["found_by_title_search"] == result["imported"]
        and result["drift_zero"]
    )


def report(result: dict) -> str:
    load = ", ".join(f"{value:.1f}" for value in result["load_average_before"])
    lines = [
        f"{result['users']} users (pause {result['users_think_s']} s on average), "
        f"{result['duration_s']} s, {result['seeded']} articles seeded; "
        f"machine load average before the run {load} on {os.cpu_count()} CPUs",
        f"requests {result['requests']} ({result['requests_per_s']}/s), "
        f"errors {result['errors']}, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, "
        f"p99 {result['p99_ms']} ms",
        "",
        "latency seen by the researchers, and (server) inside gunicorn, in ms:",
        f"{'page':<14}{'requests':>9}{'p50':>9}{'p95':>9}{'p99':>9}{'max':>9}"
        f"{'server p50':>12}{'server p95':>12}",
    ]
    for kind, row in result["by_page"].items():
        lines.append(
            f"{kind:<14}{row['requests']:>9}{row['p50_ms']:>9}{row['p95_ms']:>9}"
            f"{row['p99_ms']:>9}{row['max_ms']:>9}{row['server_p50_ms']!s:>12}"
            f"{row['server_p95_ms']!s:>12}"
        )
    lines += [
        "",
        f"imported {result['imported']}/{result['import_requested']} in "
        f"{result['import_seconds']} s (duplicates {result['import_duplicates']}, "
        f"errors {len(result['import_errors'])})",
        f"searchable {result['searchable']}/{result['imported']} "
        f"(all listed {result['searchable_after_s']} s after the load), "
        f"found by a title search {result['found_by_title_search']}/{result['imported']}",
        f"check_index: {result['check_index']}",
        f"articles lost: {result['imported'] - result['searchable']}",
    ]
    lines += [f"  error: {sample}" for sample in result["error_samples"]]
    lines += [f"  server log: {line}" for line in result.get("server_log_tail", [])]
    lines += [f"  import error: {sample}" for sample in result["import_errors"]]
    lines += [
        f"  not found by its title: {row['id']} {row['title']!r} (searched {row['query']!r})"
        for row in result["not_found_by_title"]
    ]
    return "\n".join(lines)


_STARTED = time.monotonic()
LOAD_BEFORE = os.getloadavg()


def log(message: str) -> None:
    print(f"[loadtest {time.monotonic() - _STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.scenario == "abuse":
        import loadtest_abuse

        return loadtest_abuse.main(args)
    result = run(args)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    ok = passed(result)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
