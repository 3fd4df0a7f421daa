"""Where a search's time goes, on an archive kept by ``run.py --keep``.

Usage::

    .venv/bin/python bench/profile_query.py WORKDIR ["query type"] [--layer read_path|view]
    .venv/bin/python bench/profile_query.py WORKDIR --times [--repeat 20] [--out FILE.json]
                                            [--cold] [--new-searcher | --after-save]
                                            [--only "query type"]
                                            [--param versions=all]

The first form prints a cProfile of one query type. ``--times`` times every query type of
``run.py``'s mix at three layers (engine, read path, HTML view) and reports, per call, wall
p50/p95 *and* CPU p50/p95 (``time.process_time``): on a shared, loaded machine the wall
clock grows with the load while the CPU time of the call does not. ``--cold`` drops the
postings the backend keeps of recently searched terms and the highlighted snippets before
each call, so a query is timed as if its words had not been searched since the index last
changed. ``--new-searcher`` drops all the backend keeps per searcher before each call: the
first search after an editor's change to the index, with nothing kept from the previous
searcher (as a new process). ``--after-save`` indexes one article again before each call
(untimed), as an editor's save does: the index commits a new segment and deletes the
article's old document, and the call runs on the searcher that follows.

Both forms run with Python's collector set as the web process sets it (``run.web_process``:
``DJANGO_GC_THRESHOLD``, ``DJANGO_GC_FREEZE``, after two search pages), and ``--times``
also reports the collections during each layer's timed calls: young and full ones, with the
full ones' CPU pauses. ``DJANGO_GC_THRESHOLD=0 DJANGO_GC_FREEZE=0`` times Python's defaults.
"""

import argparse
import cProfile
import gc
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # bench/run.py, next to this file

LAYERS = ("engine", "read_path", "view")


def _calls(raw: dict, client):
    from haystack import connections

    from search.query import query_parse
    from search.selectors import FACET_LIMIT, facet_limits, search_execute, search_request

    backend = connections["default"].get_backend()
    params = run._cleaned(raw)
    page = params.get("page") or 1
    query = run._query_dict(raw)

    # The facet values the page lists (its expanded facets too), as the page asks for them.
    limits = facet_limits(limit=FACET_LIMIT, expand=set(params.get("more") or []))

    def engine():
        parsed = query_parse(params.get("q"))
        offset = (page - 1) * run.PAGE_SIZE
        request = search_request(
            params=params,
            parsed=parsed,
            offset=offset,
            limit=run.PAGE_SIZE,
            facet_limits=limits,
        )
        return backend.execute(request)

    def read_path():
        return search_execute(params=params, page=page)

    def view():
        response = client.get("/search/", query)
        if response.status_code != 200:
            raise RuntimeError(f"/search/ answered {response.status_code} for {raw!r}")
        return response

    return {"engine": engine, "read_path": read_path, "view": view}


def _summary(samples: list[float]) -> dict:
    return {
        "p50": round(statistics.median(samples), 2),
        "p95": round(run._percentile(samples, 0.95), 2),
    }


def _forget() -> None:
    """Drop what the search path keeps of recent searches (``--cold``): the backend's
    postings of recently searched terms and the highlighted snippets."""
    from haystack import connections

    from search import hits

    cache = connections["default"].get_backend().searcher_cache()
    terms = getattr(cache, "terms", None)
    if terms is not None:
        terms.clear()
    snippets = getattr(hits, "SNIPPETS", None)
    if snippets is not None:
        snippets.clear()


def _forget_searcher() -> None:
    """Drop everything the backend keeps per searcher (``--new-searcher``), as when the index
    changed and the next search opens a new one: facet values, live documents, field lengths,
    dates, term postings. Snippets stay: they are keyed by the articles' texts."""
    from haystack import connections

    connections["default"].get_backend().searcher_cache_drop()


def _save_one(step: int) -> None:
    """Index one published article again (``--after-save``), a different one each step."""
    from haystack import connections

    from archive.models import Article

    unified = connections["default"].get_unified_index()
    article = Article.objects.order_by("pk")[step * 97 % Article.objects.count()]
    connections["default"].get_backend().update(unified.get_index(Article), [article])


def time_calls(
    fn, repeat: int, *, cold: bool = False, new_searcher: bool = False, after_save: bool = False
) -> dict:
    """Wall and CPU milliseconds per call, p50 / p95, after one warm-up call, and Python's
    collections during the timed calls (``run.GcPauses``)."""
    fn()
    wall, cpu = [], []
    collections = run.GcPauses()
    for step in range(repeat):
        if cold:
            _forget()
        if new_searcher:
            _forget_searcher()
        if after_save:
            _save_one(step)
        with collections:
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            fn()
            cpu.append((time.process_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start_wall) * 1000)
    return {"wall": _summary(wall), "cpu": _summary(cpu), "gc": collections.summary()}


