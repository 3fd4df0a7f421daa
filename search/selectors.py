"""The search read path: one function answers the page, the API, exports and feeds.

``params`` is always the ``cleaned_data`` of :class:`search.forms.SearchForm` (missing keys
mean "not given": a form with errors gives its valid fields).
"""

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from haystack import connections
from whoosh import query as wq

from arabic_text import marks_text
from archive.models import Entity, Source
from search.backends.base import SORT_NEWEST, SORT_RELEVANCE, SearchRequest
from search.entity_lookup import arabic_name_terms, is_plain, query_entity
from search.expansion import expand
from search.forms import ENTITY_KINDS, MATCH_ALL, date_bounds
from search.hits import SearchHit, result_hits
from search.query import ParsedQuery, query_parse
from search.query_scoring import entity_score_query
from search.stories import StorySummary, collapses, story_summary
from search.suggest import likeliest, suggestions
from search.timeline import chart_facets, day_counts, month_counts, single_year

DEFAULT_PAGE_SIZE = 20
FACET_LIMIT = 10
# An expanded facet ("show all"): enough to browse, bounded since a common word's results can
# name thousands of places and people.
FACET_EXPANDED_LIMIT = 200
FACET_FIELDS = (*ENTITY_KINDS, "source", "year")
FILTER_FIELDS = (*ENTITY_KINDS, "source", "author")
# "Did you mean" is offered when a query finds fewer articles than this.
SUGGEST_BELOW = 3


@dataclass
class FacetValue:
    id: int
    name: str
    name_en: str
    count: int
    selected: bool = False
    # A detected entity that no editor has reviewed yet.
    unreviewed: bool = False

    def as_dict(self) -> dict:
        value = {"id": self.id, "name": self.name, "name_en": self.name_en, "count": self.count}
        if self.unreviewed:
            value["unreviewed"] = True
        return value


@dataclass
class Facet:
    """Values of one facet, most frequent first; ``truncated`` when more exist than shown."""

    name: str
    values: list[FacetValue]
    total: int
    truncated: bool = False


@dataclass
class SearchResults:
    count: int
    page: int
    requested_page: int
    page_size: int
    hits: list[SearchHit]
    facets: dict[str, Facet]
    query: ParsedQuery
    sort: str
    messages: list = field(default_factory=list)
    # The entity the whole query names (``Lavrov`` → Sergey Lavrov), if any.
    entity: Entity | None = None
    literal: bool = False
    # Articles per year over the whole result set, and per (year, month) when a year is chosen.
    year_counts: dict[int, int] = field(default_factory=dict)
    month_counts: dict[tuple[int, int], int] = field(default_factory=dict)
    # Per day of a date range of up to two months (search.timeline).
    day_counts: dict = field(default_factory=dict)
    # The year whose months the chart draws when every dated result falls in it (no date
    # filter chosen): one bar for a whole year would say nothing.
    chart_year: int | None = None
    # How many results hold all the words (they come first) when the query also accepted
    # articles with only most of them; ``None`` when every result holds them all.
    all_words_count: int | None = None
    # The query as typed when these are the results of its spelling correction.
    corrected_from: str | None = None
    # Whether the correction was already asked for (and found nothing): not to ask again.
    suggestion_asked: bool = False
    stories: StorySummary | None = None  # one result per story, or every version

    @property
    def some_words_count(self) -> int:
        """The results holding only some of the words (listed after the others)."""
        return 0 if self.all_words_count is None else self.count - self.all_words_count

    @property
    def grouped(self) -> bool:
        """Whether the results are in two groups: all the words, then only some."""
        return self.some_words_count > 0

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.page_size + 1 if self.count else 0

    @property
    def end_index(self) -> int:
        return min(self.count, self.page * self.page_size)


def _backend():
    backend = connections["default"].get_backend()
    if not hasattr(backend, "execute"):
        raise ImproperlyConfigured(
            f"{type(backend).__name__} does not implement the archive's search read path."
        )
    return backend


def effective_sort(params: dict, parsed: ParsedQuery) -> str:
    """The sort in force: relevance needs words to rank by, otherwise newest first."""
    sort = params.get("sort") or SORT_RELEVANCE
    if sort == SORT_RELEVANCE and not parsed.highlight_text:
        return SORT_NEWEST
    return sort


def search_request(
    *,
    params: dict,
    parsed: ParsedQuery,
    offset=0,
    limit=DEFAULT_PAGE_SIZE,
    facet_fields=FACET_FIELDS,
    facet_limits=None,
) -> SearchRequest:
    """Translate cleaned search parameters into the backend's request (``facet_limits``:
    the most values a facet lists, see :class:`SearchRequest`)."""
    date_from, date_to = date_bounds(params)
    filters = {
        name: [str(pk) for pk in params.get(name) or []]
        for name in FILTER_FIELDS
        if params.get(name)
    }
    return SearchRequest(
        query=parsed.query,
        score_query=parsed.score_query,
        all_words=parsed.all_words,
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        sort=effective_sort(params, parsed),
        collapse=collapses(params),
        offset=offset,
        limit=limit,
        facet_fields=facet_fields,
        facet_limits=facet_limits or {},
    )


