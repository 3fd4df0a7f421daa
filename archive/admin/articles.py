from django.contrib import admin

from archive.models import Article, Mention, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "homepage"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {}


class MentionInline(admin.TabularInline):
    model = Mention
    extra = 0
    autocomplete_fields = ["entity"]
    fields = ["entity", "count", "forms"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "published_on", "source", "status", "needs_review", "updated_at"]
    list_filter = ["status", "needs_review", "source"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_on"
    readonly_fields = ["slug", "content_hash", "created_at", "updated_at", "created_by"]
    inlines = [MentionInline]
    view_on_site = True
