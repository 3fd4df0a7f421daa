"""The load test's site: a throwaway archive seeded from the corpus, the production server
setup started and stopped on it, and the HTTP requests that check what it serves."""

import gzip
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 60.0

_STARTED = time.monotonic()
LOAD_BEFORE = os.getloadavg()


def log(message: str) -> None:
    print(f"[loadtest {time.monotonic() - _STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


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
