"""The documents of an upload: gathered from the form, previewed without writing, imported.

Gathering turns pasted text, files and the files of zip archives into
documents, each with its bytes or the reason it cannot be read, so one bad
file never blocks the others. The preview runs the importer's parser and the
read-only entity matcher; the import goes through ``article_ingest``, the
command line's service, one transaction per document.
"""

import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.admin.stories import StoryMatch, story_match
from archive.admin.upload_staging import (
    Incoming,
    StagedDocument,
    Staging,
    max_documents,
    max_upload_bytes,
)
from archive.extraction import extract
from archive.ingest import (
    DocumentTooLarge,
    EmptyDocument,
    IngestError,
    UnsupportedType,
    content_hash,
    parse_document,
    review_reason_label,
)
from archive.ingest.archives import (
    ARCHIVE_SUFFIXES,
    DOCUMENT_SUFFIXES,
    ArchiveRefused,
    ZipLimits,
    zip_entries,
)
from archive.ingest.document import max_file_bytes
from archive.models import Article, Entity
from archive.services.articles import DuplicateArticle, article_ingest
from archive.services.gazetteer import gazetteer_get
from archive.services.mentions import extraction_text

logger = logging.getLogger(__name__)

PREVIEW_PARAGRAPHS = 3
# The page lines the importer left out that the preview lists (all are counted).
PREVIEW_DROPPED = 40
# The preview's "read as" line: each format the reader knows, in the editor's language.
FORMAT_LABELS = {
    "text": gettext_lazy("plain text"),
    "html": gettext_lazy("web page (HTML)"),
    "pdf": gettext_lazy("PDF"),
    "docx": gettext_lazy("Word document"),
}


class TooManyDocuments(IngestError):
    code = "too_many_documents"

    def __init__(self, limit: int):
        super().__init__(
            _(
                "One upload takes at most %(limit)s documents; this one was not read. Upload it "
                "again, or import large batches with the import_articles command."
            )
            % {"limit": limit}
        )


class UploadLimitReached(IngestError):
    code = "upload_too_large"

    def __init__(self, limit: int):
        super().__init__(
            _("The upload limit of %(limit)s bytes was reached before this file: upload it again.")
            % {"limit": f"{limit:,}"}
        )


def documents_collect(*, cleaned: dict) -> list[Incoming]:
    """The documents of a valid upload form: the pasted text, then each file in order."""
    documents, remaining = [], max_upload_bytes()
    text = cleaned.get("text") or ""
    if text.strip():
        pasted = _pasted(text, cleaned)
        remaining -= len(pasted.data)
        documents.append(pasted)
    for upload in cleaned.get("files") or []:
        found = _from_upload(upload, remaining)
        remaining -= sum(len(item.data) for item in found)
        documents.extend(found)
    return _documents_capped(documents)


def _documents_capped(documents: list[Incoming]) -> list[Incoming]:
    """Beyond the per-upload count, documents are reported, not staged.

    Each document is parsed for the preview and imported with its extraction
    in the request, so the cap keeps both pages well inside a web server's
    timeout; bulk imports belong to ``import_articles``.
    """
    most = max_documents()
    for document in documents[most:]:
        if document.error is None:
            document.data, document.error = b"", TooManyDocuments(most)
    return documents


def _pasted(text: str, cleaned: dict) -> Incoming:
    filename = cleaned.get("filename") or None
    overrides = {"title": cleaned.get("title") or "", "url": cleaned.get("url") or ""}
    data = text.encode("utf-8", "surrogatepass")
    label = filename or _("Pasted text")
    if len(data) > max_file_bytes():
        return Incoming(label=label, error=DocumentTooLarge(len(data), max_file_bytes()))
    return Incoming(label=label, filename=filename, data=data, pasted=True, overrides=overrides)


def _from_upload(upload, remaining: int) -> list[Incoming]:
    name = PurePosixPath(str(upload.name).replace("\\", "/")).name
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".zip":
        return _from_zip(upload, name, remaining)
    error = None
    if suffix in ARCHIVE_SUFFIXES or (suffix and suffix not in DOCUMENT_SUFFIXES):
        error = UnsupportedType(name)
    elif upload.size > max_file_bytes():
        error = DocumentTooLarge(upload.size, max_file_bytes())
    elif upload.size > remaining:
        error = UploadLimitReached(max_upload_bytes())
    if error is not None:
        return [Incoming(label=name, error=error)]
    upload.seek(0)
    return [Incoming(label=name, filename=name, data=upload.read())]


def _from_zip(upload, name: str, remaining: int) -> list[Incoming]:
    upload.seek(0)
    try:
        entries = zip_entries(upload.file, limits=ZipLimits.from_settings(total_bytes=remaining))
    except ArchiveRefused as error:
        return [Incoming(label=name, error=error)]
    if not entries:
        return [Incoming(label=name, error=EmptyDocument(_("The archive holds no files.")))]
    return [
        Incoming(
            label=f"{name} › {entry.name}",
            filename=PurePosixPath(entry.name.replace("\\", "/")).name,
            data=entry.data,
            overrides={"original_filename": f"{name}:{entry.name}"},
            error=entry.error,
        )
        for entry in entries
    ]


# --- preview ------------------------------------------------------------------------------


@dataclass
class EntityCount:
    kind: str
    name: str
    count: int
    entity: Entity


