"""Entity curation in the admin: aliases, merges, candidates, wrong mentions, re-extraction.

Every change goes through ``archive.services.entities`` so the admin, the
command line and tests share one behaviour (a removed mention is remembered,
a merge redirects the old URL, accepted candidates re-extract their articles).
"""

from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive.admin.notices import reextract_message
from archive.models import (
    Article,
    Entity,
    EntityAlias,
    EntityCandidate,
    Mention,
    MentionSuppression,
)
from archive.services.curation import (
    CurationError,
    candidate_accept,
    candidate_reject,
    entity_confirm,
    entity_merge,
    entity_reject,
    mention_remove,
)
from archive.services.entities import entity_names_sync
from archive.services.mentions import articles_reextract


@admin.action(
    description=_("Re-run entity extraction on the selected articles"), permissions=["change"]
)
def reextract_selected(modeladmin, request, queryset):
    """Article admin action: extraction again, e.g. after the authority file changed."""
    counts = articles_reextract(articles=queryset)
    modeladmin.message_user(
        request,
        reextract_message(articles=counts["articles"], mentions=counts["mentions"]),
        messages.SUCCESS,
    )


class EntityAliasInline(admin.TabularInline):
    model = EntityAlias
    extra = 1
    fields = ["name", "ambiguous", "origin", "normalized"]
    readonly_fields = ["origin", "normalized"]


class MergedFilter(admin.SimpleListFilter):
    title = _("merged")
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", _("Active")), ("yes", _("Merged into another"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.active()
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "name_en",
        "name_ru",
        "kind",
        "description",
        "mention_count",
        "review",
        "merged_into",
    ]
    list_filter = ["kind", "review", "origin", MergedFilter]
    search_fields = ["name", "name_en", "name_ru", "aliases__name"]
    inlines = [EntityAliasInline]
    readonly_fields = [
        "slug",
        "review",
        "origin",
        "origin_key",
        "merged_into",
        "created_at",
        "updated_at",
    ]
    actions = [
        "confirm_selected",
        "reject_selected",
        "merge_selected",
        "reextract_mentioning_articles",
    ]
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_total=Count("mentions"))

    @admin.display(description=_("articles"), ordering="mention_total")
    def mention_count(self, obj):
        return obj.mention_total

    def get_search_results(self, request, queryset, search_term):
        # Also find entities by any spelling, script or hamza form of their names.
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            folded = Entity.objects.matching(search_term) | Entity.objects.name_startswith(
                search_term
            )
            results = results | queryset.filter(pk__in=folded.values("pk"))
            may_have_duplicates = True
        return results, may_have_duplicates

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        entity_names_sync(entity=form.instance)

    @admin.action(description=_("Confirm the selected unreviewed entities"), permissions=["change"])
    def confirm_selected(self, request, queryset):
        confirmed = _each_provisional(queryset, entity_confirm)
        self.message_user(
            request,
            ngettext("%(n)d entity confirmed.", "%(n)d entities confirmed.", confirmed)
            % {"n": confirmed},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Reject the selected unreviewed entities (never propose again)"),
        permissions=["change"],
    )
    def reject_selected(self, request, queryset):
        rejected = _each_provisional(queryset, entity_reject)
        self.message_user(
            request,
            ngettext("%(n)d entity rejected.", "%(n)d entities rejected.", rejected)
            % {"n": rejected},
            messages.SUCCESS,
        )

    @admin.action(description=_("Merge the selected entities…"), permissions=["change"])
    def merge_selected(self, request, queryset):
        entities = list(queryset.active().order_by("kind", "name"))
        if len(entities) < 2:
            self.message_user(
                request, _("Select at least two active entities to merge."), messages.WARNING
            )
            return None
        target_id = request.POST.get("target")
        if request.POST.get("confirm") and target_id:
            return self._merge_apply(request, entities, target_id)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge entities"),
            "entities": entities,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "archive/admin/entity_merge.html", context)

    def _merge_apply(self, request, entities, target_id):
        target = next((e for e in entities if str(e.pk) == target_id), None)
        if target is None:
            self.message_user(request, _("Choose the entity to keep."), messages.ERROR)
            return None
        merged = []
        for source in entities:
            if source.pk == target.pk:
                continue
            try:
                entity_merge(source=source, target=target)
            except CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
                continue
            merged.append(source.name)
        if merged:
            self.message_user(
                request,
                _("Merged %(names)s into %(target)s.")
                % {"names": "، ".join(merged), "target": target.name},
                messages.SUCCESS,
            )
        return None

    @admin.action(
        description=_("Re-run extraction on articles mentioning the selected entities"),
        permissions=["change"],
    )
    def reextract_mentioning_articles(self, request, queryset):
        articles = Article.objects.filter(mentions__entity__in=queryset).distinct()
        reextract_selected(self, request, articles)


