"""Haystack's Whoosh backend, rebuilt for Arabic text and for speed.

What differs from ``haystack.backends.whoosh_backend`` and why:

- **Schema.** Text fields use :func:`search.backends.whoosh.analyzer.ArabicAnalyzer` (haystack
  defaults to English stemming), are not stored and not sortable (haystack
  stores every text field twice). Facet fields (:mod:`search.backends.fields`)
  are exact keywords, never stemmed or split. The date is a sortable column.
- **Writes.** Non-compound segments (a searcher opens them ~1000× faster),
  one writer per batch with a bounded lock wait, and failures raise: a lost
  delete would leave an unpublished article searchable.
- **Reads.** One long-lived searcher per backend (haystack keeps one backend
  per thread), refreshed only when the index generation changed. Filters,
  date ranges, facet counts, sorting and paging run in :meth:`execute` on
  document numbers; stored fields are read only for the page shown. Facet
  postings are cached per searcher and counted with set intersections or per
  document, whichever reads less.
- **Fast paths.** Terms, AND, OR, NOT and phrases are matched as set operations
  on posting blocks read whole (phrases compare positions of the documents
  holding every word), and ranked with Whoosh's BM25F computed from the same
  weights and field lengths (:class:`_TermIndex`); the postings of recently
  searched terms are kept per searcher. Whoosh's matchers walk postings one
  document at a time through several Python layers (and their block-skipping
  shortcut drops some results of AND-MAYBE queries over several segments).
  Anything else goes through Whoosh. Date sorts walk a date order computed once
  per searcher.
"""

import heapq
import logging
import os
import pickle
import struct
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from itertools import accumulate, chain, islice
from operator import neg

from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import (
    WhooshSearchBackend,
    WhooshSearchQuery,
)
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.models import SearchResult
from haystack.utils import get_identifier, get_model_ct
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.columns import NumericColumn
from whoosh.fields import DATETIME, KEYWORD, NUMERIC, STORED, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.qparser import QueryParser
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length
from whoosh.util.times import long_to_datetime
from whoosh.writing import CLEAR

from search.backends.base import (
    MONTH_FACET,
    SORT_OLDEST,
    SORT_RELEVANCE,
    SearchOutcome,
    SearchRequest,
)
from search.backends.fields import FACET_ID
from search.backends.whoosh.analyzer import ArabicAnalyzer
from search.backends.whoosh.textfield import ArabicText
from search.backends.whoosh.vocabulary import WhooshVocabulary

logger = logging.getLogger(__name__)

DEFAULT_LOCK_TIMEOUT = 10.0
DEFAULT_WRITER_LIMITMB = 256
# Documents handed to a rebuild worker process at a time.
REBUILD_MP_BATCH = 200
# Postings of recently searched terms kept per searcher (see _TermIndex): each costs
# ~250 bytes once held as id, weight, positions, set member and score (~40 MB in all).
TERM_CACHE_POSTINGS = 150_000
# Whoosh scores a NOT inside an AND with its InverseMatcher's constant weight.
_NOT_SCORE = 1.0
_DAY_MICROSECONDS = 86_400_000_000


# Document numbers fit in 32 bits (Whoosh's own doc counts are 32-bit).
_DOC_MASK = (1 << 32) - 1


