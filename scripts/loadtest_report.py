"""The load test's numbers: latencies per page type, seen by the researchers and inside
gunicorn (its access log), and the report printed at the end."""

import math
import os
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from loadtest_server import LOAD_BEFORE, title_query


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
