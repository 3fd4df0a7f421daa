"""Haystack's ``elasticsearch7`` backend, set up for Arabic and for the archive's read path.

Selected by ``DJANGO_ELASTICSEARCH_URL`` (see ``config/settings.py`` and docs/deploy.md).

Two analyses live side by side in the index:

- **The archive's own terms.** Every text field (``text``, ``title``) gets a hidden twin
  (``text_terms``, ``title_terms``) holding the terms of :func:`search.analysis.analyze`,
  joined by spaces and indexed with a whitespace analyzer. The search page, the API, exports
  and feeds (:meth:`ArabicElasticsearchSearchBackend.execute`) query these twins with the
  same Whoosh query tree that :mod:`search.query` builds for the Whoosh backend, so both
  engines find exactly the same articles: our analyzer beats Lucene's Arabic analysis (issue
  3), and moving to Elasticsearch must not make search worse.
- **An Elasticsearch-native Arabic analyzer** (``arabic_archive``) on the text fields
  themselves, for haystack's own ``SearchQuerySet`` API, "more like this" and anyone who
  queries the index directly. It uses built-in components only (no plugins), generated from
  :func:`search.analysis.fold` and the archive's stop list so that it normalizes exactly as
  our analyzer does:

  1. ``archive_arabic_chars`` (mapping char filter): NFKC presentation forms and ligatures,
     harakat, dagger alef, tatweel, zero-width and bidi marks removed, alef variants → ا,
     Arabic-Indic and Persian digits → ASCII. This is the "stop key" form, in which stop
     words are matched (so the preposition على and the name علي stay apart);
  2. ``standard`` tokenizer, ``lowercase``, ``decimal_digit``;
  3. ``archive_arabic_stop``: the archive's stop list (with و/ف forms) and single letters;
  4. ``archive_fold_*`` (pattern_replace): the rest of the folding (ؤ ئ → ء, ى → ي, ة → ه,
     Persian and Kurdish letters, ё → е), then ``arabic_normalization``, then a final hamza
     after alef dropped (كربلاء = كربلا);
  5. ``archive_protected`` (stemmer_override): the protected names and short words with
     their clitic forms mapped to the archive's own stems (بوتين, وبوتين → بوتين rather than
     Lucene's بوت), then Lucene's light stemmer ``arabic_stem`` for everything else.

Facet fields (source, year, person, organization, place) are ``keyword``: never analyzed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache

from haystack.backends import BaseEngine
from haystack.backends.elasticsearch7_backend import (
    Elasticsearch7SearchBackend,
    Elasticsearch7SearchQuery,
)
from haystack.constants import DJANGO_CT, DJANGO_ID
from haystack.exceptions import SkipDocument
from whoosh import query as wq

from arabic_text import STOP_WORDS, analyze, fold, protected_words, stem
from search.backends.base import (
    MONTH_FACET,
    SORT_OLDEST,
    SORT_RELEVANCE,
    SearchOutcome,
    SearchRequest,
)
from search.backends.fields import FACET_ID

ARABIC_ANALYZER = "arabic_archive"
TERMS_ANALYZER = "archive_terms"
TERMS_SUFFIX = "_terms"
# The article id as a number, for a stable tie-break in sorting (django_id is a keyword).
ID_NUMBER = "article_id"
# Deep pages: Elasticsearch refuses from + size beyond the index's max_result_window.
MAX_RESULT_WINDOW = 100_000
FACET_SIZE = 10_000
SCROLL_BATCH = 1_000

# Code points whose folding the analyzer must reproduce: the Arabic blocks, presentation forms,
# invisible format characters and Cyrillic ё.
_FOLD_RANGES = (
    (0x00AD, 0x00AD),
    (0x0401, 0x0401),
    (0x0451, 0x0451),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2060),
    (0x2066, 0x2069),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_ALEF = "ا"
# Proclitics before a protected word, for the stemmer overrides (وبوتين, للكاظمي …).
_PROCLITICS = (
    "",
    "و",
    "ف",
    "ب",
    "ك",
    "ل",
    "ال",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ولل",
    "فلل",
    "وبال",
    "فبال",
    "وب",
    "ول",
    "فب",
    "فل",
)


# --- analysis settings ----------------------------------------------------------------------


def _codepoints() -> Iterator[str]:
    for first, last in _FOLD_RANGES:
        for code in range(first, last + 1):
            char = chr(code)
            if unicodedata.category(char) != "Cn":
                yield char


def stop_key(text: str) -> str:
    """What the char filter makes of ``text``: NFKC, marks removed, alef unified, ASCII digits.

    Letters that :func:`search.analysis.fold` changes further (ى ة ؤ ئ, Persian letters) are
    kept: stop words are matched in this form, before that folding.
    """
    out = []
    for char in unicodedata.normalize("NFKC", text).casefold():
        folded = fold(char)
        if folded == "":
            continue
        if folded == _ALEF:
            out.append(_ALEF)
        elif folded.isascii() and folded.isdigit():
            out.append(folded)
        else:
            out.append(char)
    return "".join(out)


def _escape(text: str) -> str:
    # Mapping rules accept \uXXXX escapes: plain ASCII rules survive every editor and log.
    return "".join(f"\\u{ord(char):04x}" for char in text)


@cache
def char_mappings() -> dict[str, str]:
    """``{character: replacement}`` of the mapping char filter (see :func:`stop_key`)."""
    mappings = {}
    for char in _codepoints():
        key = stop_key(char)
        if key != char and key != char.casefold():
            mappings[char] = key
    return mappings


@cache
def token_folds() -> dict[str, str]:
    """``{target: characters}``: what :func:`fold` still changes after :func:`stop_key`."""
    groups: dict[str, set[str]] = {}
    for char in _codepoints():
        for keyed in stop_key(char):
            target = fold(keyed)
            if target != keyed and len(target) == 1 and target != _ALEF:
                groups.setdefault(target, set()).add(keyed)
    return {target: "".join(sorted(chars)) for target, chars in sorted(groups.items())}


@cache
def es_stop_words() -> list[str]:
    """The archive's stop words in stop-key form, and every single Arabic letter."""
    letters = {
        chr(code) for code in range(0x0621, 0x064B) if unicodedata.category(chr(code)) == "Lo"
    }
    return sorted({stop_key(word) for word in STOP_WORDS} | letters)


