"""One result per story on the Whoosh backend: the executor's sets of documents, collapsed.

Every document holds its story key (``STORY_FIELD``: a story id, or the article's own id
when it is alone). Most articles are alone, so the work is on the documents of stories
with several live documents (``clustered``): the story count is the document count minus
their repeats, and a facet's story counts are its article counts corrected on them alone.
A page keeps each story's first document in the requested order, ranking more documents
when repeats pushed stories off it.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import itemgetter

from search.backends.base import DAY_FACET, MONTH_FACET, STORY_FIELD, SearchOutcome, SearchRequest
from search.backends.whoosh import executor
from search.backends.whoosh.internals import segment_term_ids
from search.backends.whoosh.searcher_cache import SearcherCache, facet_listing, nth_largest

# Date facets list every value: the timeline draws them all.
DATE_FACETS = (MONTH_FACET, DAY_FACET)

# Documents ranked for a page, per result it shows: repeats rarely fill more than half.
RANK_FACTOR = 2
Docs = set[int] | frozenset[int]


@dataclass(slots=True)
class Stories:
    """The story key of each document number and the documents of stories told twice or more."""

    keys: list
    clustered: frozenset[int]
    members: dict[str, frozenset[int]]
    # Per facet: ``(value, story key)`` of each value of each clustered document.
    pairs: dict[str, list[tuple]] = field(default_factory=dict)
    # Per facet: the repeats of each value over the whole index (a filter without a query).
    whole: dict[str, Counter] = field(default_factory=dict)
    # Per facet: the clustered documents of each value read so far.
    held: dict[str, dict[str, frozenset[int]]] = field(default_factory=dict)
    # Per facet: the documents ``pairs`` holds the pairs of.
    paired: dict[str, frozenset[int]] = field(default_factory=dict)

    def count(self, docs: Docs) -> int:
        """How many stories ``docs`` hold."""
        repeated = self.clustered.intersection(docs)
        return len(docs) - len(repeated) + len(set(map(self.keys.__getitem__, repeated)))

    def clustered_with(self, name: str, value: str, postings: dict) -> frozenset[int]:
        """The clustered documents holding ``value`` in facet ``name`` (from its
        ``postings``), kept once read."""
        column = self.held.setdefault(name, {})
        found = column.get(value)
        if found is None:
            found = column[value] = self.clustered.intersection(postings.get(value, ()))
        return found

    def pairs_of(self, name: str, values: Callable[[int], tuple]) -> list[tuple]:
        """The ``(value, story key)`` pairs of each document for facet ``name`` (empty for a
        document alone in its story), built once per document: counting stories then runs
        in C."""
        column = self.pairs.get(name)
        if column is None:
            column = self.pairs[name] = [()] * len(self.keys)
            self.paired[name] = frozenset()
        if self.paired[name] is not self.clustered:
            for doc in self.clustered - self.paired[name]:
                key = self.keys[doc]
                column[doc] = tuple((value, key) for value in values(doc))
            # The clustered documents themselves: the next call sees at once that all are.
            self.paired[name] = self.clustered
        return column

    def first_of_each(self, ranked: list, wanted: int) -> list:
        """The first ``wanted`` entries of ``ranked`` that start a story."""
        seen, kept = set(), []
        clustered, keys = self.clustered, self.keys
        for entry in ranked:
            doc = entry[0]
            if doc in clustered:
                key = keys[doc]
                if key in seen:
                    continue
                seen.add(key)
            kept.append(entry)
            if len(kept) == wanted:
                break
        return kept


def stories_of(cache: SearcherCache) -> Stories:
    """The searcher's :class:`Stories`, built once per searcher from the story key of each
    document (a column the cache carries over to the next searcher). When this searcher
    extends the previous one, only the stories of its new and newly deleted documents are
    grouped again."""
    found = cache.extras.get("stories")
    if found is None:
        keys = cache.column("story keys", _segment_story_keys)
        earlier = cache.earlier
        before = None if earlier is None else earlier.extras.get("stories")
        if isinstance(before, Stories):
            changed = chain(range(earlier.size, len(keys)), cache.deleted() - earlier.deleted)
            found = _regrouped(before, keys, cache.all_docs(), {keys[doc] for doc in changed})
        else:
            found = _grouped(keys, cache.all_docs(), cache.deleted())
        cache.extras["stories"] = found
    return found


def _grouped(keys: list, live: Docs, deleted: Docs) -> Stories:
    """The stories of every key told by two or more live documents."""
    counts = Counter(keys)
    counts.subtract(map(keys.__getitem__, deleted))
    told = {key for key, count in counts.items() if count > 1}
    members = _members(keys, live, told)
    return Stories(keys, frozenset(chain.from_iterable(members.values())), members)


def _regrouped(before: Stories, keys: list, live: Docs, changed: set) -> Stories:
    """``before`` with the stories of the ``changed`` keys grouped again; what was built per
    document (facet pairs) is kept for the documents it was built for."""
    members = {key: docs for key, docs in before.members.items() if key not in changed}
    members.update(_members(keys, live, changed))
    clustered = frozenset(chain.from_iterable(members.values()))
    pairs = {
        name: column + [()] * (len(keys) - len(column)) for name, column in before.pairs.items()
    }
    stories = Stories(keys, clustered, members, pairs)
    stories.paired = {name: before.paired[name] for name in pairs}
    return stories


def _members(keys: list, live: Docs, wanted: set) -> dict:
    """The live documents of each key of ``wanted`` held by two or more."""
    grouped: dict = {}
    for doc in compress(range(len(keys)), map(wanted.__contains__, keys)):
        if doc in live:
            grouped.setdefault(keys[doc], []).append(doc)
    return {key: frozenset(docs) for key, docs in grouped.items() if len(docs) > 1}


def _segment_story_keys(reader, offset: int) -> list:
    """The story key of each document of one segment. A document without a key (indexed
    before the field existed) is a story of its own. Read here rather than through the
    searcher's facet postings: most keys hold one article, and a set per key would leave
    one object per article for Python's collector to scan on every full collection."""
    size = reader.doc_count_all()
    keys: list = list(range(-offset - 1, -offset - size - 1, -1))
    for term, docs in segment_term_ids(reader, STORY_FIELD):
        key = term.decode("utf-8")
        for doc in docs:
            keys[doc] = key
    return keys