class _SearcherCache:
    """Per-searcher data that would otherwise be re-read from postings on every query."""

    def __init__(self, searcher, date_field: str | None):
        self.searcher = searcher
        self.date_field = date_field
        self._postings: dict[str, dict[str, frozenset[int]]] = {}
        self._values: dict[str, list[tuple[str, ...]]] = {}
        self._per_doc: dict[str, float] = {}
        self._orders: dict[bool, list[int]] = {}
        self._all_docs: frozenset[int] | None = None
        self._date_keys: list[int] | None = None
        self._article_ids: list[int] | None = None
        self._date_order: tuple[list[int], list[int]] | None = None
        self._months: list[int] | None = None
        self.vocabulary: WhooshVocabulary | None = None
        self.terms = _TermIndex(searcher)

    # Everything below is built on the first search after the index changed (a new
    # searcher): whole blocks and segments at a time, not one document at a time through
    # Whoosh's matchers (that search took 1.7–2.2 s at 200,000 articles, now 0.3–0.4 s).

    def all_docs(self) -> frozenset[int]:
        if self._all_docs is None:
            live: list[int] = []
            for leaf, offset in self.searcher.reader().leaf_readers():
                size = leaf.doc_count_all()
                deleted = _deleted_docs(leaf) if leaf.has_deletions() else ()
                if deleted:
                    live.extend(offset + doc for doc in range(size) if doc not in deleted)
                else:
                    live.extend(range(offset, offset + size))
            self._all_docs = frozenset(live)
        return self._all_docs

    def postings(self, fieldname: str) -> dict[str, frozenset[int]]:
        cached = self._postings.get(fieldname)
        if cached is None:
            reader = self.searcher.reader()
            cached = {}
            if fieldname in reader.schema.names() and reader.doc_count_all():
                for term in reader.lexicon(fieldname):
                    ids = _read_postings(
                        reader, fieldname, term, with_values=False, with_weights=False
                    )[0]
                    if ids:
                        cached[term.decode("utf-8")] = frozenset(ids)
            self._postings[fieldname] = cached
        return cached

    def values_of(self, fieldname: str) -> list[tuple[str, ...]]:
        """The values of a facet field in each document number, built once from the postings."""
        column = self._values.get(fieldname)
        if column is None:
            size = self.searcher.reader().doc_count_all()
            column = [()] * size
            held = 0
            for value, docs in self.postings(fieldname).items():
                # One value per document (source, year) shares one tuple: no tuple per document.
                alone = (value,)
                for doc in docs:
                    column[doc] = column[doc] + alone if column[doc] else alone
                held += len(docs)
            self._values[fieldname] = column
            self._per_doc[fieldname] = held / max(1, size)
        return column

    def value_counts(self, fieldname: str, docs) -> list[tuple[str, int]]:
        """``[(value, count)]`` over ``docs``, by descending count then value.

        Two ways, whichever reads fewer entries (measured: about the same cost per entry):
        one set intersection per value (its postings or ``docs``, the smaller), or the
        values of each document of ``docs`` counted in C (``Counter`` over ``chain``).
        """
        postings = self.postings(fieldname)
        column = self.values_of(fieldname)
        every = self.all_docs()
        # Over most of the index, count the documents left out and subtract.
        inverse = len(docs) * 2 > len(every)
        counted = every - docs if inverse else docs
        size = len(counted)
        by_value = sum(min(len(found), size) for found in postings.values())
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
            counts = [(v, len(found) - found_in.get(v, 0)) for v, found in postings.items()]
        else:
            counts = list(found_in.items())
        return sorted(((v, n) for v, n in counts if n), key=lambda item: (-item[1], item[0]))

    def date_order(self, oldest: bool) -> list[int]:
        """Every live document number in date order, undated ones last: newest first (ties:
        the higher number first) or oldest first (ties: the higher number first too)."""
        order = self._orders.get(oldest)
        if order is None:
            keys = self.date_keys()
            live = self.all_docs()
            if oldest:
                # Ties: the higher number first, so the number is packed inverted.
                packed = [keys[doc] << 32 | _DOC_MASK - doc for doc in live if keys[doc]]
                packed.sort()
                dated = [_DOC_MASK - (value & _DOC_MASK) for value in packed]
            else:
                dated = self._dated()[1][::-1]
            undated = sorted((doc for doc in live if not keys[doc]), reverse=True)
            order = self._orders[oldest] = dated + undated
        return order

    def docs_with(self, fieldname: str, values: Sequence[str]) -> set[int]:
        postings = self.postings(fieldname)
        docs: set[int] = set()
        for value in values:
            docs.update(postings.get(str(value), ()))
        return docs

    def article_ids(self) -> list[int]:
        """The article id of each document number, read from the id column."""
        if self._article_ids is None:
            ids: list[int] = []
            for reader, _offset in self.searcher.reader().leaf_readers():
                if reader.has_column(DJANGO_ID):
                    ids.extend(int(value) for value in reader.column_reader(DJANGO_ID))
                else:
                    stored = reader.stored_fields
                    ids.extend(int(stored(n)[DJANGO_ID]) for n in range(reader.doc_count_all()))
            self._article_ids = ids
        return self._article_ids

    def docs_in_date_range(self, low: int | None, high: int | None) -> set[int]:
        """Documents whose sortable date key is within [low, high] (``None``: unbounded).

        Bisecting the date column sorted once per searcher: a ``DateRange`` query unions
        the postings of many trie terms instead (~90 ms for 15,000 of 40,000 articles).
        """
        keys, docs = self._dated()
        start = 0 if low is None else bisect_left(keys, low)
        end = len(keys) if high is None else bisect_right(keys, high)
        return set(docs[start:end])

    def _dated(self) -> tuple[list[int], list[int]]:
        """The date keys and numbers of the live dated documents, by date then number."""
        if self._date_order is None:
            keys = self.date_keys()
            # One integer per document, date above number, sorts in C without key tuples.
            packed = [keys[doc] << 32 | doc for doc in self.all_docs() if keys[doc]]
            packed.sort()
            self._date_order = (
                [value >> 32 for value in packed],
                [value & _DOC_MASK for value in packed],
            )
        return self._date_order

    def date_keys(self) -> list[int]:
        """The raw sortable date of each document number (0 when it has no date)."""
        if self._date_keys is None:
            keys: list[int] = []
            missing = None
            if self.date_field:
                missing = self.searcher.schema[self.date_field].column_type.default_value()
            # Per segment: Whoosh's multi-segment column reader misaligns
            # document numbers when a segment has no value for the column.
            for reader, _offset in self.searcher.reader().leaf_readers():
                size = reader.doc_count_all()
                if self.date_field and reader.has_column(self.date_field):
                    column = reader.column_reader(self.date_field, translate=False)
                    values = _numeric_column_values(column, size)
                    keys.extend(0 if key == missing else key for key in values)
                else:
                    keys.extend([0] * size)
            self._date_keys = keys
        return self._date_keys

    def months(self) -> list[int]:
        """``year * 100 + month`` of each document number (0 when it has no date).

        From the date column, so the index needs no month field; converted once per day
        value (dates have no time of day), not once per document.
        """
        if self._months is None:
            by_day: dict[int, int] = {}
            months = []
            for key in self.date_keys():
                if not key:
                    months.append(0)
                    continue
                day = key // _DAY_MICROSECONDS
                month = by_day.get(day)
                if month is None:
                    moment = long_to_datetime(key)
                    month = by_day[day] = moment.year * 100 + moment.month
                months.append(month)
            self._months = months
        return self._months

    def month_counts(self, docs) -> list[tuple[str, int]]:
        """``[(yyyymm, count)]`` of the dated documents of ``docs``, commonest first."""
        months = self.months()
        size = len(months)
        counts = Counter(months[doc] for doc in docs if doc < size)
        counts.pop(0, None)
        return sorted(((str(m), n) for m, n in counts.items()), key=lambda i: (-i[1], i[0]))


