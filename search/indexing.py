"""The index write path: a transactional queue applied by a single indexer.

Changes reach the queue only through :func:`index_enqueue`, which
``search.signals`` calls inside the transaction of the change, so an article and
its index task commit or roll back together. :func:`index_queue_drain` is the
only code that writes to the index; ``manage.py index_worker`` runs it in a loop.
A task is deleted only after the index commit that covers it has succeeded, so
killing the indexer at any point loses nothing: the batch is simply applied again.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from haystack import connections
from whoosh.index import LockError

from archive.models import Article
from archive.services.stories import stories_update
from search.models import IndexTask

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 200
MAX_BACKOFF = timedelta(minutes=10)


@dataclass
class DrainReport:
    batches: int = 0
    indexed: int = 0
    removed: int = 0
    failed: list[int] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return self.indexed + self.removed


@dataclass
class Drift:
    missing: set[int]
    extra: set[int]
    stale: set[int]

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.stale)

    def article_ids(self) -> set[int]:
        return self.missing | self.extra | self.stale


def index_enqueue(*, article_ids: Iterable[int]) -> int:
    """Record that these articles must be reconciled with the index."""
    ids = sorted({int(pk) for pk in article_ids})
    IndexTask.objects.bulk_create([IndexTask(article_id=pk) for pk in ids])
    return len(ids)


def _article_index():
    return connections["default"].get_unified_index().get_index(Article)


def _backend():
    return connections["default"].get_backend()


def _apply(article_ids: set[int], *, lock_timeout: float | None = None) -> tuple[int, int]:
    """Make the index agree with the database for these articles, in one index commit.

    Their stories are brought up to date first (``archive.services.stories``), and the
    other versions whose story changed are indexed in the same commit.
    """
    article_ids = set(article_ids) | stories_update(article_ids=article_ids)
    index = _article_index()
    backend = _backend()
    published = list(index.index_queryset().filter(pk__in=article_ids))
    gone = article_ids - {article.pk for article in published}
    removed = [_identifier(pk) for pk in sorted(gone)]
    if hasattr(backend, "apply"):
        indexed = backend.apply(index, published, removed, lock_timeout=lock_timeout)
        return len(indexed), len(article_ids) - len(indexed)
    # Backends without a combined write (Elasticsearch): no lock to share.
    if published:
        backend.update(index, published)
    for identifier in removed:
        backend.remove(identifier)
    return len(published), len(gone)


def _identifier(pk: int) -> str:
    return f"archive.article.{pk}"


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=2**attempts), MAX_BACKOFF)


def _record_failure(tasks: list[IndexTask], exc: Exception) -> None:
    now = timezone.now()
    for task in tasks:
        task.attempts += 1
        task.not_before = now + _backoff(task.attempts)
        task.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    IndexTask.objects.bulk_update(tasks, ["attempts", "not_before", "last_error"])


def _next_batch(batch_size: int) -> list[IndexTask]:
    return list(
        IndexTask.objects.filter(not_before__lte=timezone.now()).order_by("id")[:batch_size]
    )


def _drain_batch(tasks: list[IndexTask], report: DrainReport) -> None:
    ids = {task.article_id for task in tasks}
    try:
        indexed, removed = _apply(ids)
    except Exception as exc:  # the batch stays queued; isolate the article that fails
        logger.warning("index batch of %d articles failed: %s", len(ids), exc)
        _drain_one_by_one(tasks, report)
        return
    IndexTask.objects.filter(pk__in=[task.pk for task in tasks]).delete()
    report.indexed += indexed
    report.removed += removed


def _drain_one_by_one(tasks: list[IndexTask], report: DrainReport) -> None:
    by_article: dict[int, list[IndexTask]] = {}
    for task in tasks:
        by_article.setdefault(task.article_id, []).append(task)
    for pk, article_tasks in by_article.items():
        try:
            indexed, removed = _apply({pk})
        except Exception as exc:
            logger.error("indexing article %s failed: %s", pk, exc)
            _record_failure(article_tasks, exc)
            report.failed.append(pk)
            continue
        IndexTask.objects.filter(pk__in=[task.pk for task in article_tasks]).delete()
        report.indexed += indexed
        report.removed += removed


def index_queue_drain(
    *, batch_size: int = DEFAULT_BATCH_SIZE, max_batches: int | None = None
) -> DrainReport:
    """Apply queued tasks, oldest first, until the queue is empty (or ``max_batches``)."""
    report = DrainReport()
    while max_batches is None or report.batches < max_batches:
        tasks = _next_batch(batch_size)
        if not tasks:
            break
        report.batches += 1
        _drain_batch(tasks, report)
    return report


def index_apply_now(*, article_ids: Iterable[int]) -> bool:
    """Apply these articles' queued tasks at once if the index is free; never wait for it.

    Used right after a commit when ``SEARCH_INDEX_INLINE`` is on, so a
    single-process setup sees its changes at once. If another process holds
    the index, the tasks stay queued for the indexer.
    """
    ids = {int(pk) for pk in article_ids}
    tasks = list(IndexTask.objects.filter(article_id__in=ids).values_list("pk", flat=True))
    try:
        _apply(ids, lock_timeout=0)
    except LockError:
        return False
    except Exception as exc:  # the tasks stay queued; the indexer retries them
        logger.warning("inline indexing of %s failed, left to the indexer: %s", sorted(ids), exc)
        return False
    IndexTask.objects.filter(pk__in=tasks).delete()
    return True


def indexed_versions() -> dict[int, str]:
    """``{article id: indexed updated_at}`` for every document in the index."""
    backend = _backend()
    if hasattr(backend, "indexed_versions"):
        return backend.indexed_versions()
    raise TypeError(f"{type(backend).__name__} cannot list its documents")


def index_drift() -> Drift:
    """Compare the published articles with the documents in the index."""
    published = {
        pk: updated.isoformat()
        for pk, updated in Article.objects.published().values_list("pk", "updated_at")
    }
    indexed = indexed_versions()
    missing = set(published) - set(indexed)
    extra = set(indexed) - set(published)
    stale = {
        pk for pk in set(published) & set(indexed) if indexed[pk] and indexed[pk] != published[pk]
    }
    return Drift(missing=missing, extra=extra, stale=stale)


def index_repair() -> Drift:
    """Queue every drifted article and apply the queue; returns the drift found."""
    drift = index_drift()
    if drift.total:
        with transaction.atomic():
            index_enqueue(article_ids=drift.article_ids())
        index_queue_drain()
    return drift
