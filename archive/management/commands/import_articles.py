"""``manage.py import_articles PATH…``: files, folders and JSON-lines corpora → articles.

Reading a document (decoding, clean-up, dating, hashing, entity extraction) needs no
database, so with ``--jobs N`` worker processes do it while this process stores the
articles, in input order, in batches of one transaction each (every article still all or
nothing, by its own savepoint). The output and what is stored are the same for any ``--jobs``.
"""

import gzip
import json
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from archive.extraction.gazetteer import Gazetteer, gazetteer_get
from archive.ingest import DocumentTooLarge, IngestError, UnsupportedType
from archive.ingest.document import HTML_EXTENSIONS, TEXT_EXTENSIONS
from archive.services.articles import (
    DuplicateArticle,
    PreparedArticle,
    article_prepare,
    article_store,
)
from search.indexing import index_queue_drain

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
DOCUMENT_SUFFIXES = tuple(TEXT_EXTENSIONS | HTML_EXTENSIONS)
# A progress line for runs longer than this many items.
PROGRESS_MIN_ITEMS = 20
PROGRESS_TTY_SECONDS = 0.2
PROGRESS_LOG_SECONDS = 10.0
# Articles stored per transaction (~10 % less CPU than a commit per article on SQLite),
# few enough that their output lines, written once committed, still stream, and that other
# writers never wait long for the database.
BATCH_SIZE = 20
# Without --jobs, runs of at least this many items read their documents in worker processes.
PARALLEL_MIN_ITEMS = 100
# Items a worker prepares per task, and tasks queued ahead per worker: enough to keep the
# workers busy while a batch is stored, few enough to bound memory on a large corpus.
TASK_ITEMS = 20
TASKS_AHEAD_PER_JOB = 8
# How often a worker checks that the importer that started it is still there.
PARENT_CHECK_SECONDS = 0.5


@dataclass
class Item:
    """One article to import, or the reason it cannot even be read."""

    label: str
    raw: bytes | str | None = None
    filename: str | None = None
    overrides: dict = field(default_factory=dict)
    error: str | None = None
    prepared: PreparedArticle | None = None


