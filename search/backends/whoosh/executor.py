"""A :class:`SearchRequest` evaluated on Whoosh document numbers.

Terms, AND, OR (with a minimum number of its parts), NOT and phrases are matched as set
operations on posting blocks (phrases compare the positions of the documents holding every
word) and ranked with :mod:`search.backends.whoosh.scoring`; anything else goes through
Whoosh's matchers, which walk postings one document at a time (and whose block-skipping
shortcut drops some results of AND-MAYBE queries over several segments). Filters, date
ranges, facet counts, sorting and paging run on sets of document numbers; stored fields are
read only for the page shown. A request's ``all_words`` documents come first: each group is
ordered on its own, and the second only when the page reaches it.
"""

import heapq
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial, singledispatch
from itertools import chain, islice
from operator import neg

from haystack.constants import DJANGO_ID
from whoosh import query as wq

from search.backends.base import (
    DAY_FACET,
    MONTH_FACET,
    SORT_OLDEST,
    SORT_RELEVANCE,
    SearchOutcome,
    SearchRequest,
)
from search.backends.whoosh.scoring import (
    Unsupported,
    add_bonus,
    add_scores,
    bm25f_applies,
    phrase_ends,
    split_proximity,
)
from search.backends.whoosh.searcher_cache import SearcherCache, facet_listing

Docs = set[int] | frozenset[int]
# ``(document number, score)``: the score is ``None`` in a date order.
Ranked = list[tuple[int, float | None]]


def execute(request: SearchRequest, cache: SearcherCache) -> SearchOutcome:
    """Run a search; see :class:`SearchRequest` and :class:`SearchOutcome`."""
    grouped = request.all_words is not None
    if not cache.searcher.doc_count():
        empty = {name: [] for name in request.facet_fields}
        return SearchOutcome(0, [], empty, all_words_count=0 if grouped else None)
    selection = _select(request, cache)
    final = selection.without()
    first = _all_words_docs(request, cache, final)
    first_count = None if first is None else len(first)
    facets, totals = _facets(request, cache, selection, final)
    count, limit = len(final), max(1, request.limit)
    offset = max(0, request.offset)
    if offset >= count:
        offset = (count - 1) // limit * limit if count else 0
    outcome = SearchOutcome(count, [], facets, offset, first_count, facet_totals=totals)
    if request.limit <= 0:
        # Counts and facets only: no ranking, no stored fields.
        return outcome
    page = _grouped(request, cache, final, first, offset + limit)[offset : offset + limit]
    ids = _stored_article_ids(cache, [docnum for docnum, _score in page])
    outcome.hits = [(pk, score) for pk, (_docnum, score) in zip(ids, page, strict=True)]
    return outcome


def iter_article_ids(request: SearchRequest, cache: SearcherCache) -> Iterator[int]:
    """Every matching article id in the requested order."""
    if not cache.searcher.doc_count():
        return
    final = _select(request, cache).without()
    first = _all_words_docs(request, cache, final)
    article_ids = cache.article_ids()
    for docnum, _score in _grouped(request, cache, final, first, len(final)):
        yield article_ids[docnum]


def _stored_article_ids(cache: SearcherCache, docnums: Sequence[int]) -> list[int]:
    stored = cache.searcher.stored_fields
    return [int(stored(docnum)[DJANGO_ID]) for docnum in docnums]


# ------------------------------------------------------------------ query → documents


@singledispatch
def query_docs(query: wq.Query, cache: SearcherCache) -> set[int]:
    """The live documents matching ``query``: terms, AND, OR, NOT and phrases as set
    operations on posting blocks; anything else through Whoosh's matchers."""
    return _whoosh_docs(query, cache)


def _whoosh_docs(query: wq.Query, cache: SearcherCache) -> set[int]:
    return set(cache.searcher.docs_for_query(query))


@query_docs.register(wq.Term)
def _term_docs(query: wq.Term, cache: SearcherCache) -> set[int]:
    return cache.terms.docs(query.fieldname, query.text)


@query_docs.register(wq.And)
def _and_docs(query: wq.And, cache: SearcherCache) -> set[int]:
    positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
    if not positive:
        return _whoosh_docs(query, cache)
    negative = [q.query for q in query.subqueries if isinstance(q, wq.Not)]
    sets = sorted((query_docs(q, cache) for q in positive), key=len)
    docs = sets[0].intersection(*sets[1:])
    for excluded in negative:
        docs -= query_docs(excluded, cache)
    return docs


