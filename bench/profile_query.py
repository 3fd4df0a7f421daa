"""Where a search's time goes: cProfile of one query type on an archive kept by ``run.py --keep``.

Usage: ``.venv/bin/python bench/profile_query.py WORKDIR ["query type"] [--layer read_path|view]``
"""

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # bench/run.py, next to this file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("query", nargs="?", default="common word, all facets + highlights")
    parser.add_argument("--layer", choices=("read_path", "view"), default="read_path")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    run.setup_django(args.workdir.resolve())
    from django.test import Client

    from search.selectors import search_execute

    raw = run.query_mix()[args.query]
    params = run._cleaned(raw)
    client = Client()

    def once():
        if args.layer == "view":
            client.get("/search/", run._query_dict(raw))
        else:
            search_execute(params=params, page=params.get("page") or 1)

    once()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeat):
        once()
    profile.disable()
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
