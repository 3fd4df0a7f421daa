"""The backend's fast paths give what Whoosh's own matchers give, on the seed articles.

Matching (terms, AND, OR, NOT, phrases) runs as set operations on posting blocks, ranking
computes Whoosh's BM25F from the same weights and field lengths, and date sorts walk a
precomputed order: each is compared here with Whoosh's own answer for the same query.
"""

import pytest
from haystack import connections
from whoosh import query as wq

from archive.models import Article
from search.backends.whoosh.executor import ordered_docnums, query_docs
from search.query import query_parse
from search.selectors import FACET_FIELDS, search_request
from tests.factories import article_create
from tests.search.conftest import seed_title_body

QUERIES = [
    "الارهاب",
    "موسكو بغداد",
    "روسيا OR موسكو",
    "العراق -الارهاب",
    "العراق NOT موسكو",
    '"اللجنة العراقية الروسية المشتركة"',
    '"الروسية العراقية"',
    '"وزير الخارجية" روسيا',
    "title:لافروف",
    "(روسيا OR موسكو) بغداد",
]


def _backend():
    return connections["default"].get_backend()


def _whoosh_ranking(backend, query: str) -> list[tuple[int, float]]:
    """(document number, score) by Whoosh's own search, without its block-skipping shortcut."""
    parsed = query_parse(query)
    searcher = backend.searcher_cache().searcher
    matched = set(searcher.docs_for_query(parsed.query))
    results = searcher.search(parsed.score_query, limit=None, filter=matched, optimize=False)
    return [(docnum, score) for score, docnum in results.top_n]


def _whoosh_refused(*args, **kwargs):
    raise AssertionError("the fast path fell back to Whoosh's matchers")


def _fast_ranking(backend, query: str) -> list[tuple[int, float]]:
    parsed = query_parse(query)
    request = search_request(params={"q": query}, parsed=parsed, limit=50)
    cache = backend.searcher_cache()
    searcher = cache.searcher
    # Prove the fast paths ran: Whoosh's own search and matching are unavailable meanwhile.
    searcher.search = searcher.docs_for_query = _whoosh_refused
    try:
        docs = query_docs(parsed.query, cache)
        return ordered_docnums(request, cache, docs, len(docs))
    finally:
        del searcher.search, searcher.docs_for_query


def _assert_same_ranking(backend, query):
    fast, whoosh = _fast_ranking(backend, query), _whoosh_ranking(backend, query)
    assert [doc for doc, _score in fast] == [doc for doc, _score in whoosh]
    for (_doc, mine), (_same, theirs) in zip(fast, whoosh, strict=True):
        assert mine == pytest.approx(theirs, rel=1e-12)


@pytest.mark.parametrize("query", QUERIES)
def test_matching_and_ranking_equal_whooshs_own(seeds, query):
    backend = _backend()
    parsed = query_parse(query)
    cache = backend.searcher_cache()
    assert query_docs(parsed.query, cache) == set(cache.searcher.docs_for_query(parsed.query))
    _assert_same_ranking(backend, query)


def test_a_phrase_matches_only_its_words_in_order(seeds):
    backend = _backend()
    cache = backend.searcher_cache()
    in_order = wq.Phrase("text", query_parse('"العراقية الروسية"').query.words)
    reversed_words = wq.Phrase("text", list(reversed(in_order.words)))
    assert query_docs(in_order, cache) == set(cache.searcher.docs_for_query(in_order))
    assert query_docs(reversed_words, cache) == set(cache.searcher.docs_for_query(reversed_words))
    assert query_docs(in_order, cache)


def test_a_phrase_after_a_search_for_its_words_alone_matches_whooshs_phrase(seeds):
    """Words are read without their positions until a phrase needs them."""
    backend = _backend()
    cache = backend.searcher_cache()
    cache.terms.clear()
    words = query_parse('"اللجنة العراقية الروسية المشتركة"').query.words
    for word in words:
        query_docs(wq.Term("text", word), cache)
    phrase = wq.Phrase("text", words)
    expected = set(cache.searcher.docs_for_query(phrase))
    # The positions come from the fast path, not from a fall-back to Whoosh's matchers.
    cache.searcher.search = cache.searcher.docs_for_query = _whoosh_refused
    try:
        found = query_docs(phrase, cache)
    finally:
        del cache.searcher.search, cache.searcher.docs_for_query
    assert found
    assert found == expected


