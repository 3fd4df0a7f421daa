"""More like this: the articles an article page suggests next.

Articles sharing most of the article's entities, then the same outlet, then the nearest
date. Only its rarer entities are compared: at most ``MAX_ENTITIES`` of them, each named in
at most ``MAX_ARTICLES`` articles. An entity as common as Iraq or Russia says little about
what two articles share, and counting it would read a large part of the archive on every
article page; bounded this way the page's work does not grow with the archive.
"""

import math

from django.db import connection
from django.db.models import Count, F

from archive.models import Article, Mention

LIMIT = 5
# Articles sharing entities are ranked in Python; this bounds how many are fetched.
CANDIDATES = 50
MAX_ARTICLES = 400
MAX_ENTITIES = 8


def related_articles(
    *, article: Article, entity_ids: list[int] | None = None, limit: int = LIMIT
) -> list[Article]:
    """Up to ``limit`` published articles like ``article``, the most alike first.

    ``entity_ids``: the entities the article names, when the caller has them already.
    """
    published = Article.objects.published().exclude(pk=article.pk).select_related("source")
    if entity_ids is None:
        entity_ids = list(
            Mention.objects.filter(article=article).values_list("entity_id", flat=True)
        )
    entities = compared_entities(entity_ids=entity_ids)
    candidates = []
    if entities:
        candidates = list(
            published.filter(mentions__entity_id__in=entities)
            .annotate(shared=Count("mentions"))
            .order_by("-shared", F("published_on").desc(nulls_last=True), "-pk")[:CANDIDATES]
        )
    if len(candidates) < limit and article.source_id:
        candidates += _same_source_neighbours(
            published.filter(source_id=article.source_id).exclude(
                pk__in=[c.pk for c in candidates]
            ),
            article.published_on,
            limit=limit - len(candidates),
        )

    def rank(candidate):
        return (
            -getattr(candidate, "shared", 0),
            candidate.source_id != article.source_id,
            _days_apart(candidate.published_on, article.published_on),
            -candidate.pk,
        )

    return sorted(candidates, key=rank)[:limit]


def compared_entities(*, entity_ids: list[int]) -> list[int]:
    """The rarest of ``entity_ids`` named in more than one article: at most ``MAX_ENTITIES``,
    each named in at most ``MAX_ARTICLES`` articles."""
    counts = _bounded_article_counts(sorted(set(entity_ids)), bound=MAX_ARTICLES + 1)
    rare = sorted((n, e) for e, n in counts.items() if 1 < n <= MAX_ARTICLES)
    return [e for _, e in rare[:MAX_ENTITIES]]


def _bounded_article_counts(entity_ids: list[int], *, bound: int) -> dict[int, int]:
    """How many articles name each entity, counting no further than ``bound``.

    One statement whatever the number of entities; each count stops at ``bound`` rows,
    so a country named in half the archive costs no more than a rare name. (The ORM
    cannot count a sliced subquery, hence the SQL.)
    """
    if not entity_ids:
        return {}
    table = connection.ops.quote_name(Mention._meta.db_table)
    part = (
        "SELECT %s, (SELECT COUNT(*) FROM "
        f"(SELECT 1 FROM {table} WHERE entity_id = %s LIMIT %s) bounded)"
    )
    sql = " UNION ALL ".join([part] * len(entity_ids))
    params = [value for e in entity_ids for value in (e, e, bound)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def _same_source_neighbours(queryset, day, *, limit: int) -> list[Article]:
    if day is None:
        return list(queryset.newest_first()[:limit])
    before = queryset.filter(published_on__lte=day).order_by("-published_on", "-pk")[:limit]
    after = queryset.filter(published_on__gt=day).order_by("published_on", "pk")[:limit]
    return list(before) + list(after)


def _days_apart(first, second) -> float:
    if first is None or second is None:
        return math.inf
    return abs((first - second).days)
