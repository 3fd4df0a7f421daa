"""Article writes: ingest (raw text → article), publish, unpublish, review.

Every write runs in one transaction, even a single save: the article, its mentions
and whatever the apps following the archive record from its signals (the search
index's task) commit together, so a failure anywhere leaves nothing half-saved.
"""

import json
from dataclasses import dataclass
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from archive.extraction import Extraction, extract
from archive.extraction.gazetteer import Gazetteer
from archive.ingest import IngestError, ParsedDocument, content_hash, parse_document
from archive.ingest.authors import clean_author
from archive.ingest.dates import parse_date_value
from archive.ingest.sources import resolve_source_name, source_entry
from archive.ingest.text import fold, tidy
from archive.models import Article, Source
from archive.services.mentions import article_mentions_refresh, extraction_text
from archive.services.originals import original_keep

FILENAME_MAX = 255
URL_MAX = 1000


class DuplicateArticle(IngestError):
    """The same text (after normalization) is already in the archive as ``existing``."""

    code = "duplicate"

    def __init__(self, existing: Article):
        self.existing = existing
        super().__init__(
            _("This text is already in the archive: “%(title)s” (%(url)s).")
            % {"title": existing.title, "url": unquote(existing.get_absolute_url())}
        )


@dataclass
class IngestResult:
    """The stored article and what the importer understood of the raw text."""

    article: Article
    parsed: ParsedDocument
    source_created: bool = False


@dataclass
class PreparedArticle:
    """A raw document read, dated, hashed and (optionally) its entities found: all an import
    works out before it touches the database. ``article_prepare`` makes it without any
    database access, so an importer may make many at once in other processes."""

    parsed: ParsedDocument
    digest: str
    overrides: dict
    origin: str
    url: str
    extraction: Extraction | None = None


def article_ingest(
    *,
    raw: bytes | str,
    filename: str | None = None,
    source: Source | str | None = None,
    publish: bool = False,
    user=None,
    overrides: dict | None = None,
) -> IngestResult:
    """Turn one raw document into an article, or raise an ``IngestError`` and store nothing.

    ``overrides`` (``title``, ``published_on``, ``source``, ``url``, ``author``) are facts
    known from elsewhere (a JSON-lines record) and win over detection; an
    explicit ``source`` wins over both. ``overrides["original_filename"]``
    names where the text came from (``corpus.jsonl.gz:17``) without
    affecting how it is read. A text already in the archive raises
    ``DuplicateArticle`` naming the existing article.
    """
    prepared = article_prepare(raw=raw, filename=filename, overrides=overrides)
    return article_store(prepared=prepared, source=source, publish=publish, user=user)


def article_prepare(
    *,
    raw: bytes | str,
    filename: str | None = None,
    overrides: dict | None = None,
    gazetteer: Gazetteer | None = None,
) -> PreparedArticle:
    """The reading half of ``article_ingest``: parse, apply ``overrides``, hash, and with a
    ``gazetteer`` also extract the entities. Never reads or writes the database; raises an
    ``IngestError`` for a document that is not an article."""
    overrides = {key: value for key, value in (overrides or {}).items() if value not in (None, "")}
    title_hint = str(overrides["title"]) if overrides.get("title") else None
    parsed = parse_document(raw, filename=filename, title_hint=title_hint)
    _apply_overrides(parsed, overrides)
    prepared = PreparedArticle(
        parsed=parsed,
        digest=content_hash(parsed.body),
        overrides=overrides,
        origin=str(overrides.get("original_filename") or filename or "")[-FILENAME_MAX:],
        url=_valid_url(overrides.get("url") or _html_url(parsed), parsed),
    )
    if gazetteer is not None:
        text = extraction_text(
            title=parsed.title,
            body=parsed.body,
            title_derived="title_derived" in parsed.review_reasons,
            dateline=parsed.metadata.get("dateline"),
        )
        prepared.extraction = extract(text, gazetteer)
    return prepared