@admin.register(EntityCandidate)
class EntityCandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "cue", "kind", "status", "count", "entity", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "cue", "normalized"]
    # The name stays editable: an editor may complete it (a third word) before accepting.
    readonly_fields = ["normalized", "cue", "status", "count", "entity", "contexts"]
    fields = ["name", "cue", "kind", "status", "count", "entity", "contexts"]
    actions = ["accept_as_person", "accept_as_organization", "accept_as_place", "reject"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("contexts"))
    def contexts(self, obj):
        """Each article that names the candidate, with the words around the name."""
        articles = obj.articles.order_by("-published_on")[:20]
        if not articles:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a><br><span dir="rtl">{}</span></li>',
                ((a.get_absolute_url(), a.title, _context(a, obj.name)) for a in articles),
            ),
        )

    def _accept(self, request, queryset, kind):
        accepted = 0
        for candidate in queryset.exclude(status=EntityCandidate.Status.ACCEPTED):
            try:
                candidate_accept(candidate=candidate, kind=kind)
            except CurationError as error:
                self.message_user(request, str(error), messages.ERROR)
                continue
            accepted += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d candidate accepted; its articles were re-extracted.",
                "%(n)d candidates accepted; their articles were re-extracted.",
                accepted,
            )
            % {"n": accepted},
            messages.SUCCESS,
        )

    @admin.action(description=_("Accept as person"), permissions=["change"])
    def accept_as_person(self, request, queryset):
        self._accept(request, queryset, Entity.Kind.PERSON)

    @admin.action(description=_("Accept as organization"), permissions=["change"])
    def accept_as_organization(self, request, queryset):
        self._accept(request, queryset, Entity.Kind.ORGANIZATION)

    @admin.action(description=_("Accept as place"), permissions=["change"])
    def accept_as_place(self, request, queryset):
        self._accept(request, queryset, Entity.Kind.PLACE)

    @admin.action(description=_("Reject (never propose again)"), permissions=["change"])
    def reject(self, request, queryset):
        rejected = 0
        for candidate in queryset.filter(status=EntityCandidate.Status.PROPOSED):
            candidate_reject(candidate=candidate)
            rejected += 1
        self.message_user(
            request,
            ngettext("%(n)d candidate rejected.", "%(n)d candidates rejected.", rejected)
            % {"n": rejected},
            messages.SUCCESS,
        )


def _context(article, name: str, width: int = 120) -> str:
    """The text around the first occurrence of ``name`` in the article (or its lead)."""
    at = article.body.find(name)
    if at < 0:
        return article.body[: width * 2]
    start = max(at - width, 0)
    return "…" + article.body[start : at + len(name) + width] + "…"


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["article", "entity", "count", "surface_forms", "added_by_editor"]
    list_filter = ["entity__kind", "added_by_editor"]
    search_fields = ["article__title", "entity__name", "entity__name_en"]
    autocomplete_fields = ["article", "entity"]
    list_select_related = ["article", "entity"]

    @admin.display(description=_("spellings in the text"))
    def surface_forms(self, mention):
        return " · ".join(mention.forms or [])

    def delete_model(self, request, obj):
        # A removed mention is remembered so that re-extraction does not bring it back.
        mention_remove(mention=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for mention in queryset:
            mention_remove(mention=mention, user=request.user)


@admin.register(MentionSuppression)
class MentionSuppressionAdmin(admin.ModelAdmin):
    """Removed mentions; deleting a row lets extraction find that entity there again."""

    list_display = ["article", "entity", "created_by", "created_at"]
    search_fields = ["article__title", "entity__name"]
    list_select_related = ["article", "entity", "created_by"]
    readonly_fields = ["article", "entity", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False


def _each_provisional(queryset, decide) -> int:
    """``decide(entity=…)`` for each unreviewed entity of ``queryset``; how many there were."""
    decided = 0
    for entity in queryset.provisional():
        decide(entity=entity)
        decided += 1
    return decided
