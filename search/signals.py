"""Keep the search index in step with the database on every save and delete.

Index writes wait for the surrounding transaction to commit (a rolled-back
save must not reach the index) and happen once per article per transaction,
however many mentions an extraction run saved. Outside a transaction they
happen at once. Each write looks at the database as it is then, so the
order of events cannot matter. Bulk queryset operations send no signals:
the indexing queue (``search.indexing``) and ``check_index`` cover those.
"""

import threading

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Article, Mention
from search.services import article_index_sync

_state = threading.local()


def _flush(batch: set[int]) -> None:
    if getattr(_state, "batch", None) is batch:
        _state.token = _state.batch = None  # later saves start a new batch
    while batch:
        article_index_sync(article_id=batch.pop())


def _schedule(article_id: int) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        article_index_sync(article_id=article_id)
        return
    # The list of on-commit callbacks is replaced after every commit and
    # rollback, so it identifies the transaction a batch belongs to.
    token = connection.run_on_commit
    if getattr(_state, "token", None) is not token:
        _state.token, _state.batch = token, set()
    batch = _state.batch
    batch.add(article_id)
    # One callback per change, but the first one to run empties the batch:
    # each article is written once, and a batch never depends on one
    # particular callback surviving (savepoint rollbacks drop theirs).
    # Robust: the data is committed; an index failure is logged, not raised
    # into the request, and ``check_index`` repairs the drift.
    transaction.on_commit(lambda: _flush(batch), robust=True)


class ArticleSignalProcessor(BaseSignalProcessor):
    """Index an article when it or its mentions change; remove it when deleted or unpublished."""

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
