"""Whoosh's BM25F ranking, computed from posting blocks read whole.

Whoosh's matchers walk postings one document at a time through several Python layers;
reading a posting block's ids and weights as arrays and scoring them in one loop is cheaper,
and lets one read serve matching, scoring and the next queries with the same word (the next
page, a facet click, the timeline). Scores equal Whoosh's own, summed as its matchers sum
them (``tests/search/test_search_fast_paths.py`` compares the two).
"""

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
        found = {}
        for index, doc in enumerate(entry.ids):
            if doc in docs:
                found[doc] = decoded_positions(values[index])
        return found

    def _entry(self, fieldname: str, text: str, *, positions: bool = False) -> TermEntry:
        positions = positions and self._has_positions(fieldname)
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

    def _has_positions(self, fieldname: str) -> bool:
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


@add_scores.register(wq.AndNot)
def _and_not(query: wq.AndNot, terms: TermIndex, matching: Matching, scores, docs) -> None:
    _unboosted(query)
    found = (docs & matching(query.a)) - matching(query.b)
    add_scores(query.a, terms, matching, scores, found)
