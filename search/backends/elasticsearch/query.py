"""The query compiler: a :class:`SearchRequest` as the body of an Elasticsearch ``_search``.

Query trees are the ones :mod:`search.query` builds for the Whoosh backend (``whoosh.query``
nodes over index terms); each node type has one small compiler, and the nodes run against
the ``*_terms`` twins, so both engines select the same articles. Around the compiled query,
:func:`search_body` adds date range, facet filters, sort order, paging and facet
aggregations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from haystack.constants import DJANGO_ID
from whoosh import query as wq

from search.backends.base import DAY_FACET, MONTH_FACET, SORT_OLDEST, SORT_RELEVANCE, SearchRequest
from search.backends.elasticsearch.analysis import TERMS_ANALYZER
from search.backends.elasticsearch.mapping import ID_NUMBER, terms_field
from search.query import TEXT_FIELD, TITLE_FIELD

FACET_SIZE = 10_000
# A limited facet's aggregations beside its values: how many values it holds (exact below
# the precision threshold, Elasticsearch's largest), and its filter's values.
FACET_TOTAL = "total"
FACET_SELECTED = "selected"
VALUES_PRECISION = 40_000
# The aggregation counting the results that hold all the words.
ALL_WORDS_AGG = "all_words"
# Added to the score of the results holding all the words, so they rank first: above any
# sum of BM25 scores a query of the archive's length can reach, and small enough for
# float32 scores to keep the order within the group.
ALL_WORDS_BOOST = 10_000.0

Boosts = Mapping[str, float]
# The analyzed fields, searched through their ``*_terms`` twins; any other is an exact value.
TEXT_FIELDS = (TEXT_FIELD, TITLE_FIELD)


# --- whoosh.query nodes → query DSL ------------------------------------------------------


def _with_boost(params: dict, node: wq.Query, boosts: Boosts) -> dict:
    boost = node.boost * boosts.get(node.fieldname, 1.0)
    if boost != 1.0:
        params["boost"] = boost
    return params


def _match_all(node: wq.Query, boosts: Boosts) -> dict:
    return {"match_all": {}}


def _match_none(node: wq.Query, boosts: Boosts) -> dict:
    return {"match_none": {}}


def _term(node: wq.Term, boosts: Boosts) -> dict:
    params = _with_boost({"value": str(node.text)}, node, boosts)
    # Entity ids (the articles naming an entity) are exact values, stored as they are.
    field = terms_field(node.fieldname) if node.fieldname in TEXT_FIELDS else node.fieldname
    return {"term": {field: params}}


def _phrase(node: wq.Phrase, boosts: Boosts) -> dict:
    params = {
        "query": " ".join(str(word) for word in node.words),
        "slop": max(0, node.slop - 1),
        "analyzer": TERMS_ANALYZER,
    }
    return {"match_phrase": {terms_field(node.fieldname): _with_boost(params, node, boosts)}}


def _prefix(node: wq.Prefix, boosts: Boosts) -> dict:
    return {"prefix": {terms_field(node.fieldname): {"value": str(node.text)}}}


def _wildcard(node: wq.Wildcard, boosts: Boosts) -> dict:
    return {"wildcard": {terms_field(node.fieldname): {"value": str(node.text)}}}


def _and_not(node: wq.AndNot, boosts: Boosts) -> dict:
    return {"bool": {"must": [es_query(node.a, boosts)], "must_not": [es_query(node.b, boosts)]}}


def _and_maybe(node: wq.AndMaybe, boosts: Boosts) -> dict:
    return {"bool": {"must": [es_query(node.a, boosts)], "should": [es_query(node.b, boosts)]}}


def _not(node: wq.Not, boosts: Boosts) -> dict:
    return {"bool": {"must": [{"match_all": {}}], "must_not": [es_query(node.query, boosts)]}}


def _and(node: wq.And, boosts: Boosts) -> dict:
    # Negated parts become must_not clauses of the same bool rather than nested bools.
    must = [es_query(q, boosts) for q in node.subqueries if not isinstance(q, wq.Not)]
    must_not = [es_query(q.query, boosts) for q in node.subqueries if isinstance(q, wq.Not)]
    body = {"must": must or [{"match_all": {}}]}
    if must_not:
        body["must_not"] = must_not
    return {"bool": body}


def _or(node: wq.Or, boosts: Boosts) -> dict:
    # ``minmatch``: how many parts must match (most of a plain query's words).
    should = [es_query(q, boosts) for q in node.subqueries]
    required = max(1, getattr(node, "minmatch", 0) or 1)
    return {"bool": {"should": should, "minimum_should_match": required}}


def _dis_max(node: wq.DisjunctionMax, boosts: Boosts) -> dict:
    queries = [es_query(q, boosts) for q in node.subqueries]
    return {"dis_max": {"queries": queries, "tie_breaker": node.tiebreak}}


# By node class; a subclass (DefaultOr, PreloadedOr …) compiles as its nearest listed base.
_COMPILERS: dict[type, Callable[[wq.Query, Boosts], dict]] = {
    wq.Every: _match_all,
    type(wq.NullQuery): _match_none,
    wq.Term: _term,
    wq.Phrase: _phrase,
    wq.Prefix: _prefix,
    wq.Wildcard: _wildcard,
    wq.AndNot: _and_not,
    wq.AndMaybe: _and_maybe,
    wq.Not: _not,
    wq.And: _and,
    wq.Or: _or,
    wq.DisjunctionMax: _dis_max,
}


def es_query(node: wq.Query | None, boosts: Boosts | None = None) -> dict:
    """Translate a query of :mod:`search.query` (index terms) into Elasticsearch's DSL.

    ``boosts`` maps a field to its weight (the title counts double); it multiplies the
    query's own boost. ``None`` matches every document.
    """
    if node is None:
        return {"match_all": {}}
    for cls in type(node).__mro__:
        compile_node = _COMPILERS.get(cls)
        if compile_node is not None:
            return compile_node(node, boosts or {})
    raise ValueError(f"No Elasticsearch translation for {type(node).__name__}: {node!r}")


# --- search request → request body ---------------------------------------------------------


def _date_filter(date_field: str | None, date_from: date | None, date_to: date | None):
    if not date_field or (date_from is None and date_to is None):
        return None
    bounds = {}
    if date_from is not None:
        bounds["gte"] = date_from.isoformat()
    if date_to is not None:
        bounds["lte"] = date_to.isoformat()
    return {"range": {date_field: bounds}}


def _field_filters(request: SearchRequest) -> dict[str, dict]:
    return {
        name: {"terms": {name: [str(value) for value in values]}}
        for name, values in request.filters.items()
        if values
    }


def _main_query(request: SearchRequest, boosts: Boosts, date_field: str | None) -> dict:
    date_clause = _date_filter(date_field, request.date_from, request.date_to)
    filters = [date_clause] if date_clause else []
    if request.query is None:
        return {"bool": {"must": [{"match_all": {}}], "filter": filters}}
    if request.sort == SORT_RELEVANCE:
        # Select with the query, rank with the score query (title bonus, phrases by words).
        scorer = request.score_query or request.query
        if scorer is not request.query:
            filters.append(es_query(request.query, boosts))
        body = {"must": [es_query(scorer, boosts)], "filter": filters}
        return {"bool": _all_words_first(body, request, ALL_WORDS_BOOST)}
    body = {"must": [{"match_all": {}}], "filter": [es_query(request.query), *filters]}
    return {"bool": _all_words_first(body, request, 1.0)}


def _all_words_first(body: dict, request: SearchRequest, boost: float) -> dict:
    """A bool query's body where the results holding all the words score ``boost`` more."""
    if request.all_words is not None:
        holding = {"constant_score": {"filter": es_query(request.all_words), "boost": boost}}
        body["should"] = [holding]
    return body


