"""Reading an article's kept original again, after the importer improved.

Every article keeps what the editor brought (``raw_text``: the page's HTML, the
text file, the JSON line's text, the text of a PDF or Word file) and, in
``metadata["found"]``, what the importer read from it. A re-read replaces only
what nobody changed since: the body if its hash is still the imported one, the
title, date and author if they still equal the importer's reading. An editor's
correction always stays. An article stored without ``found`` gets its body and,
if it has none, its author.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from archive.ingest import IngestError, content_hash, parse_document
from archive.models import Article
from archive.services.articles import article_save, found_record

FOUND_FIELDS = ("title", "published_on", "author")


class NothingKept(IngestError):
    code = "no_original"

    def __init__(self):
        super().__init__(_("No original was kept for this article: it cannot be read again."))


def article_reparse(*, article: Article, user=None) -> list[str]:
    """Read ``raw_text`` again with the current importer; returns the fields it changed.

    Raises ``IngestError`` (nothing kept, no longer an article) or ``DuplicateArticle``
    (the new body is another article's), changing nothing.
    """
    if not article.raw_text.strip():
        raise NothingKept()
    metadata = article.metadata if isinstance(article.metadata, dict) else {}
    html = metadata.get("format") == "html"
    parsed = parse_document(article.raw_text, filename="original.html" if html else "original.txt")
    found = metadata.get("found") or {}
    changed = []
    if not found or article.content_hash == found.get("digest"):
        if parsed.body != article.body:
            article.body = parsed.body
            changed.append("body")
    for name in FOUND_FIELDS:
        current = getattr(article, name)
        current = current.isoformat() if hasattr(current, "isoformat") else (current or "")
        if found:
            editable = current == found.get(name, "")
        else:  # imported before "found" was kept: only a missing author is filled in
            editable = name == "author" and not current
        new = getattr(parsed, name)
        if editable and new and new != getattr(article, name):
            setattr(article, name, new)
            changed.append(name)
    new_metadata = {**parsed.metadata, "found": found_record(parsed, content_hash(parsed.body))}
    with transaction.atomic():
        article.metadata = new_metadata
        article_save(article=article, user=user)
    return changed
