"""A new searcher after an index change keeps what was built on the segments it shares with
the previous one (facet postings, per-document columns, story keys) and applies deletions:
its answers are those of a searcher that rebuilt everything, and never stale.

Each change goes through the backend as the index worker applies it: an added article is a
new segment; an updated one is a new segment and its old document deleted in an earlier
one; a removed one is a deletion. The answers are compared with those of a cache built from
nothing (``searcher_cache_drop``), and checked on what a reader sees.
"""

from datetime import date

import pytest
from haystack import connections

from archive.models import Article, Mention
from search.backends.base import MONTH_FACET, SearchRequest
from search.backends.whoosh import collapse, internals, searcher_cache
from search.query import query_parse
from tests.factories import article_create, source_create
from tests.search.conftest import Seeds
from tests.search.test_story_search import STORY_WORD, Versions, versions_create

FACETS = ("source", "person", "place", "year", MONTH_FACET)
# "الكاظمي" (al-Kadhimi) is in seeds 000–003 and in the story's versions.
KADHIMI = "الكاظمي"


def _requests(seeds: Seeds) -> list[SearchRequest]:
    putin = str(seeds.entities["putin"].pk)
    requests = []
    for collapsed in (True, False):
        for query in (None, query_parse(KADHIMI).query, query_parse(STORY_WORD).query):
            requests.append(
                SearchRequest(query=query, facet_fields=FACETS, collapse=collapsed, limit=50)
            )
            requests.append(
                SearchRequest(
                    query=query,
                    facet_fields=FACETS,
                    facet_limits={"person": 1, "place": 1},
                    filters={"person": [putin]},
                    collapse=collapsed,
                    limit=50,
                )
            )
    return requests


def _answers(backend, requests) -> list:
    return [backend.execute(request) for request in requests]


def _rebuilt(backend, requests) -> list:
    backend.searcher_cache_drop()
    return _answers(backend, requests)


def _index(articles) -> None:
    index = connections["default"].get_unified_index().get_index(Article)
    connections["default"].get_backend().update(index, articles)


@pytest.fixture
def story(seeds: Seeds) -> Versions:
    versions = versions_create(seeds)
    # One segment holding every article: later changes add segments behind it.
    connections["default"].get_backend().optimize()
    return versions


@pytest.fixture
def backend(story):
    return connections["default"].get_backend()


def _warm(backend, seeds) -> list[SearchRequest]:
    requests = _requests(seeds)
    _answers(backend, requests)
    return requests


def _all(backend, **filters) -> set[int]:
    request = SearchRequest(filters=filters, limit=100)
    return {pk for pk, _score in backend.execute(request).hits}


def _reading(monkeypatch) -> list[str]:
    """The segments whose postings are read from now on."""
    read = []

    def recorded(leaf, fieldname):
        read.append(leaf.segment().segment_id())
        return internals.segment_term_ids(leaf, fieldname)

    monkeypatch.setattr(searcher_cache, "segment_term_ids", recorded)
    monkeypatch.setattr(collapse, "segment_term_ids", recorded)
    return read


def test_an_added_article_is_found_and_counted_without_rebuilding(
    backend, seeds, story, monkeypatch
):
    requests = _warm(backend, seeds)
    before = backend.searcher_cache()
    read = _reading(monkeypatch)
    added = article_create(
        title="الكاظمي يلتقي بوتين في موسكو",
        body="التقى رئيس الوزراء العراقي مصطفى الكاظمي الرئيس الروسي فلاديمير بوتين.",
        published_on=date(2022, 3, 1),
        source=seeds.sources["tass"],
    )
    Mention.objects.create(article=added, entity=seeds.entities["putin"], count=1)
    _index([added])
    reused = _answers(backend, requests)
    cache = backend.searcher_cache()
    assert cache is not before
    # Only the new segment was read: the first one's data were carried over.
    assert cache.layout[: len(before.layout)] == before.layout
    assert set(read) == {cache.layout[-1][0]}
    assert reused == _rebuilt(backend, requests)
    found = backend.execute(SearchRequest(query=query_parse(KADHIMI).query, limit=50))
    assert added.pk in {pk for pk, _score in found.hits}
    assert added.pk in _all(backend, person=[str(seeds.entities["putin"].pk)])
    years = dict(backend.execute(SearchRequest(facet_fields=("year",), limit=0)).facets["year"])
    assert years["2022"] == 1


