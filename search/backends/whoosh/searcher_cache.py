"""What a Whoosh searcher's queries share: live documents, facet values, dates, article ids.

Each is built on the first search that needs it after the index changed (a new searcher),
whole blocks and segments at a time rather than one document at a time through Whoosh's
matchers, and then serves every search until the next change.
"""

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import itemgetter

from haystack.constants import DJANGO_ID
from whoosh.util.times import long_to_datetime

from search.backends.whoosh.internals import deleted_docs, numeric_column_values, segment_term_ids
from search.backends.whoosh.scoring import TermIndex

_DAY_MICROSECONDS = 86_400_000_000
# Document numbers fit in 32 bits (Whoosh's own doc counts are 32-bit).
_DOC_MASK = (1 << 32) - 1


def by_count(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``counts`` by descending count, then value: two stable sorts keyed in C, cheaper than
    one keyed by a Python function over the thousands of values a field can hold."""
    counts.sort(key=itemgetter(0))
    counts.sort(key=itemgetter(1), reverse=True)
    return counts


def nth_largest(counts: dict[str, int], n: int) -> int:
    """The ``n``-th largest of ``counts``' values (0 when it holds fewer)."""
    if n <= 0 or len(counts) < n:
        return 0
    return heapq.nlargest(n, counts.values())[-1]


def facet_listing(
    counts: dict[str, int], limit: int | None, selected: Sequence[str] = ()
) -> list[tuple[str, int]]:
    """The first ``limit`` values of ``counts`` in :func:`by_count` order (all for ``None``),
    then the values of ``selected`` beyond them, in the same order."""
    if limit is None:
        return by_count(list(counts.items()))
    least = nth_largest(counts, limit)
    head = by_count([item for item in counts.items() if item[1] >= least])[: max(0, limit)]
    shown = {value for value, _count in head}
    beyond = [(v, counts[v]) for v in dict.fromkeys(selected) if v in counts and v not in shown]
    return head + by_count(beyond)


@dataclass(frozen=True, slots=True)
class Earlier:
    """The previous searcher, whose segments begin this one's: its number of documents,
    its deleted ones and its extras."""

    size: int
    deleted: frozenset[int]
    extras: dict


def _segment_id(leaf) -> str | None:
    """A segment reader's segment id (``None`` for a reader of no segment: an empty index)."""
    segment = leaf.segment()
    return None if segment is None else segment.segment_id()


class SearcherCache:
    """Per-searcher data that would otherwise be re-read from postings on every query.

    Whoosh segments never change once written (only their deleted documents grow), so a new
    searcher whose first segments are the previous one's takes over what was built on them
    (``previous``): the facet postings and per-document columns, extended by the new
    segments' documents; deletions are applied per searcher. What a segment's postings hold
    is kept per segment while it is in the index.
    """

    def __init__(self, searcher, date_field: str | None, previous: "SearcherCache | None" = None):
        self.searcher = searcher
        self.date_field = date_field
        self.leaves = list(searcher.reader().leaf_readers())
        self.layout = tuple((_segment_id(leaf), leaf.doc_count_all()) for leaf, _ in self.leaves)
        # Per field: ``(segments covered, {value: documents})``, after the large ones and all.
        self._merged: dict[str, list[tuple[int, dict[str, frozenset[int]]]]] = {}
        self._columns: dict[str, tuple[int, list]] = {}
        self._segment_terms: dict[tuple[str, str], dict[str, tuple[int, ...]]] = {}
        # What other modules keep per searcher (:mod:`.collapse`'s stories), and what the
        # previous searcher had when this one extends it.
        self.extras: dict[str, object] = {}
        self.earlier: Earlier | None = None
        if previous is not None:
            self._take_over(previous)
        self._postings: dict[str, dict[str, frozenset[int]]] = {}
        self._values: dict[str, list[tuple[str, ...]]] = {}
        self._per_doc: dict[str, float] = {}
        self._lengths: dict[str, tuple[list[int], list[int]]] = {}
        self._orders: dict[bool, list[int]] = {}
        self._all_docs: frozenset[int] | None = None
        self._deleted: frozenset[int] | None = None
        self._date_order: tuple[list[int], list[int]] | None = None
        # The text field's terms for "did you mean", built by the backend when first asked.
        self.vocabulary = None
        self.terms = TermIndex(searcher)

    def _take_over(self, previous: "SearcherCache") -> None:
        """Keep what ``previous`` built on the segments this searcher starts with."""
        self._columns, self._merged, self._segment_terms = previous.handover(self.layout)
        self.earlier = previous.succession(self.layout)

    def succession(self, layout: tuple) -> "Earlier | None":
        """This searcher's documents, deletions and extras for a searcher over ``layout``,
        when ``layout`` starts with all of this one's segments."""
        if self._deleted is None or layout[: len(self.layout)] != self.layout:
            return None
        size = sum(size for _segment, size in self.layout)
        return Earlier(size, self._deleted, self.extras)

    def handover(self, layout: tuple) -> tuple[dict, dict, dict]:
        """What a searcher over ``layout`` can keep of this one's data: the columns over the
        segments both start with, the merged postings when ``layout`` extends this one's,
        and the postings of each segment both hold."""
        shared = 0
        for mine, theirs in zip(self.layout, layout, strict=False):
            if mine != theirs:
                break
            shared += 1
        ids = {segment for segment, _size in layout}
        terms = {key: found for key, found in self._segment_terms.items() if key[0] in ids}
        if not shared:
            return {}, {}, terms
        docs = sum(size for _segment, size in self.layout[:shared])
        columns = {}
        for name, (covered, column) in self._columns.items():
            kept = min(covered, shared)
            columns[name] = (kept, column if kept == covered else column[:docs])
        merged = {
            name: [(covered, found) for covered, found in snapshots if covered <= shared]
            for name, snapshots in self._merged.items()
        }
        return columns, merged, terms

    def column(self, name: str, segment_values) -> list:
        """A per-document list over every segment: ``segment_values(leaf, offset)`` gives
        one segment's, called only for segments no earlier searcher built it on."""
        covered, column = self._columns.get(name, (0, []))
        if covered < len(self.leaves):
            column = list(column)
            for leaf, offset in self.leaves[covered:]:
                column.extend(segment_values(leaf, offset))
            self._columns[name] = (len(self.leaves), column)
        return column

    def segment_terms(self, leaf, fieldname: str) -> dict[str, tuple[int, ...]]:
        """``{value: the segment's document numbers}`` of a field, deleted ones included."""
        key = (_segment_id(leaf), fieldname)
        found = self._segment_terms.get(key)
        if found is None:
            # Tuples of numbers: Python's collector stops tracking them (lists it scans).
            found = {
                term.decode("utf-8"): tuple(ids) for term, ids in segment_term_ids(leaf, fieldname)
            }
            if key[0] is not None:
                self._segment_terms[key] = found
        return found

    def deleted(self) -> frozenset[int]:
        """The deleted document numbers of every segment."""
        if self._deleted is None:
            self._deleted = frozenset(
                offset + doc
                for leaf, offset in self.leaves
                if leaf.has_deletions()
                for doc in deleted_docs(leaf)
            )
        return self._deleted

    def all_docs(self) -> frozenset[int]:
        """The live document numbers."""
        if self._all_docs is None:
            size = sum(leaf.doc_count_all() for leaf, _offset in self.leaves)
            deleted = self.deleted()
            self._all_docs = frozenset(range(size)).difference(deleted)
        return self._all_docs

    def _merged_postings(self, fieldname: str) -> dict[str, frozenset[int]]:
        """``{value: documents}`` of a facet field over every segment, deleted ones included.

        Kept after the large segments too (:meth:`_large`): when Whoosh merges the small
        ones behind them, the next searcher extends that rather than every segment.
        """
        snapshots = self._merged.get(fieldname, [])
        covered, merged = snapshots[-1] if snapshots else (0, {})
        end = len(self.leaves)
        if covered < end:
            base = snapshots[:1]
            large = self._large()
            if covered < large:
                merged = self._extended(merged, fieldname, covered, large)
                base, covered = [(large, merged)], large
            merged = self._extended(merged, fieldname, covered, end)
            kept = [item for item in base if item[0] < end]
            self._merged[fieldname] = [*kept, (end, merged)]
        return merged

    def _extended(self, merged: dict, fieldname: str, start: int, end: int) -> dict:
        """A copy of ``merged`` with the postings of segments ``start`` to ``end``."""
        if start >= end:
            return merged
        merged = dict(merged)
        for leaf, offset in self.leaves[start:end]:
            for value, ids in self.segment_terms(leaf, fieldname).items():
                docs = frozenset(map(offset.__add__, ids) if offset else ids)
                held = merged.get(value)
                merged[value] = docs if held is None else held | docs
        return merged

    def _large(self) -> int:
        """How many leading segments hold each at least 1 % of the documents: those a
        merge of small segments leaves alone."""
        total = sum(size for _segment, size in self.layout)
        large = 0
        for _segment, size in self.layout:
            if size * 100 < total:
                break
            large += 1
        return large

    def postings(self, fieldname: str) -> dict[str, frozenset[int]]:
        """``{value: live documents}`` of a facet field."""
        cached = self._postings.get(fieldname)
        if cached is None:
            cached = merged = self._merged_postings(fieldname)
            deleted = self.deleted()
            if deleted:
                # Only the values a deleted document holds change.
                column = self._values_column(fieldname)
                cached = dict(merged)
                for value in set(chain.from_iterable(map(column.__getitem__, deleted))):
                    docs = merged[value] - deleted
                    if docs:
                        cached[value] = docs
                    else:
                        del cached[value]
            self._postings[fieldname] = cached
        return cached

    def values_of(self, fieldname: str) -> list[tuple[str, ...]]:
        """The values of a facet field in each document number (none for a deleted one),
        built per segment from its postings."""
        column = self._values.get(fieldname)
        if column is None:
            column = self._values_column(fieldname)
            deleted = self.deleted()
            if deleted:
                column = list(column)
                for doc in deleted:
                    column[doc] = ()
            self._values[fieldname] = column
            held = sum(map(len, self.postings(fieldname).values()))
            self._per_doc[fieldname] = held / max(1, len(column))
        return column

    def _values_column(self, fieldname: str) -> list[tuple[str, ...]]:
        """:meth:`values_of` with the values of deleted documents, kept across searchers."""

        def segment_values(leaf, _offset) -> list[tuple[str, ...]]:
            column: list[tuple[str, ...]] = [()] * leaf.doc_count_all()
            for value, docs in self.segment_terms(leaf, fieldname).items():
                # One value per document (source, year) shares one tuple: no tuple per document.
                alone = (value,)
                for doc in docs:
                    column[doc] = column[doc] + alone if column[doc] else alone
            return column

        return self.column(f"values:{fieldname}", segment_values)

    def value_counts(self, fieldname: str, docs) -> list[tuple[str, int]]:
        """``[(value, count)]`` over ``docs``, by descending count then value."""
        return by_count(list(self.counted(fieldname, docs).items()))

    def counted(self, fieldname: str, docs) -> dict[str, int]:
        """``{value: count}`` over ``docs``, the values with a count only, in no order.

        Two ways, whichever reads fewer entries (they cost about the same per entry): one set
        intersection per value (its postings or ``docs``, the smaller), or the values of each
        document of ``docs`` counted in C (``Counter`` over ``chain``).
        """
        postings = self.postings(fieldname)
        column = self.values_of(fieldname)
        every = self.all_docs()
        # Over most of the index, count the documents left out and subtract.
        inverse = len(docs) * 2 > len(every)
        counted = every - docs if inverse else docs
        size = len(counted)
        by_value = self._entries_read(fieldname, size)
        if size * (1 + self._per_doc[fieldname]) < by_value:
            found_in = Counter(chain.from_iterable(map(column.__getitem__, counted)))
        else:
            found_in = {}
            for value, found in postings.items():
                if size:
                    found_in[value] = (
                        len(found.intersection(counted))
                        if len(found) < size
                        else len(counted.intersection(found))
                    )
        if inverse:
            counts = {v: len(found) - found_in.get(v, 0) for v, found in postings.items()}
            return {value: count for value, count in counts.items() if count}
        if isinstance(found_in, Counter):
            return found_in
        return {value: count for value, count in found_in.items() if count}

    def _entries_read(self, fieldname: str, size: int) -> int:
        """``sum(min(len(docs), size))`` over the field's postings, from their sorted lengths
        and running sums: a field can hold thousands of values (places, people)."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            ordered = sorted(map(len, self.postings(fieldname).values()))
            lengths = self._lengths[fieldname] = (ordered, [0, *accumulate(ordered)])
        ordered, running = lengths
        shorter = bisect_left(ordered, size)
        return running[shorter] + size * (len(ordered) - shorter)

    def docs_with(self, fieldname: str, values: Sequence[str]) -> set[int]:
        """The documents holding any of ``values`` in a facet field."""
        postings = self.postings(fieldname)
        docs: set[int] = set()
        for value in values:
            docs.update(postings.get(str(value), ()))
        return docs

    def article_ids(self) -> list[int]:
        """The article id of each document number, read from the id column."""

        def segment_ids(reader, _offset) -> list[int]:
            if reader.has_column(DJANGO_ID):
                return [int(value) for value in reader.column_reader(DJANGO_ID)]
            stored = reader.stored_fields
            return [int(stored(n)[DJANGO_ID]) for n in range(reader.doc_count_all())]

        return self.column("article ids", segment_ids)

    def date_keys(self) -> list[int]:
        """The raw sortable date of each document number (0 when it has no date)."""
        missing = None
        if self.date_field:
            missing = self.searcher.schema[self.date_field].column_type.default_value()

        # Per segment: Whoosh's multi-segment column reader misaligns
        # document numbers when a segment has no value for the column.
        def segment_keys(reader, _offset) -> list[int]:
            size = reader.doc_count_all()
            if self.date_field and reader.has_column(self.date_field):
                column = reader.column_reader(self.date_field, translate=False)
                values = numeric_column_values(column, size)
                return [0 if key == missing else key for key in values]
            return [0] * size

        return self.column("date keys", segment_keys)

    def docs_in_date_range(self, low: int | None, high: int | None) -> set[int]:
        """Documents whose sortable date key is within [low, high] (``None``: unbounded).

        Bisecting the date column sorted once per searcher: a ``DateRange`` query would union
        the postings of many trie terms instead.
        """
        keys, docs = self._dated()
        start = 0 if low is None else bisect_left(keys, low)
        end = len(keys) if high is None else bisect_right(keys, high)
        return set(docs[start:end])

    def date_order(self, oldest: bool) -> list[int]:
        """Every live document number in date order, undated ones last: newest first or
        oldest first, ties by article id, the higher first (as the Elasticsearch backend), so
        the order does not depend on the order the documents were indexed in."""
        order = self._orders.get(oldest)
        if order is None:
            keys, ids = self.date_keys(), self.article_ids()
            live = self.all_docs()
            if oldest:
                # Date ascending, article id descending: the id is packed inverted.
                bits = self._id_bits()
                top = (1 << bits) - 1
                packed = [(keys[d] << bits | top - ids[d]) << 32 | d for d in live if keys[d]]
                packed.sort()
                dated = [value & _DOC_MASK for value in packed]
            else:
                dated = self._dated()[1][::-1]
            undated = sorted((d for d in live if not keys[d]), key=ids.__getitem__, reverse=True)
            order = self._orders[oldest] = dated + undated
        return order

    def _dated(self) -> tuple[list[int], list[int]]:
        """The date keys and numbers of the live dated documents, by date then article id."""
        if self._date_order is None:
            keys, ids = self.date_keys(), self.article_ids()
            bits = self._id_bits()
            # Date, article id and number in one integer: sorts in C, no key tuples.
            packed = [(keys[d] << bits | ids[d]) << 32 | d for d in self.all_docs() if keys[d]]
            packed.sort()
            shift = bits + 32
            self._date_order = (
                [value >> shift for value in packed],
                [value & _DOC_MASK for value in packed],
            )
        return self._date_order

    def _id_bits(self) -> int:
        """Bits enough for every article id (at least 32)."""
        return max(32, max(self.article_ids(), default=0).bit_length())

    def months(self) -> list[int]:
        """``year * 100 + month`` of each document number (0 when it has no date), from the
        date column, so the index needs no month field."""
        return self._by_day("months", lambda moment: moment.year * 100 + moment.month)

    def _by_day(self, name: str, convert) -> list[int]:
        """``convert(date)`` of each document number's date (0 when it has none), converted
        once per day value (dates have no time of day), not once per document."""
        keys = self.date_keys()

        def segment_values(reader, offset) -> list[int]:
            by_day: dict[int, int] = {}
            values = []
            for key in keys[offset : offset + reader.doc_count_all()]:
                if not key:
                    values.append(0)
                    continue
                day = key // _DAY_MICROSECONDS
                value = by_day.get(day)
                if value is None:
                    value = by_day[day] = convert(long_to_datetime(key))
                values.append(value)
            return values

        return self.column(name, segment_values)

    def month_counts(self, docs) -> dict[str, int]:
        """``{yyyymm: count}`` of the dated documents of ``docs``."""
        return _period_counts(self.months(), docs)

    def days(self) -> list[int]:
        """``yyyymmdd`` of each document number (0 when it has no date), as :meth:`months`."""
        return self._by_day("days", lambda moment: int(moment.strftime("%Y%m%d")))

    def day_counts(self, docs) -> dict[str, int]:
        """``{yyyymmdd: count}`` of the dated documents of ``docs``."""
        return _period_counts(self.days(), docs)


def _period_counts(periods: list[int], docs) -> dict[str, int]:
    """Documents of ``docs`` per period value of ``periods`` (0, undated, left out)."""
    size = len(periods)
    counts = Counter(periods[doc] for doc in docs if doc < size)
    counts.pop(0, None)
    return {str(period): count for period, count in counts.items()}
