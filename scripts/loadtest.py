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

The abuse scenario (``--scenario abuse``) is in ``scripts/loadtest_abuse.py``; the site
(seeding, server, checks) in ``loadtest_server.py``, the numbers and report in
``loadtest_report.py``.
"""

import argparse
import http.client
import json
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from loadtest_report import Stats, log_size, passed, report, server_times, summary
from loadtest_server import (
    HOST,
    REQUEST_TIMEOUT,
    Http,
    found_by_title,
    free_port,
    log,
    manage,
    new_articles,
    prepare_seed,
    server_start,
    server_stop,
    site_env,
    wait_ready,
    wait_searchable,
)

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
