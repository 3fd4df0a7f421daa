"""Ranking that follows the subject: title words and neighbouring query words weigh more.

A plain query's ranking query adds a bonus for each query word in the title and a sloppy
phrase for each pair of neighbouring words (``SEARCH_TITLE_WEIGHT``,
``SEARCH_PROXIMITY_WEIGHT``, ``SEARCH_PROXIMITY_SLOP``); the fast path scores those phrases
as Whoosh's own matchers do.
"""

import pytest
from haystack import connections
from whoosh import query as wq

from archive.models import Article
from search.backends.base import SearchRequest
from search.backends.whoosh.executor import ordered_docnums, query_docs
from search.query import query_parse
from tests.factories import article_create

FILLER = "وقالت مصادر إن الاجتماع تناول ملفات عدة منها التجارة والطاقة والتعليم والصحة"
# The same words, so the same scores but for the bonus: the minister's words side by side
# in one, far apart in the other.
TOGETHER = f"أعلن وزير الخارجية أن الزيارة ناجحة. {FILLER} وأكدت النقل ذلك. {FILLER}"
APART = f"أعلن وزير النقل أن الزيارة ناجحة. {FILLER} وأكدت الخارجية ذلك. {FILLER}"


def _backend():
    return connections["default"].get_backend()


def _indexed(search_index) -> None:
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())


def _ranked_ids(text: str) -> list[int]:
    parsed = query_parse(text)
    request = SearchRequest(query=parsed.query, score_query=parsed.score_query, limit=20)
    return [pk for pk, _score in _backend().execute(request).hits]


def _phrases(node: wq.Query) -> list[wq.Phrase]:
    if isinstance(node, wq.Phrase):
        return [node]
    return [found for sub in node.children() for found in _phrases(sub)]


@pytest.fixture
def proximity(settings):
    """The proximity bonus on (off by default: see ``config/settings.py``)."""
    settings.SEARCH_PROXIMITY_WEIGHT, settings.SEARCH_PROXIMITY_SLOP = 0.5, 3
    return settings


def test_words_together_outrank_the_same_words_apart(db, search_index, proximity):
    apart = article_create(title="زيارة رسمية", body=APART)
    together = article_create(title="زيارة رسمية", body=TOGETHER)
    _indexed(search_index)
    assert _ranked_ids("وزير الخارجية") == [together.pk, apart.pk]


def test_without_the_proximity_bonus_the_lower_id_wins_the_tie(db, search_index, settings):
    """The same two articles tie on their words alone: the bonus made the difference."""
    settings.SEARCH_PROXIMITY_WEIGHT = 0
    apart = article_create(title="زيارة رسمية", body=APART)
    together = article_create(title="زيارة رسمية", body=TOGETHER)
    _indexed(search_index)
    assert _ranked_ids("وزير الخارجية") == [apart.pk, together.pk]


def test_a_title_match_outranks_a_body_match(db, search_index):
    in_body = article_create(title="زيارة رسمية", body=f"{FILLER} لافروف {FILLER}")
    in_title = article_create(title="لافروف في زيارة", body=f"{FILLER} {FILLER}")
    _indexed(search_index)
    assert _ranked_ids("لافروف") == [in_title.pk, in_body.pk]


def test_plain_queries_add_a_phrase_per_pair_of_neighbouring_words(proximity):
    phrases = _phrases(query_parse("مركز تبادل المعلومات الاستخباراتية في بغداد").score_query)
    assert [p.words for p in phrases] == [
        ["مركز", "تبادل"],
        ["تبادل", "معلوم"],
        ["معلوم", "استخبارات"],
        ["استخبارات", "بغداد"],
    ]
    assert {(p.slop, p.boost) for p in phrases} == {(3, 0.5)}


@pytest.mark.parametrize("text", ['"وزير الخارجية"', "وزير OR الخارجية", "title:وزير الخارجية"])
def test_queries_with_syntax_get_no_proximity_phrases(proximity, text):
    assert _phrases(query_parse(text).score_query) == []


def test_a_zero_proximity_weight_adds_no_phrases(settings):
    settings.SEARCH_PROXIMITY_WEIGHT = 0
    assert _phrases(query_parse("وزير الخارجية الروسي").score_query) == []


def _whoosh_ranking(text: str) -> list[tuple[int, float]]:
    """Whoosh's own scores of the documents the fast path matched (Whoosh's matchers ignore
    the ``minmatch`` of a query of three words or more)."""
    parsed = query_parse(text)
    cache = _backend().searcher_cache()
    searcher = cache.searcher
    matched = query_docs(parsed.query, cache)
    results = searcher.search(parsed.score_query, limit=None, filter=matched, optimize=False)
    return [(docnum, score) for score, docnum in results.top_n]


def _refused(*args, **kwargs):
    raise AssertionError("the fast path fell back to Whoosh's matchers")


def _fast_ranking(text: str) -> list[tuple[int, float]]:
    parsed = query_parse(text)
    request = SearchRequest(query=parsed.query, score_query=parsed.score_query, limit=50)
    cache = _backend().searcher_cache()
    searcher = cache.searcher
    searcher.search = searcher.docs_for_query = _refused
    try:
        docs = query_docs(parsed.query, cache)
        return ordered_docnums(request, cache, docs, len(docs))
    finally:
        del searcher.search, searcher.docs_for_query


@pytest.mark.parametrize(("weight", "slop"), [(0.5, 3), (2.0, 1), (1.0, 6)])
@pytest.mark.parametrize(
    "text",
    ["موسكو بغداد", "وزير الخارجية الروسي", "الرئيس الروسي فلاديمير بوتين", "بغداد بغداد موسكو"],
)
def test_proximity_scores_equal_whooshs_own(seeds, settings, weight, slop, text):
    settings.SEARCH_PROXIMITY_WEIGHT, settings.SEARCH_PROXIMITY_SLOP = weight, slop
    assert _phrases(query_parse(text).score_query), "the query has a proximity bonus"
    fast, whoosh = _fast_ranking(text), _whoosh_ranking(text)
    assert [doc for doc, _score in fast] == [doc for doc, _score in whoosh]
    for (_doc, mine), (_same, theirs) in zip(fast, whoosh, strict=True):
        assert mine == pytest.approx(theirs, rel=1e-12)


@pytest.mark.parametrize("text", ["موسكو بغداد", "الرئيس الروسي فلاديمير بوتين"])
def test_the_first_results_are_those_of_the_whole_ranking(seeds, proximity, text):
    """Only documents the bonus could lift among the first ``count`` get it: the first
    ``count`` are still exactly the whole ranking's."""
    whole = _fast_ranking(text)
    parsed = query_parse(text)
    cache = _backend().searcher_cache()
    docs = query_docs(parsed.query, cache)
    request = SearchRequest(query=parsed.query, score_query=parsed.score_query)
    for count in range(1, len(whole)):
        assert ordered_docnums(request, cache, docs, count) == whole[:count]
