"""What archive and search pages show of an article besides its fields."""

from django.utils.text import Truncator

LEAD_WORDS = 40


def article_lead(article, *, words: int = LEAD_WORDS) -> str:
    """The opening words of the first paragraph, for listings, feeds and link previews."""
    paragraphs = article.paragraphs()
    return Truncator(paragraphs[0]).words(words) if paragraphs else ""
