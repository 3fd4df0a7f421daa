"""Elasticsearch responses as the outcome the Whoosh backend gives, without a server."""

from search.backends.base import SearchRequest
from search.backends.elasticsearch import outcome_from_response, search_body
from search.backends.elasticsearch.query import ALL_WORDS_AGG
from search.query import query_parse


def test_response_becomes_the_same_outcome_the_whoosh_backend_gives():
    request = SearchRequest(facet_fields=("person",), limit=2)
    response = {
        "hits": {
            "total": {"value": 3, "relation": "eq"},
            "hits": [
                {"_id": "archive.article.7", "_score": 1.5, "_source": {"django_id": "7"}},
                {"_id": "archive.article.5", "_score": 1.2, "_source": {"django_id": "5"}},
            ],
        },
        "aggregations": {
            "person": {
                "doc_count": 3,
                "values": {"buckets": [{"key": "4", "doc_count": 1}, {"key": "9", "doc_count": 3}]},
            }
        },
    }
    outcome = outcome_from_response(request, response, 0)
    assert outcome.count == 3
    assert outcome.hits == [(7, 1.5), (5, 1.2)]
    assert outcome.facets == {"person": [("9", 3), ("4", 1)]}


def test_hit_without_source_gives_the_id_from_the_document_id():
    response = {"hits": {"total": 1, "hits": [{"_id": "archive.article.12", "_score": None}]}}
    outcome = outcome_from_response(SearchRequest(), response, 0)
    assert outcome.count == 1
    assert outcome.hits == [(12, None)]


def test_month_facet_counts_publication_months_of_the_results_as_whoosh_keys_them():
    request = SearchRequest(filters={"source": ["3"]}, facet_fields=("year", "month"))
    body = search_body(request)
    month = body["aggs"]["month"]
    assert month["filter"] == {"bool": {"filter": [{"terms": {"source": ["3"]}}]}}
    assert month["aggs"]["values"]["date_histogram"] == {
        "field": "published_on",
        "calendar_interval": "month",
        "format": "yyyyMM",
        "min_doc_count": 1,
    }
    response = {
        "hits": {"total": {"value": 3, "relation": "eq"}, "hits": []},
        "aggregations": {
            "year": {"values": {"buckets": [{"key": "2021", "doc_count": 3}]}},
            "month": {
                "values": {
                    "buckets": [
                        {"key_as_string": "202104", "key": 1617235200000, "doc_count": 1},
                        {"key_as_string": "202111", "key": 1635724800000, "doc_count": 2},
                    ]
                }
            },
        },
    }
    outcome = outcome_from_response(request, response, 0)
    assert outcome.facets["month"] == [("202111", 2), ("202104", 1)]
    assert outcome.facets["year"] == [("2021", 3)]


def test_the_count_of_results_with_all_the_words_is_read_from_its_aggregation():
    parsed = query_parse("مركز تبادل المعلومات الاستخباراتية في بغداد")
    request = SearchRequest(query=parsed.query, all_words=parsed.all_words, limit=2)
    response = {
        "hits": {"total": {"value": 9, "relation": "eq"}, "hits": []},
        "aggregations": {ALL_WORDS_AGG: {"doc_count": 4}},
    }
    assert outcome_from_response(request, response, 0).all_words_count == 4
    # Without groups there is no such count.
    assert outcome_from_response(SearchRequest(), response, 0).all_words_count is None