def _protected_words() -> list[str]:
    return sorted(word for word in protected_words() if len(word) >= 2)


@cache
def stemmer_overrides() -> list[str]:
    """``"form, form => stem"`` rules: protected words with their proclitics, as the archive
    stems them. Forms are folded (the stream is folded by the time the rule applies).
    """
    by_stem: dict[str, set[str]] = {}
    for word in _protected_words():
        for head in _PROCLITICS:
            form = head + word
            by_stem.setdefault(stem(form), set()).add(form)
    return [f"{', '.join(sorted(forms))} => {term}" for term, forms in sorted(by_stem.items())]


def analysis_settings() -> dict:
    """The ``index.analysis`` settings: the Arabic analyzer and the pre-analyzed terms one."""
    fold_filters = {
        f"archive_fold_{index}": {
            "type": "pattern_replace",
            "pattern": f"[{chars}]",
            "replacement": target,
        }
        for index, (target, chars) in enumerate(token_folds().items())
    }
    return {
        "char_filter": {
            "archive_arabic_chars": {
                "type": "mapping",
                "mappings": [
                    f"{_escape(char)}=>{_escape(key)}" for char, key in char_mappings().items()
                ],
            },
        },
        "filter": {
            "archive_arabic_stop": {"type": "stop", "stopwords": es_stop_words()},
            **fold_filters,
            "archive_final_hamza": {
                "type": "pattern_replace",
                "pattern": "اء$",
                "replacement": "ا",
            },
            "archive_protected": {"type": "stemmer_override", "rules": stemmer_overrides()},
        },
        "analyzer": {
            ARABIC_ANALYZER: {
                "type": "custom",
                "char_filter": ["archive_arabic_chars"],
                "tokenizer": "standard",
                "filter": [
                    "lowercase",
                    "decimal_digit",
                    "archive_arabic_stop",
                    *fold_filters,
                    "arabic_normalization",
                    "archive_final_hamza",
                    "archive_protected",
                    "arabic_stem",
                ],
            },
            # Terms that search.analysis already produced: split at spaces, nothing else.
            TERMS_ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": []},
        },
    }


def index_settings() -> dict:
    """The body that creates the index: haystack's n-gram analyzers plus ours."""
    base = Elasticsearch7SearchBackend.DEFAULT_SETTINGS["settings"]
    analysis = analysis_settings()
    merged = {
        section: {**base["analysis"].get(section, {}), **analysis.get(section, {})}
        for section in ("char_filter", "filter", "analyzer")
    }
    return {
        "settings": {
            "index": {**base.get("index", {}), "max_result_window": MAX_RESULT_WINDOW},
            "analysis": merged,
        }
    }


