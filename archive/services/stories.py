"""Stories kept in step with the articles: fingerprints, LSH bands and story membership.

The index worker calls :func:`stories_update` with the articles of each batch it applies
(an import, an edit, a withdrawal, a deletion), so stories follow the same write queue
as the search index. It works in two transactions: the articles' fingerprints first,
then the assignment, which holds the stories lock, so of two copies imported at the same
time the second to be assigned always sees the first. :func:`stories_rebuild` recomputes
every story from the stored fingerprints (``manage.py rebuild_stories``).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from archive.models import Article, Story, StoryBand, StoryFingerprint
from archive.stories.clusters import Item, leader_clusters
from archive.stories.fingerprints import (
    MIN_SHINGLES,
    band_keys,
    fingerprint,
    signature_values,
    text_digest,
)

# The advisory lock (PostgreSQL) that serializes story assignment; SQLite's IMMEDIATE
# transactions (config/settings.py) serialize writers already.
LOCK_KEY = 180_018
CHUNK = 500


@dataclass
class StoriesReport:
    """What a story update or rebuild did."""

    fingerprinted: int = 0
    stories: int = 0
    changed: set[int] = field(default_factory=set)


def stories_update(*, article_ids) -> set[int]:
    """Bring these articles' stories up to date; returns every article whose story changed."""
    ids = {int(pk) for pk in article_ids}
    if not ids:
        return set()
    story_fingerprints_refresh(article_ids=ids)
    return stories_assign(article_ids=ids).changed


def story_fingerprints_refresh(*, article_ids) -> int:
    """Fingerprint the articles whose text changed since their stored fingerprint; returns how
    many were (re)computed. Deleted articles lose theirs with them (cascade)."""
    count = 0
    ids = sorted({int(pk) for pk in article_ids})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        stored = dict(
            StoryFingerprint.objects.filter(article_id__in=chunk).values_list(
                "article_id", "digest"
            )
        )
        fresh = [
            (pk, fingerprint(body))
            for pk, body in Article.objects.filter(pk__in=chunk).values_list("pk", "body")
            if stored.get(pk) != text_digest(body)
        ]
        _fingerprints_store(fresh)
        count += len(fresh)
    return count


