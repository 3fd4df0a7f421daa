"""The haystack backend's writes and reads against a fake client: no server, no network."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from haystack import connections
from haystack.backends import elasticsearch_backend as haystack_es

from arabic_text import analyze
from archive.models import Article
from search.backends.base import SearchRequest
from search.backends.elasticsearch import ArabicElasticsearchSearchBackend
from search.backends.elasticsearch import backend as es_backend
from search.query import query_parse

ROOT = Path(__file__).resolve().parents[4]


class FakeIndices:
    def __init__(self):
        self.refreshed = []

    def refresh(self, index):
        self.refreshed.append(index)


class FakeClient:
    """Serves ``_search`` from article ids in index order, as Elasticsearch pages them."""

    def __init__(self, ids=()):
        self.ids = list(ids)
        self.bodies = []
        self.indices = FakeIndices()

    def search(self, index, body):
        self.bodies.append(body.copy())
        start = body["from"]
        if "search_after" in body:
            start = self.ids.index(body["search_after"][0]) + 1
        page = self.ids[start : start + body["size"]]
        hits = [{"_id": f"archive.article.{pk}", "_score": 1.0, "sort": [pk]} for pk in page]
        return {"hits": {"total": {"value": len(self.ids), "relation": "eq"}, "hits": hits}}


@pytest.fixture
def backend(db):
    backend = ArabicElasticsearchSearchBackend(
        "default", URL="http://127.0.0.1:9", INDEX_NAME="archive-test-no-server"
    )
    backend.setup_complete = True
    return backend


def test_indexed_document_carries_the_archive_terms_of_the_seed(backend, seeds, monkeypatch):
    sent = []
    monkeypatch.setattr(haystack_es, "bulk", lambda conn, docs, index: sent.extend(docs))
    backend.conn = FakeClient()
    article = seeds.articles["003"]
    index = connections["default"].get_unified_index().get_index(Article)
    backend.update(index, [article])
    [doc] = sent
    assert doc["article_id"] == article.pk
    assert doc["text_terms"].split() == analyze(f"{article.title}\n{article.body}")
    assert doc["title_terms"].split() == analyze(article.title)
    assert doc["person"] == sorted(
        (str(seeds.entities[key].pk) for key in ("kazimi", "lavrov", "putin")), key=int
    )
    assert doc["source"] == str(seeds.sources["tass"].pk)
    assert doc["published_on"].startswith("2020-11-25")
    assert backend.conn.indices.refreshed == ["archive-test-no-server"]


def test_a_page_past_the_end_serves_the_last_page(backend):
    backend.conn = FakeClient(ids=[9, 8, 7, 6, 5])
    outcome = backend.execute(SearchRequest(offset=40, limit=2))
    assert outcome.count == 5
    assert outcome.offset == 4
    assert outcome.hits == [(5, 1.0)]
    # The counting query keeps the facets; the page query asks for the last page only.
    assert [(body["from"], body["size"]) for body in backend.conn.bodies] == [(40, 2), (4, 2)]


def test_a_page_beyond_the_result_window_is_only_counted_first(backend):
    window = es_backend.MAX_RESULT_WINDOW
    backend.conn = FakeClient(ids=range(window + 50))
    outcome = backend.execute(SearchRequest(offset=window, limit=20))
    assert outcome.count == window + 50
    assert outcome.offset == window - 20
    assert [(body["from"], body["size"]) for body in backend.conn.bodies] == [
        (0, 0),
        (window - 20, 20),
    ]


def test_every_id_is_read_in_batches_after_the_last_sort_key(backend, monkeypatch):
    monkeypatch.setattr(es_backend, "SCROLL_BATCH", 2)
    backend.conn = FakeClient(ids=[9, 8, 7, 6, 5])
    assert list(backend.iter_article_ids(SearchRequest())) == [9, 8, 7, 6, 5]
    assert [body.get("search_after") for body in backend.conn.bodies] == [None, [8], [6]]
    assert all(body["track_total_hits"] is False for body in backend.conn.bodies)


def test_elasticsearch_url_in_the_environment_selects_the_arabic_engine():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ELASTICSEARCH_URL": "http://127.0.0.1:9",
        "DJANGO_ELASTICSEARCH_INDEX": "archive-probe",
    }
    code = (
        "import django; django.setup();"
        "from haystack import connections;"
        "b = connections['default'].get_backend();"
        "print(type(b).__name__, b.index_name)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ArabicElasticsearchSearchBackend", "archive-probe"]


def test_a_page_past_the_end_keeps_the_count_of_results_with_all_the_words(backend):
    class Counting(FakeClient):
        def search(self, index, body):
            response = super().search(index, body)
            if "aggs" in body:
                response["aggregations"] = {"all_words": {"doc_count": 2}}
            return response

    parsed = query_parse("مركز تبادل المعلومات الاستخباراتية في بغداد")
    backend.conn = Counting(ids=[9, 8, 7, 6, 5])
    request = SearchRequest(query=parsed.query, all_words=parsed.all_words, offset=40, limit=2)
    outcome = backend.execute(request)
    assert (outcome.count, outcome.all_words_count, outcome.offset) == (5, 2, 4)
