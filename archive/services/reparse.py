"""Reading an article's kept original again, after the importer improved.

Every article keeps what the editor brought (``raw_text``: the page's HTML, the
text file, the JSON line's text; a PDF or Word file's bytes in
``archive.services.originals``, its text in ``raw_text``) and, in
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
from archive.services.originals import original_read

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
    metadata = article.metadata if isinstance(article.metadata, dict) else {}
    fmt = metadata.get("format")
    kept = original_read(name=str(metadata.get("original_file") or ""))
    if kept is not None:
        parsed = parse_document(kept, filename=f"original.{fmt}")
    elif article.raw_text.strip():
        raw = article.raw_text
        parsed = parse_document(raw, filename="original.html" if fmt == "html" else "original.txt")
    else:
        raise NothingKept()
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
    if kept is not None:
        new_metadata["original_file"] = metadata["original_file"]
    with transaction.atomic():
        article.metadata = new_metadata
        article_save(article=article, user=user)
    return changed
