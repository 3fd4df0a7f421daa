"""Where import time goes: cProfile of ``import_articles`` on a corpus sample, throwaway archive.

Usage: ``.venv/bin/python bench/profile_import.py [--size 500] [--top 40] [--jobs N] [--dump F]``

With ``--jobs`` above 1 the profile is the main process's alone (storing the articles);
the worker processes that read the documents and extract entities are not in it.
"""

import argparse
import cProfile
import io
import json
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_rounds  # bench/import_rounds.py, next to this file
import run  # bench/run.py, next to this file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--dump", type=Path, help="also write the raw profile here (pstats)")
    args = parser.parse_args()
    run.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="profile-import-", dir=run.BENCH_DIR))
    try:
        run.setup_django(workdir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_fixtures", stdout=io.StringIO())
        corpus = workdir / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for record in import_rounds.corpus_records(args.size):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        profile = cProfile.Profile()
        profile.enable()
        call_command(
            "import_articles",
            str(corpus),
            publish=True,
            no_index=True,
            verbosity=0,
            jobs=args.jobs,
        )
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)
        if args.dump:
            profile.dump_stats(args.dump)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
