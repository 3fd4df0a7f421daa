"""The Elasticsearch backend, selected by ``DJANGO_ELASTICSEARCH_URL`` (docs/deploy.md).

Both engines answer the archive's searches identically: the search page's query trees run
against pre-analyzed ``*_terms`` fields holding :func:`arabic_text.analyze`'s terms, while
the text fields themselves get an Elasticsearch-native analyzer generated from
:mod:`arabic_text`. Parts: :mod:`.analysis` (index settings), :mod:`.mapping` (fields),
:mod:`.query` (request → ``_search`` body), :mod:`.results` (response → outcome) and
:mod:`.backend` (haystack's backend and engine).
"""

from search.backends.elasticsearch.analysis import (
    ARABIC_ANALYZER,
    analysis_settings,
    char_mappings,
    es_stop_words,
    index_settings,
    stemmer_overrides,
    token_folds,
)
from search.backends.elasticsearch.backend import (
    ArabicElasticsearchEngine,
    ArabicElasticsearchSearchBackend,
)
from search.backends.elasticsearch.query import es_query, search_body
from search.backends.elasticsearch.results import outcome_from_response

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
    "token_folds",
]