class Command(BaseCommand):
    help = _(
        "Import articles from .txt and .html files, folders (recursively) and JSON-lines files "
        "(.jsonl or .jsonl.gz with title, content, date, source and url fields; given fields win "
        "over detection). Prints one line per article and a summary. A bad file or line is "
        "reported and skipped. The exit status is 1 only when nothing could be imported and "
        "there were errors; duplicates are not errors."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=_("files or folders to import"))
        parser.add_argument("--publish", action="store_true", help=_("publish the new articles"))
        parser.add_argument("--source", help=_("outlet of every article (wins over detection)"))
        parser.add_argument("--json", action="store_true", help=_("print JSON lines"))
        parser.add_argument(
            "--no-index",
            action="store_true",
            help=_("leave the search index to the index worker instead of updating it at the end"),
        )
        parser.add_argument(
            "--jobs",
            type=int,
            help=_(
                "processes that read the documents and find their entities (default: one per "
                "CPU for %(n)d items or more, else 1; 1 reads them in this process)"
            )
            % {"n": PARALLEL_MIN_ITEMS},
        )

    def handle(self, *args, **options):
        self.as_json = options["json"]
        self.verbosity = options["verbosity"]
        paths = [Path(p) for p in options["paths"]]
        files, skipped = _expand(paths)
        total = sum(_count_items(path) for path in files)
        jobs = _jobs(options["jobs"], total)
        counts = Counter()
        progress = _Progress(self.stderr, total, enabled=self.verbosity > 0)
        started = time.monotonic()
        # The names known when the run starts are the ones every article is matched against.
        gazetteer = gazetteer_get()
        items = (item for path in files for item in _items(path))
        try:
            with _realtime_indexing_paused(), _Readers(jobs, gazetteer, self._warn) as readers:
                self._store_all(readers.prepared(items), options, counts, progress)
        except KeyboardInterrupt:
            progress.clear()
            self.stderr.write(_("Interrupted: the articles imported so far are kept."))
        progress.clear()
        counts["skipped"] = skipped
        if counts["imported"] and not options["no_index"]:
            counts["indexed"] = index_queue_drain().indexed
        self._summary(counts, time.monotonic() - started)
        if counts["imported"] == 0 and counts["errors"]:
            raise CommandError(
                ngettext(
                    "Nothing was imported (%(n)d error).",
                    "Nothing was imported (%(n)d errors).",
                    counts["errors"],
                )
                % {"n": counts["errors"]}
            )

    def _warn(self, message: str) -> None:
        self.stderr.write(message)

    def _store_all(self, items: Iterator[Item], options, counts: Counter, progress) -> None:
        """Store the prepared items in input order, a batch per transaction.

        Output lines are written once their batch is committed. Ctrl-C during a batch
        keeps the articles stored before it: the batch is committed, then the run stops.
        """
        known_sources = {}
        while batch := list(islice(items, BATCH_SIZE)):
            try:
                done, batch_counts, records = self._store_batch(batch, options, known_sources)
            except DatabaseError:
                # A check the database defers to the commit (a foreign key to a row deleted
                # meanwhile) failed: one transaction per article keeps all but the culprit.
                known_sources.clear()
                done, batch_counts, records = self._store_one_by_one(batch, options, {})
            counts.update(batch_counts)
            for record in records:
                self._emit(progress, record)
            for _item in range(done):
                progress.tick()
            if done < len(batch):
                raise KeyboardInterrupt

    def _store_batch(self, batch: list[Item], options, known_sources: dict):
        counts, records, done = Counter(), [], 0
        with transaction.atomic():
            for item in batch:
                try:
                    self._store(item, options, counts, records, known_sources)
                except KeyboardInterrupt:
                    break
                done += 1
        return done, counts, records

    def _store_one_by_one(self, batch: list[Item], options, known_sources: dict):
        counts, records, done = Counter(), [], 0
        for item in batch:
            item_counts, item_records = Counter(), []
            try:
                with transaction.atomic():
                    self._store(item, options, item_counts, item_records, known_sources)
            except KeyboardInterrupt:
                break
            except DatabaseError as error:
                item_counts = Counter(errors=1)
                message = _("unexpected error: %(error)r") % {"error": error}
                item_records = [{"status": "error", "file": item.label, "error": message}]
            counts.update(item_counts)
            records.extend(item_records)
            done += 1
        return done, counts, records

    def _store(self, item: Item, options, counts: Counter, records: list, known_sources) -> None:
        if item.error:
            counts["errors"] += 1
            records.append({"status": "error", "file": item.label, "error": item.error})
            return
        try:
            result = article_store(
                prepared=item.prepared,
                source=options["source"],
                publish=options["publish"],
                known_sources=known_sources,
            )
        except DuplicateArticle as duplicate:
            counts["duplicates"] += 1
            if self.verbosity >= 1:
                records.append(_duplicate_record(item, duplicate.existing))
        except IngestError as error:
            counts["errors"] += 1
            records.append({"status": "error", "file": item.label, "error": str(error)})
        except Exception as error:  # reported, and the next item still runs
            counts["errors"] += 1
            message = _("unexpected error: %(error)r") % {"error": error}
            records.append({"status": "error", "file": item.label, "error": message})
        else:
            article = result.article
            counts["imported"] += 1
            counts["needs_review"] += article.needs_review
            if self.verbosity >= 1:
                records.append(_imported_record(item, article))

    def _emit(self, progress, record: dict) -> None:
        if self.verbosity < 1 and record["status"] != "error":
            return
        progress.clear()
        if self.as_json:
            self.stdout.write(json.dumps(record, ensure_ascii=False))
            return
        status = record["status"]
        if status == "imported":
            review = "  " + _("[needs review]") if record["needs_review"] else ""
            line = "  ".join(
                [
                    unquote(record["url"]),
                    record["title"],
                    record["published_on"] or _("no date"),
                    record["source"] or _("no source"),
                ]
            )
            self.stdout.write(self.style.SUCCESS(_("imported")) + f"  {line}{review}")
        elif status == "duplicate":
            self.stdout.write(
                self.style.WARNING(_("duplicate"))
                + "  "
                + _("%(file)s is already in the archive: %(url)s")
                % {"file": record["file"], "url": unquote(record["url"])}
            )
        else:
            self.stdout.write(
                self.style.ERROR(_("error")) + f"  {record['file']}: {record['error']}"
            )

    def _summary(self, counts: Counter, seconds: float) -> None:
        summary = {
            "imported": counts["imported"],
            "duplicates": counts["duplicates"],
            "errors": counts["errors"],
            "needs_review": counts["needs_review"],
            "skipped_files": counts["skipped"],
            "indexed": counts["indexed"],
            "seconds": round(seconds, 2),
        }
        if self.as_json:
            self.stdout.write(json.dumps({"status": "summary", **summary}))
            return
        rate = counts["imported"] / seconds if seconds > 0 else 0.0
        self.stdout.write(
            _(
                "Imported %(imported)d, duplicates %(duplicates)d, errors %(errors)d "
                "(%(needs_review)d to review, %(skipped_files)d unsupported files skipped, "
                "%(indexed)d indexed) in %(seconds).1f s"
            )
            % summary
            + f" ({rate:.0f}/s)."
        )


