"""The importer: text, saved pages, PDF and Word files → a clean article, without the database.

``parse_document`` decodes (UTF-8 with or without BOM, UTF-16, Windows-1256),
takes a page's main text (trafilatura) or a PDF's or Word file's text, strips
page chrome, moves captions and credits to metadata, and detects the headline,
the publication date, the outlet and the author. ``content_hash`` says when two
texts are the same article. Writes live in ``archive.services.articles``;
``docs/ingest.md`` describes each format.
"""

from archive.ingest.document import ParsedDocument, parse_document
from archive.ingest.errors import (
    BinaryDocument,
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    IngestError,
    NotArabic,
    ScannedDocument,
    UndecodableDocument,
    UnsupportedType,
)
from archive.ingest.hashing import content_hash
from archive.ingest.reasons import REVIEW_REASONS, review_reason_label

__all__ = [
    "REVIEW_REASONS",
    "BinaryDocument",
    "CorruptDocument",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "IngestError",
    "NotArabic",
    "ParsedDocument",
    "ScannedDocument",
    "UndecodableDocument",
    "UnsupportedType",
    "content_hash",
    "parse_document",
    "review_reason_label",
]
