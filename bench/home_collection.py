"""Time the home page's picture of the collection on an existing archive database.

    DATABASE_URL=sqlite:////path/archive.sqlite3 .venv/bin/python bench/home_collection.py

Prints the published articles, the time to count the collection (once per publication or
per ``COLLECTION_CACHE_SECONDS``) and the time of a cached read (the stamp query only).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["DJANGO_CACHE_URL"] = "locmem://"

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from archive.models import Article  # noqa: E402
from archive.selectors import _collection_count, collection_summary  # noqa: E402


def _median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    print(f"published articles: {Article.objects.published().count():,}")
    counted = _median_ms(_collection_count, 5)
    cache.clear()
    collection_summary()
    cached = _median_ms(collection_summary, 50)
    with CaptureQueriesContext(connection) as queries:
        collection_summary()
    print(f"counted: {counted:.0f} ms (median of 5)")
    print(f"cached: {cached:.2f} ms (median of 50), {len(queries)} query")


if __name__ == "__main__":
    main()
