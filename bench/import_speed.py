"""Import speed with extraction: ``import_articles`` on a corpus sample, throwaway archive.

Usage (from the repository root)::

    .venv/bin/python bench/import_speed.py [--size 2000] [--jobs N] [--queries] [--stages]

Builds a fresh archive in ``var/bench/`` (``migrate``, ``load_fixtures``), writes ``--size``
corpus lines spread over ``../shared/corpora/`` (as ``bench/run.py`` does) and times
``import_articles --publish --no-index`` on them. Prints wall seconds, CPU seconds (this
process and its worker processes: unlike wall time, they do not grow when other jobs share the
machine), articles per second for both, and the load average, as one JSON object.

``--jobs`` is passed to ``import_articles`` (default: the command's own choice).
``--queries`` counts the SQL queries of the main process.
``--dump FILE`` writes every imported article, its mentions and the candidates as JSON lines
(to check that two versions of the importer store exactly the same thing).
``--stages`` also times, in this process and without the database, parsing (with hashing)
and entity extraction of the same lines, from empty caches (as in a fresh worker).
"""

import argparse
import io
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import import_rounds  # bench/import_rounds.py, next to this file
import run  # bench/run.py, next to this file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--jobs", type=int, help="worker processes (default: the command's)")
    parser.add_argument("--queries", action="store_true", help="count SQL queries")
    parser.add_argument("--stages", action="store_true", help="time parsing and extraction")
    parser.add_argument("--keep", action="store_true", help="keep the throwaway archive")
    parser.add_argument("--dump", type=Path, help="write what was imported here (JSON lines)")
    args = parser.parse_args()
    run.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="import-speed-", dir=run.BENCH_DIR))
    try:
        run.setup_django(workdir)
        result = measure(workdir, args)
        print(json.dumps(result, ensure_ascii=False, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


def measure(workdir: Path, args) -> dict:
    from django.core.management import call_command

    from archive.models import Article, Mention

    call_command("migrate", verbosity=0)
    call_command("load_fixtures", stdout=io.StringIO())
    corpus = workdir / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for record in import_rounds.corpus_records(args.size):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    result = {"size": args.size, "jobs": args.jobs, "cpus": os.cpu_count()}
    before = Article.objects.count()
    options = {"publish": True, "no_index": True, "verbosity": 0, "stdout": io.StringIO()}
    if args.jobs is not None:
        options["jobs"] = args.jobs
    load_before = os.getloadavg()
    cpu = import_rounds.cpu_seconds()
    main_cpu = _own_cpu_seconds()
    started = time.perf_counter()
    if args.queries:
        from django.db import connection

        count = [0]

        def counted(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            call_command("import_articles", str(corpus), **options)
        result["queries"] = count[0]
    else:
        call_command("import_articles", str(corpus), **options)
    wall = time.perf_counter() - started
    cpu = import_rounds.cpu_seconds() - cpu
    main_cpu = _own_cpu_seconds() - main_cpu
    imported = Article.objects.count() - before
    result.update(
        {
            "imported": imported,
            "mentions": Mention.objects.count(),
            "wall_seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2),
            "cpu_seconds_main_process": round(main_cpu, 2),
            "cpu_seconds_workers": round(max(cpu - main_cpu, 0.0), 2),
            "articles_per_second_wall": round(imported / wall, 1),
            "cpu_ms_per_article": round(1000 * cpu / max(imported, 1), 2),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        }
    )
    if args.queries:
        result["queries_per_article"] = round(result["queries"] / max(imported, 1), 2)
    if args.dump:
        dump(args.dump)
    if args.stages:
        result["stages"] = stages(corpus)
    return result


def _own_cpu_seconds() -> float:
    """CPU time of this process alone (the one that writes to the database)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def dump(path: Path) -> None:
    """Every imported article with its mentions and candidates, to compare two runs."""
    from archive.models import Article, EntityCandidate

    with path.open("w", encoding="utf-8") as out:
        for article in Article.objects.order_by("pk").select_related("source"):
            mentions = sorted(
                (m.entity_id, m.count, m.forms, m.first_offset) for m in article.mentions.all()
            )
            row = {
                "title": article.title,
                "published_on": str(article.published_on),
                "source": article.source.name if article.source else None,
                "hash": article.content_hash,
                "status": article.status,
                "reasons": article.review_reasons,
                "metadata": article.metadata,
                "url": article.original_url,
                "file": article.original_filename,
                "mentions": mentions,
            }
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        for candidate in EntityCandidate.objects.order_by("normalized"):
            row = {
                "candidate": candidate.normalized,
                "name": candidate.name,
                "cue": candidate.cue,
                "count": candidate.count,
                "articles": sorted(candidate.articles.values_list("content_hash", flat=True)),
            }
            out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def stages(corpus: Path) -> dict:
    """CPU milliseconds per line for parsing and for extraction, no database writes, with the
    word caches emptied first (as in a fresh worker process)."""
    from archive.extraction import extract
    from archive.ingest import IngestError
    from archive.services.articles import article_prepare
    from archive.services.gazetteer import gazetteer_build
    from archive.services.mentions import extraction_text

    _caches_clear()
    gazetteer = gazetteer_build()
    records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    parsed = []
    cpu = time.process_time()
    for record in records:
        try:
            parsed.append(
                article_prepare(
                    raw=record.get("content") or "",
                    overrides={"title": record.get("title"), "published_on": record.get("date")},
                    gazetteer=None,
                ).parsed
            )
        except IngestError:
            continue
    parse_cpu = time.process_time() - cpu
    texts = [
        extraction_text(
            title=p.title,
            body=p.body,
            title_derived=p.title_derived,
            dateline=p.metadata.get("dateline"),
        )
        for p in parsed
    ]
    cpu = time.process_time()
    for text in texts:
        extract(text, gazetteer)
    extract_cpu = time.process_time() - cpu
    return {
        "parse_and_hash_ms_per_article": round(1000 * parse_cpu / len(records), 3),
        "extract_ms_per_article": round(1000 * extract_cpu / max(len(texts), 1), 3),
    }


def _caches_clear() -> None:
    from arabic_text import stemmer, tokenizer
    from archive.extraction import candidates, names
    from archive.ingest import text

    for cached in (
        tokenizer.word_term,
        tokenizer._word_unstemmed,
        stemmer.stem,
        names.first_token_keys,
        candidates.may_start_name,
        text._fold_memo,
    ):
        cached.cache_clear()


if __name__ == "__main__":
    main()
