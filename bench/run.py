"""``make bench``: a throwaway archive built from the real corpora, then the search query mix.

Usage (from the repository root)::

    .venv/bin/python bench/run.py [--size 41000] [--smoke] [--repeat 20] [--procs 2]
                                  [--out bench/results.json] [--workdir DIR] [--keep] [--reuse]

In a fresh directory under ``var/bench/`` (the development database and index are never
touched):

1. ``migrate`` and ``load_fixtures`` (outlets, the entity authority file, the seeds);
2. ``--size`` articles of ``../shared/corpora/*.jsonl.gz`` imported with ``import_articles
   --publish``, the real ingest path (``import_rounds.py``);
3. the index built with ``rebuild_index_fast`` (or haystack's ``rebuild_index``);
4. each query type of the mix timed at five layers: raw Whoosh on the same index, with and
   without its facets; the engine (``backend.execute``); the read path (``search_execute``:
   plus the database, facet names and highlighting); the HTML page through Django's test
   client, with the search call timed inside each page request (``call_in_view``;
   ``view_over_call`` is the median over requests of page ÷ its own call);
5. ``--out`` (JSON) and a markdown table next to it (``.md``, ``results_table.py``).

The timing runs with Python's collector set as the web process sets it (``web_process``:
``config.wsgi``'s ``GC_THRESHOLD`` and ``GC_FREEZE``, after two search pages); the
collections during the HTML view's requests (its warm-up and timed ones) are reported under
the table.

``--smoke`` (for the test suite) imports 1,000 articles and repeats each query twice.
``--reuse`` with ``--workdir`` skips steps 1–3 on an archive kept by an earlier ``--keep`` run.
"""

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

# The sibling modules, however this file is loaded (script, ``import run``, or by path).
sys.path.insert(0, str(Path(__file__).resolve().parent))

from import_rounds import build_archive
from results_table import dir_size, machine, markdown, peak_memory_mb

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DEFAULT_OUT = ROOT / "bench" / "results.json"
PAGE_SIZE = 20
DEEP_PAGE = 50
SMOKE_SIZE = 1_000
RAW_FACET_REPEAT = 5

# The search targets (docs/performance.md), in ms per size: (any query type, phrases).
TARGETS_MS = {41_000: (50, 150), 200_000: (200, 500)}


# ---------------------------------------------------------------------------- set-up


def setup_django(workdir: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_VAR_DIR": str(workdir),
            "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
            "DJANGO_WHOOSH_INDEX": str(workdir / "whoosh_index"),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            # The benchmark times one client's requests back to back: no rate limit applies.
            "DJANGO_API_RATE_LIMIT": "off",
            "DJANGO_SEARCH_RATE_LIMIT": "off",
            "DJANGO_FEED_RATE_LIMIT": "off",
            "DJANGO_EXPORT_RATE_LIMIT": "off",
        }
    )
    os.environ.pop("DJANGO_ELASTICSEARCH_URL", None)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def web_process(client) -> None:
    """Set the collector as the web process does (``config.wsgi``: ``GC_THRESHOLD``,
    ``GC_FREEZE``), then serve two search pages, as a server's first visitors: the second
    begins with the freeze that follows a new searcher's first page."""
    from search.gc_tuning import configure_gc

    configure_gc()
    for _ in range(2):
        response = client.get("/search/", _query_dict(query_mix()["common word"]))
        if response.status_code != 200:
            raise RuntimeError(f"/search/ answered {response.status_code}")


class GcPauses:
    """Python's collections while it is active (``gc.callbacks``): per generation, how many
    and their pauses in CPU milliseconds (``time.process_time``)."""

    def __init__(self):
        self.pauses: dict[int, list[float]] = {}
        self._start = 0.0

    def __enter__(self):
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *_exc):
        gc.callbacks.remove(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.process_time()
        else:
            pause = (time.process_time() - self._start) * 1000
            self.pauses.setdefault(info["generation"], []).append(pause)

    def full(self) -> int:
        """Full (generation-2) collections so far."""
        return len(self.pauses.get(2, ()))

    def summary(self) -> dict:
        """``{"gen0": {"collections", "total_ms", "max_ms"}, …}`` and the thresholds."""
        found = {"threshold": list(gc.get_threshold()), "frozen": gc.get_freeze_count()}
        for generation in range(3):
            pauses = self.pauses.get(generation, [])
            found[f"gen{generation}"] = {
                "collections": len(pauses),
                "total_ms": round(sum(pauses), 1),
                "max_ms": round(max(pauses, default=0.0), 1),
            }
        return found


# ---------------------------------------------------------------------------- queries


def query_mix() -> dict[str, dict]:
    """The query types of the targets, as GET parameters of the search page."""
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

    The read path runs the same call back to back, with the processor's caches holding its
    data; inside a page the call comes after the previous page's rendering, and takes longer.
    Each page request is paired with its own call: ``view_over_call`` is the median over
    requests of page ÷ that call.
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


def measure(repeat: int, index_path: str, collections: GcPauses) -> list[dict]:
    from django.test import Client
    from haystack import connections

    from search.query import query_parse
    from search.selectors import search_execute, search_request

    backend = connections["default"].get_backend()
    raw_whoosh = RawWhoosh(index_path)
    client = Client()
    web_process(client)
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

        first = read_path()
        row = {
            "query": name,
            "params": raw,
            "hits": first.count,
            # Those holding every word (the page adds articles holding some, or related words).
            "all_words_hits": first.count - first.some_words_count,
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
        full = collections.full()
        with collections:
            row.update(_time_view(view, repeat))
        row["full_gc_in_view"] = collections.full() - full
        row["view_over_read_path"] = _ratio(row["view"]["p50"], row["read_path"]["p50"])
        row["read_path_over_raw"] = _ratio(row["read_path"]["p50"], row["raw_whoosh"]["p50"])
        rows.append(row)
    return rows


def gc_line(found: dict) -> str:
    """Python's collections during the page requests, as a line under the table."""
    counts = ", ".join(
        f"generation {g}: {found[f'gen{g}']['collections']} "
        f"({found[f'gen{g}']['total_ms']} ms CPU, at most {found[f'gen{g}']['max_ms']})"
        for g in range(3)
    )
    return (
        f"\nGarbage collections during the HTML view's requests, {counts}; "
        f"thresholds {found['threshold']}, {found['frozen']} objects frozen.\n"
    )


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


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
        collections = GcPauses()
        results = {
            "articles": Article.objects.published().count(),
            "smoke": args.smoke,
            "repeat": repeat,
            "targets_ms": {str(k): {"any": v[0], "phrase": v[1]} for k, v in TARGETS_MS.items()},
            "build": build,
            "queries": measure(repeat, index_path, collections),
            "index_mb": round(dir_size(Path(index_path)) / 2**20, 1),
            "database_mb": round(
                sum(f.stat().st_size for f in workdir.glob("bench.sqlite3*")) / 2**20, 1
            ),
            # Python's collections during the HTML view's requests (warm-up and timed).
            "gc_in_views": collections.summary(),
            "peak_memory_mb": peak_memory_mb(),
            "machine": machine(),
        }
    finally:
        if not args.keep and not args.reuse and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    table = markdown(results) + gc_line(results["gc_in_views"])
    args.out.with_suffix(".md").write_text(table, encoding="utf-8")
    print(table)
    return results


if __name__ == "__main__":
    main()
