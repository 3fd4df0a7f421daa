"""The archive app: articles, sources, entities and their mentions, and how they are written."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender, **kwargs):
    # Imported when called: this module is loaded before the models are ready.
    from archive.roles import editors_group_ensure

    editors_group_ensure()


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = _("Archive")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # After every migrate, so new models' permissions reach the group too.
        post_migrate.connect(_ensure_roles, dispatch_uid="archive.ensure_roles")
