"""What archive and search pages show of an article besides its fields."""

from django.db.models import F
from django.utils.text import Truncator

from archive.models import Article, StoryBand
from archive.stories.clusters import within_window
from archive.stories.fingerprints import (
    MIN_SHINGLES,
    THRESHOLD,
    band_keys,
    fingerprint,
    similarity,
)

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


def story_matches(*, body: str, published_on=None, limit: int = 3) -> list[tuple[Article, float]]:
    """Published articles that ``body`` (a text not stored yet) reproduces, most similar first,
    with the estimated similarity: what an upload preview warns about. ``published_on``
    applies the stories' date window; without it any date matches."""
    found = fingerprint(body)
    if not found.joinable:
        return []
    ids = StoryBand.objects.filter(key__in=band_keys(found.signature)).values("article_id")
    candidates = (
        Article.objects.published()
        .filter(pk__in=ids, story_fingerprint__shingles__gte=MIN_SHINGLES)
        .select_related("source", "story_fingerprint")
    )
    matches = [
        (article, similarity(found.signature, bytes(article.story_fingerprint.signature)))
        for article in candidates
        if published_on is None or within_window(article.published_on, published_on)
    ]
    matches = [(article, sim) for article, sim in matches if sim >= THRESHOLD]
    return sorted(matches, key=lambda match: -match[1])[:limit]
