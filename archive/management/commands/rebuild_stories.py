"""Recompute every story from the articles' fingerprints: ``manage.py rebuild_stories``.

Idempotent: a second run computes no fingerprint and changes no article. The articles
whose story changed are announced (``archive.signals.articles_changed``) so that the
search index picks up their story fields, unless ``--no-index``.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from archive.services.stories import stories_rebuild
from archive.signals import articles_changed


class Command(BaseCommand):
    help = "Recompute near-duplicate fingerprints and stories for the whole archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Do not queue the changed articles for the search index.",
        )

    def handle(self, *args, no_index: bool, **options):
        report = stories_rebuild()
        if report.changed and not no_index:
            with transaction.atomic():
                articles_changed.send(sender=self.__class__, article_ids=sorted(report.changed))
        self.stdout.write(
            f"fingerprints computed: {report.fingerprinted}; stories: {report.stories}; "
            f"articles changed: {len(report.changed)}"
        )
