"""Admin registrations: articles and sources in ``articles``, entities in ``entities``."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from archive.admin import articles, entities  # noqa: F401

admin.site.site_header = _("Iraq–Russia News Archive: editors' desk")
admin.site.site_title = _("Editors' desk")
admin.site.index_title = _("Articles, sources and entities")
