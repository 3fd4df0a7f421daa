"""Equal scores and equal dates are ordered by article id, whatever order the index was built in.

The documented order (and the Elasticsearch backend's): by relevance, the lower article id
first among equal scores; by date, the higher article id first among equal dates, undated
articles last. A rebuild or a restore numbers the index documents differently; the order of
results must not follow those numbers.
"""

from datetime import date

import pytest
from haystack import connections

from archive.models import Article
from search.backends.base import SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE, SearchRequest
from search.query import query_parse
from tests.factories import article_create

SAME_DAY = date(2015, 8, 1)
BODY = "وزير الخارجية الروسي سيرغي لافروف يزور بغداد"


@pytest.fixture
def tied(db, search_index):
    """Six articles with the same text: four on one day, one a day later, one undated."""
    articles = [
        article_create(title=f"زيارة {n}", body=BODY, published_on=SAME_DAY) for n in range(4)
    ]
    articles.append(article_create(title="زيارة 4", body=BODY, published_on=date(2015, 8, 2)))
    articles.append(article_create(title="زيارة 5", body=BODY, published_on=None))
    return [article.pk for article in articles]


def _rebuild(order: list[int]) -> None:
    """The whole index rebuilt with the articles written in ``order``."""
    backend = connections["default"].get_backend()
    index = connections["default"].get_unified_index().get_index(Article)
    by_pk = Article.objects.in_bulk(order)
    backend.rebuild(index, [[by_pk[pk] for pk in order]])


def _ids(sort: str, text: str = "لافروف", limit: int = 20) -> list[int]:
    parsed = query_parse(text)
    request = SearchRequest(
        query=parsed.query, score_query=parsed.score_query, sort=sort, limit=limit
    )
    backend = connections["default"].get_backend()
    return [pk for pk, _score in backend.execute(request).hits]


def _browse(sort: str, limit: int = 20) -> list[int]:
    backend = connections["default"].get_backend()
    return [pk for pk, _score in backend.execute(SearchRequest(sort=sort, limit=limit)).hits]


@pytest.mark.parametrize("order", ["as created", "reversed"])
def test_equal_scores_list_the_lower_article_id_first(tied, order):
    _rebuild(tied if order == "as created" else tied[::-1])
    ranked = _ids(SORT_RELEVANCE)
    # Titles differ only by a digit: every article scores the same for the body's word.
    assert ranked == sorted(tied)


@pytest.mark.parametrize("order", ["as created", "reversed"])
def test_newest_first_breaks_ties_by_the_higher_article_id_and_ends_with_undated(tied, order):
    _rebuild(tied if order == "as created" else tied[::-1])
    same_day, next_day, undated = tied[:4], tied[4], tied[5]
    expected = [next_day, *sorted(same_day, reverse=True), undated]
    assert _ids(SORT_NEWEST) == expected
    assert _browse(SORT_NEWEST) == expected


@pytest.mark.parametrize("order", ["as created", "reversed"])
def test_oldest_first_breaks_ties_by_the_higher_article_id_and_ends_with_undated(tied, order):
    _rebuild(tied if order == "as created" else tied[::-1])
    same_day, next_day, undated = tied[:4], tied[4], tied[5]
    expected = [*sorted(same_day, reverse=True), next_day, undated]
    assert _ids(SORT_OLDEST) == expected
    assert _browse(SORT_OLDEST) == expected


@pytest.mark.parametrize("sort", [SORT_NEWEST, SORT_OLDEST])
def test_a_short_page_and_the_whole_order_agree(tied, sort):
    """A short page is ranked from a heap, a long one by walking the date order: both paths
    give the same order."""
    _rebuild(tied[::-1])
    whole = _ids(sort)
    assert [_ids(sort, limit=n)[:n] for n in (1, 2, 3)] == [whole[:1], whole[:2], whole[:3]]
