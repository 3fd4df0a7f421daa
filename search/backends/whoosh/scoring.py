"""Whoosh's BM25F ranking, computed from posting blocks read whole.

Whoosh's matchers walk postings one document at a time through several Python layers;
reading a posting block's ids and weights as arrays and scoring them in one loop is cheaper,
and lets one read serve matching, scoring and the next queries with the same word (the next
page, a facet click, the timeline). Scores equal Whoosh's own, summed as its matchers sum
them (``tests/search/test_search_fast_paths.py`` compares the two).
"""

import heapq
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import singledispatch

from whoosh import query as wq
from whoosh import scoring
from whoosh.formats import Positions

from search.backends.whoosh.internals import (
    decoded_positions,
    field_b,
    field_lengths,
    read_postings,
)

# Postings of recently searched terms kept per searcher: each costs ~250 bytes once held as
# id, weight, positions, set member and score.
TERM_CACHE_POSTINGS = 150_000
# Whoosh scores a NOT inside an AND with its InverseMatcher's constant weight.
NOT_SCORE = 1.0


class Unsupported(Exception):
    """A query node the fast paths do not evaluate: Whoosh's own matchers do."""


def bm25f_applies(searcher) -> bool:
    """Whether this module reproduces the searcher's scoring (Whoosh's default BM25F)."""
    return type(searcher.weighting) is scoring.BM25F


@dataclass(slots=True)
class TermEntry:
    """What :class:`TermIndex` keeps of one term: its postings, and what was derived from them
    as queries asked (``None`` until then)."""

    ids: list[int]
    weights: list[float]
    docs: set[int] | None = None
    scores: dict[int, float] | None = None
    # The encoded positions of each posting, read only for phrases: decoding them doubles the
    # cost of reading a common word's postings.
    positions: list[bytes] | None = None


class TermIndex:
    """Documents, positions and BM25F scores of single terms, for one searcher; the terms read
    last are kept, up to ``budget`` postings in all."""

    def __init__(self, searcher, budget: int = TERM_CACHE_POSTINGS):
        self.searcher = searcher
        self.weighting = searcher.weighting
        self.budget = budget
        self._norms: dict[str, list[float]] = {}
        self._terms: OrderedDict[tuple[str, str], TermEntry] = OrderedDict()
        self._held = 0

    def clear(self) -> None:
        """Forget the terms read (benchmarks time queries without them)."""
        self._terms.clear()
        self._held = 0

    def docs(self, fieldname: str, text: str, *, positions: bool = False) -> set[int]:
        """The documents holding a term; ``positions`` also reads where (a phrase will ask)."""
        entry = self._entry(fieldname, text, positions=positions)
        if entry.docs is None:
            entry.docs = set(entry.ids)
        return entry.docs

    def scores(self, fieldname: str, text: str) -> dict[int, float]:
        """``{docnum: score}`` of a term, as Whoosh's scorer for it would give."""
        entry = self._entry(fieldname, text)
        if entry.scores is None:
            entry.scores = self._scored(fieldname, text, entry)
        return entry.scores

    def positions(self, fieldname: str, text: str, docs) -> dict[int, list[int]]:
        """The positions of a term in each of ``docs`` that holds it."""
        entry = self._entry(fieldname, text, positions=True)
        values = entry.positions
        if values is None:
            raise Unsupported(fieldname)
        ids, found = entry.ids, {}
        if len(docs) * 16 < len(ids):
            # A few documents (a proximity bonus for the best ones): looked up by bisection,
            # the ids being in order (segments in order, each segment's postings in order).
            for doc in docs:
                index = bisect_left(ids, doc)
                if index < len(ids) and ids[index] == doc:
                    found[doc] = decoded_positions(values[index])
            return found
        for index, doc in enumerate(ids):
            if doc in docs:
                found[doc] = decoded_positions(values[index])
        return found

    def _entry(self, fieldname: str, text: str, *, positions: bool = False) -> TermEntry:
        positions = positions and self.has_positions(fieldname)
        key = (fieldname, text)
        entry = self._terms.get(key)
        if entry is not None:
            self._terms.move_to_end(key)
            if positions and entry.positions is None:
                entry.positions = self._postings(fieldname, text, with_values=True).values
            return entry
        postings = self._postings(fieldname, text, with_values=positions)
        entry = self._terms[key] = TermEntry(
            postings.ids, postings.weights, positions=postings.values
        )
        self._held += len(entry.ids)
        while self._held > self.budget and len(self._terms) > 1:
            _key, evicted = self._terms.popitem(last=False)
            self._held -= len(evicted.ids)
        return entry

    def _postings(self, fieldname: str, text: str, *, with_values: bool):
        return read_postings(self.searcher.reader(), fieldname, text, with_values=with_values)

    def has_positions(self, fieldname: str) -> bool:
        """Whether the field stores positions (phrases can be matched on it)."""
        field = self.searcher.schema[fieldname] if fieldname in self.searcher.schema else None
        return type(getattr(field, "format", None)) is Positions

    def _scored(self, fieldname: str, text: str, entry: TermEntry) -> dict[int, float]:
        ids, weights = entry.ids, entry.weights
        if not self.searcher.schema[fieldname].scorable:
            # Whoosh's WeightScorer: the weight itself.
            return dict(zip(ids, weights, strict=True))
        idf = self.searcher.idf(fieldname, text)
        k1 = self.weighting.K1
        norms = self.norms(fieldname)
        return {
            doc: idf * ((weight * (k1 + 1)) / (weight + norms[doc]))
            for doc, weight in zip(ids, weights, strict=True)
        }

    def norms(self, fieldname: str) -> list[float]:
        """``K1 * ((1 - B) + B * length / average length)`` per document (BM25F)."""
        norms = self._norms.get(fieldname)
        if norms is None:
            b = field_b(self.weighting, fieldname)
            k1 = self.weighting.K1
            average = self.searcher.avg_field_length(fieldname) or 1
            norms = []
            for reader, _offset in self.searcher.reader().leaf_readers():
                lengths = field_lengths(reader, fieldname)
                # Lengths are stored as one byte: a few hundred values for all documents.
                norm_of = {length: k1 * ((1 - b) + b * length / average) for length in set(lengths)}
                norms.extend(map(norm_of.__getitem__, lengths))
            self._norms[fieldname] = norms
        return norms