def test_an_updated_article_leaves_no_stale_value(backend, seeds, story):
    requests = _warm(backend, seeds)
    moved = seeds.articles["000"]
    elaph, tass = seeds.sources["elaph"], seeds.sources["tass"]
    counts = dict(
        backend.execute(SearchRequest(facet_fields=("source",), limit=0)).facets["source"]
    )
    moved.source = tass
    moved.published_on = date(2019, 5, 2)
    moved.save()
    Mention.objects.filter(article=moved, entity=seeds.entities["putin"]).delete()
    _index([moved])
    reused = _answers(backend, requests)
    assert reused == _rebuilt(backend, requests)
    _answers(backend, requests)  # the rebuilt cache, then one more change on top of it
    after = dict(backend.execute(SearchRequest(facet_fields=("source",), limit=0)).facets["source"])
    assert after.get(str(elaph.pk), 0) == counts[str(elaph.pk)] - 1
    assert after[str(tass.pk)] == counts[str(tass.pk)] + 1
    assert moved.pk not in _all(backend, source=[str(elaph.pk)])
    assert moved.pk in _all(backend, source=[str(tass.pk)])
    assert moved.pk not in _all(backend, person=[str(seeds.entities["putin"].pk)])
    assert moved.pk in _all(backend, year=["2019"])
    assert moved.pk not in _all(backend, year=["2021"])


def test_a_removed_article_is_gone_from_results_facets_and_its_story(backend, seeds, story):
    requests = _warm(backend, seeds)
    query = query_parse(STORY_WORD).query
    collapsed = SearchRequest(query=query, facet_fields=FACETS, collapse=True, limit=50)
    first = backend.execute(collapsed)
    assert first.article_count == 3 and first.count == 1
    backend.remove(story.third)
    reused = _answers(backend, requests)
    assert reused == _rebuilt(backend, requests)
    backend.remove(story.second)
    again = backend.execute(collapsed)
    assert again.count == 1 and again.article_count == 1
    assert [pk for pk, _score in again.hits] == [story.first.pk]
    assert again.versions == {}
    assert story.second.pk not in _all(backend)
    assert story.third.pk not in _all(backend)
    sources = dict(again.facets["source"])
    assert sources == {str(story.first.source_id): 1}
    assert _answers(backend, requests) == _rebuilt(backend, requests)


def test_a_new_version_joins_its_story_on_the_next_searcher(backend, seeds, story):
    requests = _warm(backend, seeds)
    query = query_parse(STORY_WORD).query
    collapsed = SearchRequest(query=query, facet_fields=("source",), collapse=True, limit=50)
    fourth = article_create(
        title=story.first.title,
        body=story.first.body,
        published_on=date(2020, 11, 27),
        source=source_create(name="سبوتنيك", name_en="Sputnik"),
    )
    fourth.story = story.story
    fourth.save()
    _index([fourth])
    found = backend.execute(collapsed)
    assert found.count == 1 and found.article_count == 4
    (shown,) = [pk for pk, _score in found.hits]
    assert fourth.pk in found.versions[shown] or shown == fourth.pk
    assert dict(found.facets["source"])[str(fourth.source_id)] == 1
    assert _answers(backend, requests) == _rebuilt(backend, requests)


def test_answers_stay_right_while_whoosh_merges_the_small_segments(backend, seeds, story):
    requests = _warm(backend, seeds)
    layouts = set()
    for step in range(8):
        article = seeds.articles[f"00{step % 5}"]
        article.published_on = date(2018, 1 + step, 1)
        article.save()
        _index([article])
        layouts.add(len(backend.searcher_cache().layout))
        assert _answers(backend, requests) == _rebuilt(backend, requests), step
        assert article.pk in _all(backend, year=["2018"])
    # The small segments were merged at least once on the way (fewer segments than saves).
    assert max(layouts) < 9
    months = backend.execute(SearchRequest(facet_fields=(MONTH_FACET,), limit=0))
    assert sum(n for month, n in months.facets[MONTH_FACET] if month.startswith("2018")) == 5
