"""JSON API: the search (same parameters as the page) and entity autocompletion.

A result's snippet is HTML written by the search page's own filter: the text escaped, the
matched words in ``<mark>``. A plain query of several words also finds the articles holding
most of its words: ``all_words_count`` of the ``count`` results hold all of them and come
first, each result says so in ``all_words``; ``match=all`` asks for all the words. A plain
query none of whose results holds all its words is corrected when its correction finds
articles: ``correction`` then holds the query searched and the one typed (``literal=1``
searches the typed one as written).
``expanded`` lists the words searched beyond the query's own (``search.expansion``).
One result per story unless ``versions=all``: ``counts`` says whether ``count`` and the facets
count stories or articles; each result carries its ``story`` key, the story's number of
``versions`` and its ``other_versions`` among the results.
"""

from django.http import JsonResponse, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.links import QueryLinks
from archive.models import Entity
from search.entity_lookup import entity_suggestions
from search.forms import SearchForm
from search.selectors import DEFAULT_PAGE_SIZE, search_execute
from search.stories import api_story_fields
from search.templatetags.search_tags import marked

MAX_ENTITY_SUGGESTIONS = 50


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message: str, errors: dict | None = None) -> JsonResponse:
    body = {"error": message}
    if errors:
        body["errors"] = errors
    return _json(body, status=400)


def _source(article) -> dict | None:
    source = article.source
    if source is None:
        return None
    return {"id": source.pk, "name": source.name, "name_en": source.name_en}


@require_GET
def api_search(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        first_field, first_errors = next(iter(errors.items()))
        return _error(f"{first_field}: {first_errors[0]}", errors)
    params = form.cleaned_data
    page_size = params.get("page_size") or DEFAULT_PAGE_SIZE
    results = search_execute(params=params, page=params.get("page") or 1, page_size=page_size)
    return _json(
        {
            "count": results.count,
            **api_story_fields(results),
            "all_words_count": results.count - results.some_words_count,
            "page": results.page,
            "num_pages": results.num_pages,
            "page_size": results.page_size,
            "sort": results.sort,
            "messages": [str(message) for message in results.messages],
            "entity": _entity(results.entity),
            "correction": _correction(results),
            "expanded": list(results.query.expanded),
            "results": [
                {
                    "id": hit.article.pk,
                    "title": hit.article.title,
                    "url": hit.article.get_absolute_url(),
                    "published_on": (
                        hit.article.published_on.isoformat() if hit.article.published_on else None
                    ),
                    "source": _source(hit.article),
                    "snippet": str(marked(hit.snippet)),
                    "all_words": hit.all_words,
                    **api_story_fields(results, hit=hit),
                }
                for hit in results.hits
            ],
            "facets": {
                name: [value.as_dict() for value in facet.values]
                for name, facet in results.facets.items()
            },
        }
    )


def _correction(results) -> dict | None:
    """The query searched instead of the one typed, when that found nothing; ``literal=1``
    searches the typed one as written."""
    if results.corrected_from is None:
        return None
    return {"query": results.query.text, "original": results.corrected_from}


def _entity(entity) -> dict | None:
    """The entity the query names, so a client can offer the literal search too."""
    if entity is None:
        return None
    return {
        "id": entity.pk,
        "kind": entity.kind,
        "name": entity.name,
        "name_en": entity.name_en,
        "name_ru": entity.name_ru,
        "url": entity.get_absolute_url(),
        "unreviewed": entity.is_provisional,
    }


@require_GET
def api_entities(request):
    kind = request.GET.get("kind") or None
    if kind and kind not in Entity.Kind.values:
        return _error(_("Unknown kind “%(kind)s”.") % {"kind": kind[:30]})
    limit_text = request.GET.get("limit") or "10"
    if not limit_text.isascii() or not limit_text.isdigit() or int(limit_text) < 1:
        return _error(_("The limit must be a positive whole number."))
    limit = min(int(limit_text), MAX_ENTITY_SUGGESTIONS)
    entities = entity_suggestions(text=request.GET.get("q", ""), kind=kind, limit=limit)
    search = QueryLinks(QueryDict(), reverse("search:search"))
    return _json(
        {
            "results": [
                {
                    "id": entity.pk,
                    "kind": entity.kind,
                    "name": entity.name,
                    "name_en": entity.name_en,
                    "name_ru": entity.name_ru,
                    "url": entity.get_absolute_url(),
                    "search_url": search.href(add=[(entity.kind, entity.pk)]),
                    "unreviewed": entity.is_provisional,
                }
                for entity in entities
            ]
        }
    )
