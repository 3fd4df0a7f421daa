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
- ``GC_FREEZE``: once a request used a new searcher's data (the first request, and the first
  after each index change), the next request starts by collecting the young generations and
  :func:`gc.freeze`, which moves everything alive to the permanent generation that
  collections skip. Between two requests what is alive is the process's long-lived state; a
  frozen object freed by reference counting (a replaced searcher's data) is still freed, only
  cycles among frozen objects would stay, so freezing follows searchers, not every request.
"""

import gc
import threading
import weakref

from django.conf import settings
from django.core.signals import request_finished, request_started
from haystack import connections

_DISPATCH_UID = "search.gc_tuning.freeze"


class _Frozen(threading.local):
    """This thread's freezing (haystack keeps a backend, so a searcher, per thread): whether a
    request ran, a weak reference to the searcher data the last freeze followed, and whether a
    freeze is due before the next request."""

    seen = False
    cache: weakref.ref | None = None
    due = False


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
        request_finished.connect(note_searcher, dispatch_uid=_DISPATCH_UID)
        request_started.connect(freeze_before_request, dispatch_uid=_DISPATCH_UID)
    else:
        request_finished.disconnect(dispatch_uid=_DISPATCH_UID)
        request_started.disconnect(dispatch_uid=_DISPATCH_UID)


def _searcher_cache():
    """The data the current searcher's queries share, if the backend keeps any."""
    held = getattr(connections["default"].get_backend(), "searcher_cache_held", None)
    return held() if held is not None else None


def note_searcher(**_kwargs) -> None:
    """After a request: a freeze is due if it was the thread's first or used a new searcher's
    data. Not now: the request's own objects are still alive, and would be frozen with it."""
    cache = _searcher_cache()
    last = _frozen.cache() if _frozen.cache is not None else None
    if not _frozen.seen or last is not cache:
        _frozen.seen = True
        _frozen.cache = weakref.ref(cache) if cache is not None else None
        _frozen.due = True


def freeze_before_request(**_kwargs) -> bool:
    """Before a request, when a freeze is due: collect the young generations (the previous
    request's cycles), then freeze what is left; whether it froze."""
    if not _frozen.due:
        return False
    _frozen.due = False
    gc.collect(1)
    gc.freeze()
    return True