def _facet(name, counts, names, selected, *, limit, unreviewed=frozenset(), total=None) -> Facet:
    """The first ``limit`` values by count (all of them for ``None``) and every selected one;
    ``total`` counts every value the results hold (``counts`` may list only the first ones).
    ``names`` need cover only those shown."""
    counted = {pk for pk, _count in counts}
    # A selected value stays visible (and removable) even when nothing matches it now.
    missing = [pk for pk in selected if pk in names and pk not in counted]
    total = (len(counts) if total is None else total) + len(missing)
    shown = counts if limit is None else _head(counts, limit, selected)
    values = [
        FacetValue(
            pk, *names[pk], count=count, selected=pk in selected, unreviewed=pk in unreviewed
        )
        for pk, count in shown
        if pk in names
    ]
    values += [FacetValue(pk, *names[pk], count=0, selected=True) for pk in missing]
    return Facet(name, values, total, truncated=limit is not None and total > limit)


def _head(counts: list, limit: int, selected) -> list:
    return counts[:limit] + [(pk, count) for pk, count in counts[limit:] if pk in selected]


def facet_limits(*, limit: int, expand) -> dict[str, int]:
    """The most values the backend lists per facet: the page shows ``limit`` (or
    :data:`FACET_EXPANDED_LIMIT` for the names in ``expand``) and every year."""
    names = (*ENTITY_KINDS, "source")
    return {name: FACET_EXPANDED_LIMIT if name in expand else limit for name in names}


def _facets(raw: dict, params: dict, *, limit: int, expand, totals=None) -> dict[str, Facet]:
    totals = totals or {}
    parsed_ids: dict[str, list[tuple[int, int]]] = {}

    def ids(name):
        found = parsed_ids.get(name)
        if found is None:
            found = parsed_ids[name] = [
                (int(value), count) for value, count in raw.get(name, []) if value.isdigit()
            ]
        return found

    def limit_of(name):
        return FACET_EXPANDED_LIMIT if name in expand else limit

    def shown_ids(name) -> set[int]:
        counts, chosen = ids(name), set(params.get(name) or [])
        head = _head(counts, limit_of(name), chosen)
        return {pk for pk, _count in head} | chosen

    # Names are read for the values shown only: a result set can name thousands of entities.
    entity_ids = set().union(*(shown_ids(kind) for kind in ENTITY_KINDS))
    entity_names = {}
    unreviewed = set()
    for pk, name, name_en, review in Entity.objects.filter(pk__in=entity_ids).values_list(
        "pk", "name", "name_en", "review"
    ):
        entity_names[pk] = (name, name_en)
        if review == Entity.Review.PROVISIONAL:
            unreviewed.add(pk)
    facets = {}
    for kind in ENTITY_KINDS:
        facets[kind] = _facet(
            kind,
            ids(kind),
            entity_names,
            set(params.get(kind) or []),
            limit=limit_of(kind),
            unreviewed=unreviewed,
            total=totals.get(kind),
        )
    source_names = {
        pk: (name, name_en)
        for pk, name, name_en in Source.objects.filter(pk__in=shown_ids("source")).values_list(
            "pk", "name", "name_en"
        )
    }
    facets["source"] = _facet(
        "source",
        ids("source"),
        source_names,
        set(params.get("source") or []),
        limit=limit_of("source"),
        total=totals.get("source"),
    )
    years = sorted(ids("year"), reverse=True)
    year_names = {pk: (str(pk), str(pk)) for pk, _c in years}
    selected_year = {params["year"]} if params.get("year") else set()
    facets["year"] = _facet("year", years, year_names, selected_year, limit=None)
    return facets


def query_for(params: dict) -> tuple[ParsedQuery, Entity | None]:
    """The parsed query, widened to the entity's articles when the query names an entity.

    ``Lavrov`` matches the text "Lavrov" OR every article that mentions Sergey Lavrov,
    whatever script the article writes his name in; ``literal`` keeps the text search only.
    """
    parsed = query_parse(params.get("q"), match_all=params.get("match") == MATCH_ALL)
    entity = None if params.get("literal") else query_entity(parsed.text)
    if entity is None or parsed.query is None:
        return parsed, None
    mentions = wq.Term(entity.kind, str(entity.pk))
    # Snippets mark each name whole: a name of several words is a phrase, never one word.
    names = entity.all_names()
    ranked = [
        parsed.score_query or parsed.query,
        mentions,
        *entity_score_query(names),
        *arabic_name_terms(names, parsed),
    ]
    widened = ParsedQuery(
        text=parsed.text,
        query=wq.Or([parsed.query, mentions]),
        score_query=wq.Or(ranked),
        # An article that mentions the entity the query names is about all of it.
        all_words=None if parsed.all_words is None else wq.Or([parsed.all_words, mentions]),
        relaxable=parsed.relaxable,
        highlight_text=f"{parsed.highlight_text} {marks_text(names)}".strip(),
        messages=parsed.messages,
    )
    return widened, entity


