"""Report (and optionally repair) drift between the database and the search index."""

from django.core.management.base import BaseCommand, CommandError

from search.indexing import index_drift, index_repair


class Command(BaseCommand):
    help = "Compare published articles with the index; --repair re-indexes what differs."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true")

    def handle(self, *args, repair, **options):
        drift = index_repair() if repair else index_drift()
        self.stdout.write(
            f"missing {len(drift.missing)}, extra {len(drift.extra)}, stale {len(drift.stale)}"
        )
        for label, ids in (
            ("missing", drift.missing),
            ("extra", drift.extra),
            ("stale", drift.stale),
        ):
            if ids:
                self.stdout.write(f"  {label}: {', '.join(map(str, sorted(ids)[:50]))}")
        if repair:
            after = index_drift()
            self.stdout.write(f"after repair: drift {after.total}")
            if after.total:
                raise CommandError("the index still differs from the database")
        elif drift.total:
            raise CommandError(f"drift of {drift.total} article(s); run with --repair")
