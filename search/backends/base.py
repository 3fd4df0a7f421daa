"""What every search backend of the archive shares: the request, the outcome, sort orders.

The search page, the API, exports and feeds build a :class:`SearchRequest` in index terms and
read a :class:`SearchOutcome`; the Whoosh and Elasticsearch backends each implement
:class:`SearchBackend` on top of haystack's connection.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from whoosh import query as wq

SORT_RELEVANCE = "relevance"
SORT_NEWEST = "newest"
SORT_OLDEST = "oldest"
# A facet counted from the publication date rather than from an index field: ``yyyymm``.
MONTH_FACET = "month"
# The same from the publication day: ``yyyymmdd`` (a timeline of a short span).
DAY_FACET = "day"
# The index field holding each article's story key (``collapse``: one result per story).
STORY_FIELD = "story"


@dataclass(frozen=True)
class SearchRequest:
    """What to search for, in index terms.

    Queries are ``whoosh.query`` trees (:mod:`search.query` builds them): the archive's one
    query representation, which the Elasticsearch backend compiles to its own DSL.

    ``query`` selects documents (``None``: every document); ``score_query``
    ranks them (cheaper than ``query`` for phrases, see :mod:`search.query`).
    ``limit`` 0 asks for the count and facets only. The facet ``"month"`` counts
    ``yyyymm`` values from the date column (no index field), ``"day"`` ``yyyymmdd`` ones.
    ``filters`` maps a facet field to accepted values: OR within a field,
    AND across fields. ``date_from``/``date_to`` are inclusive.
    ``all_words`` (a query accepting only some of the words, see
    :mod:`search.query`): the documents it matches come first, in the requested
    order, then the others.
    ``collapse``: one result per story (its first in the requested order); the count and the
    facets then count stories (``STORY_FIELD`` holds each article's story key).
    ``facet_limits``: the most values a facet named here lists (its most frequent ones, and
    any value of the request's own filter on that field); a facet not named lists them all.
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
    all_words: wq.Query | None = None
    collapse: bool = False
    facet_limits: Mapping[str, int] = field(default_factory=dict)


@dataclass
class SearchOutcome:
    """Matching count, the requested slice of ``(article id, score)``, facet counts.

    ``offset`` is where the slice starts: a request past the last result
    gets the last page instead of nothing.

    ``facets`` maps a field to ``[(value, count), …]`` by descending count:
    counts cover the whole result set; for a field that is itself filtered,
    they ignore that field's own filter so that its other values stay
    selectable (OR within a field).

    ``all_words_count``: how many of the ``count`` results match the request's
    ``all_words`` (they are the first ones); ``None`` when it has none.

    ``facet_totals``: how many values each facet holds in the result set (with a count above
    zero), more than ``facets`` lists when the request limits it.

    Collapsed (``request.collapse``): ``count``, ``all_words_count`` and the facets count
    stories, ``article_count`` the articles; ``versions`` maps a hit's article id to the ids
    of its story's other matching articles.
    """

    count: int
    hits: list[tuple[int, float | None]]
    facets: dict[str, list[tuple[str, int]]]
    offset: int = 0
    all_words_count: int | None = None
    article_count: int | None = None
    versions: dict[int, list[int]] = field(default_factory=dict)
    facet_totals: dict[str, int] = field(default_factory=dict)


class SearchBackend(Protocol):
    """The read and write calls the archive makes of a backend, beyond haystack's own."""

    def execute(self, request: SearchRequest) -> SearchOutcome: ...

    def iter_article_ids(self, request: SearchRequest) -> Iterator[int]: ...

    def indexed_versions(self) -> dict[int, str]: ...

    def document_count(self) -> int: ...