def _sort(request: SearchRequest, date_field: str | None) -> list:
    if request.sort == SORT_RELEVANCE and request.query is not None:
        return ["_score", {ID_NUMBER: {"order": "asc"}}]
    first = ["_score"] if request.all_words is not None and request.query is not None else []
    if not date_field:
        return [*first, {ID_NUMBER: {"order": "desc"}}]
    # Undated articles go last both ways: they are the least informative.
    order = "asc" if request.sort == SORT_OLDEST else "desc"
    return [
        *first,
        {date_field: {"order": order, "missing": "_last"}},
        {ID_NUMBER: {"order": "desc"}},
    ]


# The Whoosh backend's month and day facets: "YYYYMM" and "YYYYMMDD" keys from the
# publication date, which the index stores once (no month or day field of its own).
DATE_HISTOGRAMS = {MONTH_FACET: ("month", "yyyyMM"), DAY_FACET: ("day", "yyyyMMdd")}


def _facet_agg(name: str, date_field: str | None) -> dict:
    if name in DATE_HISTOGRAMS and date_field:
        interval, key_format = DATE_HISTOGRAMS[name]
        return {
            "date_histogram": {
                "field": date_field,
                "calendar_interval": interval,
                "format": key_format,
                "min_doc_count": 1,
            }
        }
    return {"terms": {"field": name, "size": FACET_SIZE}}


