"""The archive's data: outlets, articles, entities and where entities are mentioned."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive.extraction.names import name_lookup_keys, name_normalize
from archive.permalinks import permalink

SLUG_MAX = 120


def unicode_slug(text: str, fallback: str) -> str:
    """A URL slug that keeps Arabic letters; never empty."""
    slug = slugify(text or "", allow_unicode=True)[:SLUG_MAX].strip("-")
    return slug or fallback


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
        Story,
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


class EntityQuerySet(models.QuerySet):
    def active(self):
        """Entities that have not been merged into another one nor rejected by an editor."""
        return self.filter(merged_into__isnull=True).exclude(review=Entity.Review.REJECTED)

    def provisional(self):
        """Entities found by detection that no editor has reviewed yet."""
        return self.active().filter(review=Entity.Review.PROVISIONAL)

    def matching(self, text: str):
        """Entities with a name or alias equal to ``text`` in any script, after folding.

        ``لافروف``, ``Lavrov`` and ``Лавров`` all find Sergey Lavrov; a single
        word with proclitics (``ولافروف``) is tried without them too.
        """
        keys = name_lookup_keys(text)
        if not keys:
            return self.none()
        text = text.strip()
        # Name fields are compared as written too, for entities whose name rows are missing.
        names = Q(name=text) | Q(name_en__iexact=text) | Q(name_ru__iexact=text)
        return self.filter(Q(aliases__normalized__in=keys) | names).distinct()

    def name_startswith(self, text: str):
        """Entities with a name or alias starting with ``text`` (autocompletion)."""
        key = name_normalize(text)
        if not key:
            return self.none()
        text = text.strip()
        names = (
            Q(name__startswith=text) | Q(name_en__istartswith=text) | Q(name_ru__istartswith=text)
        )
        return self.filter(Q(aliases__normalized__startswith=key) | names).distinct()

    def co_mentioned_with(self, entity: "Entity"):
        """Other entities mentioned in the same published articles, most shared first."""
        articles = Article.objects.published().filter(mentions__entity=entity)
        return (
            self.active()
            .exclude(pk=entity.pk)
            .filter(mentions__article__in=articles)
            .annotate(shared=models.Count("mentions__article", distinct=True))
            .order_by("-shared", "name")
        )


class Entity(models.Model):
    """A person, organization or place, with its names in every script.

    An entity merged into another keeps its row (``merged_into``) so that
    its old URL can redirect to the surviving entity. Every name of an
    entity (Arabic, English, Russian) also exists as an :class:`EntityAlias`
    row, so one indexed column answers "which entity is called X?".
    """

    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        ORGANIZATION = "organization", _("Organization")
        PLACE = "place", _("Place")

    class Review(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        PROVISIONAL = "provisional", _("Unreviewed")
        REJECTED = "rejected", _("Rejected")

    class Origin(models.TextChoices):
        EDITOR = "", _("Editor or authority file")
        CLDR = "cldr", _("CLDR territories")
        GEONAMES = "geonames", _("GeoNames cities")
        REGIONS = "regions", _("Regions and seas list")
        DETECTED = "detected", _("Detected in articles")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, db_index=True)
    name = models.CharField(_("name (Arabic)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    slug = models.SlugField(max_length=SLUG_MAX, allow_unicode=True, blank=True)
    description = models.CharField(_("role / description"), max_length=500, blank=True)
    description_en = models.CharField(_("role / description (English)"), max_length=500, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
    )
    # Detection creates entities "provisional"; editors confirm, merge or reject them.
    review = models.CharField(
        _("review"),
        max_length=16,
        choices=Review.choices,
        default=Review.CONFIRMED,
        db_index=True,
    )
    # Who maintains the row: a gazetteer refresh updates only its own origin's entities.
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.EDITOR, blank=True
    )
    # The entity's key in its origin (a CLDR territory code, a GeoNames id).
    origin_key = models.CharField(_("key in its origin"), max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="entity_unique_kind_name"),
        ]

    def __str__(self):
        return f"{self.name} ({self.name_en})" if self.name_en else self.name

    def save(self, *args, **kwargs):
        self.slug = unicode_slug(self.name_en or self.name, "entity")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return permalink("archive:entity", self.pk, self.slug)

    @property
    def is_provisional(self) -> bool:
        return self.review == self.Review.PROVISIONAL

    def own_names(self) -> list[str]:
        """The entity's name fields, in every script, without blanks."""
        return [n for n in (self.name, self.name_en, self.name_ru) if n]

    def all_names(self) -> list[str]:
        names = self.own_names() + [alias.name for alias in self.aliases.all()]
        seen, result = set(), []
        for name in names:
            if name and name not in seen:
                seen.add(name)
                result.append(name)
        return result


class EntityAlias(models.Model):
    """Another name of an entity, in any script (``لافروف``, ``Lavrov``, ``Лавров``).

    ``normalized`` is the folded form (``arabic_text``) that extraction
    and cross-script lookups compare; it is derived from ``name`` on save.
    ``origin`` says who owns the row, so reloading the authority file never
    deletes what an editor added.
    """

    class Origin(models.TextChoices):
        NAME = "name", _("Entity name")
        AUTHORITY = "authority", _("Authority file")
        EDITOR = "editor", _("Editor")
        MERGE = "merge", _("Merged entity")
        CLDR = "cldr", _("CLDR territories")
        GEONAMES = "geonames", _("GeoNames cities")
        REGIONS = "regions", _("Regions and seas list")
        DETECTED = "detected", _("Detected in articles")

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    normalized = models.CharField(
        _("normalized"), max_length=255, db_index=True, editable=False, default=""
    )
    # Ambiguous aliases (a common word such as صالح) count only with support.
    ambiguous = models.BooleanField(_("ambiguous"), default=False)
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.EDITOR
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("entity alias")
        verbose_name_plural = _("entity aliases")
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="alias_unique_per_entity"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized = name_normalize(self.name)
        super().save(*args, **kwargs)


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


class EntityCandidate(models.Model):
    """A name detection found that no list held (``السفير الروسي لدى بغداد إيلبروس
    كوتراشيف``, ``وزارة الاقتصاد``), one row per folded name: the review record of the
    unreviewed entity created for it (``entity``), with the articles that name it.

    ``status`` remembers the editors' decision: a rejected name is never proposed again.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name as found"), max_length=200)
    normalized = models.CharField(_("normalized"), max_length=255, unique=True, editable=False)
    cue = models.CharField(_("title cue"), max_length=300, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Entity.Kind.choices, default=Entity.Kind.PERSON
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PROPOSED,
        db_index=True,
    )
    # How many articles propose this name.
    count = models.PositiveIntegerField(_("articles"), default=0)
    articles = models.ManyToManyField(
        Article, verbose_name=_("articles"), related_name="entity_candidates", blank=True
    )
    entity = models.ForeignKey(
        Entity,
        verbose_name=_("entity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-count", "name"]
        verbose_name = _("entity candidate")
        verbose_name_plural = _("entity candidates")

    def __str__(self):
        return self.name