def execute(request: SearchRequest, cache: SearcherCache) -> SearchOutcome:
    """:func:`executor.execute` with one result per story; see :class:`SearchOutcome`."""
    grouped = request.all_words is not None
    if not cache.searcher.doc_count():
        empty = {name: [] for name in request.facet_fields}
        return SearchOutcome(0, [], empty, all_words_count=0 if grouped else None, article_count=0)
    stories = stories_of(cache)
    selection = executor.select(request, cache)
    final = selection.without()
    first = executor.all_words_docs(request, cache, final)
    first_count = None if first is None else stories.count(first)
    facets, totals = _facets(request, cache, stories, selection, final)
    count, limit = stories.count(final), max(1, request.limit)
    offset = max(0, request.offset)
    if offset >= count:
        offset = (count - 1) // limit * limit if count else 0
    outcome = SearchOutcome(
        count, [], facets, offset, first_count, article_count=len(final), facet_totals=totals
    )
    if request.limit <= 0:
        return outcome
    page = _page(request, cache, stories, (final, first), offset + limit)[offset:]
    ids = cache.article_ids()
    outcome.hits = [(ids[doc], score) for doc, score in page]
    outcome.versions = {
        ids[doc]: sorted(ids[other] for other in _others(stories, doc, final))
        for doc, _score in page
        if doc in stories.clustered
    }
    return outcome


def _page(request, cache, stories: Stories, docs: tuple[Docs, Docs | None], wanted: int):
    """The first ``wanted`` stories' first documents, ranking more when repeats fill the
    ranked documents."""
    final, first = docs
    ranked_count = wanted * RANK_FACTOR
    while True:
        ranked = executor.grouped(request, cache, final, first, ranked_count)
        kept = stories.first_of_each(ranked, wanted)
        if len(kept) >= wanted or len(ranked) < ranked_count:
            return kept
        ranked_count *= 4


def _others(stories: Stories, doc: int, final: Docs) -> frozenset[int]:
    return stories.members[stories.keys[doc]].intersection(final) - {doc}


