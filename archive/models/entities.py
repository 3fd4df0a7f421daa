"""Entities (people, organizations, places), their names, and names detection proposes."""

from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from archive.extraction.names import name_lookup_keys, name_normalize
from archive.models.articles import Article
from archive.models.slugs import SLUG_MAX, unicode_slug
from archive.permalinks import permalink


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

    def named(self, text: str):
        """Entities with a name field equal to ``text``: the Arabic name as written, the
        English and Russian ones in any case. Each comparison reads its own index."""
        text = text.strip()
        typed = Lower(Value(text))
        return self.alias(name_en_lower=Lower("name_en"), name_ru_lower=Lower("name_ru")).filter(
            Q(name=text) | Q(name_en_lower=typed) | Q(name_ru_lower=typed)
        )

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
        # "Which entity is called X?" by its name fields, in any kind (``named``).
        indexes = [
            models.Index(fields=["name"], name="entity_name"),
            models.Index(Lower("name_en"), name="entity_name_en_lower"),
            models.Index(Lower("name_ru"), name="entity_name_ru_lower"),
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
