"""``manage.py import_articles PATH…``: files, folders and JSON-lines corpora → articles.

The items are read (``archive.ingest.items``), their documents prepared with no
database access, by worker processes with ``--jobs N`` (``archive.management.import_pool``),
and stored here, in input order, in batches of one transaction each (every article still
all or nothing, by its own savepoint). The output and what is stored are the same for any
``--jobs``. The run is announced by ``archive.signals.import_started`` and
``import_finished``: the search index applies its queue once, at the end.
"""

import json
import signal
import threading
import time
from argparse import ArgumentTypeError
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from urllib.parse import unquote

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from archive.extraction.gazetteer import Gazetteer
from archive.ingest import IngestError
from archive.ingest.items import Item, items_count, items_read, paths_expand
from archive.management.import_pool import PARALLEL_MIN_ITEMS, Readers, jobs_for
from archive.management.progress import Progress
from archive.services.articles import DuplicateArticle, article_store
from archive.services.gazetteer import gazetteer_get
from archive.signals import import_finished, import_started

# Articles stored per transaction (~10 % less CPU than a commit per article on SQLite),
# few enough that their output lines, written once committed, still stream, and that other
# writers never wait long for the database.
BATCH_SIZE = 20


class _StopRequest:
    """Ctrl-C while articles are stored: the article under way is finished, its batch
    committed, and the run stops. A second Ctrl-C raises ``KeyboardInterrupt`` at once."""

    def __init__(self):
        self.requested = False
        self._previous = None

    def __enter__(self):
        # Only the main thread may handle signals; elsewhere Ctrl-C cannot reach the run.
        if threading.current_thread() is threading.main_thread():
            previous = signal.getsignal(signal.SIGINT)
            if previous is not None:
                self._previous = previous
                signal.signal(signal.SIGINT, self._request)
        return self

    def _request(self, signum, frame) -> None:
        self.requested = True
        signal.signal(signal.SIGINT, self._previous)

    def __exit__(self, *exc_info):
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None


def _positive(text: str) -> int:
    """``--limit``'s value: a whole number of at least 1."""
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise ArgumentTypeError(_("expected a whole number of at least 1"))
    return int(text)


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
            "--limit",
            type=_positive,
            metavar="N",
            help=_("import at most the first N items (a trial run on part of a corpus)"),
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
        files, skipped = paths_expand([Path(p) for p in options["paths"]])
        total = sum(items_count(path) for path in files)
        limit = options["limit"]
        if limit is not None:
            total = min(total, limit)
        jobs = jobs_for(options["jobs"], total)
        counts = Counter()
        progress = Progress(self.stderr, total, enabled=self.verbosity > 0)
        started = time.monotonic()
        # The names known when the run starts are the ones every article is matched against.
        gazetteer = gazetteer_get()
        items = islice((item for path in files for item in items_read(path)), limit)
        import_started.send(sender=Command)
        follow_up = False
        try:
            self._store_run(items, jobs, gazetteer, options, counts, progress)
            follow_up = not options["no_index"]
        finally:
            # Also after an error, so the receivers end what ``import_started`` began.
            responses = import_finished.send(
                sender=Command, imported=counts["imported"], follow_up=follow_up
            )
        counts["skipped"] = skipped
        counts["indexed"] = sum(value for _receiver, value in responses if value)
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

    def _store_run(self, items, jobs: int, gazetteer: Gazetteer, options, counts, progress):
        """Read and store every item; Ctrl-C stops the run and keeps what was stored."""
        stop = _StopRequest()
        try:
            with stop, Readers(jobs, gazetteer, self._warn) as readers:
                self._store_all(readers.prepared(items), options, counts, progress, stop)
        except KeyboardInterrupt:
            # A second Ctrl-C: the batch under way is rolled back, those before it are kept.
            stop.requested = True
        progress.clear()
        if stop.requested:
            self.stderr.write(_("Interrupted: the articles imported so far are kept."))

    def _store_all(self, items: Iterator[Item], options, counts, progress, stop) -> None:
        """Store the prepared items in input order, a batch per transaction, until they run
        out or a stop is requested.

        Output lines are written once their batch is committed. A stop requested during a
        batch lets the article under way finish and commits the batch.
        """
        known_sources = {}
        while not stop.requested and (batch := list(islice(items, BATCH_SIZE))):
            try:
                done, batch_counts, records = self._store_batch(batch, options, known_sources, stop)
            except DatabaseError:
                # A check the database defers to the commit (a foreign key to a row deleted
                # meanwhile) failed: one transaction per article keeps all but the culprit.
                known_sources.clear()
                done, batch_counts, records = self._store_one_by_one(batch, options, {}, stop)
            counts.update(batch_counts)
            for record in records:
                self._emit(progress, record)
            for _item in range(done):
                progress.tick()

    def _store_batch(self, batch: list[Item], options, known_sources: dict, stop):
        counts, records, done = Counter(), [], 0
        with transaction.atomic():
            for item in batch:
                if stop.requested:
                    break
                self._store(item, options, counts, records, known_sources)
                done += 1
        return done, counts, records

    def _store_one_by_one(self, batch: list[Item], options, known_sources: dict, stop):
        counts, records, done = Counter(), [], 0
        for item in batch:
            if stop.requested:
                break
            item_counts, item_records = Counter(), []
            try:
                with transaction.atomic():
                    self._store(item, options, item_counts, item_records, known_sources)
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
