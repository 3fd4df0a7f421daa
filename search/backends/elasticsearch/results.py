"""Elasticsearch ``_search`` responses as the archive's :class:`SearchOutcome`.

Hits become ``(article id, score)``; facet buckets become ``(value, count)`` by descending
count, as the Whoosh backend returns them (the month histogram keyed ``yyyymm``).
"""

from __future__ import annotations

from haystack.constants import DJANGO_ID

from search.backends.base import SearchOutcome, SearchRequest
from search.backends.elasticsearch.query import ALL_WORDS_AGG


def article_id(hit: dict) -> int:
    """The article id of a hit: its ``django_id``, else the tail of the document id."""
    source = hit.get("_source") or {}
    if DJANGO_ID in source:
        return int(source[DJANGO_ID])
    return int(str(hit["_id"]).rsplit(".", 1)[-1])


def _bucket_key(bucket: dict) -> str:
    # A date histogram bucket keys by timestamp; its formatted key is the facet value.
    return str(bucket.get("key_as_string", bucket["key"]))


def _facet_counts(response: dict, name: str) -> list[tuple[str, int]]:
    buckets = response.get("aggregations", {}).get(name, {}).get("values", {}).get("buckets")
    counts = [(_bucket_key(b), int(b["doc_count"])) for b in buckets or [] if b["doc_count"]]
    counts.sort(key=lambda item: (-item[1], item[0]))
    return counts


def outcome_from_response(request: SearchRequest, response: dict, offset: int) -> SearchOutcome:
    """A :class:`SearchOutcome` from a response to a body of :func:`~.query.search_body`."""
    hits = response.get("hits", {})
    total = hits.get("total", 0)
    count = int(total["value"] if isinstance(total, dict) else total)
    page = [(article_id(hit), hit.get("_score")) for hit in hits.get("hits", [])]
    facets = {name: _facet_counts(response, name) for name in request.facet_fields}
    holding = response.get("aggregations", {}).get(ALL_WORDS_AGG)
    all_words = int(holding["doc_count"]) if request.all_words is not None and holding else None
    return SearchOutcome(count, page, facets, offset, all_words)
