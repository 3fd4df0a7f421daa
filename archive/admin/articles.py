"""Articles and sources in the admin: upload, find what needs review, edit, publish, unpublish.

Writes go through ``archive.services`` so the admin, the command line and the
tests share one behaviour (duplicate check, mentions, index). Every write made
here, including the upload desk and the list actions, leaves an admin history
entry (``LogEntry``) saying who did what; the change form shows the latest ones.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from archive.admin.notices import reextract_message
from archive.admin.stories import story_versions_html
from archive.admin.upload import ArticleUploadAdminMixin
from archive.ingest import REVIEW_REASONS, content_hash, review_reason_label
from archive.models import Article, Mention, Source
from archive.services.articles import (
    DuplicateArticle,
    article_publish,
    article_review_done,
    article_save,
    article_unpublish,
)
from archive.services.curation import mention_add, mention_remove
from archive.services.mentions import articles_reextract

RECENT_HISTORY = 5

# The admin's front page links to the upload desk; Django's own admin/index.html is kept.
if admin.site.index_template is None:
    admin.site.index_template = "admin/archive/site_index.html"


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


def surface_forms_text(mention: Mention) -> str:
    """The spellings found in the text, as a reader writes a list (not a JSON array)."""
    return " · ".join(mention.forms or [])


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["entity"]
    fields = ["entity", "count", "surface_forms", "added_by_editor"]
    readonly_fields = ["count", "surface_forms", "added_by_editor"]

    @admin.display(description=_("spellings in the text"))
    def surface_forms(self, mention):
        return surface_forms_text(mention)


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
class ArticleAdmin(ArticleUploadAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # An editor's worklist: the title wide, then what needs doing, the outlet, the date and
    # how many outlets carried the story.
    list_display = [
        "title_column",
        "status",
        "review_state",
        "source_column",
        "published_on",
        "story_size",
    ]
    list_display_links = ["title_column"]
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
        "author",
        "source__name",
        "source__name_en",
    ]
    date_hierarchy = "published_on"
    list_select_related = ["source", "story"]
    list_per_page = 50
    autocomplete_fields = ["source"]
    actions = ["publish_selected", "unpublish_selected", "mark_reviewed", "reextract_selected"]
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
        "story_versions_list",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "body",
                    "published_on",
                    "source",
                    "author",
                    "original_url",
                    "status",
                ]
            },
        ),
        (_("Review"), {"fields": ["needs_review", "review_reasons_list"]}),
        (_("Story"), {"fields": ["story_versions_list"]}),
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

    class Media:
        css = {"all": ["css/admin-articles.css"]}

    @admin.display(description=_("title"), ordering="title")
    def title_column(self, obj):
        return format_html('<span lang="ar" dir="rtl">{}</span>', obj.title)

    @admin.display(description=_("source"), ordering="source__name")
    def source_column(self, obj):
        """The outlet's name in the editor's language when it has one."""
        if obj.source is None:
            return "—"
        if get_language() == "en" and obj.source.name_en:
            return obj.source.name_en
        return format_html('<span lang="ar">{}</span>', obj.source.name)

    def changelist_view(self, request, extra_context=None):
        # The worklist takes the whole width: the site's model list stays one click away.
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("needs review"), ordering="-needs_review")
    def review_state(self, obj):
        """Words, not a tick or a cross: "Needs review" with the reasons, or "Reviewed"."""
        if not obj.needs_review:
            return format_html('<span class="review-state review-done">{}</span>', _("Reviewed"))
        reasons = [review_reason_label(code) for code in obj.review_reasons or []]
        return format_html(
            '<span class="review-state review-needed">{}</span>{}',
            _("Needs review"),
            format_html(
                '<ul class="review-reasons">{}</ul>',
                format_html_join("", "<li>{}</li>", ((reason,) for reason in reasons)),
            )
            if reasons
            else "",
        )

    @admin.display(description=_("review reasons"))
    def review_reasons_list(self, obj):
        reasons = obj.review_reasons or []
        if not reasons:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((review_reason_label(c),) for c in reasons)),
        )

    @admin.display(description=_("versions"), ordering="story__size")
    def story_size(self, obj):
        return obj.story.size if obj.story_id else 1

    @admin.display(description=_("other versions"))
    def story_versions_list(self, obj):
        return story_versions_html(obj)

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

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Publishing needs the change permission, also when an article is added by hand.
        if obj is None and not self.has_change_permission(request):
            fields.append("status")
        return fields

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        reextract = path(
            "<path:object_id>/reextract/",
            self.admin_site.admin_view(self.reextract_view),
            name="{}_{}_reextract".format(*info),
        )
        return [reextract, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "recent_history": _recent_history(object_id)}
        return super().change_view(request, object_id, form_url, extra_context)

    def reextract_view(self, request, object_id):
        """The change form's "Re-run extraction" button."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article, pk=unquote(object_id))
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        counts = articles_reextract(articles=[article])
        message = _reextract_message(counts["mentions"])
        self.log_change(request, article, message)
        self.message_user(request, message, messages.SUCCESS)
        return redirect(self._admin_url("change", article.pk))

    @admin.action(description=_("Publish the selected articles"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = self._apply_each(
            request, queryset.drafts(), service=article_publish, logged=gettext("Published.")
        )
        self.message_user(
            request,
            ngettext("%(n)d article published.", "%(n)d articles published.", count) % {"n": count},
            messages.SUCCESS,
        )

    def _apply_each(self, request, articles, *, service, logged: str) -> int:
        """Run an article service on each of ``articles`` as the editor, with a history entry
        for each; how many there were."""
        count = 0
        for article in articles:
            service(article=article, user=request.user)
            self.log_change(request, article, logged)
            count += 1
        return count

    @admin.action(description=_("Unpublish the selected articles"), permissions=["change"])
    def unpublish_selected(self, request, queryset):
        count = self._apply_each(
            request,
            queryset.published(),
            service=article_unpublish,
            logged=gettext("Taken back to draft."),
        )
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
        count = self._apply_each(
            request,
            queryset.needing_review(),
            service=article_review_done,
            logged=gettext("Marked as reviewed."),
        )
        self.message_user(
            request,
            ngettext("%(n)d article marked reviewed.", "%(n)d articles marked reviewed.", count)
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Re-run entity extraction on the selected articles"), permissions=["change"]
    )
    def reextract_selected(self, request, queryset):
        totals = {"articles": 0, "mentions": 0}
        for article in queryset:
            counts = articles_reextract(articles=[article])
            self.log_change(request, article, _reextract_message(counts["mentions"]))
            totals["articles"] += 1
            totals["mentions"] += counts["mentions"]
        self.message_user(request, reextract_message(**totals), messages.SUCCESS)


def _reextract_message(mentions: int) -> str:
    return ngettext(
        "Entity extraction re-run: %(n)d entity mentioned.",
        "Entity extraction re-run: %(n)d entities mentioned.",
        mentions,
    ) % {"n": mentions}


def _recent_history(object_id) -> list[LogEntry]:
    content_type = ContentType.objects.get_for_model(Article)
    return list(
        LogEntry.objects.filter(content_type=content_type, object_id=unquote(str(object_id)))
        .select_related("user")
        .order_by("-action_time")[:RECENT_HISTORY]
    )


def _metadata_value(value) -> str:
    if isinstance(value, list):
        return " · ".join(_metadata_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_metadata_value(item)}" for key, item in value.items())
    return str(value)