# What :func:`add_scores` needs besides the terms: the documents matching a query node.
Matching = Callable[[wq.Query], set[int]]


@singledispatch
def add_scores(query, terms: TermIndex, matching: Matching, scores: dict, docs) -> None:
    """Add to ``scores`` each document of ``docs`` its score for ``query`` as Whoosh sums it:
    a term's BM25F score (times its boost), summed over the parts of AND, OR and AND-MAYBE
    that match the document; the left side only of AND-NOT. Raises :class:`Unsupported` for
    any other node, or a boosted one."""
    raise Unsupported(query)


@add_scores.register(wq.Term)
def _term(query: wq.Term, terms: TermIndex, matching: Matching, scores: dict, docs) -> None:
    term_scores = terms.scores(query.fieldname, query.text)
    boost = query.boost
    if len(term_scores) < len(docs):
        pairs = ((d, v) for d, v in term_scores.items() if d in docs)
    else:
        pairs = ((d, term_scores[d]) for d in docs if d in term_scores)
    if boost == 1:
        for doc, value in pairs:
            scores[doc] += value
    else:
        for doc, value in pairs:
            scores[doc] += value * boost


def _unboosted(query) -> None:
    if getattr(query, "boost", 1) != 1:
        raise Unsupported(query)


@add_scores.register(wq.And)
def _and(query: wq.And, terms: TermIndex, matching: Matching, scores: dict, docs) -> None:
    _unboosted(query)
    positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
    found = matching(query)
    found = found & docs if len(found) > len(docs) else docs & found
    for sub in positive:
        add_scores(sub, terms, matching, scores, found)
    for _excluded in range(len(query.subqueries) - len(positive)):
        for doc in found:
            scores[doc] += NOT_SCORE


@add_scores.register(wq.Or)
def _or(query: wq.Or, terms: TermIndex, matching: Matching, scores: dict, docs) -> None:
    """The parts' scores summed; with ``minmatch``, only where enough parts match."""
    _unboosted(query)
    if getattr(query, "scale", None):
        raise Unsupported(query)
    if getattr(query, "minmatch", 0) > 1:
        docs = _within(docs, query, matching)
    for sub in query.subqueries:
        add_scores(sub, terms, matching, scores, docs)


def _within(docs, query, matching: Matching) -> set[int]:
    """The documents of ``docs`` that ``query`` matches. A plain OR's parts are intersected
    with ``docs`` one by one: a few documents never pay for the union of common words."""
    if isinstance(query, wq.Or) and getattr(query, "minmatch", 0) <= 1:
        found: set[int] = set()
        for sub in query.subqueries:
            found |= _within(docs, sub, matching)
        return found
    return docs & matching(query)


@add_scores.register(wq.AndMaybe)
def _and_maybe(query: wq.AndMaybe, terms: TermIndex, matching: Matching, scores, docs) -> None:
    _unboosted(query)
    found = _within(docs, query.a, matching)
    add_scores(query.a, terms, matching, scores, found)
    add_scores(query.b, terms, matching, scores, found)


