"""The import's readers: documents read and their entities found, here or in worker processes.

Reading a document (decoding, clean-up, dating, hashing, entity extraction) needs
no database, so ``import_articles --jobs N`` hands it to forked workers while the
command stores what comes back, in input order. A worker never touches the
database, leaves when the importer that started it is gone, and one that dies
costs no item: what it had not returned is read in the importer instead.
"""

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from django.db import connections
from django.utils.translation import gettext as _

from archive.extraction.gazetteer import Gazetteer
from archive.ingest import IngestError
from archive.ingest.items import Item
from archive.services.articles import article_prepare

# Without --jobs, runs of at least this many items read their documents in worker processes.
PARALLEL_MIN_ITEMS = 100
# Items a worker prepares per task, and tasks queued ahead per worker: enough to keep the
# workers busy while a batch is stored, few enough to bound memory on a large corpus.
TASK_ITEMS = 20
TASKS_AHEAD_PER_JOB = 8
# How often a worker checks that the importer that started it is still there.
PARENT_CHECK_SECONDS = 0.5


def jobs_for(requested: int | None, total: int) -> int:
    """How many processes read the documents of a run of ``total`` items."""
    if "fork" not in multiprocessing.get_all_start_methods():
        # Workers inherit the loaded gazetteer and settings by fork; without it, read here.
        return 1
    if requested is not None:
        return max(1, requested)
    return (os.cpu_count() or 1) if total >= PARALLEL_MIN_ITEMS else 1


def _prepare(item: Item, gazetteer: Gazetteer) -> Item:
    """Read one item's document and find its entities: no database access."""
    if item.error:
        return item
    try:
        item.prepared = article_prepare(
            raw=item.raw, filename=item.filename, overrides=item.overrides, gazetteer=gazetteer
        )
    except IngestError as error:
        item.error = str(error)
    except Exception as error:  # reported, and the next item still runs
        item.error = _("unexpected error: %(error)r") % {"error": error}
    item.raw = None  # kept in the prepared document; not sent back twice
    return item


class Readers:
    """Prepares items in input order: here (one job) or in a pool of forked workers.

    A worker that dies (killed for memory, say) costs no item: what it had not returned
    is read here instead, and so is the rest of the run.
    """

    def __init__(self, jobs: int, gazetteer: Gazetteer, warn):
        self.jobs = jobs
        self.gazetteer = gazetteer
        self.warn = warn
        self.pool = None

    def __enter__(self):
        if self.jobs > 1:
            self.pool = ProcessPoolExecutor(
                self.jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_start,
                initargs=(self.gazetteer,),
            )
        return self

    def __exit__(self, *exc_info):
        if self.pool is not None:
            # A run that stops early drops its queued chunks; running ones end in moments.
            self.pool.shutdown(wait=True, cancel_futures=True)

    def prepared(self, items: Iterable[Item]) -> Iterator[Item]:
        # A bounded window of tasks: workers stay busy, memory stays flat on any corpus.
        pending = deque()
        chunks = iter(lambda: list(islice(items, TASK_ITEMS)), [])
        for chunk in chunks:
            future = self._submit(chunk)
            if future is None:
                yield from self._here(chunk)
                continue
            pending.append((future, chunk))
            if len(pending) >= self.jobs * TASKS_AHEAD_PER_JOB:
                yield from self._result(*pending.popleft())
        while pending:
            yield from self._result(*pending.popleft())

    def _submit(self, chunk: list[Item]):
        if self.pool is None:
            return None
        try:
            return self.pool.submit(_worker_prepare, chunk)
        except BrokenProcessPool as error:
            self._broken(error)
            return None

    def _result(self, future, chunk: list[Item]) -> list[Item]:
        try:
            return future.result()
        except BrokenProcessPool as error:
            self._broken(error)
            return self._here(chunk)

    def _here(self, chunk: list[Item]) -> list[Item]:
        return [_prepare(item, self.gazetteer) for item in chunk]

    def _broken(self, error: BrokenProcessPool) -> None:
        if self.pool is None:
            return  # said already, for the first of the chunks it had
        self.warn(
            _(
                "A reading process stopped unexpectedly (%(error)s); the rest of the run is "
                "read in this process."
            )
            % {"error": error}
        )
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = None


_worker_gazetteer: Gazetteer | None = None


def _worker_start(gazetteer: Gazetteer) -> None:
    global _worker_gazetteer
    _worker_gazetteer = gazetteer
    # Ctrl-C is the importer's to handle: it stops the pool once the current batch is stored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    # The database handles inherited from the parent are the parent's: never used here.
    for connection in connections.all():
        connection.execute_wrappers.append(_no_database)


def _exit_with_parent(parent: int) -> None:
    """An importer killed outright (SIGKILL, out of memory) cannot stop its pool: its
    workers then leave by themselves instead of waiting for tasks forever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _no_database(execute, sql, params, many, context):
    raise RuntimeError("import_articles workers must not use the database")


def _worker_prepare(chunk: list[Item]) -> list[Item]:
    return [_prepare(item, _worker_gazetteer) for item in chunk]
