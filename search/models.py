"""The search index's write queue.

Whoosh allows one writer at a time, so web requests never write to the
index. A save records "article N changed" in the same database transaction
as the change itself; a single indexer (``manage.py index_worker``) applies
the queue in batches. A task only names the article: the indexer looks at
the database when it runs and indexes the article if it is published, or
removes it otherwise, so tasks are idempotent and order cannot lose an update.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IndexTask(models.Model):
    """Article ``article_id`` must be reconciled with the search index."""

    article_id = models.BigIntegerField(_("article id"), db_index=True)
    enqueued_at = models.DateTimeField(_("enqueued"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    not_before = models.DateTimeField(_("retry after"), default=timezone.now, db_index=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("index task")
        verbose_name_plural = _("index tasks")

    def __str__(self):
        return f"index article {self.article_id} (attempt {self.attempts})"
