"""The Arabic Whoosh backend: schema, segments, searcher reuse, writes that never fail silently."""

import os

import pytest
from django.core.management import call_command
from haystack import connections
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import DATETIME, KEYWORD, TEXT
from whoosh.index import LockError

from arabic_text import analyze
from archive.models import Article
from search.backends.base import SORT_NEWEST, SearchRequest
from search.backends.whoosh.analyzer import ArabicAnalyzer
from search.query import query_parse
from tests.factories import article_create
from tests.search.conftest import seed_title_body


def _terms(backend, fieldname):
    return {term.decode() for term in backend.searcher().reader().lexicon(fieldname)}


def _ids(backend, text):
    parsed = query_parse(text)
    request = SearchRequest(query=parsed.query, score_query=parsed.score_query, limit=50)
    return {pk for pk, _score in backend.execute(request).hits}


def test_text_fields_use_the_arabic_analyzer_and_are_stored_once(search_index):
    schema = search_index.schema
    for name in ("text", "title"):
        fieldtype = schema[name]
        assert isinstance(fieldtype, TEXT)
        assert fieldtype.analyzer == ArabicAnalyzer()
        assert fieldtype.analyzer != StemmingAnalyzer()
        sentence = "وتطلّع العراق إلى مزيد من التعاون في مجال الحرب على الإرهاب"
        assert list(fieldtype.process_text(sentence)) == analyze(sentence)
        assert fieldtype.stored is False
        assert fieldtype.column_type is None  # haystack makes every text field sortable


def test_facet_fields_are_exact_keywords_and_the_date_is_sortable(search_index):
    schema = search_index.schema
    for name in ("person", "organization", "place", "source", "year"):
        assert isinstance(schema[name], KEYWORD)
        assert list(schema[name].process_text("12,7")) == ["12", "7"]
    assert "person_exact" not in schema.names()
    assert isinstance(schema["published_on"], DATETIME)
    assert schema["published_on"].column_type is not None


def test_indexed_terms_are_the_analyzer_terms_of_title_and_body(seeds, search_index):
    title_terms = _terms(search_index, "title")
    text_terms = _terms(search_index, "text")
    assert "لافروف" in title_terms  # seed 004's headline
    assert "ارهاب" in text_terms and "الإرهاب" not in text_terms
    assert title_terms <= text_terms


def test_segments_are_written_as_separate_files_not_compound(seeds, search_index):
    files = os.listdir(search_index.path)
    assert not [name for name in files if name.endswith(".seg")]
    assert [name for name in files if name.endswith(".trm")]


def test_searcher_is_reused_until_the_index_changes(seeds, search_index):
    first = search_index.searcher()
    assert search_index.searcher() is first
    article = article_create(title="وزير الخارجية الروسي في بغداد", body="زيارة رسمية إلى بغداد.")
    search_index.update(connections["default"].get_unified_index().get_index(Article), [article])
    refreshed = search_index.searcher()
    assert refreshed is not first
    assert search_index.searcher() is refreshed
    assert refreshed.doc_count() == 6


def test_remove_deletes_the_document(seeds, search_index):
    article = seeds.articles["004"]
    assert article.pk in _ids(search_index, "لافروف")
    search_index.remove(article)
    assert article.pk not in _ids(search_index, "لافروف")


def test_remove_raises_when_the_index_is_locked_instead_of_failing_silently(seeds, search_index):
    article = seeds.articles["004"]
    search_index.lock_timeout = 0.1
    lock = search_index.index.lock("WRITELOCK")
    assert lock.acquire()
    try:
        with pytest.raises(LockError):
            search_index.remove(article)
    finally:
        lock.release()
    assert article.pk in _ids(search_index, "لافروف")


def test_update_raises_when_the_index_is_locked(seeds, search_index):
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.lock_timeout = 0.1
    lock = search_index.index.lock("WRITELOCK")
    assert lock.acquire()
    try:
        with pytest.raises(LockError):
            search_index.update(index, [seeds.articles["000"]])
    finally:
        lock.release()


def test_clear_empties_the_index_and_open_searchers_notice(seeds, search_index):
    searcher = search_index.searcher()
    assert searcher.doc_count() == 5
    search_index.clear()
    assert search_index.searcher().doc_count() == 0
    assert _ids(search_index, "الكاظمي") == set()


def test_rebuild_index_command_indexes_only_published_articles(seeds, search_index):
    title, body = seed_title_body("002")
    draft = article_create(title=title, body=body + " مسودة", status=Article.Status.DRAFT)
    search_index.clear()
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert search_index.document_count() == 5
    assert draft.pk not in _ids(search_index, "موسكو")
    assert seeds.articles["002"].pk in _ids(search_index, "موسكو")


def test_update_index_command_with_remove_drops_unpublished_articles(seeds, search_index):
    article = seeds.articles["004"]
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    call_command("update_index", remove=True, verbosity=0)
    assert search_index.document_count() == 4
    assert article.pk not in _ids(search_index, "لافروف")


def test_indexed_versions_lists_every_document_with_its_update_time(seeds, search_index):
    versions = search_index.indexed_versions()
    assert set(versions) == seeds.ids("000", "001", "002", "003", "004")
    article = seeds.articles["001"]
    assert versions[article.pk] == article.updated_at.isoformat()


def test_filters_and_date_sort_run_inside_the_backend(seeds, search_index):
    request = SearchRequest(
        filters={"place": [str(seeds.entities["moscow"].pk)]}, sort=SORT_NEWEST, limit=10
    )
    outcome = search_index.execute(request)
    assert outcome.count == 4
    # Dated articles newest first, undated ones last.
    assert [pk for pk, _ in outcome.hits][:2] == [
        seeds.articles["000"].pk,
        seeds.articles["003"].pk,
    ]
