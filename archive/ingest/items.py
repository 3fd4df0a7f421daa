"""What an import reads: files, folders and JSON-lines corpora, as items in a stable order.

Each item is one document to import (its raw text, file name and the facts a JSON
line gives), or the reason it cannot even be read. Nothing here parses a document
or touches the database: that is the importer's next step.
"""

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from archive.ingest.document import HTML_EXTENSIONS, OFFICE_EXTENSIONS, TEXT_EXTENSIONS
from archive.ingest.errors import DocumentTooLarge, UnsupportedType

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
DOCUMENT_SUFFIXES = tuple(TEXT_EXTENSIONS | HTML_EXTENSIONS | frozenset(OFFICE_EXTENSIONS))


@dataclass
class Item:
    """One article to import, or the reason it cannot even be read."""

    label: str
    raw: bytes | str | None = None
    filename: str | None = None
    overrides: dict = field(default_factory=dict)
    error: str | None = None
    # What the importer made of ``raw`` (``archive.services.articles.PreparedArticle``).
    prepared: object | None = None


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in JSONL_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _is_jsonl(path: Path) -> bool:
    return _suffix(path) in JSONL_SUFFIXES


def paths_expand(paths: list[Path]) -> tuple[list[Path], int]:
    """Files to read, in a stable order; folders are walked, their unsupported files skipped.

    Returns the files and how many were skipped.
    """
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


def items_count(path: Path) -> int:
    """How many items ``path`` holds: its non-empty lines for JSON lines, else one."""
    if not _is_jsonl(path):
        return 1
    try:
        with _open_lines(path) as lines:
            return sum(1 for line in lines if line.strip())
    except (OSError, EOFError):
        return 1


def _open_lines(path: Path):
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def items_read(path: Path) -> Iterator[Item]:
    """The items of one file: a document, or one per line of a JSON-lines corpus."""
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
        "author": _text(record.get("author")),
        "original_filename": f"{path.name}:{number}",
    }
    return Item(label, raw=content, overrides=overrides)


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
