"""The single indexer: applies the index queue in batches, forever or once."""

import signal
import time

from django.core.management.base import BaseCommand

from search.indexing import DEFAULT_BATCH_SIZE, index_queue_drain


class Command(BaseCommand):
    help = "Apply queued search-index changes. Run exactly one of these per index."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Drain the queue and exit.")
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls when idle."
        )

    def handle(self, *args, once, batch_size, interval, **options):
        self._stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        while not self._stopping:
            report = index_queue_drain(batch_size=batch_size, max_batches=1)
            if report.batches:
                self.stdout.write(
                    f"indexed {report.indexed}, removed {report.removed}, "
                    f"failed {len(report.failed)}"
                )
                self.stdout.flush()
                continue
            if once:
                break
            time.sleep(interval)

    def _stop(self, signum, frame):
        # Finish the batch in hand; the queue keeps whatever was not applied.
        self._stopping = True