def _record(status: str, item: Item, article) -> dict:
    return {
        "status": status,
        "file": item.label,
        "id": article.pk,
        "url": article.get_absolute_url(),
        "title": article.title,
    }


def _duplicate_record(item: Item, existing) -> dict:
    return _record("duplicate", item, existing)


def _imported_record(item: Item, article) -> dict:
    return {
        **_record("imported", item, article),
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "source": article.source.name if article.source else None,
        "published": article.is_published,
        "needs_review": article.needs_review,
        "review_reasons": article.review_reasons,
    }


def _jobs(requested: int | None, total: int) -> int:
    if "fork" not in multiprocessing.get_all_start_methods():
        # Workers inherit the loaded gazetteer and settings by fork; without it, read here.
        return 1
    if requested is not None:
        return max(1, requested)
    return (os.cpu_count() or 1) if total >= PARALLEL_MIN_ITEMS else 1


def _prepare(item: Item, gazetteer: Gazetteer) -> Item:
    """Read one item's document and find its entities: no database access."""
    if item.error:
        return item
    try:
        item.prepared = article_prepare(
            raw=item.raw, filename=item.filename, overrides=item.overrides, gazetteer=gazetteer
        )
    except IngestError as error:
        item.error = str(error)
    except Exception as error:  # reported, and the next item still runs
        item.error = _("unexpected error: %(error)r") % {"error": error}
    item.raw = None  # kept in the prepared document; not sent back twice
    return item


class _Readers:
    """Prepares items in input order: here (one job) or in a pool of forked workers.

    A worker that dies (killed for memory, say) costs no item: what it had not returned
    is read here instead, and so is the rest of the run.
    """

    def __init__(self, jobs: int, gazetteer: Gazetteer, warn):
        self.jobs = jobs
        self.gazetteer = gazetteer
        self.warn = warn
        self.pool = None

    def __enter__(self):
        if self.jobs > 1:
            self.pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_start,
                initargs=(self.gazetteer,),
            )
        return self

    def __exit__(self, exc_type, *exc_info):
        if self.pool is not None:
            # On Ctrl-C or an error, queued chunks are dropped; running ones end in moments.
            self.pool.shutdown(wait=True, cancel_futures=exc_type is not None)

    def prepared(self, items: Iterable[Item]) -> Iterator[Item]:
        # A bounded window of tasks: workers stay busy, memory stays flat on any corpus.
        pending = deque()
        chunks = iter(lambda: list(islice(items, TASK_ITEMS)), [])
        for chunk in chunks:
            future = self._submit(chunk)
            if future is None:
                yield from self._here(chunk)
                continue
            pending.append((future, chunk))
            if len(pending) >= self.jobs * TASKS_AHEAD_PER_JOB:
                yield from self._result(*pending.popleft())
        while pending:
            yield from self._result(*pending.popleft())

    def _submit(self, chunk: list[Item]):
        if self.pool is None:
            return None
        try:
            return self.pool.submit(_worker_prepare, chunk)
        except BrokenProcessPool as error:
            self._broken(error)
            return None

    def _result(self, future, chunk: list[Item]) -> list[Item]:
        try:
            return future.result()
        except BrokenProcessPool as error:
            self._broken(error)
            return self._here(chunk)

    def _here(self, chunk: list[Item]) -> list[Item]:
        return [_prepare(item, self.gazetteer) for item in chunk]

    def _broken(self, error: BrokenProcessPool) -> None:
        if self.pool is None:
            return  # said already, for the first of the chunks it had
        self.warn(
            _(
                "A reading process stopped unexpectedly (%(error)s); the rest of the run is "
                "read in this process."
            )
            % {"error": error}
        )
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None


_worker_gazetteer: Gazetteer | None = None


def _worker_start(gazetteer: Gazetteer) -> None:
    global _worker_gazetteer
    _worker_gazetteer = gazetteer
    # Ctrl-C is the parent's to handle: it stops the pool once the current batch is stored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    # The database handles inherited from the parent are the parent's: never used here.
    for connection in connections.all():
        connection.execute_wrappers.append(_no_database)


