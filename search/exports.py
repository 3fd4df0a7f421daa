"""Exports of any search: every matching article as CSV, JSON or RIS, streamed.

The export takes the search page's parameters and lists the articles in the
page's order (relevance, or the chosen sort). Only the ordered ids are held
in memory; articles are read from the database ``BATCH_SIZE`` at a time and
written out as they come, so a large export never builds the whole file.

Formats:

* CSV: UTF-8 with a byte order mark (spreadsheet programs need it to read
  Arabic), one row per article, the columns of ``CSV_COLUMNS``; links as
  readable IRIs (the Arabic slug as letters). Entity names
  are joined with ``ENTITY_SEPARATOR`` (the Arabic semicolon: it never occurs
  inside a name, reads naturally right to left, and any tool can split on it).
  A text cell that a spreadsheet would run as a formula is prefixed with an
  apostrophe.
* JSON: one document ``{"query", "search_url", "exported_on", "count",
  "articles"}``, valid when no article matches; ``count`` is the search's
  count, as on the search page.
* RIS: one ``TY  - NEWS`` record per article, as the article's own citation.

Above ``settings.SEARCH_EXPORT_MAX`` matching articles nothing is streamed:
:func:`export_too_large` answers 400 with the count, the cap and how to narrow
the search, rather than a silently truncated file.
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from typing import NamedTuple

from django.conf import settings
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from archive import citations
from archive.models import Article, Mention
from archive.selectors import article_lead
from search.forms import ENTITY_KINDS
from search.query import query_parse
from search.selectors import effective_sort
from search.stories import article_story

FORMATS = ("csv", "json", "ris")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "ris": f"{citations.RIS_CONTENT_TYPE}; charset=utf-8",
}
DEFAULT_EXPORT_MAX = 10_000
BATCH_SIZE = 200
EXCERPT_WORDS = 45
ENTITY_SEPARATOR = "؛ "
CSV_COLUMNS = (
    "id",
    "title",
    "published_on",
    "source",
    "source_en",
    "author",
    "url",
    "original_url",
    "persons",
    "organizations",
    "places",
    "excerpt",
    "story",
    "versions",
)
CSV_ENTITY_COLUMNS = {"person": "persons", "organization": "organizations", "place": "places"}
# Cells a spreadsheet would evaluate (OWASP "CSV injection"); tab and CR count too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The parameters that choose which articles and in which order; the rest are page state.
QUERY_PARAMS = ("q", "sort", "date_from", "date_to", "year", "source", "author", *ENTITY_KINDS)

AbsoluteUrl = Callable[[str], str]


def export_max() -> int:
    return int(getattr(settings, "SEARCH_EXPORT_MAX", DEFAULT_EXPORT_MAX))


def export_filename(fmt: str, today: date) -> str:
    return f"archive-search-{today.isoformat()}.{fmt}"


class ExportEntity(NamedTuple):
    id: int
    kind: str
    name: str
    name_en: str


Entities = dict[str, list[ExportEntity]]


def _entities(article_ids: list[int]) -> dict[int, Entities]:
    """Each article's entities per kind, most mentioned first."""
    by_article: dict[int, Entities] = {}
    rows = (
        Mention.objects.filter(article_id__in=article_ids)
        .order_by("-count", "entity__name")
        .values_list("article_id", "entity_id", "entity__kind", "entity__name", "entity__name_en")
    )
    for article_id, *entity in rows:
        kinds = by_article.setdefault(article_id, {kind: [] for kind in ENTITY_KINDS})
        kinds.setdefault(entity[1], []).append(ExportEntity(*entity))
    return by_article


def articles_in_order(
    ids: Iterable[int], *, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, Entities]]:
    """The published articles of ``ids`` in that order with their entities, a batch at a time.

    Entities come as plain tuples rather than prefetched mentions: a
    prefetched related manager refers back to its article, and those cycles
    would keep every batch alive until a full garbage collection. An id the
    index still holds but the public may no longer see (unpublished a moment
    ago) is skipped.
    """
    ids = iter(ids)
    while batch := list(islice(ids, batch_size)):
        found = (
            Article.objects.published()
            .filter(pk__in=batch)
            .select_related("source", "story")
            .defer("raw_text", "metadata", "review_reasons")
        )
        by_id = {article.pk: article for article in found}
        entities = _entities(list(by_id))
        none = {kind: [] for kind in ENTITY_KINDS}
        yield from ((by_id[pk], entities.get(pk, none)) for pk in batch if pk in by_id)