# --- Whoosh query tree → Elasticsearch query DSL ----------------------------------------------


def _field(name: str) -> str:
    return f"{name}{TERMS_SUFFIX}"


def _boosted(clause: dict, kind: str, boost: float) -> dict:
    if boost != 1.0:
        clause[kind]["boost"] = boost
    return clause


def es_query(node: wq.Query | None, boosts: Mapping[str, float] | None = None) -> dict:
    """Translate a query of :mod:`search.query` (index terms) into Elasticsearch's DSL.

    ``boosts`` maps a field to its weight (the title counts double); it multiplies the
    query's own boost.
    """
    boosts = boosts or {}
    if node is None or isinstance(node, wq.Every):
        return {"match_all": {}}
    if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
        return {"match_none": {}}
    if isinstance(node, wq.Term):
        boost = node.boost * boosts.get(node.fieldname, 1.0)
        term = {"term": {_field(node.fieldname): {"value": str(node.text)}}}
        if boost != 1.0:
            term["term"][_field(node.fieldname)]["boost"] = boost
        return term
    if isinstance(node, wq.Phrase):
        boost = node.boost * boosts.get(node.fieldname, 1.0)
        clause = {
            "match_phrase": {
                _field(node.fieldname): {
                    "query": " ".join(str(word) for word in node.words),
                    "slop": max(0, node.slop - 1),
                    "analyzer": TERMS_ANALYZER,
                }
            }
        }
        if boost != 1.0:
            clause["match_phrase"][_field(node.fieldname)]["boost"] = boost
        return clause
    if isinstance(node, wq.Prefix):
        return {"prefix": {_field(node.fieldname): {"value": str(node.text)}}}
    if isinstance(node, wq.Wildcard):
        return {"wildcard": {_field(node.fieldname): {"value": str(node.text)}}}
    if isinstance(node, wq.AndNot):
        return {
            "bool": {"must": [es_query(node.a, boosts)], "must_not": [es_query(node.b, boosts)]}
        }
    if isinstance(node, wq.AndMaybe):
        return {"bool": {"must": [es_query(node.a, boosts)], "should": [es_query(node.b, boosts)]}}
    if isinstance(node, wq.Not):
        return {"bool": {"must": [{"match_all": {}}], "must_not": [es_query(node.query, boosts)]}}
    if isinstance(node, wq.And):
        must = [es_query(q, boosts) for q in node.subqueries if not isinstance(q, wq.Not)]
        must_not = [es_query(q.query, boosts) for q in node.subqueries if isinstance(q, wq.Not)]
        body = {"must": must or [{"match_all": {}}]}
        if must_not:
            body["must_not"] = must_not
        return {"bool": body}
    if isinstance(node, wq.Or):
        return {
            "bool": {
                "should": [es_query(q, boosts) for q in node.subqueries],
                "minimum_should_match": 1,
            }
        }
    raise ValueError(f"No Elasticsearch translation for {type(node).__name__}: {node!r}")


# --- search request → request body -------------------------------------------------------------


def _date_filter(date_field: str | None, date_from: date | None, date_to: date | None):
    if not date_field or (date_from is None and date_to is None):
        return None
    bounds = {}
    if date_from is not None:
        bounds["gte"] = date_from.isoformat()
    if date_to is not None:
        bounds["lte"] = date_to.isoformat()
    return {"range": {date_field: bounds}}


def _field_filters(request: SearchRequest) -> dict[str, dict]:
    return {
        name: {"terms": {name: [str(value) for value in values]}}
        for name, values in request.filters.items()
        if values
    }


def _main_query(request: SearchRequest, boosts, date_field: str | None) -> dict:
    date_clause = _date_filter(date_field, request.date_from, request.date_to)
    filters = [date_clause] if date_clause else []
    if request.query is None:
        return {"bool": {"must": [{"match_all": {}}], "filter": filters}}
    if request.sort == SORT_RELEVANCE:
        # Select with the query, rank with the score query (title bonus, phrases by words).
        scorer = request.score_query or request.query
        if scorer is not request.query:
            filters.append(es_query(request.query, boosts))
        return {"bool": {"must": [es_query(scorer, boosts)], "filter": filters}}
    return {"bool": {"must": [{"match_all": {}}], "filter": [es_query(request.query), *filters]}}