@dataclass
class DocumentPreview:
    """What saving this document would create; nothing here is written anywhere."""

    number: int
    label: str
    error: str = ""
    title: str = ""
    published_on: date | None = None
    source_name: str = ""
    author: str = ""
    url: str = ""
    format: str = ""
    encoding: str = ""
    paragraphs: list[str] = field(default_factory=list)
    more_paragraphs: int = 0
    reasons: list[str] = field(default_factory=list)
    entities: list[EntityCount] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    dropped_count: int = 0
    kept_count: int = 0
    duplicate_of: Article | None = None
    same_as: int | None = None
    digest: str = ""
    story_match: StoryMatch | None = None

    @property
    def format_label(self) -> str:
        return str(FORMAT_LABELS.get(self.format, self.format))

    @property
    def ready(self) -> bool:
        return not self.error and self.duplicate_of is None and self.same_as is None


def staging_preview(*, staging: Staging) -> list[DocumentPreview]:
    source, seen, previews = staging.source(), {}, []
    for document in staging.documents:
        preview = _document_preview(staging, document, source)
        if preview.ready:
            # Two files of one upload with the same text: the second will be a duplicate.
            preview.same_as = seen.get(preview.digest)
            seen.setdefault(preview.digest, preview.number)
        previews.append(preview)
    return previews


def _document_preview(staging, document: StagedDocument, source) -> DocumentPreview:
    preview = DocumentPreview(number=document.number, label=document.label)
    if document.error:
        preview.error = document.error
        return preview
    try:
        parsed = _parse(staging, document)
    except IngestError as error:
        preview.error = str(error)
        return preview
    paragraphs = [p for p in parsed.body.split("\n") if p.strip()]
    reasons = [r for r in parsed.review_reasons if not (source and r == "no_source")]
    preview.title, preview.published_on = parsed.title, parsed.published_on
    preview.source_name = source.name if source else (parsed.source_name or "")
    preview.url = document.overrides.get("url") or parsed.metadata.get("html", {}).get("url", "")
    preview.format = parsed.metadata.get("format", "")
    preview.encoding = parsed.metadata.get("encoding", "")
    preview.author = parsed.author
    preview.kept_count = len(paragraphs)
    dropped = _dropped_lines(parsed)
    preview.dropped, preview.dropped_count = dropped[:PREVIEW_DROPPED], len(dropped)
    preview.paragraphs = paragraphs[:PREVIEW_PARAGRAPHS]
    preview.more_paragraphs = max(0, len(paragraphs) - PREVIEW_PARAGRAPHS)
    preview.reasons = [review_reason_label(code) for code in reasons]
    preview.digest = content_hash(parsed.body)
    preview.duplicate_of = Article.objects.filter(content_hash=preview.digest).first()
    if preview.duplicate_of is None:
        preview.story_match = story_match(body=parsed.body, published_on=parsed.published_on)
    _preview_entities(preview, parsed)
    return preview


def _dropped_lines(parsed) -> list[str]:
    """The lines of the page (or of the text, PDF or Word file) that are not in the body."""
    whole = parsed.page_text or parsed.raw_text
    if not whole:
        return []
    kept = {" ".join(line.split()) for line in parsed.body.split("\n")}
    kept |= {" ".join(parsed.title.split())}
    lines = (" ".join(line.split()) for line in whole.split("\n"))
    return [line for line in lines if line and line not in kept]


def _parse(staging: Staging, document: StagedDocument):
    data = staging.data(document)
    raw = data.decode("utf-8", "surrogatepass") if document.pasted else data
    title = document.overrides.get("title") or None
    return parse_document(raw, filename=document.filename, title_hint=title)


def _preview_entities(preview: DocumentPreview, parsed) -> None:
    """Entities as the importer will record them, found by the read-only matcher."""
    found = extract(
        extraction_text(
            title=parsed.title,
            body=parsed.body,
            title_derived=parsed.title_derived,
            dateline=parsed.metadata.get("dateline"),
        ),
        gazetteer_get(),
    )
    entities = Entity.objects.in_bulk([item.entity_id for item in found.entities])
    rows = [
        EntityCount(entity.get_kind_display(), entity.name, item.count, entity)
        for item in found.entities
        if (entity := entities.get(item.entity_id)) is not None
    ]
    preview.entities = sorted(rows, key=lambda row: (-row.count, row.name))
    preview.candidates = sorted({candidate.name for candidate in found.candidates})


# --- saving -----------------------------------------------------------------------------


@dataclass
class DocumentResult:
    number: int
    label: str
    status: str  # "created", "duplicate" or "error"
    message: str = ""
    article: Article | None = None
    existing: Article | None = None


def document_import(*, staging: Staging, document: StagedDocument, source, publish: bool, user):
    """Import one staged document through the ingest service; all of it or nothing."""
    result = DocumentResult(number=document.number, label=document.label, status="error")
    if document.error:
        result.message = document.error
        return result
    try:
        data = staging.data(document)
        raw = data.decode("utf-8", "surrogatepass") if document.pasted else data
        ingested = article_ingest(
            raw=raw,
            filename=document.filename,
            source=source,
            publish=publish,
            user=user,
            overrides=document.overrides,
        )
    except DuplicateArticle as duplicate:
        result.status, result.existing = "duplicate", duplicate.existing
        result.message = str(duplicate)
        return result
    except IngestError as error:
        result.message = str(error)
        return result
    except Exception:
        # One document's unforeseen failure must not lose the others; it is logged in full.
        logger.exception("upload of %s failed", document.label)
        result.message = _("This document could not be imported because of an internal error.")
        return result
    result.status, result.article = "created", ingested.article
    return result