class _Unsupported(Exception):
    """A query node the fast paths do not evaluate: Whoosh's own matchers do."""


class _TermIndex:
    """Documents and BM25F scores of single terms, read block by block from the postings.

    Whoosh's matchers walk postings one document at a time through several Python layers;
    reading a posting block's ids and weights as arrays and scoring them in one loop is
    cheaper, and lets one read serve matching, scoring and the next queries with the same
    word (the next page, a facet click, the timeline): the terms read last are kept, up to
    ``budget`` postings in all. Scores are Whoosh's BM25F from the same weights and field
    lengths (see ``tests/search/test_search_fast_paths.py``).
    """

    def __init__(self, searcher, budget: int = TERM_CACHE_POSTINGS):
        self.searcher = searcher
        self.weighting = searcher.weighting
        self.budget = budget
        self._norms: dict[str, list[float]] = {}
        # (field, term) -> [ids, weights, docs set or None, scores or None, positions or None]
        self._terms: OrderedDict[tuple[str, str], list] = OrderedDict()
        self._held = 0

    def clear(self) -> None:
        """Forget the terms read (benchmarks time queries without them)."""
        self._terms.clear()
        self._held = 0

    def docs(self, fieldname: str, text: str, *, positions: bool = False) -> set[int]:
        """The documents holding a term; ``positions`` also reads where (a phrase will ask)."""
        entry = self._entry(fieldname, text, positions=positions)
        if entry[2] is None:
            entry[2] = set(entry[0])
        return entry[2]

    def scores(self, fieldname: str, text: str) -> dict[int, float]:
        """``{docnum: score}`` of a term, as Whoosh's scorer for it would give."""
        entry = self._entry(fieldname, text)
        if entry[3] is None:
            entry[3] = self._scored(fieldname, text, entry[0], entry[1])
        return entry[3]

    def _entry(self, fieldname: str, text: str, *, positions: bool = False) -> list:
        # Positions are read only for phrases: decoding them doubles the cost of reading a
        # common word's postings.
        positions = positions and self._has_positions(fieldname)
        key = (fieldname, text)
        entry = self._terms.get(key)
        if entry is not None:
            self._terms.move_to_end(key)
            if positions and entry[4] is None:
                entry[4] = self._postings(fieldname, text, with_values=True)[2]
            return entry
        ids, weights, values = self._postings(fieldname, text, with_values=positions)
        entry = self._terms[key] = [ids, weights, None, None, values]
        self._held += len(ids)
        while self._held > self.budget and len(self._terms) > 1:
            _key, evicted = self._terms.popitem(last=False)
            self._held -= len(evicted[0])
        return entry

    def _scored(self, fieldname: str, text: str, ids, weights) -> dict[int, float]:
        field = self.searcher.schema[fieldname]
        if not field.scorable:
            # Whoosh's WeightScorer: the weight itself.
            return dict(zip(ids, weights, strict=True))
        idf = self.searcher.idf(fieldname, text)
        k1 = self.weighting.K1
        norms = self.norms(fieldname)
        return {
            doc: idf * ((weight * (k1 + 1)) / (weight + norms[doc]))
            for doc, weight in zip(ids, weights, strict=True)
        }

    def _postings(
        self, fieldname: str, text: str, *, with_values: bool = False
    ) -> tuple[list, list, list | None]:
        """Global document numbers, weights and (``with_values``) encoded positions of the
        live documents holding a term."""
        return _read_postings(self.searcher.reader(), fieldname, text, with_values=with_values)

    def _has_positions(self, fieldname: str) -> bool:
        field = self.searcher.schema[fieldname] if fieldname in self.searcher.schema else None
        return type(getattr(field, "format", None)) is Positions

    def positions(self, fieldname: str, text: str, docs) -> dict[int, list[int]]:
        """The positions of a term in each of ``docs`` that holds it."""
        entry = self._entry(fieldname, text, positions=True)
        ids, values = entry[0], entry[4]
        if values is None:
            raise _Unsupported(fieldname)
        found = {}
        for index, doc in enumerate(ids):
            if doc in docs:
                found[doc] = _decoded_positions(values[index])
        return found

    def norms(self, fieldname: str) -> list[float]:
        """``K1 * ((1 - B) + B * length / average length)`` per document (BM25F)."""
        norms = self._norms.get(fieldname)
        if norms is None:
            weighting = self.weighting
            b = weighting._field_B.get(fieldname, weighting.B)
            k1 = weighting.K1
            average = self.searcher.avg_field_length(fieldname) or 1
            norms = []
            for reader, _offset in self.searcher.reader().leaf_readers():
                lengths = _field_lengths(reader, fieldname)
                # Lengths are stored as one byte: a few hundred values for all documents.
                norm_of = {length: k1 * ((1 - b) + b * length / average) for length in set(lengths)}
                norms.extend(map(norm_of.__getitem__, lengths))
            self._norms[fieldname] = norms
        return norms