def article_store(
    *,
    prepared: PreparedArticle,
    source: Source | str | None = None,
    publish: bool = False,
    user=None,
    known_sources: dict[str, Source] | None = None,
) -> IngestResult:
    """The writing half of ``article_ingest``: the article, its source and mentions (and the
    index task its save signals) in one transaction, or ``DuplicateArticle`` and nothing stored.

    An importer storing many articles may keep ``known_sources`` (an empty dict at first)
    for the run, so an outlet name is looked up once rather than per article.
    """
    parsed, digest = prepared.parsed, prepared.digest
    metadata = {**parsed.metadata, "found": found_record(parsed, digest)}
    if parsed.original:
        metadata["original_file"] = original_keep(
            data=parsed.original, fmt=parsed.metadata["format"]
        )
    # No look-up first: the unique content hash refuses a duplicate, and its savepoint
    # takes back whatever this article had written (a new source).
    try:
        with transaction.atomic():
            source_obj, source_created = _source_for(
                source, prepared.overrides, parsed, known_sources
            )
            article = Article.objects.create(
                title=parsed.title,
                body=parsed.body,
                published_on=parsed.published_on,
                source=source_obj,
                original_url=prepared.url,
                author=parsed.author,
                status=Article.Status.PUBLISHED if publish else Article.Status.DRAFT,
                needs_review=bool(parsed.review_reasons),
                review_reasons=parsed.review_reasons,
                content_hash=digest,
                raw_text=parsed.raw_text.replace("\x00", ""),
                original_filename=prepared.origin,
                metadata=metadata,
                created_by=_user_or_none(user),
            )
            article_mentions_refresh(article=article, extraction=prepared.extraction, created=True)
    except IntegrityError:
        existing = Article.objects.filter(content_hash=digest).first()
        if existing is None:
            raise
        raise DuplicateArticle(existing) from None
    return IngestResult(article=article, parsed=parsed, source_created=source_created)


def article_save(*, article: Article, user=None) -> Article:
    """Save an editor's changes: the duplicate hash follows the body, mentions follow the text.

    Raises ``DuplicateArticle`` when the edited body is already another article's.
    """
    digest = content_hash(article.body)
    duplicate = Article.objects.filter(content_hash=digest).exclude(pk=article.pk).first()
    if duplicate is not None:
        raise DuplicateArticle(duplicate)
    text_changed = article.pk is None or _text_changed(article)
    with transaction.atomic():
        article.content_hash = digest
        if article.pk is None and article.created_by_id is None:
            article.created_by = _user_or_none(user)
        article.save()
        if text_changed:
            article_mentions_refresh(article=article)
    return article


def _text_changed(article: Article) -> bool:
    stored = Article.objects.filter(pk=article.pk).values("title", "body").first()
    return stored is None or (stored["title"], stored["body"]) != (article.title, article.body)


def article_publish(*, article: Article, user=None) -> Article:
    """Make the article public."""
    return _status_set(article=article, status=Article.Status.PUBLISHED)


def article_unpublish(*, article: Article, user=None) -> Article:
    """Take the article back to draft: the public no longer sees it."""
    return _status_set(article=article, status=Article.Status.DRAFT)


def article_review_done(*, article: Article, user=None) -> Article:
    """An editor checked what the importer detected: clear the review flag."""
    with transaction.atomic():
        article.needs_review = False
        article.save(update_fields=["needs_review", "updated_at"])
    return article


def _status_set(*, article: Article, status: str) -> Article:
    with transaction.atomic():
        if article.status != status:
            article.status = status
            article.save(update_fields=["status", "updated_at"])
    return article


def source_resolve(*, name: str) -> tuple[Source, bool]:
    """The ``Source`` an outlet name refers to, created if the archive does not know it yet.

    Known spellings come from ``fixtures/sources.json`` (``aawsat`` →
    الشرق الأوسط) and from the aliases editors gave sources in the admin.
    """
    name = " ".join(tidy(str(name)).split())[:200]
    canonical = resolve_source_name(name)
    if canonical:
        entry = source_entry(canonical) or {}
        defaults = {
            "name_en": entry.get("name_en", ""),
            "homepage": entry.get("homepage", ""),
            "aliases": entry.get("aliases", []),
        }
        return Source.objects.get_or_create(name=canonical, defaults=defaults)
    key = fold(name)
    for source in Source.objects.all():
        spellings = [source.name, source.name_en, *(source.aliases or [])]
        if any(fold(str(spelling)) == key for spelling in spellings if spelling):
            return source, False
    return Source.objects.get_or_create(name=name)


