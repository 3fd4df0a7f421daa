"""A limited facet on Elasticsearch, without a server: the request body asks for the first
values, the chosen ones beyond them and how many values there are; the response gives the
same outcome as the Whoosh backend (the head by count, the chosen values after it, the total).
"""

from search.backends.base import STORY_FIELD, SearchRequest
from search.backends.elasticsearch import outcome_from_response, search_body
from search.backends.elasticsearch.query import FACET_SELECTED, FACET_TOTAL
from search.backends.elasticsearch.stories import STORIES_AGG, collapsed_body, collapsed_outcome
from search.query import query_parse


def _request(**fields) -> SearchRequest:
    parsed = query_parse("الكاظمي")
    return SearchRequest(
        query=parsed.query, score_query=parsed.score_query, facet_fields=("person",), **fields
    )


def test_a_limited_facet_asks_for_its_head_its_chosen_values_and_its_number_of_values():
    request = _request(facet_limits={"person": 3}, filters={"person": ["42", "7"]})
    aggs = search_body(request)["aggs"]["person"]["aggs"]
    assert aggs["values"]["terms"] == {"field": "person", "size": 3}
    assert aggs[FACET_SELECTED]["terms"] == {"field": "person", "include": ["42", "7"], "size": 2}
    assert aggs[FACET_TOTAL]["cardinality"]["field"] == "person"


def test_a_facet_without_a_limit_asks_for_every_value():
    aggs = search_body(_request())["aggs"]["person"]["aggs"]
    assert aggs["values"]["terms"]["size"] >= 10_000
    assert FACET_TOTAL not in aggs and FACET_SELECTED not in aggs


def _bucket(key: str, articles: int, stories: int | None = None) -> dict:
    bucket = {"key": key, "doc_count": articles}
    if stories is not None:
        bucket[STORIES_AGG] = {"value": stories}
    return bucket


def _response(values: list[dict], selected: list[dict], total: int) -> dict:
    return {
        "hits": {"total": {"value": 30, "relation": "eq"}, "hits": []},
        "aggregations": {
            "person": {
                "doc_count": 30,
                "values": {"buckets": values},
                FACET_SELECTED: {"buckets": selected},
                FACET_TOTAL: {"value": total},
            }
        },
    }


def test_the_outcome_lists_the_head_then_the_chosen_values_beyond_it_and_the_total():
    request = _request(facet_limits={"person": 2}, filters={"person": ["5", "9"]})
    response = _response(
        [_bucket("9", 12), _bucket("3", 20)], [_bucket("9", 12), _bucket("5", 1)], total=57
    )
    outcome = outcome_from_response(request, response, 0)
    assert outcome.facets["person"] == [("3", 20), ("9", 12), ("5", 1)]
    assert outcome.facet_totals["person"] == 57


def test_without_a_total_in_the_response_the_values_listed_are_counted():
    outcome = outcome_from_response(
        _request(), {"aggregations": {"person": {"values": {"buckets": [_bucket("3", 2)]}}}}, 0
    )
    assert outcome.facet_totals["person"] == 1


def test_collapsed_the_chosen_values_count_stories_too_and_stay_after_the_head():
    request = _request(facet_limits={"person": 2}, filters={"person": ["5"]}, collapse=True)
    aggs = collapsed_body(search_body(request))["aggs"]["person"]["aggs"]
    for part in ("values", FACET_SELECTED):
        assert aggs[part]["aggs"][STORIES_AGG]["cardinality"]["field"] == STORY_FIELD
        assert aggs[part]["terms"]["order"] == {STORIES_AGG: "desc"}
    response = _response(
        [_bucket("3", 20, stories=8), _bucket("9", 12, stories=10)],
        [_bucket("5", 15, stories=4)],
        total=57,
    )
    outcome = collapsed_outcome(outcome_from_response(request, response, 0), response)
    # Stories order the head; the chosen value keeps its place after it.
    assert outcome.facets["person"] == [("9", 10), ("3", 8), ("5", 4)]
    assert outcome.facet_totals["person"] == 57