def test_fast_paths_hold_over_several_segments_with_a_deleted_document(seeds):
    backend = _backend()
    index = connections["default"].get_unified_index().get_index(Article)
    title, body = seed_title_body("003")
    extra = [
        article_create(title=f"{title} ({n})", body=f"{body}\n({n})", published_on=None)
        for n in range(2)
    ]
    backend.update(index, extra)  # a second segment
    backend.remove(seeds.articles["000"])  # a deletion in the first
    assert len(backend.searcher_cache().searcher.reader().leaf_readers()) >= 2
    for query in QUERIES:
        _assert_same_ranking(backend, query)
    found = backend.execute(search_request(params={}, parsed=query_parse("الارهاب"), limit=20))
    ids = {pk for pk, _score in found.hits}
    assert seeds.articles["000"].pk not in ids
    assert {article.pk for article in extra} <= ids


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_paging_one_result_at_a_time_gives_the_order_of_one_page(seeds, sort):
    backend = _backend()
    parsed = query_parse("")
    whole = backend.execute(search_request(params={"sort": sort}, parsed=parsed, limit=5))
    one_by_one = [
        backend.execute(
            search_request(params={"sort": sort}, parsed=parsed, offset=n, limit=1)
        ).hits[0]
        for n in range(5)
    ]
    assert one_by_one == whole.hits
    dates = [Article.objects.get(pk=pk).published_on for pk, _score in whole.hits]
    dated = [day for day in dates if day]
    assert dated == sorted(dated, reverse=sort == "newest")
    assert dates[-2:] == [None, None]  # undated articles last in both directions


def test_a_word_searched_again_after_the_index_changed_finds_the_new_article(seeds):
    backend = _backend()
    parsed = query_parse("كوبينكا")
    before = backend.execute(search_request(params={}, parsed=parsed)).count
    title, body = seed_title_body("002")
    article = article_create(title=f"{title} (2)", body=f"{body}\n(2)", published_on=None)
    backend.update(connections["default"].get_unified_index().get_index(Article), [article])
    after = backend.execute(search_request(params={}, parsed=parsed))
    assert after.count == before + 1
    assert article.pk in {pk for pk, _score in after.hits}


def test_facet_values_dates_and_live_documents_over_several_segments_equal_whooshs(seeds):
    backend = _backend()
    index = connections["default"].get_unified_index().get_index(Article)
    title, body = seed_title_body("004")
    day = next(article.published_on for article in seeds.articles.values() if article.published_on)
    extra = [
        article_create(title=f"{title} ({n})", body=f"{body}\n({n})", published_on=published)
        for n, published in enumerate([None, day, day], start=2)  # undated, and two ties
    ]
    backend.update(index, extra)  # a second segment
    backend.remove(seeds.articles["003"])  # a deletion in the first
    cache = backend.searcher_cache()
    reader = cache.searcher.reader()
    assert len(reader.leaf_readers()) >= 2 and reader.has_deletions()

    assert cache.all_docs() == frozenset(reader.all_doc_ids())
    for name in FACET_FIELDS:
        whoosh = {
            term.decode(): frozenset(reader.postings(name, term).all_ids())
            for term in reader.lexicon(name)
        }
        assert cache.postings(name) == {term: docs for term, docs in whoosh.items() if docs}
        column = cache.values_of(name)
        for doc in range(reader.doc_count_all()):
            assert set(column[doc]) == {term for term, docs in whoosh.items() if doc in docs}
    # The extracted entities of the seeds give the facets something to hold.
    assert any(cache.postings(name) for name in ("person", "place"))

    date_field = backend.date_field_name
    missing = cache.searcher.schema[date_field].column_type.default_value()
    whoosh_dates = [
        0 if key == missing else key
        for leaf, _offset in reader.leaf_readers()
        for key in leaf.column_reader(date_field, translate=False)
    ]
    assert cache.date_keys() == whoosh_dates
    assert 0 in whoosh_dates and any(whoosh_dates)  # the new article has no date

    # Newest or oldest first, ties by the higher number first, undated last.
    live = sorted(reader.all_doc_ids())
    dated = [doc for doc in live if whoosh_dates[doc]]
    undated = sorted((doc for doc in live if not whoosh_dates[doc]), reverse=True)
    newest = sorted(dated, key=lambda doc: (whoosh_dates[doc], doc), reverse=True)
    oldest = sorted(dated, key=lambda doc: (whoosh_dates[doc], -doc))
    assert len(dated) > len(set(whoosh_dates[doc] for doc in dated))  # there are ties
    assert cache.date_order(oldest=False) == newest + undated
    assert cache.date_order(oldest=True) == oldest + undated
