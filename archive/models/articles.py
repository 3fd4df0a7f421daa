"""Outlets and articles: what the public reads."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from archive.models.slugs import SLUG_MAX, unicode_slug
from archive.permalinks import permalink


class Source(models.Model):
    """A news outlet or agency (Elaph, TASS, Al-Araby Al-Jadeed …).

    ``aliases`` lists the other ways the outlet is written in raw text
    (``ايلاف``, ``إيلاف``, ``Elaph``); the importer uses them to attribute
    datelines and credit lines.
    """

    name = models.CharField(_("name (Arabic)"), max_length=200, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(max_length=SLUG_MAX, unique=True, allow_unicode=True)
    homepage = models.URLField(_("homepage"), blank=True)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return f"{self.name} ({self.name_en})" if self.name_en else self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def _free_slug(self) -> str:
        # "RT Arabic" and "RT-Arabic" (or "!!!" and "???") slugify alike: number the later one.
        base = unicode_slug(self.name_en or self.name, "source")[: SLUG_MAX - 6].rstrip("-")
        taken = set(Source.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        candidates = (base, *(f"{base}-{n}" for n in range(2, len(taken) + 3)))
        return next(slug for slug in candidates if slug not in taken)


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(status=Article.Status.PUBLISHED)

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def needing_review(self):
        return self.filter(needs_review=True)

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-created_at")


class Article(models.Model):
    """One news article as the public reads it.

    ``published_on`` is null when the text states no publication date: the
    importer never guesses one. ``content_hash`` is the hash of the
    normalized body and makes a re-import of the same text a duplicate.
    ``raw_text`` keeps what the editor gave us, so extraction can be re-run
    and nothing of the original is ever lost.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=500)
    slug = models.SlugField(_("slug"), max_length=SLUG_MAX, allow_unicode=True, blank=True)
    body = models.TextField(_("body"))
    published_on = models.DateField(_("publication date"), null=True, blank=True, db_index=True)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    original_url = models.URLField(_("original URL"), max_length=1000, blank=True)
    # The byline as the outlet printed it: a person, or an agency credit (أ ف ب، وكالات).
    author = models.CharField(_("author"), max_length=200, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    needs_review = models.BooleanField(_("needs review"), default=False, db_index=True)
    review_reasons = models.JSONField(_("review reasons"), default=list, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    raw_text = models.TextField(_("raw text"), blank=True)
    original_filename = models.CharField(_("original file name"), max_length=255, blank=True)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    story = models.ForeignKey(
        "Story",
        verbose_name=_("story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    # Estimated share of words in common with the story's earliest version (0 to 1).
    story_similarity = models.FloatField(
        _("similarity to the earliest version"), null=True, blank=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = unicode_slug(self.title, "article")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return permalink("archive:article", self.pk, self.slug)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n") if p.strip()]