def _facets(request, cache, stories: Stories, selection, final: Docs) -> tuple[dict, dict]:
    """Story counts per value, each facet's head (``request.facet_limits``) and how many
    values each holds (a value has stories when it has articles)."""
    facets, totals = {}, {}
    for name in request.facet_fields:
        docs = executor.facet_docs(selection, final, name)
        limit = request.facet_limits.get(name)
        selected = request.filters.get(name, ())
        counts = executor.date_or_value_counts(cache, name, docs)
        totals[name] = len(counts)
        if limit is not None and name not in DATE_FACETS:
            told = _told(stories, name, cache.postings(name), docs)
            facets[name] = _top_stories(counts, told, limit, selected)
            continue
        values = _values_of(cache, name)
        whole = len(docs) == len(cache.all_docs())
        repeats = _repeats(stories, name, values, docs, whole=whole)
        told = {value: n - repeats[value] if value in repeats else n for value, n in counts.items()}
        facets[name] = facet_listing(told, limit, selected)
    return facets, totals


def _told(stories: Stories, name: str, postings: dict, docs: Docs) -> Callable[[str], int]:
    """A value's articles in ``docs`` beyond one per story, from its clustered documents."""
    keys = stories.keys

    def repeats(value: str) -> int:
        held = stories.clustered_with(name, value, postings)
        if len(held) < 2:
            return 0
        held = held.intersection(docs)
        return len(held) - len(set(map(keys.__getitem__, held)))

    return repeats


def _top_stories(
    counts: dict[str, int], repeats: Callable[[str], int], limit: int, selected
) -> list[tuple[str, int]]:
    """The ``limit`` values with the most stories, then ``selected`` ones beyond them.

    ``counts`` are articles per value, and a value's stories never outnumber its articles:
    the values with the most articles are corrected first, then only those with at least as
    many articles as the ``limit``-th most stories found (no sorting of every value).
    """
    told: dict[str, int] = {}
    most: list[int] = []  # the ``limit`` largest story counts found, smallest first

    def correct(value: str, articles: int) -> None:
        told[value] = articles - repeats(value)
        if len(most) < limit:
            heapq.heappush(most, told[value])
        elif told[value] > most[0]:
            heapq.heapreplace(most, told[value])

    first = nth_largest(counts, limit)
    if limit > 0 and first:
        for value, articles in [item for item in counts.items() if item[1] >= first]:
            correct(value, articles)
        after = [item for item in counts.items() if most[0] <= item[1] < first]
        for value, articles in after:
            if articles >= most[0]:
                correct(value, articles)
    elif limit > 0:  # fewer values than the limit: every one is listed
        for value, articles in counts.items():
            correct(value, articles)
    for value in selected:
        if value in counts and value not in told:
            told[value] = counts[value] - repeats(value)
    return facet_listing(told, limit, selected)


def _values_of(cache: SearcherCache, name: str) -> Callable[[int], tuple]:
    """A document's values of facet ``name``."""
    if name == MONTH_FACET:
        return _period_values(cache.months())
    if name == DAY_FACET:
        return _period_values(cache.days())
    return cache.values_of(name).__getitem__


def _period_values(periods: list[int]) -> Callable[[int], tuple]:
    """A document's month or day value (none when undated), from a per-document column."""
    size = len(periods)

    def values(doc: int) -> tuple:
        period = periods[doc] if doc < size else 0
        return (str(period),) if period else ()

    return values


def _repeats(stories: Stories, name: str, values: Callable, docs: Docs, *, whole: bool) -> Counter:
    """Per value of facet ``name``: its articles in ``docs`` beyond one per story (``whole``:
    ``docs`` are every live document, whose repeats are kept)."""
    if whole and name in stories.whole:
        return stories.whole[name]
    pairs = stories.pairs_of(name, values)
    found = list(chain.from_iterable(map(pairs.__getitem__, stories.clustered.intersection(docs))))
    value = itemgetter(0)
    repeats = Counter(map(value, found))
    repeats.subtract(Counter(map(value, set(found))))
    if whole:
        stories.whole[name] = repeats
    return repeats
