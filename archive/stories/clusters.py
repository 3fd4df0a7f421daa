"""Stories from pairwise similarities: each story is its earliest version and the later
articles close enough to it. No database.

Greedy and in time order: an article joins the story whose earliest version it resembles
most (estimated Jaccard at least ``THRESHOLD``, published within ``WINDOW_DAYS`` of it),
otherwise it starts its own. Comparing with the earliest version rather than with any
member keeps a daily template (a weather forecast, a market report) from chaining a
whole season of different reports into one story.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from archive.stories.fingerprints import THRESHOLD

# Copies of one story appear within days of each other; a later text in the same words is
# another report (the next forecast, the next relief flight).
WINDOW_DAYS = 3


@dataclass(frozen=True)
class Item:
    """One published article as clustering sees it; ``order`` sorts earliest first."""

    pk: int
    order: tuple
    published_on: date | None


def within_window(a: date | None, b: date | None, *, days: int = WINDOW_DAYS) -> bool:
    """Dates close enough for two texts to be one story (an undated text is never too far)."""
    return a is None or b is None or abs((a - b).days) <= days


def leader_clusters(
    items: Iterable[Item],
    neighbours: dict[int, set[int]],
    similarity: Callable[[int, int], float],
    *,
    threshold: float = THRESHOLD,
) -> dict[int, tuple[int, float | None]]:
    """``{pk: (leader pk, similarity to the leader or None for the leader itself)}``."""
    ordered = sorted(items, key=lambda item: item.order)
    by_pk = {item.pk: item for item in ordered}
    result: dict[int, tuple[int, float | None]] = {}
    leaders: set[int] = set()
    for item in ordered:
        best, best_sim = None, threshold
        for other in neighbours.get(item.pk, ()):
            if other not in leaders or other not in by_pk:
                continue
            if not within_window(by_pk[other].published_on, item.published_on):
                continue
            sim = similarity(item.pk, other)
            if sim >= best_sim and (best is None or sim > best_sim or other < best):
                best, best_sim = other, sim
        if best is None:
            leaders.add(item.pk)
            result[item.pk] = (item.pk, None)
        else:
            result[item.pk] = (best, best_sim)
    return result
