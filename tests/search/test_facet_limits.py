"""A facet lists its most frequent values up to the request's limit and reports how many
values it holds; the counts of the values listed are those of the whole list, story counts
when the results are collapsed.

The archive is the seeds with two reprints of seed 003 (one story of three versions) and a
person named in three articles of three stories (000–002): "بوتين" finds all seven
articles. Per person, articles / stories: Putin 7 / 5, al-Kadhimi 6 / 4, Lavrov 4 / 2, the
new person 3 / 3, al-Jaafari 1 / 1. Lavrov has more articles than the new person but fewer
stories.
"""

from dataclasses import replace

import pytest
from haystack import connections

from archive.models import Article, Entity, Mention
from search.backends.base import SearchRequest
from search.query import query_parse
from tests.factories import entity_create
from tests.search.test_story_search import versions_create

PERSON = Entity.Kind.PERSON
QUERY = "بوتين"


@pytest.fixture
def archive(seeds):
    versions_create(seeds)
    hamdani = entity_create(kind=PERSON, name="محمد الحمداني", name_en="", name_ru="")
    for number in ("000", "001", "002"):
        Mention.objects.create(article=seeds.articles[number], entity=hamdani, count=1)
    index = connections["default"].get_unified_index().get_index(Article)
    connections["default"].get_backend().update(index, index.index_queryset())
    return {**{key: entity.pk for key, entity in seeds.entities.items()}, "hamdani": hamdani.pk}


def _persons(archive, *, collapse: bool, limit: int | None = None, chosen=()):
    request = SearchRequest(
        query=query_parse(QUERY).query,
        facet_fields=("person", "source"),
        collapse=collapse,
        filters={"person": [str(archive[key]) for key in chosen]} if chosen else {},
        facet_limits={} if limit is None else {"person": limit},
    )
    outcome = connections["default"].get_backend().execute(request)
    names = {str(pk): key for key, pk in archive.items()}
    listed = [(names[value], count) for value, count in outcome.facets["person"]]
    return listed, outcome.facet_totals["person"], outcome


def test_every_value_is_listed_without_a_limit(archive):
    listed, total, _outcome = _persons(archive, collapse=False)
    assert listed == [("putin", 7), ("kazimi", 6), ("lavrov", 4), ("hamdani", 3), ("jaafari", 1)]
    assert total == 5


def test_a_limited_facet_lists_its_most_frequent_values_and_counts_them_all(archive):
    listed, total, outcome = _persons(archive, collapse=False, limit=3)
    assert listed == [("putin", 7), ("kazimi", 6), ("lavrov", 4)]
    assert total == 5
    # A facet without a limit lists every value, and its total is their number.
    assert outcome.facet_totals["source"] == len(outcome.facets["source"]) == 4


def test_collapsed_the_head_is_the_values_with_the_most_stories(archive):
    every, total, _outcome = _persons(archive, collapse=True)
    assert every == [("putin", 5), ("kazimi", 4), ("hamdani", 3), ("lavrov", 2), ("jaafari", 1)]
    assert total == 5
    # Lavrov has more articles than al-Hamdani, but fewer stories: he is not in the head.
    listed, total, _outcome = _persons(archive, collapse=True, limit=3)
    assert listed == every[:3]
    assert total == 5


@pytest.mark.parametrize("collapse", [False, True])
def test_a_chosen_value_beyond_the_head_is_listed_after_it_with_its_count(archive, collapse):
    every, _total, _outcome = _persons(archive, collapse=collapse, chosen=["jaafari"])
    listed, total, _outcome = _persons(archive, collapse=collapse, limit=2, chosen=["jaafari"])
    assert listed == [*every[:2], ("jaafari", 1)]
    assert total == 5


@pytest.mark.parametrize("collapse", [False, True])
def test_each_limit_lists_the_head_of_the_full_list_with_the_same_counts(archive, collapse):
    every, _total, _outcome = _persons(archive, collapse=collapse)
    for limit in range(1, 7):
        listed, total, _outcome = _persons(archive, collapse=collapse, limit=limit)
        assert listed == every[:limit]
        assert total == len(every)


def test_a_limit_changes_nothing_but_the_values_listed(archive):
    _listed, _total, limited = _persons(archive, collapse=True, limit=1)
    _listed, _total, full = _persons(archive, collapse=True)
    assert limited.hits and limited.count == 5
    assert replace(limited, facets={}) == replace(full, facets={})
