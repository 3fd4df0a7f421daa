"""Run entity extraction again on stored articles, after the authority file or aliases changed.

python manage.py reextract_entities            # every article
python manage.py reextract_entities 12 15 40   # these ids
"""

from django.core.management.base import BaseCommand

from archive.models import Article
from archive.services.mentions import articles_reextract


class Command(BaseCommand):
    help = "Re-run entity extraction on all articles or on the given article ids."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Article ids (default: all).")

    def handle(self, *args, ids, **options):
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
        counts = articles_reextract(articles=articles)
        self.stdout.write(
            f"Re-extracted {counts['articles']} articles: {counts['mentions']} mentions."
        )