def _read_postings(
    reader, fieldname: str, text, *, with_values: bool, with_weights: bool = True
) -> tuple[list, list | None, list | None]:
    """Global document numbers, weights (``with_weights``) and encoded values
    (``with_values``) of the live documents holding a term, read block by block from each
    segment."""
    ids: list[int] = []
    weights: list[float] | None = [] if with_weights else None
    values: list[bytes] | None = [] if with_values else None
    for leaf_reader, offset in reader.leaf_readers():
        try:
            matcher = leaf_reader.postings(fieldname, text)
        except TermNotFound:
            continue
        deleted = None
        if isinstance(matcher, FilterMatcher):
            deleted = matcher._ids
            matcher = matcher.child
            matcher.reset()
        leaf = _matcher_items(matcher, values is not None, with_weights=weights is not None)
        if deleted:
            kept = [i for i, doc in enumerate(leaf[0]) if doc not in deleted]
            leaf = tuple(None if part is None else [part[i] for i in kept] for part in leaf)
        leaf_ids, leaf_weights, leaf_values = leaf
        ids.extend([doc + offset for doc in leaf_ids] if offset else leaf_ids)
        if weights is not None:
            weights.extend(leaf_weights)
        if values is not None:
            values.extend(leaf_values)
    return ids, weights, values


def _deleted_docs(leaf_reader) -> frozenset[int] | set[int]:
    """A segment's deleted document numbers (Whoosh's segment readers keep them as a set)."""
    deleted = getattr(leaf_reader, "deleted_docs_set", None)
    if deleted is not None:
        return deleted
    size = leaf_reader.doc_count_all()
    return {doc for doc in range(size) if leaf_reader.is_deleted(doc)}


_BYTE_LENGTHS = [byte_to_length(byte) for byte in range(256)]


def _field_lengths(reader, fieldname: str) -> list[int]:
    """The length of a field in each document of one segment, as Whoosh's scorer reads it.

    Straight from the segment's one-byte length column when it has one (one read instead of
    one Python call per document: ~100 ms a field at 40,000 articles); otherwise, or on
    another codec, through ``doc_field_length``.
    """
    size = reader.doc_count_all()
    perdoc = getattr(reader, "_perdoc", None)
    column = None
    if isinstance(perdoc, W3PerDocReader):
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if isinstance(column, NumericColumn.Reader) and column._fixedlen == 1:
        raw = column._dbfile.get(column._basepos, column._count)
        lengths = [_BYTE_LENGTHS[byte] for byte in raw]
        return lengths + [0] * (size - len(lengths))
    return [reader.doc_field_length(doc, fieldname, 1) or 0 for doc in range(size)]


def _numeric_column_values(column, size: int) -> list:
    """A segment's numeric column as a list, from one read of its packed values when Whoosh
    stores them as fixed-size numbers (one Python call per document otherwise: ~0.2 s for
    the date column at 200,000 articles)."""
    if type(column) is NumericColumn.Reader:
        raw = column._dbfile.get(column._basepos, column._count * column._fixedlen)
        values = [value for (value,) in struct.iter_unpack("!" + column._typecode, raw)]
        return values[:size] + [column._default] * (size - len(values))
    return list(column)


def _matcher_items(
    matcher, with_values: bool, *, with_weights: bool = True
) -> tuple[list, list | None, list | None]:
    """Ids, weights (``with_weights``) and encoded values (``with_values``) of a leaf matcher
    from its current position: whole blocks at a time."""
    ids: list[int] = []
    weights: list[float] | None = [] if with_weights else None
    values: list | None = [] if with_values else None
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            _read_block_ids(matcher)
            start = matcher._i
            ids.extend(matcher._ids[start:])
            if weights is not None:
                matcher._read_weights()
                weights.extend(matcher._weights[start:])
            if values is not None:
                matcher._read_values()
                values.extend(matcher._values[start:])
            matcher._next_block()
        return ids, weights, values
    while matcher.is_active():
        ids.append(matcher.id())
        if weights is not None:
            weights.append(matcher.weight())
        if values is not None:
            values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def _read_block_ids(matcher: W3LeafMatcher) -> None:
    """Whoosh's ``W3LeafMatcher._read_ids`` with the gaps summed in C (``accumulate``) rather
    than by Whoosh's generator: a posting block holds up to 128 ids."""
    if matcher._ids is not None:
        return
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))


