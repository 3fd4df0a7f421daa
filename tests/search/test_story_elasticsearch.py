"""One result per story on Elasticsearch, without a server: the collapsed request body and
the story counts and versions read from a collapsed response."""

from search.backends.base import STORY_FIELD, SearchRequest
from search.backends.elasticsearch import outcome_from_response, search_body
from search.backends.elasticsearch.stories import (
    STORIES_AGG,
    VERSIONS_HITS,
    collapsed_body,
    collapsed_outcome,
)
from search.query import query_parse


def _request(**fields) -> SearchRequest:
    parsed = query_parse("التمنيات")
    return SearchRequest(query=parsed.query, score_query=parsed.score_query, **fields)


def test_the_body_collapses_on_the_story_key_with_the_other_versions_as_inner_hits():
    body = collapsed_body(search_body(_request(facet_fields=("source",), collapse=True)))
    assert body["collapse"]["field"] == STORY_FIELD
    assert body["collapse"]["inner_hits"]["name"] == VERSIONS_HITS
    values = body["aggs"]["source"]["aggs"]["values"]
    assert values["aggs"][STORIES_AGG]["cardinality"]["field"] == STORY_FIELD
    # Facet values are listed by their number of stories.
    assert values["terms"]["order"] == {STORIES_AGG: "desc"}
    assert body["aggs"][STORIES_AGG]["aggs"][STORIES_AGG]["cardinality"]["field"] == STORY_FIELD


def test_the_story_count_repeats_the_filters_the_hits_get_as_a_post_filter():
    request = _request(filters={"source": ["3"]}, facet_fields=("source",), collapse=True)
    body = collapsed_body(search_body(request))
    assert body["aggs"][STORIES_AGG]["filter"] == body["post_filter"]


def _hit(pk: int, *others: int) -> dict:
    inner = [{"_id": f"archive.article.{o}", "_source": {"django_id": str(o)}} for o in others]
    return {
        "_id": f"archive.article.{pk}",
        "_score": 2.0,
        "_source": {"django_id": str(pk)},
        "inner_hits": {VERSIONS_HITS: {"hits": {"hits": inner}}},
    }


def test_a_collapsed_response_counts_stories_and_lists_each_hits_other_versions():
    request = _request(facet_fields=("source",), collapse=True)
    response = {
        "hits": {"total": {"value": 5, "relation": "eq"}, "hits": [_hit(7, 7, 9, 11), _hit(4, 4)]},
        "aggregations": {
            "source": {
                "doc_count": 5,
                "values": {
                    "buckets": [
                        {"key": "1", "doc_count": 3, STORIES_AGG: {"value": 2}},
                        {"key": "2", "doc_count": 2, STORIES_AGG: {"value": 2}},
                    ]
                },
            },
            STORIES_AGG: {"doc_count": 5, STORIES_AGG: {"value": 2}},
        },
    }
    outcome = collapsed_outcome(outcome_from_response(request, response, 0), response)
    assert outcome.count == 2
    assert outcome.article_count == 5
    assert outcome.hits == [(7, 2.0), (4, 2.0)]
    assert outcome.versions == {7: [9, 11]}
    assert outcome.facets == {"source": [("1", 2), ("2", 2)]}
