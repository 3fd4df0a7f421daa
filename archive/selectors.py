"""What archive and search pages show of an article besides its fields."""

from django.db.models import F
from django.utils.text import Truncator

from archive.models import Article

LEAD_WORDS = 40
# Earliest first: the publication date (undated last), then when the archive received it.
STORY_ORDER = (F("published_on").asc(nulls_last=True), "created_at", "pk")


def article_lead(article, *, words: int = LEAD_WORDS) -> str:
    """The opening words of the first paragraph, for listings, feeds and link previews."""
    paragraphs = article.paragraphs()
    return Truncator(paragraphs[0]).words(words) if paragraphs else ""


def story_versions(*, article: Article) -> list[Article]:
    """The other published versions of ``article``'s story, earliest first.

    Articles with their ``source`` loaded; each carries ``published_on`` and
    ``story_similarity`` (estimated share of words in common with the story's
    earliest version). Empty when the article belongs to no story.
    """
    if not article.story_id:
        return []
    versions = (
        Article.objects.published()
        .filter(story_id=article.story_id)
        .exclude(pk=article.pk)
        .select_related("source")
    )
    return list(versions.order_by(*STORY_ORDER))


def story_sizes(*, article_ids) -> dict[int, int]:
    """``{article id: number of published versions of its story}``, 1 for an article alone."""
    rows = Article.objects.filter(pk__in=list(article_ids)).values_list("pk", "story__size")
    return {pk: max(size or 1, 1) for pk, size in rows}
