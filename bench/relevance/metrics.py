"""Graded relevance metrics: nDCG@k and recall@k, on plain lists and dicts.

A ranking is a list of article keys, best first; judgments map a key to a grade
(0 not relevant, 1 relevant in part, 2 about the subject). An article left unjudged
counts as grade 0. Gains are exponential, ``2**grade - 1`` (a grade-2 article is worth
three grade-1 articles), discounted by ``log2(rank + 1)``; the ideal ranking is every
judged article of the query, highest grade first. Recall counts grades >= 1.
"""

import math
from collections.abc import Mapping, Sequence

RELEVANT = 1


def gain(grade: int) -> float:
    """The gain of an article of ``grade``: ``2**grade - 1`` (0, 1, 3)."""
    return float(2**grade - 1) if grade > 0 else 0.0


def dcg(grades: Sequence[int], k: int) -> float:
    """Discounted cumulative gain of the first ``k`` grades, in rank order."""
    return sum(gain(g) / math.log2(rank + 2) for rank, g in enumerate(grades[:k]))


def ndcg(ranking: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float | None:
    """nDCG@k of ``ranking``; ``None`` when the query has no relevant article to find."""
    ideal = dcg(sorted(judgments.values(), reverse=True), k)
    if ideal == 0:
        return None
    return dcg([judgments.get(key, 0) for key in ranking], k) / ideal


def recall(ranking: Sequence[str], judgments: Mapping[str, int], k: int = 50) -> float | None:
    """Share of the relevant articles (grade >= 1) in the first ``k``; ``None`` without any."""
    relevant = {key for key, grade in judgments.items() if grade >= RELEVANT}
    if not relevant:
        return None
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def mean(values) -> float | None:
    """The mean of the values that are not ``None``; ``None`` when there are none."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
