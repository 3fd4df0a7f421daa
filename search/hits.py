"""Search results as rows: an article, its highlighted title and snippet, its link.

Highlighting is most of a result page's cost, so recent (article, words) pairs are kept.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from archive.models import Article
from archive.permalinks import with_highlight
from archive.selectors import article_lead
from search.highlight import Highlight, Segment, highlight, highlight_full
from search.query import ParsedQuery

SNIPPET_CHARS = 320
RESULT_FIELDS = (
    "title",
    "slug",
    "body",
    "published_on",
    "status",
    "source__name",
    "source__name_en",
)
# Highlighted (article, query) pairs kept: a few KB each.
SNIPPET_CACHE_SIZE = 2000
LEAD_WORDS = 45


@dataclass
class SearchHit:
    """One result: its title and snippet as highlight segments (templates write the marks),
    and its link, which carries the words to mark on the article page."""

    article: Article
    title: Highlight
    snippet: Highlight
    score: float | None = None
    url: str = ""
    # False for a result holding only some of a plain query's words.
    all_words: bool = True


def _plain(text: str) -> Highlight:
    return (Segment(text),) if text else ()


def _hit(article: Article, parsed: ParsedQuery, score, *, highlighted: bool) -> SearchHit:
    words = parsed.highlight_text
    url = with_highlight(article.get_absolute_url(), words)
    if highlighted and words:
        title, snippet = _highlighted(article, words)
        return SearchHit(article, title, snippet, score, url)
    lead = article_lead(article, words=LEAD_WORDS)
    return SearchHit(article, _plain(article.title), _plain(lead), score, url)


class _SnippetCache:
    """The highlighted title and snippet of recently shown (article, query) pairs.

    The next page, a facet click or the way back show many of the same articles for the
    same words: highlighting is most of a result page's cost. Keyed by the texts' hashes,
    so an edited article is highlighted afresh.
    """

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict[tuple, tuple[Highlight, Highlight]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


SNIPPETS = _SnippetCache(SNIPPET_CACHE_SIZE)


def _highlighted(article: Article, words: str) -> tuple[Highlight, Highlight]:
    key = (article.pk, words, hash(article.title), hash(article.body))
    cached = SNIPPETS.get(key)
    if cached is not None:
        return cached
    title = highlight_full(article.title, words)
    snippet = highlight(article.body, words, max_chars=SNIPPET_CHARS)
    if not any(piece.marked for piece in snippet):
        snippet = _plain(article_lead(article, words=LEAD_WORDS))
    value = (title, snippet)
    SNIPPETS.put(key, value)
    return value


def _articles(ids: list[int]) -> dict[int, Article]:
    articles = (
        Article.objects.published()
        .filter(pk__in=ids)
        .select_related("source")
        # What a result shows (title, link, date, source, snippet); other fields load on use.
        .only(*RESULT_FIELDS)
    )
    return {article.pk: article for article in articles}


def result_hits(
    ranked: list, parsed: ParsedQuery, *, highlighted: bool, first: int
) -> list[SearchHit]:
    """The page's ``(article id, score)`` pairs as results, the first ``first`` of them
    holding all the words; an article gone since it was indexed is left out."""
    articles = _articles([pk for pk, _score in ranked])
    hits = []
    for position, (pk, score) in enumerate(ranked):
        if pk in articles:
            hit = _hit(articles[pk], parsed, score, highlighted=highlighted)
            hit.all_words = position < first
            hits.append(hit)
    return hits
