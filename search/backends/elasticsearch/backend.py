"""Haystack's ``elasticsearch7`` backend with the archive's index and read path.

Writes add each text field's ``*_terms`` twin (:mod:`.mapping`); the search page, the API,
exports and feeds call :meth:`ArabicElasticsearchSearchBackend.execute` and friends (the
:class:`~search.backends.base.SearchBackend` protocol) with the same request the Whoosh
backend gets. Failures raise: a lost delete would keep an article searchable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from haystack.backends import BaseEngine
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchQuery,
)
from haystack.constants import DJANGO_ID

from arabic_text import analyze
from search.backends.base import SearchOutcome, SearchRequest
from search.backends.elasticsearch.analysis import MAX_RESULT_WINDOW, index_settings
from search.backends.elasticsearch.mapping import ID_NUMBER, build_schema, terms_field
from search.backends.elasticsearch.query import search_body
from search.backends.elasticsearch.results import article_id, outcome_from_response
from search.backends.elasticsearch.stories import collapsed_body, collapsed_outcome

SCROLL_BATCH = 1_000


def _last_page(count: int, limit: int) -> int:
    """The offset of the last page of ``count`` results that the result window can serve."""
    last = (count - 1) // limit * limit if count else 0
    return min(last, (MAX_RESULT_WINDOW - limit) // limit * limit)


class ArabicElasticsearchSearchBackend(Elasticsearch7SearchBackend):
    """See the module docstring."""

    DEFAULT_SETTINGS = index_settings()

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.silently_fail = bool(connection_options.get("SILENTLY_FAIL", False))
        self.terms_fields: tuple[str, ...] = ()
        self.boosts: dict[str, float] = {}
        self.date_field_name: str | None = None

    def build_schema(self, fields):
        schema = build_schema(fields, self.FIELD_MAPPINGS)
        self.terms_fields = schema.terms_fields
        self.boosts = schema.boosts
        if schema.date_field is not None:
            self.date_field_name = schema.date_field
        return schema.content_field, schema.mapping

    def _ensure_setup(self):
        if not self.setup_complete:
            self.setup()

    # --- writes ----------------------------------------------------------------------------

    def _prepare_object(self, index, obj):
        doc = index.full_prepare(obj)
        self._ensure_schema_known()
        doc[ID_NUMBER] = int(doc[DJANGO_ID])
        for name in self.terms_fields:
            value = doc.get(name)
            if value:
                doc[terms_field(name)] = " ".join(analyze(str(value)))
        return doc

    def _ensure_schema_known(self):
        if not self.terms_fields:
            from haystack import connections

            fields = connections[self.connection_alias].get_unified_index().all_searchfields()
            self.build_schema(fields)

    # --- reads -----------------------------------------------------------------------------

    def _search(self, body: dict) -> dict:
        self._ensure_setup()
        return self.conn.search(index=self.index_name, body=body)

    def _body(self, request: SearchRequest, offset: int, size: int, with_facets: bool) -> dict:
        body = search_body(
            request,
            boosts=self.boosts,
            date_field=self.date_field_name,
            offset=offset,
            size=size,
            with_facets=with_facets,
        )
        return collapsed_body(body) if request.collapse else body

    def _outcome(self, request: SearchRequest, body: dict, offset: int) -> SearchOutcome:
        response = self._search(body)
        outcome = outcome_from_response(request, response, offset)
        return collapsed_outcome(outcome, response) if request.collapse else outcome

    def execute(self, request: SearchRequest) -> SearchOutcome:
        """Run a search; same contract as the Whoosh backend's ``execute``."""
        self._ensure_setup()
        limit = max(1, request.limit)
        offset = max(0, request.offset)
        in_window = offset + limit <= MAX_RESULT_WINDOW
        first, size = (offset, limit) if in_window else (0, 0)
        body = self._body(request, first, size, with_facets=True)
        outcome = self._outcome(request, body, offset)
        if offset < outcome.count and in_window:
            return outcome
        # Past the end: serve the last page, as the Whoosh backend does.
        last = _last_page(outcome.count, limit)
        page_body = self._body(request, last, limit, with_facets=False)
        page = self._outcome(request, page_body, last)
        return replace(outcome, hits=page.hits, offset=last, versions=page.versions)

    def iter_article_ids(self, request: SearchRequest) -> Iterator[int]:
        """Every matching article id in the requested order (exports, feeds): search_after."""
        request = replace(request, collapse=False)  # every version, one by one
        body = self._body(request, 0, SCROLL_BATCH, with_facets=False)
        body["track_total_hits"] = False
        while True:
            hits = self._search(body).get("hits", {}).get("hits", [])
            for hit in hits:
                yield article_id(hit)
            if len(hits) < SCROLL_BATCH:
                return
            body["search_after"] = hits[-1]["sort"]

    def indexed_versions(self) -> dict[int, str]:
        """``{article id: updated_at as indexed}`` for every document in the index."""
        from elasticsearch.helpers import scan

        self._ensure_setup()
        versions = {}
        query = {"query": {"match_all": {}}, "_source": [DJANGO_ID, "updated_at"]}
        for hit in scan(self.conn, index=self.index_name, query=query):
            versions[article_id(hit)] = (hit.get("_source") or {}).get("updated_at", "")
        return versions

    def document_count(self) -> int:
        self._ensure_setup()
        return int(self.conn.count(index=self.index_name)["count"])


class ArabicElasticsearchEngine(BaseEngine):
    backend = ArabicElasticsearchSearchBackend
    query = Elasticsearch7SearchQuery