def _sort(request: SearchRequest, date_field: str | None) -> list:
    if request.sort == SORT_RELEVANCE and request.query is not None:
        return ["_score", {ID_NUMBER: {"order": "asc"}}]
    if not date_field:
        return [{ID_NUMBER: {"order": "desc"}}]
    # Undated articles go last both ways: they are the least informative.
    order = "asc" if request.sort == SORT_OLDEST else "desc"
    return [
        {date_field: {"order": order, "missing": "_last"}},
        {ID_NUMBER: {"order": "desc"}},
    ]


def search_body(
    request: SearchRequest,
    *,
    boosts: Mapping[str, float] | None = None,
    date_field: str | None = "published_on",
    offset: int | None = None,
    size: int | None = None,
    with_facets: bool = True,
) -> dict:
    """The ``_search`` body for a :class:`SearchRequest`.

    Facet counts cover the whole result set; a facet that is itself filtered ignores its own
    filter (OR within a kind) but not the others (AND across kinds): the field filters are a
    ``post_filter``, and each facet aggregation applies the other fields' filters.
    """
    field_filters = _field_filters(request)
    body: dict = {
        "query": _main_query(request, boosts or {}, date_field),
        "sort": _sort(request, date_field),
        "from": request.offset if offset is None else offset,
        "size": request.limit if size is None else size,
        "track_total_hits": True,
        "_source": [DJANGO_ID],
    }
    if field_filters:
        body["post_filter"] = {"bool": {"filter": list(field_filters.values())}}
    if with_facets and request.facet_fields:
        aggs = {}
        for name in request.facet_fields:
            others = [clause for field, clause in field_filters.items() if field != name]
            aggs[name] = {
                "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                "aggs": {"values": _facet_agg(name, date_field)},
            }
        body["aggs"] = aggs
    return body


def _facet_agg(name: str, date_field: str | None) -> dict:
    if name == MONTH_FACET and date_field:
        # The Whoosh backend's month facet: "YYYYMM" keys from the publication date, which
        # the index stores once (no month field of its own).
        return {
            "date_histogram": {
                "field": date_field,
                "calendar_interval": "month",
                "format": "yyyyMM",
                "min_doc_count": 1,
            }
        }
    return {"terms": {"field": name, "size": FACET_SIZE}}


def _bucket_key(bucket: dict) -> str:
    return str(bucket.get("key_as_string", bucket["key"]))


def _article_id(hit: dict) -> int:
    source = hit.get("_source") or {}
    if DJANGO_ID in source:
        return int(source[DJANGO_ID])
    return int(str(hit["_id"]).rsplit(".", 1)[-1])


def outcome_from_response(request: SearchRequest, response: dict, offset: int) -> SearchOutcome:
    """A :class:`SearchOutcome` from a ``_search`` response of :func:`search_body`."""
    hits = response.get("hits", {})
    total = hits.get("total", 0)
    count = int(total["value"] if isinstance(total, dict) else total)
    page = [(_article_id(hit), hit.get("_score")) for hit in hits.get("hits", [])]
    facets = {}
    for name in request.facet_fields:
        buckets = response.get("aggregations", {}).get(name, {}).get("values", {}).get("buckets")
        counts = [(_bucket_key(b), int(b["doc_count"])) for b in buckets or [] if b["doc_count"]]
        counts.sort(key=lambda item: (-item[1], item[0]))
        facets[name] = counts
    return SearchOutcome(count, page, facets, offset)


# --- the backend ---------------------------------------------------------------------------------


