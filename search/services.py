"""Writes to the search index, one article at a time.

The signal processor (:mod:`search.signals`) and the indexing queue call
these; both look at the database as it is now, so calling them twice, or
late, is harmless.
"""

from haystack import connections

from archive.models import Article


def _article_index():
    return connections["default"].get_unified_index().get_index(Article)


def _backend():
    return connections["default"].get_backend()


def article_index_remove(*, article_id: int) -> None:
    """Remove the article from the index (nothing happens if it is not there)."""
    _backend().remove(Article(pk=int(article_id)))


def article_index_update(*, article: Article) -> bool:
    """Index the article if the public may see it, remove it otherwise.

    Reloads the article with what the index needs (mentions and their
    entities), so a caller's stale or partial instance is fine. Returns
    whether the article is now in the index.
    """
    index = _article_index()
    current = index.index_queryset().filter(pk=article.pk).first()
    if current is None:
        article_index_remove(article_id=article.pk)
        return False
    _backend().update(index, [current])
    return True


def article_index_sync(*, article_id: int) -> bool:
    """Make the index agree with the database for one article id (it may be gone)."""
    article = Article(pk=int(article_id))
    return article_index_update(article=article)
