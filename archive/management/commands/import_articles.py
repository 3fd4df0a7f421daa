"""``manage.py import_articles PATH…``: files, folders and JSON-lines corpora → articles."""

import gzip
import json
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.ingest import DocumentTooLarge, IngestError, UnsupportedType
from archive.ingest.document import HTML_EXTENSIONS, TEXT_EXTENSIONS
from archive.services.articles import DuplicateArticle, article_ingest
from search.indexing import index_queue_drain

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
DOCUMENT_SUFFIXES = tuple(TEXT_EXTENSIONS | HTML_EXTENSIONS)
# A progress line for runs longer than this many items.
PROGRESS_MIN_ITEMS = 20
PROGRESS_TTY_SECONDS = 0.2
PROGRESS_LOG_SECONDS = 10.0


@dataclass
class Item:
    """One article to import, or the reason it cannot even be read."""

    label: str
    raw: bytes | str | None = None
    filename: str | None = None
    overrides: dict = field(default_factory=dict)
    error: str | None = None


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

    def handle(self, *args, **options):
        self.as_json = options["json"]
        self.verbosity = options["verbosity"]
        paths = [Path(p) for p in options["paths"]]
        files, skipped = _expand(paths)
        total = sum(_count_items(path) for path in files)
        counts = Counter()
        progress = _Progress(self.stderr, total, enabled=self.verbosity > 0)
        started = time.monotonic()
        try:
            with _realtime_indexing_paused():
                for path in files:
                    for item in _items(path):
                        self._import(item, options, counts, progress)
                        progress.tick()
        except KeyboardInterrupt:
            progress.clear()
            self.stderr.write(_("Interrupted: the articles imported so far are kept."))
        progress.clear()
        counts["skipped"] = skipped
        if counts["imported"] and not options["no_index"]:
            counts["indexed"] = index_queue_drain().indexed
        self._summary(counts, time.monotonic() - started)
        if counts["imported"] == 0 and counts["errors"]:
            raise CommandError(_("Nothing was imported (%(n)d errors).") % {"n": counts["errors"]})

    def _import(self, item: Item, options, counts: Counter, progress) -> None:
        if item.error:
            counts["errors"] += 1
            self._emit(progress, {"status": "error", "file": item.label, "error": item.error})
            return
        try:
            result = article_ingest(
                raw=item.raw,
                filename=item.filename,
                source=options["source"],
                publish=options["publish"],
                overrides=item.overrides,
            )
        except DuplicateArticle as duplicate:
            counts["duplicates"] += 1
            existing = duplicate.existing
            self._emit(
                progress,
                {
                    "status": "duplicate",
                    "file": item.label,
                    "id": existing.pk,
                    "url": existing.get_absolute_url(),
                    "title": existing.title,
                },
            )
        except IngestError as error:
            counts["errors"] += 1
            self._emit(progress, {"status": "error", "file": item.label, "error": str(error)})
        except Exception as error:  # reported, and the next item still runs
            counts["errors"] += 1
            message = _("unexpected error: %(error)r") % {"error": error}
            self._emit(progress, {"status": "error", "file": item.label, "error": message})
        else:
            article = result.article
            counts["imported"] += 1
            counts["needs_review"] += article.needs_review
            self._emit(
                progress,
                {
                    "status": "imported",
                    "file": item.label,
                    "id": article.pk,
                    "url": article.get_absolute_url(),
                    "title": article.title,
                    "published_on": article.published_on.isoformat()
                    if article.published_on
                    else None,
                    "source": article.source.name if article.source else None,
                    "published": article.is_published,
                    "needs_review": article.needs_review,
                    "review_reasons": article.review_reasons,
                },
            )

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
