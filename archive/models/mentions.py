"""Where entities are mentioned, and the mentions editors removed."""

from django.conf import settings
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive.models.articles import Article
from archive.models.entities import Entity


class MentionQuerySet(models.QuerySet):
    def published(self):
        """Mentions in articles the public may see."""
        return self.filter(article__in=Article.objects.published())

    def per_year(self):
        """Rows ``{year, articles, mentions}`` by publication year (``year`` None: undated)."""
        return (
            self.annotate(year=ExtractYear("article__published_on"))
            .values("year")
            .annotate(articles=models.Count("article", distinct=True), mentions=models.Sum("count"))
            .order_by(models.F("year").asc(nulls_last=True))
        )

    def per_day(self):
        """Rows ``{day, articles}`` by publication day, dated articles only, oldest first."""
        return (
            self.filter(article__published_on__isnull=False)
            .values(day=models.F("article__published_on"))
            .annotate(articles=models.Count("article", distinct=True))
            .order_by("day")
        )


class Mention(models.Model):
    """That an article mentions an entity, how often and in which spellings.

    ``first_offset`` is the character offset of the first occurrence in the
    article's extraction text (title, blank line, body).
    """

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="mentions"
    )
    entity = models.ForeignKey(
        Entity, verbose_name=_("entity"), on_delete=models.CASCADE, related_name="mentions"
    )
    count = models.PositiveIntegerField(_("count"), default=1)
    forms = models.JSONField(_("surface forms"), default=list, blank=True)
    first_offset = models.PositiveIntegerField(_("first offset"), null=True, blank=True)
    # Added by hand in the admin: re-extraction updates it but never drops it.
    added_by_editor = models.BooleanField(_("added by an editor"), default=False)

    objects = MentionQuerySet.as_manager()

    class Meta:
        ordering = ["-count"]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        constraints = [
            models.UniqueConstraint(fields=["article", "entity"], name="mention_unique"),
        ]

    def __str__(self):
        return ngettext(
            "%(entity)s: once in article %(article)s",
            "%(entity)s: %(count)s times in article %(article)s",
            self.count,
        ) % {"entity": self.entity, "count": self.count, "article": self.article_id}


class MentionSuppression(models.Model):
    """An editor removed this entity from this article: re-extraction must not add it back."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="mention_suppressions",
    )
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        on_delete=models.CASCADE,
        related_name="mention_suppressions",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("removed mention")
        verbose_name_plural = _("removed mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "entity"], name="mention_suppression_unique"
            ),
        ]

    def __str__(self):
        return f"{self.entity} ✕ {self.article_id}"
