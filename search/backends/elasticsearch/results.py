"""Elasticsearch ``_search`` responses as the archive's :class:`SearchOutcome`.

Hits become ``(article id, score)``; facet buckets become ``(value, count)`` by descending
count, as the Whoosh backend returns them (the month histogram keyed ``yyyymm``).
"""

from __future__ import annotations

from collections.abc import Callable

from haystack.constants import DJANGO_ID

from search.backends.base import SearchOutcome, SearchRequest
from search.backends.elasticsearch.query import ALL_WORDS_AGG, FACET_SELECTED, FACET_TOTAL


def article_id(hit: dict) -> int:
    """The article id of a hit: its ``django_id``, else the tail of the document id."""
    source = hit.get("_source") or {}
    if DJANGO_ID in source:
        return int(source[DJANGO_ID])
    return int(str(hit["_id"]).rsplit(".", 1)[-1])


def _bucket_key(bucket: dict) -> str:
    # A date histogram bucket keys by timestamp; its formatted key is the facet value.
    return str(bucket.get("key_as_string", bucket["key"]))


def _doc_count(bucket: dict) -> int:
    return int(bucket["doc_count"])


def facet_counts(
    response: dict, name: str, count: Callable[[dict], int] = _doc_count
) -> list[tuple[str, int]]:
    """``(value, count)`` of a facet's buckets by descending count, then its filter's values
    beyond them (a limited facet) in the same order; ``count`` reads a bucket's count."""
    aggs = response.get("aggregations", {}).get(name, {})
    parts, seen = [], set()
    for part in ("values", FACET_SELECTED):
        buckets = aggs.get(part, {}).get("buckets") or []
        counts = [(_bucket_key(b), count(b)) for b in buckets if b["doc_count"]]
        counts = [item for item in counts if item[0] not in seen]
        seen.update(value for value, _n in counts)
        parts += sorted(counts, key=lambda item: (-item[1], item[0]))
    return parts


def _facet_total(response: dict, name: str, counts: list) -> int:
    total = response.get("aggregations", {}).get(name, {}).get(FACET_TOTAL)
    return len(counts) if total is None else max(int(total["value"]), len(counts))


def outcome_from_response(request: SearchRequest, response: dict, offset: int) -> SearchOutcome:
    """A :class:`SearchOutcome` from a response to a body of :func:`~.query.search_body`."""
    hits = response.get("hits", {})
    total = hits.get("total", 0)
    count = int(total["value"] if isinstance(total, dict) else total)
    page = [(article_id(hit), hit.get("_score")) for hit in hits.get("hits", [])]
    facets = {name: facet_counts(response, name) for name in request.facet_fields}
    totals = {name: _facet_total(response, name, counts) for name, counts in facets.items()}
    holding = response.get("aggregations", {}).get(ALL_WORDS_AGG)
    all_words = int(holding["doc_count"]) if request.all_words is not None and holding else None
    return SearchOutcome(count, page, facets, offset, all_words, facet_totals=totals)
