"""The ranking side of a parsed query: phrases scored by their words, title, proximity and
entity bonuses. Matching stays in :mod:`search.query`; these clauses only rank what it matched.
"""

from itertools import pairwise

from django.conf import settings
from whoosh import query as wq

from arabic_text import analyze

TEXT_FIELD = "text"
TITLE_FIELD = "title"


def _unphrase(node: wq.Query) -> wq.Query:
    if isinstance(node, wq.Phrase):
        return wq.And([wq.Term(node.fieldname, word) for word in node.words])
    if node.is_leaf():
        return node
    return node.apply(_unphrase)


def score_query(query: wq.Query, positive_terms: list[tuple[str, str]], *, plain: bool) -> wq.Query:
    """The ranking query: phrases scored by their words, title words add a bonus, and in a
    plain query each pair of neighbouring words found close together adds another.

    Callers rank only the documents ``query`` matched, so ranking need not
    re-check phrase positions, Whoosh's slowest operation, nor how many words matched
    (``apply`` builds an OR without ``minmatch``). The weights are settings
    (``SEARCH_TITLE_WEIGHT``, ``SEARCH_PROXIMITY_WEIGHT``, ``SEARCH_PROXIMITY_SLOP``).
    """
    ranked = _unphrase(query)
    text_terms = [text for fieldname, text in positive_terms if fieldname == TEXT_FIELD]
    title_weight = getattr(settings, "SEARCH_TITLE_WEIGHT", 1.0)
    bonus: list[wq.Query] = []
    if title_weight > 0:
        bonus = [wq.Term(TITLE_FIELD, text, boost=title_weight) for text in sorted(set(text_terms))]
    if plain:
        bonus.extend(_proximity(text_terms))
    if not bonus:
        return ranked
    return wq.AndMaybe(ranked, bonus[0] if len(bonus) == 1 else wq.Or(bonus))


def _proximity(words: list[str]) -> list[wq.Query]:
    """Sloppy phrases of each pair of neighbouring query words (each pair once)."""
    weight = getattr(settings, "SEARCH_PROXIMITY_WEIGHT", 0.0)
    slop = getattr(settings, "SEARCH_PROXIMITY_SLOP", 0)
    if weight <= 0 or slop < 1:
        return []
    pairs = dict.fromkeys(pairwise(words))
    return [
        wq.Phrase(TEXT_FIELD, [first, second], slop=slop, boost=weight)
        for first, second in pairs
        if first != second
    ]


def entity_score_query(names: list[str]) -> list[wq.Query]:
    """Ranking clauses for the entity a query names: the best-scoring of its one-word names
    (``لافروف``, ``داعش``, ``Lavrov``) in the text and in the title, so an article naming it
    often or in its title ranks above one mentioning it in passing. Names of several words
    are left out: matching them as phrases costs positions and ranked no better. Weighted by
    ``SEARCH_ENTITY_WEIGHT`` (0: no clauses)."""
    weight = getattr(settings, "SEARCH_ENTITY_WEIGHT", 0.0)
    words = sorted({terms[0] for terms in map(analyze, names) if len(terms) == 1})
    if weight <= 0 or not words:
        return []
    clauses = []
    for fieldname in (TEXT_FIELD, TITLE_FIELD):
        terms = [wq.Term(fieldname, word, boost=weight) for word in words]
        clauses.append(terms[0] if len(terms) == 1 else wq.DisjunctionMax(terms))
    return clauses
