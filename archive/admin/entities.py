from django.contrib import admin

from archive.models import Entity, EntityAlias, Mention


class EntityAliasInline(admin.TabularInline):
    model = EntityAlias
    extra = 1


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "name_ru", "kind", "description"]
    list_filter = ["kind"]
    search_fields = ["name", "name_en", "name_ru", "aliases__name"]
    inlines = [EntityAliasInline]
    readonly_fields = ["slug"]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["article", "entity", "count"]
    list_filter = ["entity__kind"]
    search_fields = ["article__title", "entity__name"]
    autocomplete_fields = ["article", "entity"]
