"""Stories: near-duplicate articles told by several outlets, and their fingerprints."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.models.articles import Article


class Story(models.Model):
    """One story told by several outlets: published articles whose texts are near-duplicates.

    A story exists while it has at least two published versions; an article
    alone has no story. ``first_article`` (the earliest version) and ``size``
    (how many published versions) are kept by ``archive.services.stories``.
    """

    first_article = models.ForeignKey(
        "Article",
        verbose_name=_("earliest version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    size = models.PositiveIntegerField(_("versions"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-size", "id"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def __str__(self):
        return f"story {self.pk} ({self.size})"


class StoryFingerprint(models.Model):
    """What near-duplicate detection keeps of an article, so a change never rehashes the archive.

    ``signature`` is the MinHash of the article's word shingles (unsigned
    32-bit values); ``digest`` identifies the words and settings it was made
    from; ``shingles`` counts distinct shingles (too few: the article never
    joins a story). ``StoryBand`` rows are its LSH buckets.
    """

    article = models.OneToOneField(
        Article, primary_key=True, on_delete=models.CASCADE, related_name="story_fingerprint"
    )
    digest = models.CharField(max_length=64)
    shingles = models.PositiveIntegerField(default=0)
    signature = models.BinaryField(blank=True, default=b"")

    class Meta:
        verbose_name = _("story fingerprint")
        verbose_name_plural = _("story fingerprints")

    def __str__(self):
        return f"fingerprint of {self.article_id}"


class StoryBand(models.Model):
    """One LSH bucket of an article's signature: articles sharing a ``key`` are candidates."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="story_bands")
    key = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("story band")
        verbose_name_plural = _("story bands")

    def __str__(self):
        return f"{self.key} ∋ {self.article_id}"
