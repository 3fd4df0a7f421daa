"""The importer: raw scraped text or HTML → a clean article, without touching the database.

``parse_document`` decodes (UTF-8 with or without BOM, UTF-16, Windows-1256),
strips page chrome, moves captions and credits to metadata, and detects the
headline, the publication date and the outlet. ``content_hash`` says when two
texts are the same article. Writes live in ``archive.services.articles``.
"""

from archive.ingest.document import ParsedDocument, parse_document
from archive.ingest.errors import (
    BinaryDocument,
    DocumentTooLarge,
    EmptyDocument,
    IngestError,
    UndecodableDocument,
    UnsupportedType,
)
from archive.ingest.hashing import content_hash
from archive.ingest.reasons import REVIEW_REASONS, review_reason_label

__all__ = [
    "REVIEW_REASONS",
    "BinaryDocument",
    "DocumentTooLarge",
    "EmptyDocument",
    "IngestError",
    "ParsedDocument",
    "UndecodableDocument",
    "UnsupportedType",
    "content_hash",
    "parse_document",
    "review_reason_label",
]
