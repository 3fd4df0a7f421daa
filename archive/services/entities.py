"""Entity writes: the authority file, mentions extracted from articles, curation."""

from archive.models import Article, Mention


def article_mentions_refresh(*, article: Article) -> list[Mention]:
    """Recompute the article's mentions from its title and body.

    Called by ingest inside its transaction. Until the extractor lands this
    keeps whatever mentions the article already has.
    """
    return list(article.mentions.all())