@add_scores.register(wq.Phrase)
def _phrase(query: wq.Phrase, terms: TermIndex, matching: Matching, scores: dict, docs) -> None:
    """Its words' scores summed, times its boost, where the words stand as the phrase asks
    (Whoosh's ``SpanNear2`` matcher under a ``WrappingMatcher``). Positions are read only for
    ``docs``: a proximity bonus never pays for the whole archive's."""
    words = list(query.words)
    if not words or query.slop < 1 or not terms.has_positions(query.fieldname):
        raise Unsupported(query)
    found = set(docs)
    for word in words:
        found &= terms.docs(query.fieldname, word, positions=True)
    if len(words) > 1 and found:
        positions = [terms.positions(query.fieldname, word, found) for word in words]
        first, rest = positions[0], positions[1:]
        found = {d for d in found if phrase_ends(first[d], [p[d] for p in rest], query.slop)}
    word_scores = [terms.scores(query.fieldname, word) for word in words]
    boost = query.boost
    for doc in found:
        total = 0.0
        for term_scores in word_scores:
            total += term_scores[doc]
        scores[doc] += total * boost if boost != 1 else total


def phrase_ends(starts, following: list[list[int]], slop: int) -> bool:
    """Whether the words follow one another as Whoosh's ``Phrase`` requires: each next word
    1 to ``slop`` positions after the previous one (Whoosh's ``SpanNear2``, ordered,
    ``mindist=1``)."""
    ends = set(starts)
    for positions in following:
        reach = set()
        for step in range(1, slop + 1):
            reach.update(map(step.__add__, ends))
        ends = reach.intersection(positions)
        if not ends:
            return False
    return True


@add_scores.register(wq.DisjunctionMax)
def _dismax(query: wq.DisjunctionMax, terms: TermIndex, matching: Matching, scores, docs) -> None:
    """The best of its parts' scores (Whoosh's ``DisjunctionMaxMatcher``, no tie-break)."""
    _unboosted(query)
    if query.tiebreak:
        raise Unsupported(query)
    best: dict[int, float] = {}
    for sub in query.subqueries:
        part = dict.fromkeys(docs, 0.0)
        add_scores(sub, terms, matching, part, docs)
        for doc, value in part.items():
            if value > best.get(doc, 0.0):
                best[doc] = value
    for doc, value in best.items():
        scores[doc] += value


@add_scores.register(wq.AndNot)
def _and_not(query: wq.AndNot, terms: TermIndex, matching: Matching, scores, docs) -> None:
    _unboosted(query)
    found = (docs & matching(query.a)) - matching(query.b)
    add_scores(query.a, terms, matching, scores, found)


# ------------------------------------------------------------------ proximity bonus


@dataclass(slots=True)
class Proximity:
    """A ranking query split in two: ``base`` without its sloppy-phrase bonus, and
    ``phrases``, whose scores add at most ``factor`` times a document's ``base`` score
    (``None`` when that bound does not hold: every document is then scored)."""

    base: wq.Query
    phrases: list
    factor: float | None


def split_proximity(query: wq.Query) -> Proximity:
    """The sloppy phrases of an AND-MAYBE's bonus (a plain query's neighbouring words) apart."""
    bonus = getattr(query, "b", None)
    if not isinstance(query, wq.AndMaybe) or bonus is None:
        return Proximity(query, [], None)
    parts = list(bonus.subqueries) if type(bonus) is wq.Or and not bonus.minmatch else [bonus]
    phrases = [q for q in parts if isinstance(q, wq.Phrase)]
    rest = [q for q in parts if not isinstance(q, wq.Phrase)]
    if not phrases:
        return Proximity(query, [], None)
    base = query.a
    if rest:
        base = wq.AndMaybe(query.a, rest[0] if len(rest) == 1 else wq.Or(rest))
    return Proximity(base, phrases, _bound(query.a, phrases))


def _bound(scored: wq.Query, phrases: list) -> float | None:
    """How many times its words' own scores a document's phrase scores can reach: each word's
    phrase boosts summed, the largest sum; ``None`` unless ``scored`` is terms under AND and
    OR, each word among them with boost 1 (then it holds every word's score)."""
    nodes = [scored]
    held = set()
    while nodes:
        node = nodes.pop()
        if isinstance(node, wq.Term) and node.boost == 1:
            held.add((node.fieldname, node.text))
        elif type(node) in (wq.And, wq.Or) and node.boost == 1:
            nodes.extend(node.subqueries)
        else:
            return None
    weights: dict = {}
    for phrase in phrases:
        for word in phrase.words:
            key = (phrase.fieldname, word)
            if key not in held or phrase.boost < 0:
                return None
            weights[key] = weights.get(key, 0.0) + phrase.boost
    return max(weights.values())


def add_bonus(proximity: Proximity, terms: TermIndex, matching: Matching, scores, count) -> None:
    """Add the phrases' scores to ``scores`` (their ``base`` scores) wherever they can change
    which documents are the first ``count``: exact for those, left out for the others."""
    candidates = scores.keys()
    if proximity.factor is not None and count < len(scores):
        # The count-th base score is a floor for the count-th final score: a document whose
        # base score, with the largest bonus it could get, stays below it is not among them.
        floor = heapq.nlargest(count, scores.values())[-1] / (1 + proximity.factor)
        candidates = [doc for doc, score in scores.items() if score >= floor]
    for phrase in proximity.phrases:
        add_scores(phrase, terms, matching, scores, candidates)
