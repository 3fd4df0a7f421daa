"""Haystack's Whoosh backend, rebuilt for Arabic text and for speed.

What differs from ``haystack.backends.whoosh_backend`` and why:

- **Schema.** Text fields use :class:`search.analysis.ArabicAnalyzer` (haystack
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
  postings are cached per searcher and counted with set intersections.
"""

import heapq
import logging
import os
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

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
from whoosh.fields import DATETIME, KEYWORD, NUMERIC, STORED, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.qparser import QueryParser
from whoosh.writing import CLEAR

from search.analysis import ArabicAnalyzer
from search.backends.fields import FACET_ID
from search.backends.textfield import ArabicText

logger = logging.getLogger(__name__)

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"

DEFAULT_LOCK_TIMEOUT = 10.0
DEFAULT_WRITER_LIMITMB = 256
# Documents handed to a rebuild worker process at a time.
REBUILD_MP_BATCH = 200


@dataclass(frozen=True)
class SearchRequest:
    """What to search for, in index terms.

    ``query`` selects documents (``None``: every document); ``score_query``
    ranks them (cheaper than ``query`` for phrases, see :mod:`search.query`).
    ``filters`` maps a facet field to accepted values: OR within a field,
    AND across fields. ``date_from``/``date_to`` are inclusive.
    """

    query: wq.Query | None = None
    score_query: wq.Query | None = None
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = SORT_RELEVANCE
    offset: int = 0
    limit: int = 20
    facet_fields: Sequence[str] = ()


@dataclass
class SearchOutcome:
    """Matching count, the requested slice of ``(article id, score)``, facet counts.

    ``offset`` is where the slice starts: a request past the last result
    gets the last page instead of nothing.

    ``facets`` maps a field to ``[(value, count), …]`` by descending count:
    counts cover the whole result set; for a field that is itself filtered,
    they ignore that field's own filter so that its other values stay
    selectable (OR within a field).
    """

    count: int
    hits: list[tuple[int, float | None]]
    facets: dict[str, list[tuple[str, int]]]
    offset: int = 0


class _SearcherCache:
    """Per-searcher data that would otherwise be re-read from postings on every query."""

    def __init__(self, searcher, date_field: str | None):
        self.searcher = searcher
        self.date_field = date_field
        self._postings: dict[str, dict[str, frozenset[int]]] = {}
        self._all_docs: frozenset[int] | None = None
        self._date_keys: list[int] | None = None
        self._article_ids: list[int] | None = None
        self._date_order: tuple[list[int], list[int]] | None = None

    def all_docs(self) -> frozenset[int]:
        if self._all_docs is None:
            self._all_docs = frozenset(self.searcher.reader().all_doc_ids())
        return self._all_docs

    def postings(self, fieldname: str) -> dict[str, frozenset[int]]:
        cached = self._postings.get(fieldname)
        if cached is None:
            reader = self.searcher.reader()
            cached = {}
            if fieldname in reader.schema.names() and reader.doc_count_all():
                for term in reader.lexicon(fieldname):
                    docs = reader.postings(fieldname, term).all_ids()
                    cached[term.decode("utf-8")] = frozenset(docs)
            self._postings[fieldname] = cached
        return cached

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
        if self._date_order is None:
            keys = self.date_keys()
            live = self.all_docs()
            pairs = sorted((key, doc) for doc, key in enumerate(keys) if key and doc in live)
            self._date_order = ([key for key, _ in pairs], [doc for _, doc in pairs])
        keys, docs = self._date_order
        start = 0 if low is None else bisect_left(keys, low)
        end = len(keys) if high is None else bisect_right(keys, high)
        return set(docs[start:end])

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
                    keys.extend(0 if key == missing else key for key in column)
                else:
                    keys.extend([0] * size)
            self._date_keys = keys
        return self._date_keys


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

    def _writer(self):
        if not self.setup_complete:
            self.setup()
        return self.index.writer(
            timeout=self.lock_timeout, delay=0.05, compound=False, limitmb=self.writer_limitmb
        )

    def _whoosh_document(self, doc: dict) -> dict:
        doc.pop("boost", None)
        return {
            key: self._from_python(value)
            for key, value in doc.items()
            if value is not None and value != []
        }

    def update(self, index, iterable, commit=True):
        writer = self._writer()
        try:
            for obj in iterable:
                try:
                    doc = index.full_prepare(obj)
                except SkipDocument:
                    continue
                writer.update_document(**self._whoosh_document(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

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
        writer = self._writer()
        try:
            writer.delete_by_term(ID, get_identifier(obj_or_string))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

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
        docs = set(cache.searcher.docs_for_query(request.query))
        return docs if date_docs is None else docs & date_docs

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
            counts = []
            for value, postings in cache.postings(name).items():
                hits = (
                    len(postings.intersection(docs))
                    if len(postings) < len(docs)
                    else len(docs.intersection(postings))
                )
                if hits:
                    counts.append((value, hits))
            counts.sort(key=lambda item: (-item[1], item[0]))
            facets[name] = counts
        return facets

    def _ordered_docnums(self, request, cache, docs, count: int) -> list[tuple[int, float | None]]:
        """The first ``count`` documents of ``docs`` in the requested order."""
        if not docs or count <= 0:
            return []
        if request.sort == SORT_RELEVANCE and request.query is not None:
            scorer = request.score_query or request.query
            results = cache.searcher.search(
                scorer, limit=count, filter=docs if isinstance(docs, set) else set(docs)
            )
            return [(docnum, score) for score, docnum in results.top_n]
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
