"""Haystack's Whoosh backend, rebuilt for Arabic text and for speed: the haystack glue.

What differs from ``haystack.backends.whoosh_backend`` and why:

- **Schema.** Text fields use :class:`~search.backends.whoosh.analyzer.ArabicAnalyzer`
  (haystack defaults to English stemming), are not stored and not sortable (haystack stores
  every text field twice). Facet fields (:mod:`search.backends.fields`) are exact keywords,
  never stemmed or split. The date is a sortable column.
- **Writes.** Non-compound segments (a searcher opens them much faster), one writer per
  batch with a bounded lock wait, and failures raise: a lost delete would leave an
  unpublished article searchable.
- **Reads.** One long-lived searcher per backend (haystack keeps one backend per thread),
  refreshed only when the index generation changed, with what its queries share
  (:mod:`.searcher_cache`). Searches run in :mod:`.executor` on document numbers.
"""

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.utils import get_identifier, get_model_ct
from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, KEYWORD, NUMERIC, STORED, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.qparser import QueryParser
from whoosh.writing import CLEAR

from search.backends.base import SearchOutcome, SearchRequest
from search.backends.fields import FACET_ID
from search.backends.whoosh import collapse, executor
from search.backends.whoosh.analyzer import ArabicAnalyzer
from search.backends.whoosh.searcher_cache import SearcherCache
from search.backends.whoosh.textfield import ArabicText
from search.backends.whoosh.vocabulary import WhooshVocabulary

DEFAULT_LOCK_TIMEOUT = 10.0
DEFAULT_WRITER_LIMITMB = 256
# Documents handed to a rebuild worker process at a time.
REBUILD_MP_BATCH = 200


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
        self._cache: SearcherCache | None = None

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
        if self._searcher is None:
            self._searcher = self.index.searcher()
        return self._searcher

    def searcher_cache_drop(self) -> None:
        """Forget what the current searcher's queries share, as a change of the index does."""
        self._cache = None

    def searcher_cache(self) -> SearcherCache:
        """What the current searcher's queries share (:mod:`.searcher_cache`)."""
        searcher = self.searcher()
        if self._cache is None or self._cache.searcher is not searcher:
            self._cache = SearcherCache(searcher, self.date_field_name, previous=self._cache)
        return self._cache

    def searcher_cache_held(self) -> SearcherCache | None:
        """The searcher cache the last search used, without opening a searcher."""
        return self._cache

    def vocabulary(self) -> WhooshVocabulary:
        """The text field's terms for "did you mean" (:mod:`search.suggest`), per searcher."""
        cache = self.searcher_cache()
        if cache.vocabulary is None:
            cache.vocabulary = WhooshVocabulary(cache.searcher.reader(), self.content_field_name)
        return cache.vocabulary

    def execute(self, request: SearchRequest) -> SearchOutcome:
        """Run a search; see :class:`SearchRequest` and :class:`SearchOutcome`."""
        if request.collapse:
            return collapse.execute(request, self.searcher_cache())
        return executor.execute(request, self.searcher_cache())

    def iter_article_ids(self, request: SearchRequest) -> Iterator[int]:
        """Every matching article id in the requested order (for exports and feeds)."""
        yield from executor.iter_article_ids(request, self.searcher_cache())

    def indexed_versions(self) -> dict[int, str]:
        """``{article id: updated_at as indexed}`` for every document in the index."""
        versions = {}
        for fields in self.searcher().reader().all_stored_fields():
            versions[int(fields[DJANGO_ID])] = fields.get("updated_at", "")
        return versions

    def document_count(self) -> int:
        return self.searcher().doc_count()


class ArabicWhooshEngine(BaseEngine):
    backend = ArabicWhooshSearchBackend
    query = WhooshSearchQuery