def _fingerprints_store(fresh) -> None:
    """Replace these articles' fingerprints and bands; plain ``executemany`` because a rebuild
    writes tens of bands per article and model instances would dominate its time."""
    if not fresh:
        return
    pks = [pk for pk, _ in fresh]
    fingerprints_table = connection.ops.quote_name(StoryFingerprint._meta.db_table)
    bands_table = connection.ops.quote_name(StoryBand._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        StoryFingerprint.objects.filter(article_id__in=pks).delete()
        StoryBand.objects.filter(article_id__in=pks).delete()
        cursor.executemany(
            f"INSERT INTO {fingerprints_table} (article_id, digest, shingles, signature)"
            " VALUES (%s, %s, %s, %s)",
            [(pk, fp.digest, fp.shingles, fp.signature) for pk, fp in fresh],
        )
        cursor.executemany(
            f"INSERT INTO {bands_table} (article_id, {connection.ops.quote_name('key')})"
            " VALUES (%s, %s)",
            [(pk, key) for pk, fp in fresh if fp.joinable for key in band_keys(fp.signature)],
        )


def stories_assign(*, article_ids) -> StoriesReport:
    """Recluster the neighbourhood of these articles: them, the articles sharing an LSH band
    with them, and every member of the stories any of those belong to."""
    ids = {int(pk) for pk in article_ids}
    with transaction.atomic():
        _lock()
        scope = _scope(ids)
        items, signatures = _eligible(scope)
        neighbours = _neighbours(signatures)
        return _apply(scope, items, neighbours, signatures)


def stories_rebuild() -> StoriesReport:
    """Every fingerprint brought up to date and every story recomputed; idempotent."""
    ids = list(Article.objects.values_list("pk", flat=True))
    fingerprinted = story_fingerprints_refresh(article_ids=ids)
    with transaction.atomic():
        _lock()
        scope = set(Article.objects.values_list("pk", flat=True))
        items, signatures = _eligible(scope)
        report = _apply(scope, items, _neighbours(signatures), signatures, everything=True)
    report.fingerprinted = fingerprinted
    return report


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _chunks(values):
    values = list(values)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _scope(ids: set[int]) -> set[int]:
    keys = set()
    for chunk in _chunks(ids):
        keys.update(StoryBand.objects.filter(article_id__in=chunk).values_list("key", flat=True))
    scope = set(ids)
    for chunk in _chunks(keys):
        scope.update(StoryBand.objects.filter(key__in=chunk).values_list("article_id", flat=True))
    story_ids = set()
    for chunk in _chunks(scope):
        story_ids.update(
            Article.objects.filter(pk__in=chunk, story__isnull=False).values_list(
                "story_id", flat=True
            )
        )
    if len(ids) > Article.objects.filter(pk__in=list(ids)).count():
        story_ids.update(_stale_story_ids())  # a deleted article left its story behind
    for chunk in _chunks(story_ids):
        scope.update(Article.objects.filter(story_id__in=chunk).values_list("pk", flat=True))
    return scope


def _stale_story_ids() -> set[int]:
    """Stories whose recorded earliest version or size no longer matches their articles."""
    published = Q(articles__status=Article.Status.PUBLISHED)
    stories = Story.objects.annotate(n=Count("articles", filter=published))
    return set(
        stories.filter(Q(first_article__isnull=True) | ~Q(size=F("n"))).values_list("pk", flat=True)
    )


def _eligible(scope: set[int]) -> tuple[list[Item], dict[int, np.ndarray]]:
    """The published articles of ``scope`` long enough to join a story, with signatures."""
    items, signatures = [], {}
    for chunk in _chunks(scope):
        rows = Article.objects.filter(
            pk__in=chunk,
            status=Article.Status.PUBLISHED,
            story_fingerprint__shingles__gte=MIN_SHINGLES,
        ).values_list("pk", "published_on", "created_at", "story_fingerprint__signature")
        for pk, published_on, created_at, signature in rows:
            items.append(
                Item(pk=pk, order=_order(published_on, created_at, pk), published_on=published_on)
            )
            signatures[pk] = signature_values(bytes(signature))
    return items, signatures


def _order(published_on: date | None, created_at, pk: int) -> tuple:
    # Earliest first: dated before undated, then when the archive received it.
    return (published_on is None, published_on or date.min, created_at, pk)


def _neighbours(signatures: dict[int, np.ndarray]) -> dict[int, set[int]]:
    buckets: dict[int, list[int]] = {}
    for pk, values in signatures.items():
        for key in band_keys(values.tobytes()):
            buckets.setdefault(key, []).append(pk)
    neighbours: dict[int, set[int]] = {}
    for members in buckets.values():
        if len(members) > 1:
            for pk in members:
                neighbours.setdefault(pk, set()).update(members)
    for pk, found in neighbours.items():
        found.discard(pk)
    return neighbours


def _apply(scope, items, neighbours, signatures, *, everything=False) -> StoriesReport:
    def similarity(a: int, b: int) -> float:
        return float(np.count_nonzero(signatures[a] == signatures[b])) / len(signatures[a])

    assigned = leader_clusters(items, neighbours, similarity)
    groups: dict[int, list[int]] = {}
    for pk, (leader, _) in assigned.items():
        groups.setdefault(leader, []).append(pk)
    stories = {leader: members for leader, members in groups.items() if len(members) > 1}
    old = _current(scope, everything=everything)
    story_of = _story_rows(stories, old)
    wanted = {pk: (None, None) for pk in scope}
    for leader, members in stories.items():
        for pk in members:
            similarity_value = assigned[pk][1]
            wanted[pk] = (
                story_of[leader],
                None if similarity_value is None else round(similarity_value, 3),
            )
    changed = _write_articles(wanted, old)
    stale = {story for story, _ in old.values() if story} - set(story_of.values())
    if everything:
        stale |= set(
            Story.objects.exclude(pk__in=list(story_of.values())).values_list("pk", flat=True)
        )
    for chunk in _chunks(stale):
        Story.objects.filter(pk__in=chunk).delete()
    return StoriesReport(stories=len(stories), changed=changed)


def _current(scope, *, everything: bool) -> dict[int, tuple[int | None, float | None]]:
    rows = Article.objects.values_list("pk", "story_id", "story_similarity")
    if everything:
        return {pk: (story, sim) for pk, story, sim in rows}
    current = {}
    for chunk in _chunks(scope):
        current.update({pk: (story, sim) for pk, story, sim in rows.filter(pk__in=chunk)})
    return current


def _story_rows(stories: dict[int, list[int]], old) -> dict[int, int]:
    """``{leader: story id}``, keeping the id most of a story's members already had."""
    known = {story for story, _ in old.values() if story}
    rows = {}
    for chunk in _chunks(known):
        rows.update(
            {
                pk: (first, size)
                for pk, first, size in Story.objects.filter(pk__in=chunk).values_list(
                    "pk", "first_article_id", "size"
                )
            }
        )
    story_of, taken = {}, set()
    for leader, members in sorted(stories.items(), key=lambda item: -len(item[1])):
        counts = Counter(old.get(pk, (None, None))[0] for pk in members)
        counts.pop(None, None)
        reuse = next((s for s, _ in counts.most_common() if s not in taken and s in rows), None)
        if reuse is None:
            reuse = Story.objects.create(first_article_id=leader, size=len(members)).pk
        elif rows[reuse] != (leader, len(members)):
            Story.objects.filter(pk=reuse).update(
                first_article_id=leader, size=len(members), updated_at=timezone.now()
            )
        taken.add(reuse)
        story_of[leader] = reuse
    return story_of


def _write_articles(wanted, old) -> set[int]:
    changed = {pk for pk, value in wanted.items() if pk in old and old[pk] != value}
    articles = [
        Article(pk=pk, story_id=wanted[pk][0], story_similarity=wanted[pk][1]) for pk in changed
    ]
    Article.objects.bulk_update(articles, ["story", "story_similarity"], batch_size=CHUNK)
    return changed
