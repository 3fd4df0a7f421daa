"""``manage.py rebuild_index_fast``: the whole search index again, in one multi-process writer."""

import os
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from haystack import connections

from archive.models import Article

DEFAULT_BATCH_SIZE = 500


def _batches(queryset, size: int):
    """The queryset in primary-key chunks: prefetching stays bounded and no OFFSET scans."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


class Command(BaseCommand):
    help = _(
        "Clear the search index and index every published article again with one writer "
        "(several processes by default). Faster than rebuild_index; nothing else may write "
        "to the index meanwhile (stop the index worker first)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--procs",
            type=int,
            default=os.cpu_count() or 1,
            help=_("processes that analyze text (default: the number of CPUs)"),
        )
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args, **options):
        procs, size = options["procs"], options["batch_size"]
        if procs < 1 or size < 1:
            raise CommandError(_("--procs and --batch-size must be at least 1."))
        backend = connections["default"].get_backend()
        if not hasattr(backend, "rebuild"):
            raise CommandError(
                _("The %(backend)s backend has no fast rebuild: use rebuild_index.")
                % {"backend": type(backend).__name__}
            )
        index = connections["default"].get_unified_index().get_index(Article)
        started = time.monotonic()
        written = backend.rebuild(index, _batches(index.index_queryset(), size), procs=procs)
        seconds = time.monotonic() - started
        if options["verbosity"] > 0:
            rate = written / seconds if seconds > 0 else 0.0
            self.stdout.write(
                _("Indexed %(n)d articles in %(s).1f s (%(rate).0f/s).")
                % {"n": written, "s": seconds, "rate": rate}
            )