def search_execute(
    *,
    params: dict,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    highlighted: bool = True,
    facet_limit: int = FACET_LIMIT,
) -> SearchResults:
    """One page of results with counts and facets over the whole result set.

    ``page`` beyond the last page gives the last page (``requested_page`` keeps what was
    asked). Facets show ``facet_limit`` values each, all of them for the names in
    ``params["more"]``. One result per story unless ``versions=all`` (:mod:`search.stories`).

    A plain query no result of which holds all its words gives the results of its correction,
    if any (``corrected_from``: the query as typed; the suggester is asked once). Quotes,
    operators, ``match=all`` and ``literal`` are searched as typed.
    """
    options = dict(page=page, page_size=page_size, highlighted=highlighted, facet_limit=facet_limit)
    results = _search(params, **options)
    if results.count - results.some_words_count or not may_correct(params):
        return results
    texts = _suggestions(params["q"])
    corrected = likeliest(params["q"], texts, count=lambda text: _count(params, text))
    if corrected is not None:
        again = _search({**params, "q": corrected}, **options)
        if again.count:
            again.corrected_from = params["q"]
            return again
    results.suggestion_asked = True
    return results


def _count(params: dict, text: str) -> int:
    """How many articles hold every word of ``text`` (with the filters of ``params``)."""
    counted = {**params, "q": text}
    parsed, _entity = query_for(counted)
    request = search_request(params=counted, parsed=parsed, limit=0, facet_fields=())
    outcome = _backend().execute(request)
    return outcome.count if outcome.all_words_count is None else outcome.all_words_count


def may_correct(params: dict) -> bool:
    """Whether a query that finds nothing may be replaced by its correction: plain words,
    neither ``literal`` (the search-as-typed link) nor ``match=all``."""
    text = (params.get("q") or "").strip()
    if not text or params.get("literal") or params.get("match") == MATCH_ALL:
        return False
    return is_plain(text)


def _search(
    params: dict, *, page: int, page_size: int, highlighted: bool, facet_limit: int
) -> SearchResults:
    parsed, entity = query_for(params)
    parsed = expand(params, parsed, entity, _backend(), search_request)
    page = max(1, int(page or 1))
    page_size = max(1, int(page_size or DEFAULT_PAGE_SIZE))
    facet_fields = (*FACET_FIELDS, *chart_facets(params))
    expanded = set(params.get("more") or [])
    request = search_request(
        params=params,
        parsed=parsed,
        offset=(page - 1) * page_size,
        limit=page_size,
        facet_fields=facet_fields,
        facet_limits=facet_limits(limit=facet_limit, expand=expanded),
    )
    backend = _backend()
    outcome = backend.execute(request)
    first = outcome.count if outcome.all_words_count is None else outcome.all_words_count
    year_counts = _year_counts(outcome.facets)
    chart_year = single_year(params, year_counts)
    facets = _facets(
        outcome.facets, params, limit=facet_limit, expand=expanded, totals=outcome.facet_totals
    )
    return SearchResults(
        count=outcome.count,
        page=outcome.offset // page_size + 1,
        requested_page=page,
        page_size=page_size,
        hits=result_hits(
            outcome.hits, parsed, highlighted=highlighted, first=first - outcome.offset
        ),
        facets=facets,
        query=parsed,
        sort=request.sort,
        messages=list(parsed.messages),
        entity=entity,
        literal=bool(params.get("literal")),
        year_counts=year_counts,
        month_counts=month_counts(
            backend, params, parsed, outcome.facets, search_request, chart_year=chart_year
        ),
        chart_year=chart_year,
        day_counts=day_counts(backend, params, parsed, outcome.facets, search_request),
        all_words_count=outcome.all_words_count,
        stories=story_summary(outcome, collapsed=request.collapse),
    )


def _year_counts(raw: dict) -> dict[int, int]:
    return {int(value): count for value, count in raw.get("year", []) if value.isdigit()}


def search_suggestion(*, text: str | None, count: int) -> str | None:
    """A corrected query ("did you mean …") for a query with no or few hits, else None.

    Built on the index's own vocabulary; a backend that cannot list its terms suggests nothing.
    """
    if count >= SUGGEST_BELOW or not (text or "").strip():
        return None
    found = _suggestions(text)
    return found[0] if found else None


def _suggestions(text: str) -> list[str]:
    vocabulary = getattr(_backend(), "vocabulary", None)
    if vocabulary is None:
        return []
    return suggestions(text, vocabulary=vocabulary())


def search_iter_article_ids(*, params: dict) -> Iterator[int]:
    """Every matching article id, in the order the search page would list them."""
    parsed = expand(params, *query_for(params), _backend(), search_request)
    request = search_request(params=params, parsed=parsed, facet_fields=())
    yield from _backend().iter_article_ids(request)
