"""The Elasticsearch backend against a real server: same answers as the Whoosh backend.

``DJANGO_TEST_ELASTICSEARCH_URL=http://127.0.0.1:9200 pytest tests/contract`` runs them;
without the variable every test is reported as skipped, with the reason. Each test works in
its own throwaway index, deleted afterwards.
"""

import os
import uuid
from dataclasses import replace
from datetime import date

import pytest
from haystack import connections

from archive.models import Article
from search.backends.base import DAY_FACET, MONTH_FACET
from search.backends.elasticsearch import ARABIC_ANALYZER, ArabicElasticsearchSearchBackend
from search.query import query_parse
from search.selectors import FACET_FIELDS, search_request
from tests.search.conftest import seeds_create

ELASTICSEARCH_URL = os.environ.get("DJANGO_TEST_ELASTICSEARCH_URL", "")

pytestmark = pytest.mark.skipif(
    not ELASTICSEARCH_URL,
    reason="DJANGO_TEST_ELASTICSEARCH_URL is not set: no Elasticsearch server to test against",
)

QUERIES = (
    "",
    "الارهاب",
    "الإرهاب",
    '"اللجنة العراقية الروسية المشتركة"',
    "روسيا OR موسكو",
    "روسيا -داعش",
    "-داعش",
    "title:لافروف",
    "بموسكو",
    "العراقـية",
    "Lavrov",
)


@pytest.fixture
def whoosh():
    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


@pytest.fixture
def elastic():
    backend = ArabicElasticsearchSearchBackend(
        "default",
        URL=ELASTICSEARCH_URL,
        INDEX_NAME=f"archive-contract-{uuid.uuid4().hex[:12]}",
    )
    yield backend
    backend.clear()


@pytest.fixture
def seeds(db, whoosh, elastic):
    created = seeds_create()
    index = connections["default"].get_unified_index().get_index(Article)
    for backend in (whoosh, elastic):
        backend.update(index, index.index_queryset())
    return created


def _request(q: str, **params):
    parsed = query_parse(q)
    return search_request(params={"q": q, **params}, parsed=parsed, limit=20)


def _tokens(elastic, text: str) -> list[str]:
    response = elastic.conn.indices.analyze(
        index=elastic.index_name, body={"analyzer": ARABIC_ANALYZER, "text": text}
    )
    return [token["token"] for token in response["tokens"]]


def test_server_accepts_the_settings_and_the_arabic_analyzer_normalizes(elastic, seeds):
    assert _tokens(elastic, "والإرهاب") == _tokens(elastic, "الارهاب")
    assert _tokens(elastic, "العراقـية") == _tokens(elastic, "العراقيه")
    assert _tokens(elastic, "مسؤول") == _tokens(elastic, "مسئول")
    assert _tokens(elastic, "على") == []
    assert _tokens(elastic, "علي") == ["علي"]
    assert _tokens(elastic, "وبوتين") == ["بوتين"]
    assert _tokens(elastic, "٢٠٢١") == ["2021"]


def test_mapping_on_the_server_keeps_facets_as_keywords(elastic, seeds):
    mapping = elastic.conn.indices.get_mapping(index=elastic.index_name)
    properties = mapping[elastic.index_name]["mappings"]["properties"]
    for name in FACET_FIELDS:
        assert properties[name]["type"] == "keyword"
    assert properties["text"]["analyzer"] == ARABIC_ANALYZER


@pytest.mark.parametrize("q", QUERIES)
def test_every_query_finds_the_same_articles_and_facets_as_whoosh(whoosh, elastic, seeds, q):
    request = _request(q)
    expected, got = whoosh.execute(request), elastic.execute(request)
    assert got.count == expected.count
    assert {pk for pk, _ in got.hits} == {pk for pk, _ in expected.hits}
    assert got.facets == expected.facets


def test_facet_filters_and_dates_narrow_like_whoosh(whoosh, elastic, seeds):
    lavrov, moscow = seeds.entities["lavrov"].pk, seeds.entities["moscow"].pk
    request = _request("", person=[lavrov], place=[moscow], year=2020)
    expected, got = whoosh.execute(request), elastic.execute(request)
    assert got.count == expected.count == 1
    assert got.hits[0][0] == expected.hits[0][0] == seeds.articles["003"].pk
    assert got.facets == expected.facets


def test_month_counts_of_a_year_match_whoosh(whoosh, elastic, seeds):
    request = replace(_request("", year=2021), facet_fields=(*FACET_FIELDS, MONTH_FACET))
    expected, got = whoosh.execute(request), elastic.execute(request)
    assert expected.facets[MONTH_FACET], "the seeds have articles dated in 2021"
    assert got.facets[MONTH_FACET] == expected.facets[MONTH_FACET]


def test_day_counts_of_a_short_range_match_whoosh(whoosh, elastic, seeds):
    params = {"date_from": date(2020, 11, 1), "date_to": date(2020, 12, 31)}
    request = replace(_request("", **params), facet_fields=(DAY_FACET,))
    expected, got = whoosh.execute(request), elastic.execute(request)
    assert expected.facets[DAY_FACET] == [("20201125", 1)], "seed 003 is dated 2020-11-25"
    assert got.facets[DAY_FACET] == expected.facets[DAY_FACET]


@pytest.mark.parametrize("collapse", [False, True])
def test_limited_facets_list_the_same_head_chosen_values_and_totals_as_whoosh(
    whoosh, elastic, seeds, collapse
):
    jaafari = seeds.entities["jaafari"].pk
    limits = {name: 1 for name in FACET_FIELDS}
    request = replace(_request("", person=[jaafari]), facet_limits=limits, collapse=collapse)
    expected, got = whoosh.execute(request), elastic.execute(request)
    assert len(expected.facets["person"]) == 2, "the head and the chosen person beyond it"
    assert got.facets == expected.facets
    assert got.facet_totals == expected.facet_totals


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_order_and_export_order_match_whoosh(whoosh, elastic, seeds, sort):
    request = _request("", sort=sort)
    assert [pk for pk, _ in elastic.execute(request).hits] == [
        pk for pk, _ in whoosh.execute(request).hits
    ]
    assert list(elastic.iter_article_ids(request)) == list(whoosh.iter_article_ids(request))


def test_a_page_past_the_end_serves_the_last_page(elastic, seeds):
    request = search_request(params={}, parsed=query_parse(""), offset=40, limit=2)
    outcome = elastic.execute(request)
    assert outcome.count == 5
    assert outcome.offset == 4
    assert len(outcome.hits) == 1


def test_removed_article_is_gone_and_versions_follow_the_database(elastic, seeds):
    article = seeds.articles["004"]
    assert elastic.document_count() == 5
    elastic.remove(article)
    assert elastic.document_count() == 4
    assert article.pk not in {pk for pk, _ in elastic.execute(_request("لافروف")).hits}
    versions = elastic.indexed_versions()
    assert set(versions) == {a.pk for a in seeds.articles.values()} - {article.pk}
    assert versions[seeds.articles["003"].pk] == seeds.articles["003"].updated_at.isoformat()
