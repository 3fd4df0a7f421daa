"""The throwaway archive the relevance set is searched in: the pool, imported for real.

In a work directory (never the development database or index): ``migrate``, the outlets and
the entity authority file (``fixtures/``; no seed articles), then the pool's corpus lines
through ``import_articles --publish --jobs 2`` (the real ingest path, with entity extraction)
and ``rebuild_index_fast``. The pool is written as one gzip JSON-lines file per corpus, with
the corpus's own file name and every line at its own number (the others left empty, which
the importer skips), so each article's ``original_filename`` is its key ``corpus:line``.
"""

import gzip
import hashlib
import io
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
IMPORT_JOBS = 2


def setup_django(workdir: Path) -> None:
    """Django on the work directory's SQLite database and Whoosh index (as ``bench/run.py``)."""
    sys.path.insert(0, str(HERE.parent))
    from run import setup_django as bench_setup

    bench_setup(workdir)


def pool_digest(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()[:16]


def write_pool_files(keys: list[str], folder: Path, corpora: Path = CORPORA) -> list[Path]:
    """One gzip file per corpus, each pool line at its own line number."""
    wanted: dict[str, set[int]] = {}
    for key in keys:
        corpus, _sep, line = key.rpartition(":")
        wanted.setdefault(corpus, set()).add(int(line))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for corpus, lines in sorted(wanted.items()):
        source = corpora / corpus
        if not source.exists():
            raise SystemExit(f"the pool names {corpus}, which is not in {corpora}")
        target = folder / corpus
        last = max(lines)
        with gzip.open(source, "rt", encoding="utf-8") as src:
            with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as out:
                for number, text in enumerate(src, start=1):
                    out.write(text if number in lines else "\n")
                    if number >= last:
                        break
        paths.append(target)
    return paths


def build(workdir: Path, keys: list[str]) -> dict:
    """Import ``keys`` into a fresh archive in ``workdir``; what was built, as a dict."""
    from django.core.management import call_command

    from archive.models import Article
    from archive.services.articles import sources_load
    from archive.services.entities import authority_file_load
    from search.models import IndexTask

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    sources_load(path=ROOT / "fixtures" / "sources.json")
    authority_file_load(path=ROOT / "fixtures" / "entities.json")
    paths = write_pool_files(keys, workdir / "pool")
    log = io.StringIO()
    call_command(
        "import_articles",
        *map(str, paths),
        publish=True,
        no_index=True,
        jobs=IMPORT_JOBS,
        verbosity=0,
        stdout=log,
        stderr=log,
    )
    (workdir / "import.log").write_text(log.getvalue(), encoding="utf-8")
    imported = time.perf_counter() - started
    IndexTask.objects.all().delete()
    call_command("rebuild_index_fast", procs=IMPORT_JOBS, verbosity=0)
    return {
        "pool": len(keys),
        "pool_digest": pool_digest(keys),
        "articles": Article.objects.published().count(),
        "import_seconds": round(imported, 2),
        "total_seconds": round(time.perf_counter() - started, 2),
    }


def article_keys() -> dict[int, str]:
    """``{article id: key}`` of the archive's articles."""
    from archive.models import Article

    rows = Article.objects.published().values_list("pk", "original_filename")
    return {pk: origin for pk, origin in rows}


def prepare(workdir: Path, keys: list[str], *, reuse: bool) -> dict:
    """Django set up on ``workdir``, holding ``keys``: built afresh, or reused when asked."""
    workdir.mkdir(parents=True, exist_ok=True)
    record = workdir / "build.json"
    if reuse:
        if not record.exists():
            raise SystemExit(f"--reuse: no archive in {workdir} (run once without --reuse)")
        built = json.loads(record.read_text())
        if built["pool_digest"] != pool_digest(keys):
            raise SystemExit(f"--reuse: {workdir} holds another pool; run without --reuse")
        setup_django(workdir)
        return built
    for path in [*workdir.glob("bench.sqlite3*"), record]:
        path.unlink(missing_ok=True)
    _clear(workdir / "whoosh_index")
    setup_django(workdir)
    built = build(workdir, keys)
    record.write_text(json.dumps(built, indent=2))
    return built


def _clear(folder: Path) -> None:
    if folder.exists():
        for path in folder.iterdir():
            path.unlink()
