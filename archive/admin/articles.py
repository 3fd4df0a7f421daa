"""Articles and sources in the admin: find what needs review, publish, unpublish.

Writes go through ``archive.services.articles`` so the admin, the command
line and the tests share one behaviour (duplicate check, mentions, index).
"""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from archive.admin.entities import reextract_selected
from archive.ingest import REVIEW_REASONS, content_hash, review_reason_label
from archive.models import Article, Mention, Source
from archive.services.articles import (
    DuplicateArticle,
    article_publish,
    article_review_done,
    article_save,
    article_unpublish,
)
from archive.services.entities import mention_add, mention_remove


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "name_en", "homepage", "article_count"]
    search_fields = ["name", "name_en"]
    readonly_fields = ["slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_total=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total


class NeedsReviewFilter(admin.SimpleListFilter):
    title = _("needs review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("yes", _("Needs review")), ("no", _("Reviewed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.needing_review()
        if self.value() == "no":
            return queryset.filter(needs_review=False)
        return queryset


class ReviewReasonFilter(admin.SimpleListFilter):
    title = _("review reason")
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        return list(REVIEW_REASONS.items())

    def queryset(self, request, queryset):
        if self.value() in REVIEW_REASONS:
            # Codes are plain ASCII words, so a text match on the JSON list is exact enough.
            return queryset.filter(review_reasons__icontains=f'"{self.value()}"')
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"
    NO_DATE = "none"

    def lookups(self, request, model_admin):
        years = Article.objects.dates("published_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years] + [(self.NO_DATE, _("No date"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NO_DATE:
            return queryset.filter(published_on__isnull=True)
        if value and value.isdigit():
            return queryset.filter(published_on__year=int(value))
        return queryset


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["entity"]
    fields = ["entity", "count", "forms", "added_by_editor"]
    readonly_fields = ["count", "forms", "added_by_editor"]


class ArticleAdminForm(forms.ModelForm):
    original_url = forms.URLField(
        label=_("original URL"), required=False, max_length=1000, assume_scheme="https"
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "body",
            "published_on",
            "source",
            "original_url",
            "status",
            "needs_review",
        ]

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        if body:
            digest = content_hash(body)
            others = Article.objects.filter(content_hash=digest)
            if self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            existing = others.first()
            if existing is not None:
                raise forms.ValidationError(str(DuplicateArticle(existing)))
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "published_on",
        "source",
        "status",
        "needs_review",
        "review_summary",
        "updated_at",
    ]
    list_filter = [
        NeedsReviewFilter,
        ReviewReasonFilter,
        "status",
        ("source", admin.RelatedOnlyFieldListFilter),
        YearFilter,
    ]
    search_fields = [
        "title",
        "body",
        "original_url",
        "original_filename",
        "source__name",
        "source__name_en",
    ]
    date_hierarchy = "published_on"
    list_select_related = ["source"]
    list_per_page = 50
    autocomplete_fields = ["source"]
    actions = ["publish_selected", "unpublish_selected", "mark_reviewed", reextract_selected]
    readonly_fields = [
        "slug",
        "content_hash",
        "created_at",
        "updated_at",
        "created_by",
        "review_reasons_list",
        "metadata_view",
        "raw_text",
        "original_filename",
    ]
    fieldsets = [
        (None, {"fields": ["title", "body", "published_on", "source", "original_url", "status"]}),
        (_("Review"), {"fields": ["needs_review", "review_reasons_list"]}),
        (
            _("Provenance"),
            {
                "classes": ["collapse"],
                "fields": [
                    "original_filename",
                    "metadata_view",
                    "raw_text",
                    "content_hash",
                    "slug",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [MentionInline]
    view_on_site = True

    @admin.display(description=_("review reasons"))
    def review_summary(self, obj):
        return "; ".join(review_reason_label(code) for code in obj.review_reasons or [])

    @admin.display(description=_("review reasons"))
    def review_reasons_list(self, obj):
        reasons = obj.review_reasons or []
        if not reasons:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((review_reason_label(c),) for c in reasons)),
        )

    @admin.display(description=_("what the importer found"))
    def metadata_view(self, obj):
        metadata = obj.metadata if isinstance(obj.metadata, dict) else {}
        rows = [(key, _metadata_value(value)) for key, value in metadata.items()]
        if not rows:
            return "—"
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def save_model(self, request, obj, form, change):
        article_save(article=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Mention:
            return super().save_formset(request, form, formset, change)
        mentions = formset.save(commit=False)
        # A removed mention is remembered so re-extraction does not bring it back.
        for mention in formset.deleted_objects:
            mention_remove(mention=mention, user=request.user)
        for mention in mentions:
            if mention.pk is None:
                mention_add(article=form.instance, entity=mention.entity, user=request.user)
            else:
                mention.added_by_editor = True
                mention.save()
        return None

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = 0
        for article in queryset.drafts():
            article_publish(article=article, user=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d article published.", "%(n)d articles published.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected articles"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for article in queryset.published():
            article_unpublish(article=article, user=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d article taken back to draft.", "%(n)d articles taken back to draft.", count
            )
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected articles as reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = 0
        for article in queryset.needing_review():
            article_review_done(article=article, user=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d article marked reviewed.", "%(n)d articles marked reviewed.", count)
            % {"n": count},
            messages.SUCCESS,
        )


def _metadata_value(value) -> str:
    if isinstance(value, list):
        return " · ".join(_metadata_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_metadata_value(item)}" for key, item in value.items())
    return str(value)