class ArabicElasticsearchSearchBackend(Elasticsearch7SearchBackend):
    """See the module docstring. Failures raise: a lost delete keeps an article searchable."""

    DEFAULT_SETTINGS = index_settings()

    def __init__(self, connection_alias, **connection_options):
        super().__init__(connection_alias, **connection_options)
        self.silently_fail = bool(connection_options.get("SILENTLY_FAIL", False))
        self.terms_fields: tuple[str, ...] = ()
        self.boosts: dict[str, float] = {}
        self.date_field_name: str | None = None

    # ------------------------------------------------------------------ schema

    def build_schema(self, fields):
        mapping = {
            DJANGO_CT: {"type": "keyword"},
            DJANGO_ID: {"type": "keyword"},
            ID_NUMBER: {"type": "long"},
        }
        content_field_name = ""
        terms_fields, boosts = [], {}
        for field_class in fields.values():
            name = field_class.index_fieldname
            if field_class.document:
                content_field_name = name
            if field_class.field_type == FACET_ID:
                mapping[name] = {"type": "keyword"}
            elif not field_class.indexed:
                mapping[name] = {"type": "keyword", "index": False, "doc_values": False}
            elif field_class.field_type in ("date", "datetime"):
                self.date_field_name = name
                mapping[name] = {"type": "date"}
            elif field_class.field_type in self.FIELD_MAPPINGS and field_class.field_type not in (
                "string",
                "text",
            ):
                mapping[name] = dict(self.FIELD_MAPPINGS[field_class.field_type])
            else:
                # Title weight is applied at query time (index-time boosts are gone in ES 8).
                mapping[name] = {"type": "text", "analyzer": ARABIC_ANALYZER}
                mapping[_field(name)] = {
                    "type": "text",
                    "analyzer": TERMS_ANALYZER,
                    "norms": True,
                }
                terms_fields.append(name)
                boosts[name] = float(field_class.boost)
        self.terms_fields = tuple(terms_fields)
        self.boosts = boosts
        return content_field_name, mapping

    def _ensure_setup(self):
        if not self.setup_complete:
            self.setup()

    # ------------------------------------------------------------------ writes

    def _prepare_object(self, index, obj):
        doc = index.full_prepare(obj)
        self._ensure_schema_known()
        doc[ID_NUMBER] = int(doc[DJANGO_ID])
        for name in self.terms_fields:
            value = doc.get(name)
            if value:
                doc[_field(name)] = " ".join(analyze(str(value)))
        return doc

    def _ensure_schema_known(self):
        if not self.terms_fields:
            from haystack import connections

            fields = connections[self.connection_alias].get_unified_index().all_searchfields()
            self.build_schema(fields)

    def prepare_document(self, index, obj) -> dict | None:
        """The JSON document for one object as it is sent to Elasticsearch (None: skipped)."""
        try:
            prepared = self._prepare_object(index, obj)
        except SkipDocument:
            return None
        return {key: self._from_python(value) for key, value in prepared.items()}

    # ------------------------------------------------------------------ reads

    def _search(self, body: dict) -> dict:
        self._ensure_setup()
        return self.conn.search(index=self.index_name, body=body)

    def execute(self, request: SearchRequest) -> SearchOutcome:
        """Run a search; same contract as the Whoosh backend's ``execute``."""
        self._ensure_setup()
        limit = max(1, request.limit)
        offset = max(0, request.offset)
        in_window = offset + limit <= MAX_RESULT_WINDOW
        body = search_body(
            request,
            boosts=self.boosts,
            date_field=self.date_field_name,
            offset=offset if in_window else 0,
            size=limit if in_window else 0,
        )
        response = self._search(body)
        outcome = outcome_from_response(request, response, offset)
        if offset < outcome.count and in_window:
            return outcome
        # Past the end: serve the last page, as the Whoosh backend does.
        last = (outcome.count - 1) // limit * limit if outcome.count else 0
        last = min(last, (MAX_RESULT_WINDOW - limit) // limit * limit)
        page_body = search_body(
            request,
            boosts=self.boosts,
            date_field=self.date_field_name,
            offset=last,
            size=limit,
            with_facets=False,
        )
        page = outcome_from_response(request, self._search(page_body), last)
        return SearchOutcome(outcome.count, page.hits, outcome.facets, last)

    def iter_article_ids(self, request: SearchRequest) -> Iterator[int]:
        """Every matching article id in the requested order (exports, feeds): search_after."""
        body = search_body(
            request,
            boosts=self.boosts,
            date_field=self.date_field_name,
            offset=0,
            size=SCROLL_BATCH,
            with_facets=False,
        )
        body["track_total_hits"] = False
        while True:
            hits = self._search(body).get("hits", {}).get("hits", [])
            for hit in hits:
                yield _article_id(hit)
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
            versions[_article_id(hit)] = (hit.get("_source") or {}).get("updated_at", "")
        return versions

    def document_count(self) -> int:
        self._ensure_setup()
        return int(self.conn.count(index=self.index_name)["count"])


class ArabicElasticsearchEngine(BaseEngine):
    backend = ArabicElasticsearchSearchBackend
    query = Elasticsearch7SearchQuery


__all__ = [
    "ARABIC_ANALYZER",
    "ArabicElasticsearchEngine",
    "ArabicElasticsearchSearchBackend",
    "analysis_settings",
    "char_mappings",
    "es_query",
    "es_stop_words",
    "index_settings",
    "outcome_from_response",
    "search_body",
    "stemmer_overrides",
    "stop_key",
    "token_folds",
]
