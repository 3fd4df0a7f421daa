"""The web process's garbage collector: fewer collections, and full ones that skip the index's data.

A search process keeps large long-lived data per searcher (facet postings, per-document
columns: :mod:`search.backends.whoosh.searcher_cache`) in containers that Python's collector
walks, element by element, on every full collection: at archive scale one such collection
costs more than a search. :func:`configure_gc`, called once by the WSGI application
(``config.wsgi``, which gunicorn and ``runserver`` load) and by the benchmarks, applies two
settings:

- ``GC_THRESHOLD``: a larger generation-0 threshold, so young collections are rarer and fewer
  short-lived objects of a request are still alive to be promoted, which is what makes the
  collector run a full collection;
- ``GC_FREEZE``: after the first request that used a new searcher's data (at start-up, and
  after each index change), :func:`gc.freeze` moves everything alive to the permanent
  generation, which collections skip. A frozen object freed by reference counting (a replaced
  searcher's data) is still freed; only cycles among frozen objects would stay, so freezing
  waits for the searcher's data rather than following every request.
"""

import gc
import threading
import weakref

from django.conf import settings
from django.core.signals import request_finished
from haystack import connections

_DISPATCH_UID = "search.gc_tuning.freeze_after_request"


class _Frozen(threading.local):
    """What this thread's last freeze followed (haystack keeps a backend, so a searcher, per
    thread): whether it froze, and a weak reference to that searcher's data."""

    done = False
    cache: weakref.ref | None = None


_frozen = _Frozen()


def configure_gc(*, threshold: int | None = None, freeze: bool | None = None) -> None:
    """Apply ``GC_THRESHOLD`` (0 or less: Python's own) and ``GC_FREEZE`` to this process;
    the arguments override the settings."""
    threshold = settings.GC_THRESHOLD if threshold is None else threshold
    freeze = settings.GC_FREEZE if freeze is None else freeze
    if threshold > 0:
        _young, older, oldest = gc.get_threshold()
        gc.set_threshold(threshold, older, oldest)
    if freeze:
        request_finished.connect(freeze_after_request, dispatch_uid=_DISPATCH_UID)
    else:
        request_finished.disconnect(dispatch_uid=_DISPATCH_UID)


def _searcher_cache():
    """The data the current searcher's queries share, if the backend keeps any."""
    held = getattr(connections["default"].get_backend(), "searcher_cache_held", None)
    return held() if held is not None else None


def freeze_after_request(**_kwargs) -> bool:
    """Freeze what is alive after this thread's first request, and after the first one that
    used a new searcher's data; whether it froze."""
    cache = _searcher_cache()
    last = _frozen.cache() if _frozen.cache is not None else None
    if _frozen.done and last is cache:
        return False
    gc.freeze()
    _frozen.done = True
    _frozen.cache = weakref.ref(cache) if cache is not None else None
    return True
