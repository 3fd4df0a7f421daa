"""The benchmark archive's articles: a sample of the real corpora, imported in rounds.

A sample smaller than the corpora is spread over every file (all dates and outlets); past the
last line, the articles come again as numbered copies, so any size can be asked for. Import
rounds go through ``import_articles --publish`` (the real ingest path) until the archive holds
the size asked for, since a line that repeats another or has no content imports nothing.
"""

import gzip
import io
import json
import math
import resource
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT.parent / "shared" / "corpora").glob("*.jsonl.gz"))


def corpus_records(size: int) -> Iterator[dict]:
    """``size`` corpus records; a smaller sample is spread over every file (all dates, outlets)."""
    return islice(corpus_stream(size), size)


def corpus_stream(size: int) -> Iterator[dict]:
    """The records of a ``size``-article sample, then more of the same kind without end: past
    the last line of the corpora, numbered copies (see :func:`copy_of`)."""
    if not CORPORA:
        raise SystemExit(f"no corpora (*.jsonl.gz) in {ROOT.parent / 'shared' / 'corpora'}")
    total = sum(_line_count(path) for path in CORPORA)
    step = max(1, total // size) if size < total else 1
    copy = 0
    while True:
        seen = 0
        for path in CORPORA:
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    seen += 1
                    if (seen - 1) % step or not line.strip():
                        continue
                    record = json.loads(line)
                    yield copy_of(record, copy) if copy else record
        copy += 1


def copy_of(record: dict, copy: int) -> dict:
    """The same article under a new title and body, so its content hash is new."""
    number = copy + 1
    record = dict(record)
    record["title"] = f"{record.get('title') or ''} ({number})".strip()
    # On the last line, not a line of its own: the importer drops a line without letters as
    # page furniture, and the copy would hash like the original (a duplicate, not imported).
    record["content"] = f"{(record.get('content') or '').rstrip()} ({number})"
    if record.get("url"):
        record["url"] = f"{record['url']}#copy-{number}"
    return record


def _line_count(path: Path) -> int:
    with gzip.open(path, "rb") as lines:
        return sum(1 for _ in lines)


def cpu_seconds() -> float:
    """CPU time used so far by this process and its finished children: unlike wall-clock
    time, it does not grow when other work shares the machine."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def import_until(workdir: Path, size: int) -> tuple[int, int, int, float, float]:
    """Import corpus lines until ``size`` articles are in (a line that repeats another or has
    no content imports nothing): articles, lines, rounds, wall and CPU seconds."""
    from django.core.management import call_command

    from archive.models import Article

    before = Article.objects.count()
    records = corpus_stream(size)
    lines = rounds = imported = 0
    seconds = cpu_used = 0.0
    while imported < size:
        rounds += 1
        wanted = size - imported
        # A little over what is missing, so that one more round is rarely needed.
        chunk = list(islice(records, wanted if rounds == 1 else math.ceil(wanted * 1.1) + 10))
        corpus = workdir / ("corpus.jsonl" if rounds == 1 else f"corpus-{rounds}.jsonl")
        with corpus.open("w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk)
        lines += len(chunk)
        cpu = cpu_seconds()
        started = time.perf_counter()
        with (workdir / "import.log").open("a", encoding="utf-8") as out:
            call_command(
                "import_articles", str(corpus), publish=True, no_index=True, stdout=out, stderr=out
            )
        seconds += time.perf_counter() - started
        cpu_used += cpu_seconds() - cpu
        now = Article.objects.count() - before
        if now == imported:
            break  # nothing new: the sample is exhausted (cannot happen with copies)
        imported = now
    return imported, lines, rounds, seconds, cpu_used


def build_archive(workdir: Path, size: int, procs: int, rebuild: str) -> dict:
    from django.core.management import call_command

    from archive.models import Article
    from search.models import IndexTask

    call_command("migrate", verbosity=0)
    call_command("load_fixtures", stdout=io.StringIO())
    imported, lines, rounds, import_seconds, import_cpu = import_until(workdir, size)
    # The rebuild below covers every article: the queued tasks would only repeat it.
    IndexTask.objects.all().delete()
    cpu = cpu_seconds()
    started = time.perf_counter()
    if rebuild == "haystack":
        call_command("rebuild_index", interactive=False, verbosity=0)
    else:
        call_command("rebuild_index_fast", procs=procs, verbosity=0)
    index_seconds = time.perf_counter() - started
    index_cpu = cpu_seconds() - cpu
    indexed = Article.objects.published().count()
    return {
        "requested": size,
        "corpus_lines": lines,
        "import_rounds": rounds,
        "imported": imported,
        "import_seconds": round(import_seconds, 2),
        "import_per_second": round(imported / import_seconds, 1) if import_seconds else None,
        "indexed": indexed,
        "index_seconds": round(index_seconds, 2),
        "index_per_second": round(indexed / index_seconds, 1) if index_seconds else None,
        "import_cpu_seconds": round(import_cpu, 2),
        "index_cpu_seconds": round(index_cpu, 2),
        "rebuild": rebuild,
        "procs": procs,
    }
