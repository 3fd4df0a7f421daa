"""What the rate limiter costs per request as distinct clients add up.

    .venv/bin/python bench/rate_limit_speed.py [--clients 20000] [--store sqlite|file|locmem]

Each new client makes one search-page request through ``config.ratelimit.limit_hit`` with
the search page's default rates (two counters), against a fresh store in a temporary
folder: ``sqlite`` is the embedded default (``config.cache.SQLiteCache``), ``file`` Django's
file cache (the former default), ``locmem`` the per-process memory cache for reference.
Prints the mean and the 99th percentile per request over each block of new clients, then
the cost of a returning client's request with the store full.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STORES = {
    "sqlite": "sqlite:///{folder}/cache.sqlite3",
    "file": "file://{folder}/cache",
    "locmem": "locmem://",
}


def _client(n: int) -> str:
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20000)
    parser.add_argument("--store", choices=sorted(STORES), default="sqlite")
    parser.add_argument("--blocks", type=int, default=10, help="report lines")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="ratelimit-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_VAR_DIR"] = folder
    os.environ["DJANGO_CACHE_URL"] = STORES[args.store].format(folder=folder)
    import django

    django.setup()
    from django.conf import settings

    from config.ratelimit import limit_hit, parse_rates

    rates = parse_rates(settings.SEARCH_RATE_LIMIT)
    print(
        f"store {args.store} ({settings.CACHES['default']['BACKEND']}), "
        f"rates {settings.SEARCH_RATE_LIMIT}, {args.clients:,} new clients"
    )
    print(f"{'clients':>10} {'mean ms':>9} {'p99 ms':>9}")
    block = max(1, args.clients // args.blocks)
    times: list[float] = []
    for n in range(args.clients):
        started = time.perf_counter()
        limit_hit(scope="search", key=_client(n), rates=rates)
        times.append(time.perf_counter() - started)
        if (n + 1) % block == 0 or n + 1 == args.clients:
            recent = sorted(times)
            p99 = recent[min(len(recent) - 1, int(len(recent) * 0.99))]
            print(f"{n + 1:>10,} {statistics.fmean(times) * 1000:>9.3f} {p99 * 1000:>9.3f}")
            times = []
    again = []
    for n in range(0, args.clients, max(1, args.clients // 1000)):
        started = time.perf_counter()
        limit_hit(scope="search", key=_client(n), rates=rates)
        again.append(time.perf_counter() - started)
    print(f"returning client, store full: mean {statistics.fmean(again) * 1000:.3f} ms")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