def _exit_with_parent(parent: int) -> None:
    """An importer killed outright (SIGKILL, out of memory) cannot stop its pool: its
    workers then leave by themselves instead of waiting for tasks forever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _no_database(execute, sql, params, many, context):
    raise RuntimeError("import_articles workers must not use the database")


def _worker_prepare(chunk: list[Item]) -> list[Item]:
    return [_prepare(item, _worker_gazetteer) for item in chunk]


@contextmanager
def _realtime_indexing_paused():
    """Index in batches at the end rather than one index commit per article.

    Every article's index task is queued in its own transaction by the ingest
    service, so nothing is lost if the run stops: the index worker (or the
    drain at the end of this command) applies the queue.
    """
    processor = apps.get_app_config("haystack").signal_processor
    processor.teardown()
    try:
        yield
    finally:
        processor.setup()


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in JSONL_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _is_jsonl(path: Path) -> bool:
    return _suffix(path) in JSONL_SUFFIXES


def _expand(paths: list[Path]) -> tuple[list[Path], int]:
    """Files to read, in a stable order; folders are walked, their unsupported files skipped."""
    files, skipped = [], 0
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if not child.is_file() or hidden:
                    continue
                if _is_jsonl(child) or _suffix(child) in DOCUMENT_SUFFIXES:
                    files.append(child)
                else:
                    skipped += 1
        else:
            files.append(path)
    return files, skipped


def _count_items(path: Path) -> int:
    if not _is_jsonl(path):
        return 1
    try:
        with _open_lines(path) as lines:
            return sum(1 for line in lines if line.strip())
    except (OSError, EOFError):
        return 1


def _open_lines(path: Path):
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _items(path: Path) -> Iterator[Item]:
    label = str(path)
    if not path.exists():
        yield Item(label, error=_("no such file or folder"))
    elif _is_jsonl(path):
        yield from _jsonl_items(path)
    elif _suffix(path) not in DOCUMENT_SUFFIXES:
        yield Item(label, error=str(UnsupportedType(path.name)))
    elif path.stat().st_size > settings.ARCHIVE_MAX_FILE_BYTES:
        limit = settings.ARCHIVE_MAX_FILE_BYTES
        yield Item(label, error=str(DocumentTooLarge(path.stat().st_size, limit)))
    else:
        try:
            yield Item(label, raw=path.read_bytes(), filename=path.name)
        except OSError as error:
            yield Item(label, error=error.strerror or str(error))


def _jsonl_items(path: Path) -> Iterator[Item]:
    """One item per non-empty line; a broken line (or a broken gzip tail) is one error."""
    number = 0
    try:
        with _open_lines(path) as lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    yield _jsonl_item(path, number, line)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        yield Item(f"{path}:{number + 1}", error=_("cannot read the file: %(e)s") % {"e": error})


def _jsonl_item(path: Path, number: int, line: bytes) -> Item:
    label = f"{path}:{number}"
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return Item(label, error=_("not a JSON line (%(e)s)") % {"e": error})
    if not isinstance(record, dict):
        return Item(label, error=_("not a JSON object"))
    content = record.get("content")
    if not isinstance(content, str) or not content.strip():
        return Item(label, error=_("the line has no content"))
    overrides = {
        "title": _text(record.get("title")),
        "published_on": _text(record.get("date")),
        "source": _text(record.get("source")),
        "url": _text(record.get("url")),
        "original_filename": f"{path.name}:{number}",
    }
    return Item(label, raw=content, overrides=overrides)


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


class _Progress:
    """Progress on stderr: redrawn in place on a terminal, a log line now and then elsewhere."""

    def __init__(self, stream, total: int, enabled: bool):
        self.stream = stream
        self.total = total
        self.done = 0
        self.enabled = enabled and total >= PROGRESS_MIN_ITEMS
        self.tty = self.enabled and _isatty(stream)
        self.started = self.last = time.monotonic()
        self.shown = False

    def tick(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        interval = PROGRESS_TTY_SECONDS if self.tty else PROGRESS_LOG_SECONDS
        if now - self.last < interval and self.done < self.total:
            return
        self.last = now
        rate = self.done / max(now - self.started, 1e-6)
        percent = 100 * self.done / self.total if self.total else 100
        width = 30
        filled = int(width * percent / 100)
        bar = "#" * filled + "-" * (width - filled)
        text = f"[{bar}] {self.done}/{self.total} {percent:5.1f}% {rate:6.0f}/s"
        if self.tty:
            self.stream.write("\r\033[K" + text, ending="")
            self.stream.flush()
            self.shown = True
        else:
            self.stream.write(text)

    def clear(self) -> None:
        if self.tty and self.shown:
            self.stream.write("\r\033[K", ending="")
            self.stream.flush()
            self.shown = False


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
