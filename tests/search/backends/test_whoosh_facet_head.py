"""A collapsed facet's head: the values with the most stories, found by correcting only the
values with the most articles, is the head of the whole list corrected value by value.

Counts and repeats are drawn at random (seeded): many ties, values with fewer stories than
articles pushed below values with fewer articles, fewer values than the limit.
"""

import random

import pytest

from search.backends.whoosh.collapse import _top_stories
from search.backends.whoosh.searcher_cache import by_count, facet_listing


def _draw(seed: int):
    rng = random.Random(seed)
    counts = {f"{rng.randint(1, 10**6)}": rng.randint(1, 12) for _ in range(rng.randint(0, 80))}
    repeats = {value: rng.randint(0, articles - 1) for value, articles in counts.items()}
    selected = rng.sample(sorted(counts), min(3, len(counts)))
    return counts, repeats, selected


@pytest.mark.parametrize("seed", range(40))
def test_the_head_by_stories_is_the_head_of_every_value_corrected(seed):
    counts, repeats, selected = _draw(seed)
    every = by_count([(value, n - repeats[value]) for value, n in counts.items()])
    for limit in (1, 2, 5, 10, 200):
        listed = _top_stories(counts, repeats.__getitem__, limit, selected)
        beyond = [item for item in every[limit:] if item[0] in selected]
        assert listed == every[:limit] + beyond


def test_only_the_values_that_could_reach_the_head_are_corrected():
    counts = {"7": 100, "8": 90, "9": 40, **{str(n): 1 for n in range(100, 150)}}
    asked = []

    def repeats(value):
        asked.append(value)
        return {"7": 30, "8": 5}.get(value, 0)

    assert _top_stories(counts, repeats, 2, ["120"]) == [("8", 85), ("7", 70), ("120", 1)]
    assert sorted(asked) == ["120", "7", "8"]


@pytest.mark.parametrize("seed", range(10))
def test_a_listing_is_the_head_of_the_sorted_values_then_the_chosen_ones(seed):
    counts, _repeats, selected = _draw(seed)
    every = by_count(list(counts.items()))
    for limit in (None, 1, 3, 10):
        head = every if limit is None else every[:limit]
        beyond = [] if limit is None else [item for item in every[limit:] if item[0] in selected]
        assert facet_listing(counts, limit, selected) == head + beyond