def resident_mb() -> float | None:
    """The process's resident memory now (``VmRSS``, Linux), in MB: what the process holds
    after the calls, where the peak (``ru_maxrss``) would not show memory kept."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def times(
    repeat: int,
    only: str | None,
    *,
    cold: bool = False,
    new_searcher: bool = False,
    after_save: bool = False,
    layers: tuple[str, ...] = LAYERS,
    extra: dict | None = None,
) -> dict:
    from django.test import Client

    client = Client()
    run.web_process(client)
    rows = []
    for name, raw in run.query_mix().items():
        if only and name != only:
            continue
        calls = _calls({**raw, **(extra or {})}, client)
        row = {"query": name}
        for layer in layers:
            row[layer] = time_calls(
                calls[layer], repeat, cold=cold, new_searcher=new_searcher, after_save=after_save
            )
        rows.append(row)
    load = [round(x, 2) for x in os.getloadavg()]
    return {
        "repeat": repeat,
        "gc_threshold": list(gc.get_threshold()),
        "gc_frozen": gc.get_freeze_count(),
        "rss_mb": resident_mb(),
        "cold": cold,
        "new_searcher": new_searcher,
        "after_save": after_save,
        "load_average": load,
        "rows": rows,
    }


def print_table(result: dict) -> None:
    cold = ", term postings dropped before each call" if result["cold"] else ""
    if result.get("new_searcher"):
        cold += ", a new searcher (as after an index change) for each call"
    if result.get("after_save"):
        cold += ", one article indexed again before each call (as an editor's save)"
    print(f"repeat {result['repeat']}{cold}, load average at the end {result['load_average']}")
    print("ms per call, p50 / p95: wall | CPU")
    print("| query | engine wall | engine CPU | read wall | read CPU | view wall | view CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in result["rows"]:
        cells = []
        for layer in LAYERS:
            if layer not in row:
                cells += ["", ""]
                continue
            for kind in ("wall", "cpu"):
                cells.append(f"{row[layer][kind]['p50']} / {row[layer][kind]['p95']}")
        print(f"| {row['query']} | " + " | ".join(cells) + " |")
    print_collections(result)


def print_collections(result: dict) -> None:
    """Python's collections during each layer's timed calls: young (generations 0 and 1) and
    full ones, with the full ones' CPU ms in all and at most."""
    print(
        f"\ngarbage collections during the timed calls; thresholds {result.get('gc_threshold')},"
        f" {result.get('gc_frozen')} objects frozen, resident memory at the end"
        f" {result.get('rss_mb')} MB"
    )
    print("| query | " + " | ".join(f"{layer}: young / full (ms, max)" for layer in LAYERS) + " |")
    print("|---|" + "---:|" * len(LAYERS))
    for row in result["rows"]:
        cells = []
        for layer in LAYERS:
            found = row.get(layer, {}).get("gc")
            if not found:
                cells.append("")
                continue
            young = found["gen0"]["collections"] + found["gen1"]["collections"]
            full = found["gen2"]
            cells.append(f"{young} / {full['collections']} ({full['total_ms']}, {full['max_ms']})")
        print(f"| {row['query']} | " + " | ".join(cells) + " |")


def profile(args) -> None:
    from django.test import Client

    client = Client()
    run.web_process(client)
    once = _calls(run.query_mix()[args.query], client)[args.layer]
    once()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.repeat):
        once()
    profiler.disable()
    pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("query", nargs="?", default="common word, all facets + highlights")
    parser.add_argument("--layer", choices=LAYERS, default="read_path")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--times", action="store_true", help="time every query type instead")
    parser.add_argument("--only", help="with --times: one query type")
    parser.add_argument("--out", type=Path, help="with --times: also write the figures here")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        help="with --times: NAME=VALUE added to every query (versions=all: every version)",
    )
    parser.add_argument(
        "--cold", action="store_true", help="with --times: forget recent searches before each call"
    )
    parser.add_argument(
        "--new-searcher",
        action="store_true",
        help="with --times: each call on a new searcher, as the first after an index change",
    )
    parser.add_argument(
        "--after-save",
        action="store_true",
        help="with --times: index one article again before each call, as an editor's save",
    )
    parser.add_argument(
        "--layers",
        default=",".join(LAYERS),
        help="with --times: the layers to time, comma-separated (engine,read_path,view)",
    )
    args = parser.parse_args()
    run.setup_django(args.workdir.resolve())
    from django.core.management import call_command

    # The page runs as in production (DEBUG off): hashed static files need a manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    if not args.times:
        profile(args)
        return
    extra = dict(param.split("=", 1) for param in args.param)
    result = times(
        args.repeat,
        args.only,
        cold=args.cold,
        new_searcher=args.new_searcher,
        after_save=args.after_save,
        layers=tuple(args.layers.split(",")),
        extra=extra,
    )
    print_table(result)
    if args.out:
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
