"""The search app: full-text search over the archive's published articles.

It depends on the archive and follows its changes through signals (``search.signals``,
connected by haystack's signal processor); the archive never imports it.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
