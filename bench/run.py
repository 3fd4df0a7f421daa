"""``make bench``: a throwaway archive built from the real corpora, then the search query mix.

Usage (from the repository root)::

    .venv/bin/python bench/run.py [--size 41000] [--smoke] [--repeat 20] [--procs 2]
                                  [--out bench/results.json] [--workdir DIR] [--keep] [--reuse]

What it does, in a fresh temporary directory under ``var/bench/`` (the development database
and index are never touched):

1. ``migrate`` and ``load_fixtures`` (outlets, the entity authority file, the seeds);
2. writes ``--size`` articles of ``../shared/corpora/*.jsonl.gz`` to a JSON-lines file (past
   the 41,000 articles of the corpora, the articles repeat with a numbered title and body, so
   every copy is a new article and not a duplicate) and imports it with ``import_articles
   --publish`` (the real ingest path: parsing, dating, sources, entity extraction);
3. builds the index with ``rebuild_index_fast`` (or haystack's ``rebuild_index``);
4. times each query of the mix four ways: raw Whoosh on the same index, the engine
   (``backend.execute``), the read path (``search_execute``: plus the database, facet names
   and highlighting) and the full HTML page through Django's test client, together with the
   search call inside each page request (``call_in_view``; ``view_over_call`` is the median
   of page ÷ its own call);
5. writes ``--out`` (JSON) and a markdown table next to it (``.md``).

``--smoke`` (for CI) imports ``--size`` articles (default 1,000) and repeats each query twice.
``--reuse`` with ``--workdir`` skips steps 1–3 on an archive kept by an earlier ``--keep`` run.
"""

import argparse
import gzip
import io
import json
import math
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT.parent / "shared" / "corpora").glob("*.jsonl.gz"))
BENCH_DIR = ROOT / "var" / "bench"
DEFAULT_OUT = ROOT / "bench" / "results.json"
PAGE_SIZE = 20
DEEP_PAGE = 50
SMOKE_SIZE = 1_000
RAW_FACET_REPEAT = 5

# Targets of issue 8 (ms), per size: (any query type, phrases).
TARGETS_MS = {41_000: (50, 150), 200_000: (200, 500)}

QUERY_TYPES = (
    "common word",
    "rare word",
    "two words",
    "phrase",
    "date range",
    "entity filter",
    "common word, all facets + highlights",
    "deep page",
)


# ---------------------------------------------------------------------------- set-up


