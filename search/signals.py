"""The search index follows the archive: every change queues an index task in its transaction.

A save or delete of an article or of one of its mentions, and the archive's own
``articles_changed`` (writes without model signals), add a task to the index queue
(:mod:`search.indexing`) inside the transaction that made the change, so the change and
its task commit or roll back together. A request never writes to the index itself:
``manage.py index_worker`` applies the queue. With ``SEARCH_INDEX_INLINE`` on
(single-process setups, tests) the committed tasks are also applied right away when the
index is free, each article once however many of its mentions changed. During a bulk
import (``import_started`` … ``import_finished``) that inline step is held back and the
queue is applied in batches at the end instead. A write that sends neither kind of
signal (a raw queryset update) is found by ``check_index --repair``. Raw saves
(``loaddata`` of fixtures or a dump) queue nothing: a restore is indexed once, by
``rebuild_index`` (docs/backup.md).
"""

import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Article, Mention
from archive.signals import articles_changed, import_finished, import_started
from search.indexing import index_apply_now, index_enqueue, index_queue_drain

_state = threading.local()


def _after_commit(batch: set[int]) -> None:
    if getattr(_state, "batch", None) is batch:
        _state.token = _state.batch = None  # later saves start a new batch
    if batch and getattr(settings, "SEARCH_INDEX_INLINE", False):
        index_apply_now(article_ids=set(batch))
    batch.clear()


def _inline_held_back() -> bool:
    return getattr(_state, "imports", 0) > 0


def _schedule(article_ids: Iterable[int]) -> None:
    ids = {int(pk) for pk in article_ids}
    if not ids:
        return
    # A task per change, not per batch: a savepoint rollback may drop an
    # earlier task of this same transaction. The indexer applies duplicates once.
    index_enqueue(article_ids=ids)
    if _inline_held_back():
        return
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        _after_commit(ids)
        return
    # The list of on-commit callbacks is replaced after every commit and
    # rollback, so it identifies the transaction a batch belongs to.
    token = connection.run_on_commit
    if getattr(_state, "token", None) is not token:
        _state.token, _state.batch = token, set()
    batch = _state.batch
    batch.update(ids)
    # One callback per change, but the first one to run empties the batch: a
    # batch never depends on one particular callback surviving (savepoint
    # rollbacks drop theirs). Robust: the data and its task are committed; an
    # inline failure leaves the task queued for the indexer.
    transaction.on_commit(lambda: _after_commit(batch), robust=True)


class ArticleSignalProcessor(BaseSignalProcessor):
    """Queue an article for the index when it or its mentions change."""

    def setup(self):
        signals.post_save.connect(self.handle_article_change, sender=Article)
        signals.post_delete.connect(self.handle_article_change, sender=Article)
        signals.post_save.connect(self.handle_mention_change, sender=Mention)
        signals.post_delete.connect(self.handle_mention_change, sender=Mention)
        articles_changed.connect(self.handle_articles_changed)
        import_started.connect(self.handle_import_started)
        import_finished.connect(self.handle_import_finished)

    def teardown(self):
        signals.post_save.disconnect(self.handle_article_change, sender=Article)
        signals.post_delete.disconnect(self.handle_article_change, sender=Article)
        signals.post_save.disconnect(self.handle_mention_change, sender=Mention)
        signals.post_delete.disconnect(self.handle_mention_change, sender=Mention)
        articles_changed.disconnect(self.handle_articles_changed)
        import_started.disconnect(self.handle_import_started)
        import_finished.disconnect(self.handle_import_finished)

    def handle_article_change(self, sender, instance, raw=False, **kwargs):
        if not raw:
            _schedule((instance.pk,))

    def handle_mention_change(self, sender, instance, raw=False, **kwargs):
        if not raw:
            _schedule((instance.article_id,))

    def handle_articles_changed(self, sender, article_ids, **kwargs):
        _schedule(article_ids)

    def handle_import_started(self, sender, **kwargs):
        # One index commit per stored article would slow an import down: the tasks
        # are still queued in each article's transaction and applied at the end.
        _state.imports = getattr(_state, "imports", 0) + 1

    def handle_import_finished(self, sender, imported, follow_up, **kwargs) -> int:
        """Apply the queue the import filled; returns how many articles were indexed."""
        _state.imports = max(getattr(_state, "imports", 0) - 1, 0)
        if not (imported and follow_up):
            return 0
        return index_queue_drain().indexed