def _decoded_positions(value: bytes) -> list[int]:
    """Whoosh's ``Positions.decode_positions``: a count, then pickled position deltas."""
    if not value.endswith(b"."):
        value += b"."
    return list(accumulate(pickle.loads(value[_INT_SIZE:])))


def _phrase_ends(starts, following: list[list[int]], slop: int) -> bool:
    """Whether the words follow one another as Whoosh's ``Phrase`` requires: each next word
    1 to ``slop`` positions after the previous one (Whoosh's ``SpanNear2``, ordered,
    ``mindist=1``)."""
    ends = set(starts)
    for positions in following:
        if slop == 1:
            ends = ends.intersection([p - 1 for p in positions])
            ends = {e + 1 for e in ends}
        else:
            ends = {p for p in positions if any(1 <= p - e <= slop for e in ends)}
        if not ends:
            return False
    return True


def _fast_paths_apply(searcher) -> bool:
    """Whether the fast paths reproduce this searcher's scoring (Whoosh's default BM25F)."""
    return type(searcher.weighting) is scoring.BM25F


class ArabicWhooshSearchBackend(WhooshSearchBackend):
    """See the module docstring."""

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        # A silent failure here means a deleted article stays searchable.
        self.silently_fail = False
        self.lock_timeout = float(connection_options.get("LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
        self.writer_limitmb = int(connection_options.get("WRITER_LIMITMB", DEFAULT_WRITER_LIMITMB))
        self.date_field_name: str | None = None
        self._searcher = None
        self._cache: _SearcherCache | None = None

    # ------------------------------------------------------------------ setup

    def setup(self):
        from haystack import connections

        if self.use_file_storage:
            os.makedirs(self.path, exist_ok=True)
            if not os.access(self.path, os.W_OK):
                raise OSError(f"The Whoosh index directory {self.path!r} is not writable.")
            self.storage = FileStorage(self.path)
        else:
            self.storage = RamStorage()

        fields = connections[self.connection_alias].get_unified_index().all_searchfields()
        self.content_field_name, self.schema = self.build_schema(fields)
        self.parser = QueryParser(self.content_field_name, schema=self.schema)
        try:
            self.index = self.storage.open_index(schema=self.schema)
        except whoosh_index.EmptyIndexError:
            self.index = self.storage.create_index(self.schema)
        self._searcher = None
        self._cache = None
        self.setup_complete = True

    def build_schema(self, fields):
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            # A column gives article ids of a result page without stored-field reads.
            DJANGO_ID: WHOOSH_ID(stored=True, sortable=True),
        }
        content_field_name = ""
        for field_class in fields.values():
            name = field_class.index_fieldname
            if field_class.field_type == FACET_ID:
                schema_fields[name] = KEYWORD(commas=True, scorable=False, stored=False)
            elif not field_class.indexed:
                schema_fields[name] = STORED()
            elif field_class.field_type in ("date", "datetime"):
                self.date_field_name = name
                schema_fields[name] = DATETIME(stored=False, sortable=True)
            elif field_class.field_type in ("integer", "float"):
                numtype = int if field_class.field_type == "integer" else float
                schema_fields[name] = NUMERIC(numtype=numtype, stored=field_class.stored)
            else:
                schema_fields[name] = ArabicText(
                    analyzer=ArabicAnalyzer(),
                    stored=False,
                    phrase=True,
                    field_boost=field_class.boost,
                )
            if field_class.document:
                content_field_name = name
        if len(schema_fields) <= 3:
            raise SearchBackendError("No fields were found in any search_indexes.")
        return content_field_name, Schema(**schema_fields)

    # ----------------------------------------------------------------- writes

    def _writer(self, *, lock_timeout: float | None = None):
        if not self.setup_complete:
            self.setup()
        timeout = self.lock_timeout if lock_timeout is None else lock_timeout
        return self.index.writer(
            timeout=timeout, delay=0.05, compound=False, limitmb=self.writer_limitmb
        )

    @contextmanager
    def _writing(self, *, lock_timeout: float | None = None):
        """A writer committed on success and cancelled on any error (the lock is released)."""
        writer = self._writer(lock_timeout=lock_timeout)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def apply(self, index, objects, removed_ids, *, lock_timeout: float | None = None):
        """Index ``objects`` and delete the documents of ``removed_ids``, in one commit.

        The index queue's single write: one lock and one commit per batch.
        ``lock_timeout=0`` gives up at once (``LockError``) when another
        process holds the index. Returns the ids actually indexed.
        """
        indexed = []
        with self._writing(lock_timeout=lock_timeout) as writer:
            for obj in objects:
                try:
                    doc = index.full_prepare(obj)
                except SkipDocument:
                    writer.delete_by_term(ID, get_identifier(obj))
                    continue
                writer.update_document(**self._whoosh_document(doc))
                indexed.append(obj.pk)
            for identifier in removed_ids:
                writer.delete_by_term(ID, identifier)
        return indexed

    def _whoosh_document(self, doc: dict) -> dict:
        doc.pop("boost", None)
        return {
            key: self._from_python(value)
            for key, value in doc.items()
            if value is not None and value != []
        }

    def update(self, index, iterable, commit=True):
        with self._writing() as writer:
            for obj in iterable:
                try:
                    doc = index.full_prepare(obj)
                except SkipDocument:
                    continue
                writer.update_document(**self._whoosh_document(doc))

    def rebuild(self, index, batches: Iterable[Iterable], *, procs: int = 1) -> int:
        """Replace the whole index with the documents of ``batches``, in one writer.

        Haystack's ``rebuild_index`` commits (and merges segments) once per
        batch; one writer for everything, with ``procs`` > 1 analyzing in
        worker processes that each write their own segment, is ~2× faster
        on two cores. Returns how many documents were written.
        """
        if not self.setup_complete:
            self.setup()
        self.clear()
        options = {"compound": False, "limitmb": self.writer_limitmb}
        if procs > 1:
            options.update(procs=procs, multisegment=True, batchsize=REBUILD_MP_BATCH)
        writer = self.index.writer(timeout=self.lock_timeout, delay=0.05, **options)
        written = 0
        try:
            for batch in batches:
                for obj in batch:
                    try:
                        doc = index.full_prepare(obj)
                    except SkipDocument:
                        continue
                    writer.add_document(**self._whoosh_document(doc))
                    written += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return written

    def remove(self, obj_or_string, commit=True):
        with self._writing() as writer:
            writer.delete_by_term(ID, get_identifier(obj_or_string))

    def clear(self, models=None, commit=True):
        writer = self._writer()
        if models is None:
            # Dropping every segment keeps generations increasing, so every
            # open searcher notices the change (deleting the files would not).
            writer.commit(mergetype=CLEAR)
            return
        try:
            for model in models:
                writer.delete_by_term(DJANGO_CT, get_model_ct(model))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def delete_index(self):
        self.clear()

    def optimize(self):
        self._writer().commit(optimize=True)

    # ------------------------------------------------------------------ reads

    def searcher(self):
        """The long-lived searcher, refreshed only when the index changed."""
        if not self.setup_complete:
            self.setup()
        if self._searcher is not None and not self._searcher.up_to_date():
            # Not Searcher.refresh(): whoosh-reloaded 2.7.5 re-adds the old
            # reader's segments to the new one, so merged or cleared documents
            # would come back. A fresh reader on non-compound segments is cheap.
            self._searcher.close()
            self._searcher = None
            self._cache = None
        if self._searcher is None:
            self._searcher = self.index.searcher()
        return self._searcher

    def _searcher_cache(self) -> _SearcherCache:
        searcher = self.searcher()
        if self._cache is None or self._cache.searcher is not searcher:
            self._cache = _SearcherCache(searcher, self.date_field_name)
        return self._cache

    def vocabulary(self) -> WhooshVocabulary:
        """The text field's terms for "did you mean" (:mod:`search.suggest`), per searcher."""
        cache = self._searcher_cache()
        if cache.vocabulary is None:
            cache.vocabulary = WhooshVocabulary(cache.searcher.reader(), self.content_field_name)
        return cache.vocabulary

    def _date_docs(self, request: SearchRequest, cache: _SearcherCache) -> set[int] | None:
        """Documents within the request's date range; ``None`` when it has none."""
        if not self.date_field_name or (request.date_from is None and request.date_to is None):
            return None
        field = self.schema[self.date_field_name]

        def key(day: date | None) -> int | None:
            if day is None:
                return None
            return field.to_column_value(datetime(day.year, day.month, day.day))

        return cache.docs_in_date_range(key(request.date_from), key(request.date_to))

    def _base_docs(self, request: SearchRequest, cache: _SearcherCache) -> set[int] | frozenset:
        date_docs = self._date_docs(request, cache)
        if request.query is None:
            return cache.all_docs() if date_docs is None else date_docs
        docs = self._query_docs(request.query, cache)
        return docs if date_docs is None else docs & date_docs

    def _query_docs(self, query: wq.Query, cache: _SearcherCache) -> set[int]:
        """The live documents matching ``query``: terms, AND, OR and NOT as set operations on
        posting blocks; anything else (phrases) through Whoosh's matchers."""
        if isinstance(query, wq.Term):
            return cache.terms.docs(query.fieldname, query.text)
        if isinstance(query, wq.And):
            positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
            negative = [q.query for q in query.subqueries if isinstance(q, wq.Not)]
            if positive:
                sets = sorted((self._query_docs(q, cache) for q in positive), key=len)
                docs = sets[0].intersection(*sets[1:])
                for excluded in negative:
                    docs -= self._query_docs(excluded, cache)
                return docs
        elif isinstance(query, wq.Or) and not isinstance(query, wq.DisjunctionMax):
            if not getattr(query, "minmatch", 0):
                docs: set[int] = set()
                for sub in query.subqueries:
                    docs |= self._query_docs(sub, cache)
                return docs
        elif isinstance(query, wq.AndNot):
            return self._query_docs(query.a, cache) - self._query_docs(query.b, cache)
        elif isinstance(query, wq.AndMaybe):
            return self._query_docs(query.a, cache)
        elif isinstance(query, wq.Phrase) and query.boost == 1 and query.slop >= 1:
            try:
                return self._phrase_docs(query, cache)
            except _Unsupported:
                pass
        elif query is wq.NullQuery:
            return set()
        elif isinstance(query, wq.Every) and not query.fieldname:
            return set(cache.all_docs())
        return set(cache.searcher.docs_for_query(query))

    def _phrase_docs(self, query: wq.Phrase, cache: _SearcherCache) -> set[int]:
        """The documents with the phrase's words in order, from the positions in the postings
        of the documents that hold every word (Whoosh compares spans through matchers)."""
        terms = cache.terms
        words = list(query.words)
        if not words:
            return set()
        sets = sorted(
            (terms.docs(query.fieldname, word, positions=True) for word in words), key=len
        )
        candidates = sets[0].intersection(*sets[1:])
        if len(words) == 1 or not candidates:
            return candidates
        positions = [terms.positions(query.fieldname, word, candidates) for word in words]
        first, rest = positions[0], positions[1:]
        return {
            doc
            for doc in candidates
            if _phrase_ends(first[doc], [found[doc] for found in rest], query.slop)
        }

    def _filtered(self, request, cache) -> tuple[set[int] | frozenset, dict[str, set[int]]]:
        base = self._base_docs(request, cache)
        groups = {
            name: cache.docs_with(name, values)
            for name, values in request.filters.items()
            if values
        }
        return base, groups

    @staticmethod
    def _intersect(base, sets) -> set[int] | frozenset:
        result = base
        for docs in sorted(sets, key=len):
            result = docs.intersection(result) if len(docs) < len(result) else result & docs
        return result

    def _facets(self, request, cache, base, groups) -> dict[str, list[tuple[str, int]]]:
        facets = {}
        final = None
        for name in request.facet_fields:
            if name in groups:
                docs = self._intersect(base, [s for n, s in groups.items() if n != name])
            else:
                if final is None:
                    final = self._intersect(base, groups.values())
                docs = final
            if name == MONTH_FACET:
                facets[name] = cache.month_counts(docs)
            else:
                facets[name] = cache.value_counts(name, docs)
        return facets

    def _ordered_docnums(self, request, cache, docs, count: int) -> list[tuple[int, float | None]]:
        """The first ``count`` documents of ``docs`` in the requested order."""
        if not docs or count <= 0:
            return []
        if request.sort == SORT_RELEVANCE and request.query is not None:
            scorer = request.score_query or request.query
            if _fast_paths_apply(cache.searcher):
                try:
                    scores = dict.fromkeys(docs, 0.0)
                    self._add_scores(scorer, cache, scores, docs)
                except _Unsupported:
                    pass
                else:
                    # Whoosh's order: highest score first, the lower document number on ties.
                    ranked = zip(scores.values(), map(neg, scores), strict=True)
                    top = heapq.nlargest(count, ranked)
                    return [(-negated, score) for score, negated in top]
            results = cache.searcher.search(
                scorer, limit=count, filter=docs if isinstance(docs, set) else set(docs)
            )
            return [(docnum, score) for score, docnum in results.top_n]
        every = cache.all_docs()
        if count * len(every) < len(docs) * len(docs):
            # Walking the date order until ``count`` documents of ``docs`` went by costs
            # about count × all / len(docs) steps: less than ranking every one of ``docs``.
            order = cache.date_order(request.sort == SORT_OLDEST)
            return [(docnum, None) for docnum in islice(filter(docs.__contains__, order), count)]
        keys = cache.date_keys()
        if request.sort == SORT_OLDEST:
            # Undated documents go last in both directions: they are the least informative.
            top = heapq.nsmallest(
                count,
                docs,
                key=lambda d: (keys[d] or (1 << 64), -d) if d < len(keys) else (1 << 64, -d),
            )
        else:
            top = heapq.nlargest(count, docs, key=lambda d: (keys[d] if d < len(keys) else 0, d))
        return [(docnum, None) for docnum in top]

    def _add_scores(self, query, cache, scores: dict[int, float], docs) -> None:
        """Add each document of ``docs`` its score for ``query`` as Whoosh sums it: a term's
        BM25F score (times its boost), summed over the parts of AND, OR and AND-MAYBE that
        match the document; the left side only of AND-NOT."""
        if isinstance(query, wq.Term):
            term_scores = cache.terms.scores(query.fieldname, query.text)
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
            return
        if getattr(query, "boost", 1) != 1:
            raise _Unsupported(query)
        if isinstance(query, wq.And):
            positive = [q for q in query.subqueries if not isinstance(q, wq.Not)]
            matching = self._query_docs(query, cache)
            matching = matching & docs if len(matching) > len(docs) else docs & matching
            for sub in positive:
                self._add_scores(sub, cache, scores, matching)
            for _excluded in range(len(query.subqueries) - len(positive)):
                for doc in matching:
                    scores[doc] += _NOT_SCORE
        elif isinstance(query, wq.Or) and not isinstance(query, wq.DisjunctionMax):
            if getattr(query, "minmatch", 0) or getattr(query, "scale", None):
                raise _Unsupported(query)
            for sub in query.subqueries:
                self._add_scores(sub, cache, scores, docs)
        elif isinstance(query, wq.AndMaybe):
            matching = docs & self._query_docs(query.a, cache)
            self._add_scores(query.a, cache, scores, matching)
            self._add_scores(query.b, cache, scores, matching)
        elif isinstance(query, wq.AndNot):
            matching = (docs & self._query_docs(query.a, cache)) - self._query_docs(query.b, cache)
            self._add_scores(query.a, cache, scores, matching)
        else:
            raise _Unsupported(query)

    @staticmethod
    def _article_ids(cache, docnums: Sequence[int]) -> list[int]:
        stored = cache.searcher.stored_fields
        return [int(stored(docnum)[DJANGO_ID]) for docnum in docnums]

    def execute(self, request: SearchRequest) -> SearchOutcome:
        """Run a search; see :class:`SearchRequest` and :class:`SearchOutcome`."""
        cache = self._searcher_cache()
        if not cache.searcher.doc_count():
            return SearchOutcome(0, [], {name: [] for name in request.facet_fields})
        base, groups = self._filtered(request, cache)
        final = self._intersect(base, groups.values())
        facets = self._facets(request, cache, base, groups)
        count, limit = len(final), max(1, request.limit)
        offset = max(0, request.offset)
        if offset >= count:
            offset = (count - 1) // limit * limit if count else 0
        if request.limit <= 0:
            # Counts and facets only: no ranking, no stored fields.
            return SearchOutcome(count, [], facets, offset)
        ordered = self._ordered_docnums(request, cache, final, offset + limit)
        page = ordered[offset : offset + limit]
        ids = self._article_ids(cache, [docnum for docnum, _score in page])
        hits = [(pk, score) for pk, (_docnum, score) in zip(ids, page, strict=True)]
        return SearchOutcome(count, hits, facets, offset)

    def iter_article_ids(self, request: SearchRequest) -> Iterator[int]:
        """Every matching article id in the requested order (for exports and feeds)."""
        cache = self._searcher_cache()
        if not cache.searcher.doc_count():
            return
        base, groups = self._filtered(request, cache)
        final = self._intersect(base, groups.values())
        ordered = self._ordered_docnums(request, cache, final, len(final))
        article_ids = cache.article_ids()
        for docnum, _score in ordered:
            yield article_ids[docnum]

    def indexed_versions(self) -> dict[int, str]:
        """``{article id: updated_at as indexed}`` for every document in the index."""
        versions = {}
        for fields in self.searcher().reader().all_stored_fields():
            versions[int(fields[DJANGO_ID])] = fields.get("updated_at", "")
        return versions

    def document_count(self) -> int:
        return self.searcher().doc_count()

    # ------------------------------------------- haystack's own search API

    def _process_results(self, raw_page, highlight=False, **kwargs):
        # Haystack's highlighter hard-codes the English stemmer: the search
        # read path highlights with search.highlight instead.
        return super()._process_results(raw_page, highlight=False, **kwargs)

    def more_like_this(
        self,
        model_instance,
        additional_query_string=None,
        start_offset=0,
        end_offset=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        """Articles sharing the most distinctive words with ``model_instance``.

        Text is not stored in the index, so the words come from the instance.
        """
        searcher = self.searcher()
        docnum = searcher.document_number(**{ID: get_identifier(model_instance)})
        text = " ".join(str(getattr(model_instance, attr, "") or "") for attr in ("title", "body"))
        if docnum is None or not text.strip():
            return {"results": [], "hits": 0}
        top = (end_offset or 10) + 1
        similar = searcher.more_like(docnum, self.content_field_name, text=text, top=top)
        result_class = result_class or SearchResult
        results = []
        for hit in list(similar)[start_offset:end_offset]:
            app_label, model_name = hit[DJANGO_CT].split(".")
            results.append(result_class(app_label, model_name, hit[DJANGO_ID], hit.score))
        return {"results": results, "hits": len(results)}


class ArabicWhooshEngine(BaseEngine):
    backend = ArabicWhooshSearchBackend
    query = WhooshSearchQuery
