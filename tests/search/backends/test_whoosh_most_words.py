"""Most-of-the-words matching on the Whoosh fast paths, against Whoosh's own answers.

Whoosh's matchers ignore an OR's ``minmatch``, so the expected documents are counted here
from Whoosh's documents for each word; the expected order is Whoosh's own BM25F ranking of
each group (all the words, then only some). The fast paths must give both without calling
Whoosh's matchers.
"""

import pytest
from haystack import connections
from whoosh import query as wq

from search.backends.whoosh import executor
from search.backends.whoosh.scoring import add_scores
from search.query import query_parse
from search.selectors import search_request

# Plain queries of three to six words over the seed articles (each word is in some of them).
QUERIES = [
    "لافروف الكاظمي موسكو",
    "روسيا العراق الإرهاب لافروف",
    "الكاظمي بوتين موسكو بغداد الجعفري",
    "اللجنة العراقية الروسية المشتركة النفط الكهرباء",
]


def _cache():
    return connections["default"].get_backend().searcher_cache()


def _refused(*args, **kwargs):
    raise AssertionError("the fast path fell back to Whoosh's matchers")


def _counted(searcher, query: wq.Or) -> set[int]:
    """Documents holding at least ``minmatch`` of the OR's parts, from Whoosh's own matching."""
    per_part = [set(searcher.docs_for_query(part)) for part in query.subqueries]
    every = set().union(*per_part)
    return {doc for doc in every if sum(doc in part for part in per_part) >= query.minmatch}


def _whoosh_order(searcher, scorer, docs) -> list[tuple[int, float]]:
    if not docs:
        return []
    results = searcher.search(scorer, limit=None, filter=set(docs), optimize=False)
    return [(docnum, score) for score, docnum in results.top_n]


def _without_whoosh(cache, fn):
    searcher = cache.searcher
    searcher.search = searcher.docs_for_query = _refused
    try:
        return fn()
    finally:
        del searcher.search, searcher.docs_for_query


@pytest.mark.parametrize("text", QUERIES)
def test_most_words_match_the_documents_holding_enough_words(seeds, text):
    parsed = query_parse(text)
    assert isinstance(parsed.query, wq.Or) and parsed.query.minmatch >= 2
    cache = _cache()
    expected = _counted(cache.searcher, parsed.query)
    found = _without_whoosh(cache, lambda: executor.query_docs(parsed.query, cache))
    assert found == expected


@pytest.mark.parametrize("text", QUERIES)
def test_results_with_all_words_come_first_each_group_in_whooshs_order(seeds, text):
    parsed = query_parse(text)
    cache = _cache()
    searcher = cache.searcher
    matched = _counted(searcher, parsed.query)
    holding = matched & set(searcher.docs_for_query(parsed.all_words))
    expected = _whoosh_order(searcher, parsed.score_query, holding) + _whoosh_order(
        searcher, parsed.score_query, matched - holding
    )
    request = search_request(params={"q": text}, parsed=parsed, limit=50)
    outcome = _without_whoosh(cache, lambda: executor.execute(request, cache))
    article_ids = cache.article_ids()
    assert [pk for pk, _score in outcome.hits] == [article_ids[doc] for doc, _s in expected]
    for (_pk, mine), (_doc, theirs) in zip(outcome.hits, expected, strict=True):
        assert mine == pytest.approx(theirs, rel=1e-12)
    assert outcome.all_words_count == len(holding)


def test_some_seed_query_has_results_with_only_some_of_its_words(seeds):
    # The two tests above compare both groups only if a second group exists.
    cache = _cache()
    sizes = []
    for text in QUERIES:
        parsed = query_parse(text)
        matched = _counted(cache.searcher, parsed.query)
        sizes.append(
            len(matched) - len(matched & set(cache.searcher.docs_for_query(parsed.all_words)))
        )
    assert max(sizes) > 0


def test_a_page_count_and_facets_are_computed_without_whoosh(seeds):
    text = QUERIES[2]
    parsed = query_parse(text)
    cache = _cache()
    request = search_request(params={"q": text}, parsed=parsed, facet_fields=("source", "year"))
    outcome = _without_whoosh(cache, lambda: executor.execute(request, cache))
    holding = set(cache.searcher.docs_for_query(parsed.all_words))
    assert outcome.count == len(_counted(cache.searcher, parsed.query))
    assert outcome.all_words_count == len(holding & _counted(cache.searcher, parsed.query))
    assert sum(count for _year, count in outcome.facets["year"]) <= outcome.count


def test_an_or_with_minmatch_scores_only_the_documents_it_matches(seeds):
    parsed = query_parse(QUERIES[0])
    cache = _cache()
    every = set(cache.all_docs())
    scores = dict.fromkeys(every, 0.0)
    matching = lambda node: executor.query_docs(node, cache)  # noqa: E731
    _without_whoosh(cache, lambda: add_scores(parsed.query, cache.terms, matching, scores, every))
    expected = _counted(cache.searcher, parsed.query)
    assert {doc for doc, score in scores.items() if score} == expected
    whoosh = dict(_whoosh_order(cache.searcher, wq.Or(parsed.query.subqueries), expected))
    assert {doc: scores[doc] for doc in expected} == pytest.approx(whoosh, rel=1e-12)


@pytest.mark.parametrize(
    ("sets", "required", "expected"),
    [
        ([{1, 2, 3}, {2, 3}, {3, 4}], 2, {2, 3}),
        ([{1, 2, 3}, {2, 3}, {3, 4}], 3, {3}),
        ([{1, 2, 3}, {2, 3}, {3, 4}], 1, {1, 2, 3, 4}),
        ([{1}, {2}], 3, set()),
        ([], 1, set()),
    ],
)
def test_at_least_counts_the_sets_holding_each_document(sets, required, expected):
    before = [set(found) for found in sets]
    assert executor.at_least(sets, required) == expected
    assert sets == before