@query_docs.register(wq.Or)
def _or_docs(query: wq.Or, cache: SearcherCache) -> set[int]:
    # Whoosh's own matchers ignore ``minmatch``: it is only evaluated here.
    sets = [query_docs(sub, cache) for sub in query.subqueries]
    return at_least(sets, getattr(query, "minmatch", 0) or 1)


def at_least(sets: Sequence[Docs], required: int) -> set[int]:
    """The documents in at least ``required`` of ``sets`` (never changed).

    A document in ``required`` sets is in one of the ``len - required + 1`` smallest: those
    are counted, and only their documents are looked up in the larger sets.
    """
    if required > len(sets) or not sets:
        return set()
    ordered = sorted(sets, key=len)
    if required <= 1:
        return set().union(*ordered)
    if required == len(ordered):
        return ordered[0].intersection(*ordered[1:])
    cut = len(ordered) - required + 1
    counts = Counter(chain.from_iterable(ordered[:cut]))
    for larger in ordered[cut:]:
        counts.update(larger.intersection(counts))
    return {doc for doc, found in counts.items() if found >= required}


@query_docs.register(wq.AndNot)
def _and_not_docs(query: wq.AndNot, cache: SearcherCache) -> set[int]:
    return query_docs(query.a, cache) - query_docs(query.b, cache)


@query_docs.register(wq.AndMaybe)
def _and_maybe_docs(query: wq.AndMaybe, cache: SearcherCache) -> set[int]:
    return query_docs(query.a, cache)


@query_docs.register(type(wq.NullQuery))
def _null_docs(query: wq.Query, cache: SearcherCache) -> set[int]:
    return set()


@query_docs.register(wq.Every)
def _every_docs(query: wq.Every, cache: SearcherCache) -> set[int]:
    if query.fieldname:
        return _whoosh_docs(query, cache)
    return set(cache.all_docs())


@query_docs.register(wq.Phrase)
def _phrase_docs(query: wq.Phrase, cache: SearcherCache) -> set[int]:
    """The documents with the phrase's words in order, from the positions in the postings
    of the documents that hold every word (Whoosh compares spans through matchers)."""
    if query.slop < 1:  # the boost changes scores, not matches
        return _whoosh_docs(query, cache)
    terms = cache.terms
    words = list(query.words)
    if not words:
        return set()
    sets = sorted((terms.docs(query.fieldname, word, positions=True) for word in words), key=len)
    candidates = sets[0].intersection(*sets[1:])
    if len(words) == 1 or not candidates:
        return candidates
    try:
        positions = [terms.positions(query.fieldname, word, candidates) for word in words]
    except Unsupported:
        return _whoosh_docs(query, cache)
    first, rest = positions[0], positions[1:]
    return {
        doc
        for doc in candidates
        if phrase_ends(first[doc], [found[doc] for found in rest], query.slop)
    }


# ------------------------------------------------------------- filters, dates, facets


@dataclass(slots=True)
class _Selection:
    """A request's documents before its filters (its query and date range), and the documents
    each filter accepts (any of its values)."""

    base: Docs
    filters: dict[str, set[int]]

    def without(self, name: str | None = None) -> Docs:
        """The documents passing every filter but ``name``'s."""
        result = self.base
        sets = [docs for field, docs in self.filters.items() if field != name]
        for docs in sorted(sets, key=len):
            result = docs.intersection(result) if len(docs) < len(result) else result & docs
        return result


def _select(request: SearchRequest, cache: SearcherCache) -> _Selection:
    date_docs = _date_docs(request, cache)
    if request.query is None:
        base = cache.all_docs() if date_docs is None else date_docs
    else:
        base = query_docs(request.query, cache)
        base = base if date_docs is None else base & date_docs
    filters = {
        name: cache.docs_with(name, values) for name, values in request.filters.items() if values
    }
    return _Selection(base, filters)


def _date_docs(request: SearchRequest, cache: SearcherCache) -> set[int] | None:
    """Documents within the request's date range; ``None`` when it has none."""
    if not cache.date_field or (request.date_from is None and request.date_to is None):
        return None
    field = cache.searcher.schema[cache.date_field]

    def key(day: date | None) -> int | None:
        if day is None:
            return None
        return field.to_column_value(datetime(day.year, day.month, day.day))

    return cache.docs_in_date_range(key(request.date_from), key(request.date_to))


