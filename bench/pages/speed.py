"""HTML reading speed: ``parse_document`` on the page set, replicated, in one process.

Usage (from the repository root)::

    .venv/bin/python bench/pages/speed.py [--copies 10]

Each page of ``tests/archive/pages/`` is read ``--copies`` times (each copy with a
different paragraph order marker, so no cache can answer), through the whole reading
of an uploaded ``.html`` file: decoding, the page's metadata, trafilatura's main
text, htmldate, the Arabic date, chrome, credit and byline rules. Prints pages per
second of wall and CPU time as JSON. Storing an article afterwards is the same for
every format (``bench/import_speed.py`` measures it).
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import PAGES, django_setup


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    django_setup()
    from archive.ingest import parse_document

    pages = sorted(PAGES.glob("*.html"))
    raws = [
        path.read_bytes().replace(b"<body", f"<!-- copy {copy} --><body".encode(), 1)
        for copy in range(args.copies)
        for path in pages
    ]
    parse_document(raws[0], filename="warm-up.html")
    wall, cpu = time.perf_counter(), time.process_time()
    for number, raw in enumerate(raws):
        parse_document(raw, filename=f"{number}.html")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        json.dumps(
            {
                "pages": len(raws),
                "wall_s": round(wall, 2),
                "cpu_s": round(cpu, 2),
                "pages_per_s_wall": round(len(raws) / wall, 1),
                "pages_per_s_cpu": round(len(raws) / cpu, 1),
                "mean_page_kb": round(sum(map(len, raws)) / len(raws) / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
