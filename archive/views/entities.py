"""Public pages of entities: the entity page and the index of entities."""

from dataclasses import replace
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from archive.links import QueryLinks
from archive.models import Article, Entity, Mention
from archive.timeline import (
    MONTHS_CHARTED,
    Timeline,
    django_text,
    span_level,
    timeline_build,
    whole_months,
)

ENTITY_PAGE_SIZE = 20
ENTITY_INDEX_PAGE_SIZE = 60
CO_MENTIONED_LIMIT = 20
QUERY_MAX = 200


def entity_detail(request, pk, slug=None):
    entity = get_object_or_404(Entity, pk=pk)
    if entity.merged_into_id:
        return redirect(entity.merged_into.get_absolute_url(), permanent=True)
    if slug != entity.slug:
        return redirect(entity.get_absolute_url(), permanent=True)
    articles = (
        Article.objects.published()
        .filter(mentions__entity=entity)
        .select_related("source")
        .newest_first()
    )
    page = Paginator(articles, ENTITY_PAGE_SIZE).get_page(request.GET.get("page"))
    years = _years(entity)
    context = {
        "entity": entity,
        "english": get_language() == "en" and bool(entity.name_en),
        "page": page,
        "description": _description(entity),
        "other_names": _other_names(entity),
        "co_mentioned": Entity.objects.co_mentioned_with(entity)[:CO_MENTIONED_LIMIT],
        "years": years,
        "timeline": _timeline(entity, years),
        "search_url": entity_search_url(entity),
    }
    return render(request, "archive/entity_detail.html", context)


def entity_search_url(entity: Entity) -> str:
    """The search page filtered by this entity (its facet parameter is the entity kind)."""
    return f"{reverse('search:search')}?{urlencode({entity.kind: entity.pk})}"


def _timeline(entity: Entity, years: list[dict]) -> Timeline:
    """The entity's published articles per year, month or day, as the span from its first to
    its last dated article asks (:func:`~archive.timeline.span_level`); a bar opens the search
    for it in that period. The undated ones are counted under the chart, so it adds up to the
    list's count."""
    counts = {row["year"]: row["articles"] for row in years if row["year"]}
    level, span = "year", None
    # Only a span of a few years can be charted finer: count days for those alone.
    if counts and max(counts) - min(counts) <= MONTHS_CHARTED // 12:
        days = {row["day"]: row["articles"] for row in _mentions(entity).per_day()}
        level = span_level(min(days), max(days))
        counts = days if level != "year" else counts
        span = whole_months(min(days), max(days)) if level == "day" else None
    filtered = QueryDict(urlencode({entity.kind: entity.pk}))
    timeline = timeline_build(
        counts=counts,
        level=level,
        year=None,
        link=QueryLinks(filtered, reverse("search:search")).changed,
        text=django_text(),
        span=span,
        undated=sum(row["articles"] for row in years if not row["year"]),
    )
    # The page shows every period already: there is no wider chart to go back to.
    return replace(timeline, up_href="")


def _mentions(entity: Entity):
    return Mention.objects.filter(entity=entity).published()


def _description(entity: Entity) -> str:
    if get_language() == "en" and entity.description_en:
        return entity.description_en
    return entity.description or entity.description_en


def _other_names(entity: Entity) -> list[str]:
    shown = set(entity.own_names())
    return [a.name for a in entity.aliases.all() if a.name not in shown]


def _years(entity: Entity) -> list[dict]:
    rows = list(_mentions(entity).per_year())
    most = max((row["articles"] for row in rows), default=0)
    return [{**row, "max": most} for row in rows]


def entity_index(request):
    """All active entities with their published article counts, by kind, filterable."""
    kind = request.GET.get("kind")
    query = (request.GET.get("q") or "").strip()[:QUERY_MAX]
    entities = Entity.objects.active()
    if kind in Entity.Kind.values:
        entities = entities.filter(kind=kind)
    else:
        kind = ""
    if query:
        matching = Entity.objects.matching(query) | Entity.objects.name_startswith(query)
        entities = entities.filter(pk__in=matching.values("pk"))
    published = Q(mentions__article__in=Article.objects.published())
    entities = entities.annotate(
        articles=Count("mentions__article", filter=published, distinct=True)
    ).order_by("-articles", "name")
    page = Paginator(entities, ENTITY_INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "kind": kind, "query": query, "kinds": Entity.Kind.choices}
    return render(request, "archive/entity_list.html", context)
