"""HTML import speed: the page set, replicated, read and imported with extraction.

Usage (from the repository root)::

    .venv/bin/python bench/pages/speed.py [--copies 10] [--jobs 1] [--pad-kb 0]

Each page of ``tests/archive/pages/`` is written ``--copies`` times (each copy's last
sentence carries its number, so no copy is a duplicate) into a folder of a throwaway
archive (``var/bench/``, ``migrate`` and ``load_fixtures``), then:

* ``parse``: ``parse_document`` on every file in this process: decoding, the page's
  metadata, trafilatura's main text, htmldate, the Arabic date, chrome and byline rules;
* ``import``: ``import_articles --publish --no-index`` on the folder: the same reading,
  entity extraction and storing, as an editor's import runs it.

``--pad-kb`` adds that many kilobytes of inline script and style to each page, as saved
pages of real sites carry. Prints pages per second of wall and CPU time as JSON (CPU time
does not grow when other jobs share the machine).
"""

import argparse
import io
import json
import shutil
import sys
import tempfile
import time
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import import_rounds  # noqa: E402  (bench/import_rounds.py)
import run  # noqa: E402  (bench/run.py)

PAGES = ROOT / "tests" / "archive" / "pages"


def page_copies(copies: int, pad_kb: int) -> list[tuple[str, bytes]]:
    padding = (
        "<script>var tracking = {};"
        + "x".join(["window.dataLayer.push({});"] * 40 * pad_kb)
        + "</script>"
        if pad_kb
        else ""
    )
    manifest = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
    found = []
    for entry in manifest:
        path = PAGES / entry["file"]
        markup = path.read_text(encoding="utf-8").replace("</head>", padding + "</head>", 1)
        start = escape(entry["last_sentence"], quote=True)
        for copy in range(copies):
            marked = markup.replace(start, f"{start} ({copy + 1})", 1)
            found.append((f"{path.stem}-{copy + 1}.html", marked.encode("utf-8")))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--pad-kb", type=int, default=0)
    args = parser.parse_args()
    run.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="page-speed-", dir=run.BENCH_DIR))
    try:
        run.setup_django(workdir)
        print(json.dumps(measure(workdir, args), indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def measure(workdir: Path, args) -> dict:
    from django.core.management import call_command

    from archive.ingest import parse_document
    from archive.models import Article

    call_command("migrate", verbosity=0)
    call_command("load_fixtures", stdout=io.StringIO())
    folder = workdir / "pages"
    folder.mkdir()
    pages = page_copies(args.copies, args.pad_kb)
    for name, data in pages:
        (folder / name).write_bytes(data)
    result = {
        "pages": len(pages),
        "mean_page_kb": round(sum(len(d) for _, d in pages) / len(pages) / 1024, 1),
    }
    wall, cpu = time.perf_counter(), time.process_time()
    for name, data in pages:
        parse_document(data, filename=name)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    result["parse"] = {
        "pages_per_s_wall": round(len(pages) / wall, 1),
        "pages_per_s_cpu": round(len(pages) / cpu, 1),
    }
    before = Article.objects.count()  # load_fixtures' own articles
    options = {
        "publish": True,
        "no_index": True,
        "verbosity": 0,
        "stdout": io.StringIO(),
        "jobs": args.jobs,
    }
    cpu, wall = import_rounds.cpu_seconds(), time.perf_counter()
    call_command("import_articles", str(folder), **options)
    wall, cpu = time.perf_counter() - wall, import_rounds.cpu_seconds() - cpu
    imported = Article.objects.count() - before
    result["import"] = {
        "imported": imported,
        "pages_per_s_wall": round(imported / wall, 1),
        "pages_per_s_cpu": round(imported / cpu, 1),
        "jobs": args.jobs,
    }
    return result


if __name__ == "__main__":
    main()
