"""Duplicate detection: the same text, re-encoded or re-spaced, has the same hash."""

import hashlib
import re

from archive.ingest.text import fold

_NOT_WORD = re.compile(r"[\W_]+")


def content_hash(body: str) -> str:
    """sha256 of the body with spelling variants folded and spacing and punctuation dropped.

    Folding covers harakat, tatweel, hamza seats, ى/ي and ة/ه, so an article
    re-typed with or without hamza, re-spaced or re-encoded is a duplicate.
    """
    normalized = _NOT_WORD.sub("", fold(body))
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()