def setup_django(workdir: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_VAR_DIR": str(workdir),
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "DJANGO_WHOOSH_INDEX": str(workdir / "whoosh_index"),
            # Bulk imports index once at the end, not one commit per saved article.
            "DJANGO_HAYSTACK_SIGNAL_PROCESSOR": "haystack.signals.BaseSignalProcessor",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    os.environ.pop("DJANGO_ELASTICSEARCH_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def corpus_records(size: int) -> Iterator[dict]:
    """``size`` corpus records; a smaller sample is spread over every file (all dates, outlets)."""
    return islice(corpus_stream(size), size)


def corpus_stream(size: int) -> Iterator[dict]:
    """The records of a ``size``-article sample, then more of the same kind without end: past
    the last line of the corpora, numbered copies (see :func:`_copy_of`)."""
    total = sum(_line_count(path) for path in CORPORA)
    step = max(1, total // size) if size < total else 1
    copy = 0
    while True:
        seen = 0
        for path in CORPORA:
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    seen += 1
                    if (seen - 1) % step or not line.strip():
                        continue
                    record = json.loads(line)
                    yield _copy_of(record, copy) if copy else record
        copy += 1


def _copy_of(record: dict, copy: int) -> dict:
    """The same article under a new title and body, so its content hash is new."""
    number = copy + 1
    record = dict(record)
    record["title"] = f"{record.get('title') or ''} ({number})".strip()
    # On the last line, not a line of its own: the importer drops a line without letters as
    # page furniture, and the copy would hash like the original (a duplicate, not imported).
    record["content"] = f"{(record.get('content') or '').rstrip()} ({number})"
    if record.get("url"):
        record["url"] = f"{record['url']}#copy-{number}"
    return record


def _line_count(path: Path) -> int:
    with gzip.open(path, "rb") as lines:
        return sum(1 for _ in lines)


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children: unlike wall-clock
    time, it does not grow when other work shares the machine."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def _import_until(workdir: Path, size: int) -> tuple[int, int, int, float, float]:
    """Import corpus lines until ``size`` articles are in (a line that repeats another or has
    no content imports nothing): articles, lines, rounds, wall and CPU seconds."""
    from django.core.management import call_command

    from archive.models import Article

    before = Article.objects.count()
    records = corpus_stream(size)
    lines = rounds = imported = 0
    seconds = cpu_used = 0.0
    while imported < size:
        rounds += 1
        wanted = size - imported
        # A little over what is missing, so that one more round is rarely needed.
        chunk = list(islice(records, wanted if rounds == 1 else math.ceil(wanted * 1.1) + 10))
        corpus = workdir / ("corpus.jsonl" if rounds == 1 else f"corpus-{rounds}.jsonl")
        with corpus.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk)
        lines += len(chunk)
        cpu = cpu_seconds()
        started = time.perf_counter()
        with (workdir / "import.log").open("a", encoding="utf-8") as out:
            call_command(
                "import_articles", str(corpus), publish=True, no_index=True, stdout=out, stderr=out
            )
        seconds += time.perf_counter() - started
        cpu_used += cpu_seconds() - cpu
        now = Article.objects.count() - before
        if now == imported:
            break  # nothing new: the sample is exhausted (cannot happen with copies)
        imported = now
    return imported, lines, rounds, seconds, cpu_used


def build_archive(workdir: Path, size: int, procs: int, rebuild: str) -> dict:
    from django.core.management import call_command

    from archive.models import Article
    from search.models import IndexTask

    call_command("migrate", verbosity=0)
    call_command("load_fixtures", stdout=io.StringIO())
    imported, lines, rounds, import_seconds, import_cpu = _import_until(workdir, size)
    # The rebuild below covers every article: the queued tasks would only repeat it.
    IndexTask.objects.all().delete()
    cpu = cpu_seconds()
    started = time.perf_counter()
    if rebuild == "haystack":
        call_command("rebuild_index", interactive=False, verbosity=0)
    else:
        call_command("rebuild_index_fast", procs=procs, verbosity=0)
    index_seconds = time.perf_counter() - started
    index_cpu = cpu_seconds() - cpu
    indexed = Article.objects.published().count()
    return {
        "requested": size,
        "corpus_lines": lines,
        "import_rounds": rounds,
        "imported": imported,
        "import_seconds": round(import_seconds, 2),
        "import_per_second": round(imported / import_seconds, 1) if import_seconds else None,
        "indexed": indexed,
        "index_seconds": round(index_seconds, 2),
        "index_per_second": round(indexed / index_seconds, 1) if index_seconds else None,
        "import_cpu_seconds": round(import_cpu, 2),
        "index_cpu_seconds": round(index_cpu, 2),
        "rebuild": rebuild,
        "procs": procs,
    }


# ---------------------------------------------------------------------------- queries


def query_mix() -> dict[str, dict]:
    """The query types of issue 8, as GET parameters of the search page."""
    from django.db.models import Count

    from archive.models import Entity

    place = (
        Entity.objects.filter(kind=Entity.Kind.PLACE)
        .annotate(n=Count("mentions"))
        .order_by("-n", "pk")
        .first()
    )
    entity_filter = {"place": place.pk} if place else {}
    return {
        "common word": {"q": "السعودية"},
        "rare word": {"q": "لافروف"},
        "two words": {"q": "وزير الخارجية"},
        "phrase": {"q": '"ولي العهد"'},
        "date range": {"date_from": "2015-08-01", "date_to": "2015-08-15"},
        "entity filter": entity_filter,
        "common word, all facets + highlights": {
            "q": "الحكومة",
            "more": ["person", "organization", "place", "source"],
        },
        "deep page": {"q": "السعودية", "page": DEEP_PAGE},
    }


def _query_dict(raw: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in raw.items():
        query.setlist(key, [str(v) for v in value] if isinstance(value, list) else [str(value)])
    return query


def _cleaned(raw: dict) -> dict:
    from search.forms import SearchForm

    form = SearchForm(_query_dict(raw))
    if not form.is_valid():
        raise ValueError(f"bench query {raw!r} is invalid: {form.errors.as_json()}")
    return form.cleaned_data


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _time(fn: Callable, repeat: int) -> dict:
    fn()  # warm: searcher open, facet postings cached
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return _stats(samples)


def _time_view(view: Callable, repeat: int) -> dict:
    """The page as :func:`_time` times it, plus the search call as the page makes it.

    The read path above runs the same call back to back, with the processor's caches holding
    its data; inside a page the call comes after the previous page's rendering (the rare word's
    call measured 5.0 ms back to back and 7.6 ms inside pages). Each page request is paired
    with its own call: ``view_over_call`` is the median over requests of page ÷ that call.
    """
    import search.views

    calls: list[float] = []
    search_execute = search.views.search_execute

    def timed_call(**kwargs):
        start = time.perf_counter()
        try:
            return search_execute(**kwargs)
        finally:
            calls.append((time.perf_counter() - start) * 1000)

    search.views.search_execute = timed_call
    try:
        view()
        calls.clear()
        pages = []
        for _ in range(repeat):
            start = time.perf_counter()
            view()
            pages.append((time.perf_counter() - start) * 1000)
    finally:
        search.views.search_execute = search_execute
    ratios = [page / call for page, call in zip(pages, calls, strict=True)]
    return {
        "view": _stats(pages),
        "call_in_view": _stats(calls),
        "view_over_call": round(statistics.median(ratios), 2),
    }


def _stats(samples: list[float]) -> dict:
    return {
        "p50": round(statistics.median(samples), 2),
        "p95": round(_percentile(samples, 0.95), 2),
    }


class RawWhoosh:
    """The same queries straight on the index with Whoosh's own API: the framework-free floor.

    Whoosh's query parser (same schema, same Arabic analyzer), its own filters and
    ``groupedby`` facets, stored ids of the page; no database, no highlighting.
    """

    def __init__(self, path: str):
        from whoosh import index
        from whoosh.qparser import QueryParser

        self.index = index.open_dir(path)
        self.searcher = self.index.searcher()
        self.parser = QueryParser("text", schema=self.index.schema)

    def search(self, raw: dict, facets: bool = True):
        from whoosh import query as wq
        from whoosh import sorting

        parts = []
        if raw.get("q"):
            parts.append(self.parser.parse(raw["q"]))
        if raw.get("date_from") or raw.get("date_to"):
            start = datetime.fromisoformat(raw["date_from"]) if raw.get("date_from") else None
            end = datetime.fromisoformat(raw["date_to"]) if raw.get("date_to") else None
            parts.append(wq.DateRange("published_on", start, end))
        for name in ("person", "organization", "place", "source"):
            if raw.get(name):
                parts.append(wq.Term(name, str(raw[name])))
        query = wq.And(parts) if len(parts) > 1 else (parts[0] if parts else wq.Every())
        groupedby = None
        if facets:
            groupedby = sorting.Facets()
            for name in ("person", "organization", "place", "source", "year"):
                groupedby.add_field(name, allow_overlap=True)
        page = int(raw.get("page") or 1)
        sortedby = None if raw.get("q") else sorting.FieldFacet("published_on", reverse=True)
        results = self.searcher.search(
            query, limit=page * PAGE_SIZE, groupedby=groupedby, sortedby=sortedby
        )
        ids = [hit["django_id"] for hit in results[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
        groups = {name: results.groups(name) for name in groupedby.names()} if facets else {}
        return len(results), ids, groups


def measure(repeat: int, index_path: str) -> list[dict]:
    from django.test import Client
    from haystack import connections

    from search.query import query_parse
    from search.selectors import search_execute, search_request

    backend = connections["default"].get_backend()
    raw_whoosh = RawWhoosh(index_path)
    client = Client()
    rows = []
    for name, raw in query_mix().items():
        params = _cleaned(raw)
        page = params.get("page") or 1

        def engine(params=params, page=page):
            parsed = query_parse(params.get("q"))
            request = search_request(
                params=params, parsed=parsed, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
            )
            return backend.execute(request)

        def read_path(params=params, page=page):
            return search_execute(params=params, page=page)

        def view(query=_query_dict(raw)):  # noqa: B008  (bound once per query type)
            response = client.get("/search/", query)
            if response.status_code != 200:
                raise RuntimeError(f"/search/ answered {response.status_code} for {query!r}")
            return response

        def raw_search(raw=raw):
            return raw_whoosh.search(raw)

        def raw_matching(raw=raw):
            return raw_whoosh.search(raw, facets=False)

        row = {
            "query": name,
            "params": raw,
            "hits": read_path().count,
            "raw_whoosh_hits": raw_search()[0],
        }
        for label, fn, times in (
            ("raw_whoosh_no_facets", raw_matching, repeat),
            # Whoosh's own facets take seconds at archive scale: fewer runs.
            ("raw_whoosh", raw_search, min(repeat, RAW_FACET_REPEAT)),
            ("engine", engine, repeat),
            ("read_path", read_path, repeat),
        ):
            row[label] = _time(fn, times)
        row.update(_time_view(view, repeat))
        row["view_over_read_path"] = _ratio(row["view"]["p50"], row["read_path"]["p50"])
        row["read_path_over_raw"] = _ratio(row["read_path"]["p50"], row["raw_whoosh"]["p50"])
        rows.append(row)
    return rows


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


# ---------------------------------------------------------------------------- report


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def peak_memory_mb() -> dict:
    """Peak resident memory (ru_maxrss is in KiB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"process": round(own, 1), "largest_child": round(children, 1)}


def machine() -> dict:
    import platform

    memory = None
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            memory = round(int(info.readline().split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    return {
        "cpus": os.cpu_count(),
        "memory_gb": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        # Other work on the machine skews every figure: say how busy it was.
        "load_average_1_5_15": [round(load, 2) for load in os.getloadavg()],
    }


def _cpu_note(seconds) -> str:
    return f"; {seconds} CPU s" if seconds is not None else ""


def markdown(results: dict) -> str:
    build, size = results["build"], results["articles"]
    lines = [
        f"Articles in the index: {size:,}; repeat {results['repeat']} after one warm-up; "
        "times in ms (p50 / p95).",
        "",
        "| query | hits | raw Whoosh, no facets | raw Whoosh + facets | engine | read path "
        "| HTML view | view ÷ read | its call in the view | view ÷ its call | read ÷ raw |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["queries"]:
        cells = [
            f"{row[key]['p50']} / {row[key]['p95']}"
            for key in ("raw_whoosh_no_facets", "raw_whoosh", "engine", "read_path", "view")
        ]
        call = row["call_in_view"]
        lines.append(
            f"| {row['query']} | {row['hits']:,} | "
            + " | ".join(cells)
            + f" | {row['view_over_read_path']} | {call['p50']} / {call['p95']}"
            + f" | {row['view_over_call']} | {row['read_path_over_raw']} |"
        )
    memory = results["peak_memory_mb"]
    lines += [
        "",
        "| build | value |",
        "|---|---:|",
        f"| import with extraction | {build.get('import_per_second')} articles/s "
        f"({build.get('imported')} in {build.get('import_seconds')} s"
        f"{_cpu_note(build.get('import_cpu_seconds'))}) |",
        f"| index rebuild ({build.get('rebuild')}, procs {build.get('procs')}) | "
        f"{build.get('index_per_second')} articles/s "
        f"({build.get('indexed')} in {build.get('index_seconds')} s"
        f"{_cpu_note(build.get('index_cpu_seconds'))}) |",
        f"| index size | {results['index_mb']} MB |",
        f"| database size | {results['database_mb']} MB |",
        f"| peak memory | {memory['process']} MB (largest child {memory['largest_child']} MB) |",
        "",
        f"Machine: {results['machine']['cpus']} CPUs, {results['machine']['memory_gb']} GB, "
        f"Python {results['machine']['python']}; load average at the end "
        f"{results['machine']['load_average_1_5_15']}.",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="articles to import (default 41000; smoke 1000)")
    parser.add_argument("--smoke", action="store_true", help="small and quick, for CI")
    parser.add_argument("--repeat", type=int, help="timed runs per query (default 20; smoke 2)")
    parser.add_argument("--procs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rebuild", choices=("fast", "haystack"), default="fast")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--workdir", type=Path, help="where the throwaway archive goes")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway archive")
    parser.add_argument("--reuse", action="store_true", help="query the archive in --workdir")
    args = parser.parse_args(argv)
    size = args.size or (SMOKE_SIZE if args.smoke else 41_000)
    repeat = args.repeat or (2 if args.smoke else 20)
    if args.reuse and not args.workdir:
        parser.error("--reuse needs --workdir")
    if args.workdir:
        workdir = args.workdir.resolve()
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix="bench-", dir=BENCH_DIR))
    try:
        setup_django(workdir)
        if args.reuse:
            build = json.loads((workdir / "build.json").read_text())
        else:
            build = build_archive(workdir, size, args.procs, args.rebuild)
            (workdir / "build.json").write_text(json.dumps(build, indent=2))
        from django.core.management import call_command

        from archive.models import Article

        # The page runs as in production (DEBUG off): hashed static files need a manifest.
        call_command("collectstatic", interactive=False, verbosity=0)
        index_path = str(workdir / "whoosh_index")
        results = {
            "articles": Article.objects.published().count(),
            "smoke": args.smoke,
            "repeat": repeat,
            "targets_ms": {str(k): {"any": v[0], "phrase": v[1]} for k, v in TARGETS_MS.items()},
            "build": build,
            "queries": measure(repeat, index_path),
            "index_mb": round(_dir_size(Path(index_path)) / 2**20, 1),
            "database_mb": round(
                sum(f.stat().st_size for f in workdir.glob("bench.sqlite3*")) / 2**20, 1
            ),
            "peak_memory_mb": peak_memory_mb(),
            "machine": machine(),
        }
    finally:
        if not args.keep and not args.reuse and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    table = markdown(results)
    args.out.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table)
    return results


if __name__ == "__main__":
    main()
