"""Record every change that the search index must follow, in the same transaction.

A save or delete of an article (or of one of its mentions) adds a task to
the index queue (:mod:`search.indexing`) inside the transaction that made the
change, so the change and its task commit or roll back together; after the
commit each article is written to the index once, however many mentions an
extraction run saved. The
request never writes to the index itself: ``manage.py index_worker`` applies
the queue. With ``SEARCH_INDEX_INLINE`` on (single-process setups, tests) the
committed tasks are also applied right away when the index is free; when it
is busy they simply wait for the indexer. Bulk queryset operations send no
signals: ``check_index --repair`` covers those.
"""

import threading

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Article, Mention
from search.indexing import index_apply_now, index_enqueue

_state = threading.local()


def _after_commit(batch: set[int]) -> None:
    if getattr(_state, "batch", None) is batch:
        _state.token = _state.batch = None  # later saves start a new batch
    if batch and getattr(settings, "SEARCH_INDEX_INLINE", False):
        index_apply_now(article_ids=set(batch))
    batch.clear()


def _schedule(article_id: int) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        index_enqueue(article_ids=[article_id])
        _after_commit({article_id})
        return
    # The list of on-commit callbacks is replaced after every commit and
    # rollback, so it identifies the transaction a batch belongs to.
    token = connection.run_on_commit
    if getattr(_state, "token", None) is not token:
        _state.token, _state.batch = token, set()
    batch = _state.batch
    batch.add(article_id)
    # A task per change, not per batch: a savepoint rollback may drop an
    # earlier task of this same transaction. The indexer applies duplicates once.
    index_enqueue(article_ids=[article_id])
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

    def teardown(self):
        signals.post_save.disconnect(self.handle_article_change, sender=Article)
        signals.post_delete.disconnect(self.handle_article_change, sender=Article)
        signals.post_save.disconnect(self.handle_mention_change, sender=Mention)
        signals.post_delete.disconnect(self.handle_mention_change, sender=Mention)

    def handle_article_change(self, sender, instance, **kwargs):
        _schedule(instance.pk)

    def handle_mention_change(self, sender, instance, **kwargs):
        _schedule(instance.article_id)