def _limited_aggs(name: str, limit: int, selected) -> dict:
    """A facet's first ``limit`` values, its filter's values beyond them and how many
    values it holds (exact up to ``VALUES_PRECISION``)."""
    aggs = {
        "values": {"terms": {"field": name, "size": max(1, limit)}},
        FACET_TOTAL: {"cardinality": {"field": name, "precision_threshold": VALUES_PRECISION}},
    }
    if selected:
        wanted = sorted(set(map(str, selected)))
        aggs[FACET_SELECTED] = {"terms": {"field": name, "include": wanted, "size": len(wanted)}}
    return aggs


def _facet_aggs(request: SearchRequest, field_filters: dict[str, dict], date_field) -> dict:
    """One aggregation per facet, under the filters of every other facet field."""
    aggs = {}
    for name in request.facet_fields:
        others = [clause for field, clause in field_filters.items() if field != name]
        limit = request.facet_limits.get(name)
        if limit is None or name in DATE_HISTOGRAMS:
            values = {"values": _facet_agg(name, date_field)}
        else:
            values = _limited_aggs(name, limit, request.filters.get(name, ()))
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": values,
        }
    return aggs


def search_body(
    request: SearchRequest,
    *,
    boosts: Boosts | None = None,
    date_field: str | None = "published_on",
    offset: int | None = None,
    size: int | None = None,
    with_facets: bool = True,
) -> dict:
    """The ``_search`` body for a :class:`SearchRequest`.

    Facet counts cover the whole result set; a facet that is itself filtered ignores its own
    filter (OR within a kind) but not the others (AND across kinds): the field filters are a
    ``post_filter``, and each facet aggregation applies the other fields' filters.
    """
    field_filters = _field_filters(request)
    body: dict = {
        "query": _main_query(request, boosts or {}, date_field),
        "sort": _sort(request, date_field),
        "from": request.offset if offset is None else offset,
        "size": request.limit if size is None else size,
        "track_total_hits": True,
        "_source": [DJANGO_ID],
    }
    if field_filters:
        body["post_filter"] = {"bool": {"filter": list(field_filters.values())}}
    if with_facets and request.facet_fields:
        body["aggs"] = _facet_aggs(request, field_filters, date_field)
    if with_facets and request.all_words is not None:
        # Aggregations ignore the post_filter: the field filters are repeated here.
        holding = [es_query(request.all_words), *field_filters.values()]
        body.setdefault("aggs", {})[ALL_WORDS_AGG] = {"filter": {"bool": {"filter": holding}}}
    return body
