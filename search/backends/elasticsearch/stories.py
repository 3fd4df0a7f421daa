"""One result per story on Elasticsearch: field collapsing and story counts.

``collapse`` on the story key keeps each story's first hit in the requested order, with its
other matching versions as inner hits; ``cardinality`` aggregations count the stories of the
result set, of each facet value and of the results holding all the words (exact below
``PRECISION``, within a few per cent above it).
"""

from __future__ import annotations

from dataclasses import replace

from haystack.constants import DJANGO_ID

from search.backends.base import STORY_FIELD, SearchOutcome
from search.backends.elasticsearch.query import FACET_SELECTED
from search.backends.elasticsearch.results import article_id, facet_counts

STORIES_AGG = "stories"
VERSIONS_HITS = "versions"
# Other versions listed per collapsed result.
MAX_VERSIONS = 50
# Elasticsearch's largest cardinality precision threshold.
PRECISION = 40_000


def _cardinality() -> dict:
    return {"cardinality": {"field": STORY_FIELD, "precision_threshold": PRECISION}}


def collapsed_body(body: dict) -> dict:
    """``body`` (a :func:`~.query.search_body`) collapsed on the story key, counting stories."""
    body["collapse"] = {
        "field": STORY_FIELD,
        "inner_hits": {"name": VERSIONS_HITS, "size": MAX_VERSIONS, "_source": [DJANGO_ID]},
    }
    aggs = body.setdefault("aggs", {})
    for agg in aggs.values():
        # A facet's values (and its filter's values) and the all-words filter: count their
        # stories too.
        parts = agg.get("aggs", {})
        for inner in [parts[key] for key in ("values", FACET_SELECTED) if key in parts] or [agg]:
            inner.setdefault("aggs", {})[STORIES_AGG] = _cardinality()
            if "terms" in inner:
                inner["terms"]["order"] = {STORIES_AGG: "desc"}
    # The hits' post_filter does not apply to aggregations: the story count repeats it.
    post_filter = body.get("post_filter", {"match_all": {}})
    aggs[STORIES_AGG] = {"filter": post_filter, "aggs": {STORIES_AGG: _cardinality()}}
    return body


def _stories(agg: dict | None) -> int | None:
    if not agg or STORIES_AGG not in agg:
        return None
    return int(agg[STORIES_AGG]["value"])


def _bucket_stories(bucket: dict) -> int:
    return _stories(bucket) or int(bucket["doc_count"])


def _versions(hit: dict) -> list[int]:
    inner = hit.get("inner_hits", {}).get(VERSIONS_HITS, {}).get("hits", {}).get("hits", [])
    own = article_id(hit)
    return sorted(pk for pk in map(article_id, inner) if pk != own)


def collapsed_outcome(outcome: SearchOutcome, response: dict) -> SearchOutcome:
    """``outcome`` read from a collapsed response: story counts, the hits' other versions."""
    aggs = response.get("aggregations", {})
    facets = {name: facet_counts(response, name, _bucket_stories) for name in outcome.facets}
    stories = _stories(aggs.get(STORIES_AGG))
    all_words = _stories(aggs.get("all_words"))
    hits = response.get("hits", {}).get("hits", [])
    versions = {article_id(hit): _versions(hit) for hit in hits}
    return replace(
        outcome,
        count=outcome.count if stories is None else stories,
        facets=facets,
        all_words_count=outcome.all_words_count if all_words is None else all_words,
        article_count=outcome.count,
        versions={pk: others for pk, others in versions.items() if others},
    )