def csv_safe(value: str) -> str:
    """``value`` as a spreadsheet shows it as text, never runs it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _csv_row(article: Article, entities: Entities, absolute_url: AbsoluteUrl) -> list:
    source = article.source
    row = {
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "source": source.name if source else "",
        "source_en": source.name_en if source else "",
        "author": article.author,
        # What a person reads: the Arabic slug as letters, not percent-encoded.
        "url": citations.readable_url(absolute_url(article.get_absolute_url())),
        "original_url": citations.readable_url(article.original_url),
        "excerpt": article_lead(article, words=EXCERPT_WORDS),
        **article_story(article),
    }
    for kind, column in CSV_ENTITY_COLUMNS.items():
        row[column] = ENTITY_SEPARATOR.join(entity.name for entity in entities[kind])
    return [article.pk] + [csv_safe(str(row[column])) for column in CSV_COLUMNS[1:]]


class _Echo:
    """A file-like object whose ``write`` hands the line back, for ``csv.writer``."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(
    articles: Iterable[tuple[Article, Entities]], *, absolute_url: AbsoluteUrl
) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for article, entities in articles:
        yield writer.writerow(_csv_row(article, entities, absolute_url))


def article_json(article: Article, entities: Entities, *, absolute_url: AbsoluteUrl) -> dict:
    source = article.source
    return {
        "id": article.pk,
        "title": article.title,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "source": (
            {"id": source.pk, "name": source.name, "name_en": source.name_en} if source else None
        ),
        "author": article.author or None,
        "url": absolute_url(article.get_absolute_url()),
        "original_url": article.original_url or None,
        "entities": {
            kind: [{"id": e.id, "name": e.name, "name_en": e.name_en} for e in of_kind]
            for kind, of_kind in entities.items()
        },
        "excerpt": article_lead(article, words=EXCERPT_WORDS),
        **article_story(article),
    }


def query_json(params: dict, *, sort: str) -> dict:
    """The parameters that chose the articles, as JSON values (only the given ones)."""
    query = {}
    for name in QUERY_PARAMS:
        value = sort if name == "sort" else params.get(name)
        if value in (None, "", []):
            continue
        query[name] = value.isoformat() if isinstance(value, date) else value
    return query


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def json_chunks(
    articles: Iterable[tuple[Article, Entities]],
    *,
    query: dict,
    search_url: str,
    today: date,
    count: int,
    absolute_url: AbsoluteUrl,
) -> Iterator[str]:
    yield (
        f'{{"query": {_dumps(query)}, "search_url": {_dumps(search_url)}, '
        f'"exported_on": {_dumps(today.isoformat())}, "count": {count}, "articles": ['
    )
    separator = "\n"
    for article, entities in articles:
        yield separator + _dumps(article_json(article, entities, absolute_url=absolute_url))
        separator = ",\n"
    yield "\n]}\n"


def ris_chunks(
    articles: Iterable[tuple[Article, Entities]], *, today: date, absolute_url: AbsoluteUrl
) -> Iterator[str]:
    for article, _entities in articles:
        url = absolute_url(article.get_absolute_url())
        yield citations.to_ris(citations.citation_from_article(article, url=url, accessed=today))


def export_response(
    *,
    fmt: str,
    ids: list[int],
    params: dict,
    search_url: str,
    today: date,
    absolute_url: AbsoluteUrl,
) -> StreamingHttpResponse:
    """The streamed download of the articles ``ids`` (already in the search's order)."""
    articles = articles_in_order(ids)
    if fmt == "csv":
        chunks = csv_chunks(articles, absolute_url=absolute_url)
    elif fmt == "json":
        chunks = json_chunks(
            articles,
            query=query_json(params, sort=effective_sort(params, query_parse(params.get("q")))),
            search_url=search_url,
            today=today,
            count=len(ids),
            absolute_url=absolute_url,
        )
    elif fmt == "ris":
        chunks = ris_chunks(articles, today=today, absolute_url=absolute_url)
    else:
        raise ValueError(f"Unknown export format {fmt!r}.")
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(fmt, today)}"'
    return response


def export_error(fmt: str, message: str, **details) -> HttpResponse:
    """A 400 answer: JSON for the JSON export, plain text (readable in a browser) otherwise."""
    if fmt == "json":
        return JsonResponse(
            {"error": message, **details}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return HttpResponse(message + "\n", status=400, content_type="text/plain; charset=utf-8")


def export_too_large(fmt: str, *, count: int, cap: int, search_url: str) -> HttpResponse:
    message = _(
        "This search matches %(count)s articles, and an export holds at most %(cap)s. "
        "Nothing was exported. Narrow the search (more words, an exact phrase, a date range "
        "or a year, a source, a person, an organization or a place) and export again: "
        "%(url)s"
    ) % {
        "count": number_format(count, force_grouping=True),
        "cap": number_format(cap, force_grouping=True),
        "url": search_url,
    }
    return export_error(fmt, message, count=count, max=cap, search_url=search_url)
