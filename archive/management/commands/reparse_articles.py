"""Read articles' kept originals again with the current importer (after it improved).

python manage.py reparse_articles            # every article
python manage.py reparse_articles 12 15 40   # these ids

Only what nobody changed since the import is replaced (``archive.services.reparse``).
"""

from django.core.management.base import BaseCommand

from archive.ingest import IngestError
from archive.models import Article
from archive.services.reparse import article_reparse


class Command(BaseCommand):
    help = "Read the kept original of all articles, or of the given ids, again."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Article ids (default: all).")

    def handle(self, *args, ids, **options):
        articles = Article.objects.order_by("pk")
        if ids:
            articles = articles.filter(pk__in=ids)
        counts = {"read": 0, "changed": 0, "refused": 0}
        for article in articles.iterator():
            try:
                changed = article_reparse(article=article)
            except IngestError as error:
                counts["refused"] += 1
                self.stderr.write(f"{article.pk}: {error}")
                continue
            counts["read"] += 1
            counts["changed"] += bool(changed)
        self.stdout.write(
            f"Read again: {counts['read']}; changed: {counts['changed']}; "
            f"refused: {counts['refused']}."
        )