def _facets(
    request: SearchRequest, cache: SearcherCache, selection: _Selection, final: Docs
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, int]]:
    """Counts over ``final`` (a filtered field's ignore its own filter), each facet's head
    (``request.facet_limits``), and how many values each holds."""
    facets, totals = {}, {}
    for name in request.facet_fields:
        docs = facet_docs(selection, final, name)
        counts = date_or_value_counts(cache, name, docs)
        totals[name] = len(counts)
        limit = request.facet_limits.get(name)
        facets[name] = facet_listing(counts, limit, request.filters.get(name, ()))
    return facets, totals


def date_or_value_counts(cache: SearcherCache, name: str, docs: Docs) -> dict[str, int]:
    if name == MONTH_FACET:
        return cache.month_counts(docs)
    if name == DAY_FACET:
        return cache.day_counts(docs)
    return cache.counted(name, docs)


def facet_docs(selection: _Selection, final: Docs, name: str) -> Docs:
    """The documents facet ``name`` counts: ``final``, or without its own filter."""
    return selection.without(name) if name in selection.filters else final


# -------------------------------------------------------------------------- ordering


def _all_words_docs(request: SearchRequest, cache: SearcherCache, final: Docs) -> Docs | None:
    """The results matching the request's ``all_words``; ``None`` when it has none."""
    if request.all_words is None:
        return None
    return final & query_docs(request.all_words, cache)


def _grouped(
    request: SearchRequest, cache: SearcherCache, final: Docs, first: Docs | None, count: int
) -> Ranked:
    """The first ``count`` results: those of ``first`` in the requested order, then the
    others, ordered only when ``count`` reaches them."""
    if first is None:
        return ordered_docnums(request, cache, final, count)
    ranked = ordered_docnums(request, cache, first, count)
    if count > len(first):
        ranked += ordered_docnums(request, cache, final - first, count - len(first))
    return ranked


def ordered_docnums(request: SearchRequest, cache: SearcherCache, docs: Docs, count: int) -> Ranked:
    """The first ``count`` documents of ``docs`` in the requested order."""
    if not docs or count <= 0:
        return []
    if request.sort == SORT_RELEVANCE and request.query is not None:
        return _by_relevance(request.score_query or request.query, cache, docs, count)
    return _by_date(request.sort == SORT_OLDEST, cache, docs, count)


def _by_relevance(scorer: wq.Query, cache: SearcherCache, docs: Docs, count: int) -> Ranked:
    if bm25f_applies(cache.searcher):
        scores = dict.fromkeys(docs, 0.0)
        proximity = split_proximity(scorer)
        matching = partial(query_docs, cache=cache)
        try:
            add_scores(proximity.base, cache.terms, matching, scores, docs)
            add_bonus(proximity, cache.terms, matching, scores, count)
        except Unsupported:
            pass
        else:
            # Highest score first, the lower article id on ties (as the Elasticsearch
            # backend): the order does not depend on the order of indexing.
            ids = cache.article_ids()
            ranked = zip(
                scores.values(), map(neg, map(ids.__getitem__, scores)), scores, strict=True
            )
            return [(doc, score) for score, _id, doc in heapq.nlargest(count, ranked)]
    wanted = docs if isinstance(docs, set) else set(docs)
    results = cache.searcher.search(scorer, limit=count, filter=wanted)
    return [(docnum, score) for score, docnum in results.top_n]


def _by_date(oldest: bool, cache: SearcherCache, docs: Docs, count: int) -> Ranked:
    """Newest or oldest first, undated documents last in both directions (they are the least
    informative)."""
    if count * len(cache.all_docs()) < len(docs) * len(docs):
        # Walking the date order until ``count`` documents of ``docs`` went by costs
        # about count × all / len(docs) steps: less than ranking every one of ``docs``.
        order = cache.date_order(oldest)
        return [(docnum, None) for docnum in islice(filter(docs.__contains__, order), count)]
    keys, ids = cache.date_keys(), cache.article_ids()
    size = len(keys)
    # Ties by article id, the higher first, as in the date order.
    if oldest:
        last = 1 << 64
        top = heapq.nsmallest(
            count, docs, key=lambda d: ((keys[d] or last) if d < size else last, -ids[d])
        )
    else:
        top = heapq.nlargest(count, docs, key=lambda d: (keys[d] if d < size else 0, ids[d]))
    return [(docnum, None) for docnum in top]


# What one result per story (:mod:`.collapse`) builds on.
select = _select
all_words_docs = _all_words_docs
grouped = _grouped