def sources_load(*, path) -> dict[str, int]:
    """Create or update the outlets of a sources file (``fixtures/sources.json``).

    Idempotent. Aliases editors added in the admin are kept after the file's own.
    Returns how many sources were created, updated and left unchanged.
    """
    with open(path, encoding="utf-8") as handle:
        entries = json.load(handle)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for entry in entries:
            counts[_source_upsert(entry)] += 1
    return counts


def _source_upsert(entry: dict) -> str:
    values = {"name_en": entry.get("name_en", ""), "homepage": entry.get("homepage", "")}
    source = Source.objects.filter(name=entry["name"]).first()
    if source is None:
        Source.objects.create(name=entry["name"], aliases=entry.get("aliases", []), **values)
        return "created"
    aliases = list(entry.get("aliases", []))
    aliases += [alias for alias in source.aliases or [] if alias not in aliases]
    values["aliases"] = aliases
    if all(getattr(source, key) == value for key, value in values.items()):
        return "unchanged"
    for key, value in values.items():
        setattr(source, key, value)
    source.save()
    return "updated"


def _apply_overrides(parsed: ParsedDocument, overrides: dict) -> None:
    if "published_on" in overrides:
        value = parse_date_value(overrides["published_on"])
        if value is None:
            parsed.metadata["unreadable_date"] = str(overrides["published_on"])[:100]
            _reason_add(parsed, "date_unreadable")
        else:
            parsed.published_on = value
            parsed.metadata["date_evidence"] = "given"
            _reason_drop(parsed, "no_date")
            _reason_drop(parsed, "date_from_caption")
    if overrides.get("source"):
        _reason_drop(parsed, "no_source")
    if clean_author(overrides.get("author")):
        parsed.author = clean_author(overrides["author"])
        parsed.metadata["author_evidence"] = "given"


def _source_for(
    source, overrides: dict, parsed: ParsedDocument, known: dict[str, Source] | None = None
) -> tuple[Source | None, bool]:
    if isinstance(source, Source):
        _reason_drop(parsed, "no_source")
        return source, False
    name = source or overrides.get("source") or parsed.source_name
    if not name:
        return None, False
    _reason_drop(parsed, "no_source")
    name = str(name)
    if known is not None and name in known:
        return known[name], False
    source_obj, created = source_resolve(name=name)
    if known is not None and not created:
        # Only a source that existed before: one created here goes if the article fails.
        known[name] = source_obj
    return source_obj, created


def found_record(parsed: ParsedDocument, digest: str) -> dict:
    """What the importer read, so a later re-read knows what an editor changed since."""
    published = parsed.published_on
    return {
        "title": parsed.title,
        "published_on": published.isoformat() if published else "",
        "author": parsed.author,
        "digest": digest,
    }


def _html_url(parsed: ParsedDocument) -> str:
    return parsed.metadata.get("html", {}).get("url", "")


def _valid_url(url: str, parsed: ParsedDocument) -> str:
    url = str(url or "").strip()
    if not url:
        return ""
    try:
        URLValidator()(url)
    except ValidationError:
        parsed.metadata["unusable_url"] = url[:URL_MAX]
        return ""
    return url if len(url) <= URL_MAX else ""


def _user_or_none(user):
    return user if user is not None and getattr(user, "pk", None) else None


def _reason_add(parsed: ParsedDocument, code: str) -> None:
    if code not in parsed.review_reasons:
        parsed.review_reasons.append(code)


def _reason_drop(parsed: ParsedDocument, code: str) -> None:
    if code in parsed.review_reasons:
        parsed.review_reasons.remove(code)
