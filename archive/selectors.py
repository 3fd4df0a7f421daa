"""What archive and search pages show of an article besides its fields."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Max, Min, Q
from django.utils.text import Truncator

from archive.models import Article, Entity, Source, StoryBand
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


# The home page's picture of the collection: how many of each kind it names, and how long
# one reading is kept (it is read again at once when an article is published or changed).
COLLECTION_TOP = 5
COLLECTION_CACHE_SECONDS = 600


@dataclass(frozen=True)
class Collection:
    """What the archive holds: published articles, outlets, years, most mentioned entities."""

    articles: int
    undated: int
    first_year: int | None
    last_year: int | None
    outlets_total: int
    outlets: list = field(default_factory=list)  # Source objects with ``published``
    top: dict = field(default_factory=dict)  # entity kind -> Entity objects with ``articles``


def collection_summary() -> Collection:
    """The collection as the home page shows it. Kept in the cache under the number of
    published articles and the newest one's id (read from the status index alone), so a
    publication or withdrawal shows at once and an edit within COLLECTION_CACHE_SECONDS;
    the counting queries run at most once per change or per that time."""
    stamp = Article.objects.published().aggregate(count=Count("pk"), last=Max("pk"))
    key = f"archive:collection:{stamp['count']}:{stamp['last']}"
    summary = cache.get(key)
    if summary is None:
        summary = _collection_count()
        cache.set(key, summary, COLLECTION_CACHE_SECONDS)
    return summary


def _collection_count() -> Collection:
    published = Article.objects.published()
    years = published.aggregate(
        first=Min("published_on"), last=Max("published_on"), count=Count("pk")
    )
    in_archive = Q(articles__status=Article.Status.PUBLISHED)
    outlets = (
        Source.objects.annotate(published=Count("articles", filter=in_archive))
        .filter(published__gt=0)
        .order_by("-published", "name")
    )
    mentioned = Q(mentions__article__status=Article.Status.PUBLISHED)
    top = {}
    for kind in (Entity.Kind.PERSON, Entity.Kind.PLACE, Entity.Kind.ORGANIZATION):
        top[kind] = list(
            Entity.objects.active()
            .filter(kind=kind)
            .annotate(articles=Count("mentions__article", filter=mentioned, distinct=True))
            .filter(articles__gt=0)
            .order_by("-articles", "name")[:COLLECTION_TOP]
        )
    return Collection(
        articles=years["count"],
        undated=published.filter(published_on__isnull=True).count(),
        first_year=years["first"].year if years["first"] else None,
        last_year=years["last"].year if years["last"] else None,
        outlets_total=outlets.count(),
        outlets=list(outlets[:COLLECTION_TOP]),
        top=top,
    )
