"""``manage.py load_fixtures``: outlets, the entity authority file, the gazetteers of places
(``load_gazetteers``: CLDR, GeoNames, the regions list) and the seed articles.

Idempotent: a second run creates nothing and says so.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.extraction.places import PlaceDataError
from archive.ingest import IngestError
from archive.models import Article
from archive.services.articles import DuplicateArticle, article_ingest, sources_load
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteers_load
from archive.services.mentions import articles_reextract

AUTHORITY_CHANGES = ("created", "updated", "aliases_created", "aliases_removed")


def fixtures_dir() -> Path:
    return Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = _(
        "Load fixtures/sources.json, fixtures/entities.json (when present) and import "
        "fixtures/seeds/*.txt as published articles. Running it again duplicates nothing."
    )

    def handle(self, *args, **options):
        base = fixtures_dir()
        self._sources(base / "sources.json")
        self._entities(base / "entities.json")
        self._gazetteers()
        self._seeds(base / "seeds")

    def _sources(self, path: Path) -> None:
        counts = sources_load(path=path)
        self.stdout.write(
            _("Sources: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % counts
        )

    def _entities(self, path: Path) -> None:
        if not path.exists():
            self.stdout.write(_("Entities: no authority file (%(path)s).") % {"path": path.name})
            return
        result = authority_file_load(path=path)
        self.stdout.write(_("Entities: %(result)s") % {"result": _describe(result)})
        changed = any(result.get(key) for key in AUTHORITY_CHANGES)
        if changed and Article.objects.exists():
            # Articles already in the archive learn the new names and aliases.
            articles_reextract(articles=Article.objects.all())
            self.stdout.write(_("Entities: mentions re-extracted in every article."))

    def _gazetteers(self) -> None:
        try:
            counts = gazetteers_load()
        except PlaceDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Gazetteers: %(result)s") % {"result": _describe(counts)})
        changed = counts["created"] or counts["aliases_created"] or counts["aliases_removed"]
        if changed and Article.objects.exists():
            articles_reextract(articles=Article.objects.all())
            self.stdout.write(_("Entities: mentions re-extracted in every article."))

    def _seeds(self, folder: Path) -> None:
        imported, duplicates, errors = 0, 0, []
        for path in sorted(folder.glob("*.txt")):
            try:
                article_ingest(raw=path.read_bytes(), filename=path.name, publish=True)
            except DuplicateArticle:
                duplicates += 1
            except IngestError as error:
                errors.append(f"{path.name}: {error}")
            else:
                imported += 1
        self.stdout.write(
            _("Seed articles: %(imported)d imported, %(duplicates)d already present.")
            % {"imported": imported, "duplicates": duplicates}
        )
        if errors:
            raise CommandError("\n".join([_("Some seed files could not be imported:"), *errors]))


def _describe(result) -> str:
    if isinstance(result, dict):
        return ", ".join(f"{key} {value}" for key, value in result.items())
    return str(result)
