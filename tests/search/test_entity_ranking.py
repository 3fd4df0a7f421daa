"""A query naming an entity ranks the articles about it above those mentioning it in passing.

Every article that mentions the entity matches (``query_for``); its one-word names then score
in the text and the title (``SEARCH_ENTITY_WEIGHT``), so an English query (``Lavrov``) ranks
the Arabic articles by how much they are about him, not by their ids.
"""

import pytest
from haystack import connections
from whoosh import query as wq

from archive.models import Article, Mention
from search.backends.base import SearchRequest
from search.backends.whoosh.executor import ordered_docnums, query_docs
from search.query_scoring import entity_score_query
from search.selectors import query_for, search_execute
from tests.factories import article_create, entity_create

FILLER = "وقالت مصادر إن الاجتماع تناول ملفات عدة منها التجارة والطاقة والتعليم والصحة. "


@pytest.fixture
def lavrov_archive(db, search_index):
    lavrov = entity_create(aliases=["لافروف", "Lavrov"])
    passing = article_create(
        title="اجتماع وزراء الطاقة في بغداد",
        body=FILLER * 3 + "وكان سيرغي لافروف قد زار المنطقة العام الماضي.",
    )
    central = article_create(
        title="لافروف يصل إلى بغداد",
        body=f"وصل وزير الخارجية الروسي لافروف إلى بغداد. {FILLER}وقال لافروف إن الزيارة مهمة.",
    )
    Mention.objects.create(article=passing, entity=lavrov, count=1)
    Mention.objects.create(article=central, entity=lavrov, count=3)
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())
    return {"passing": passing.pk, "central": central.pk}


@pytest.mark.parametrize("text", ["Lavrov", "لافروف"])
def test_the_article_about_the_entity_ranks_first(lavrov_archive, text):
    results = search_execute(params={"q": text})
    assert results.entity is not None
    ranked = [hit.article.pk for hit in results.hits]
    assert ranked == [lavrov_archive["central"], lavrov_archive["passing"]]


def test_without_the_entity_weight_an_english_name_ranks_by_id(lavrov_archive, settings):
    """Neither article holds the word "Lavrov": both match by the mention alone and tie."""
    settings.SEARCH_ENTITY_WEIGHT = 0
    results = search_execute(params={"q": "Lavrov"})
    ranked = [hit.article.pk for hit in results.hits]
    assert ranked == [lavrov_archive["passing"], lavrov_archive["central"]]


def test_entity_clauses_take_the_best_one_word_name_in_text_and_title(settings):
    settings.SEARCH_ENTITY_WEIGHT = 1.5
    clauses = entity_score_query(["سيرغي لافروف", "لافروف", "Lavrov", "Сергей Лавров"])
    assert [type(clause) for clause in clauses] == [wq.DisjunctionMax, wq.DisjunctionMax]
    text, title = clauses
    assert [(t.fieldname, t.text, t.boost) for t in text.subqueries] == [
        ("text", "lavrov", 1.5),
        ("text", "لافروف", 1.5),
    ]
    assert {t.fieldname for t in title.subqueries} == {"title"}


def test_no_entity_clauses_for_names_of_several_words_only_or_a_zero_weight(settings):
    assert entity_score_query(["سيرغي لافروف", "Sergey Lavrov"]) == []
    settings.SEARCH_ENTITY_WEIGHT = 0
    assert entity_score_query(["لافروف"]) == []


@pytest.mark.parametrize("text", ["Lavrov", "لافروف"])
def test_entity_scores_equal_whooshs_own(lavrov_archive, text):
    parsed, entity = query_for({"q": text})
    assert entity is not None
    cache = connections["default"].get_backend().searcher_cache()
    docs = query_docs(parsed.query, cache)
    request = SearchRequest(query=parsed.query, score_query=parsed.score_query)
    fast = ordered_docnums(request, cache, docs, len(docs))
    results = cache.searcher.search(parsed.score_query, limit=None, filter=docs, optimize=False)
    whoosh = [(docnum, score) for score, docnum in results.top_n]
    assert [doc for doc, _score in fast] == [doc for doc, _score in whoosh]
    for (_doc, mine), (_same, theirs) in zip(fast, whoosh, strict=True):
        assert mine == pytest.approx(theirs, rel=1e-12)
