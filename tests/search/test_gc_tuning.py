"""The web process's garbage collector (``search.gc_tuning``): the generation-0 threshold and
freezing what is alive, before a request, once a page used a new searcher's data.

The entry points (gunicorn's ``config.wsgi`` and ``runserver``'s WSGI application) are checked
in a fresh process each, since they change the process's collector; the freezing is checked in
this process and undone after each test. No timing: the benchmarks measure the effect.
"""

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started
from haystack import connections

from archive.models import Article
from search import gc_tuning

ROOT = Path(__file__).resolve().parents[2]
PYTHON_DEFAULT_THRESHOLD = 700

# What a server process sees after loading the application: its collector's thresholds and
# whether the freezing follows its requests.
PROBE = """
import gc, json, sys
import django
from django.core.signals import request_finished, request_started
if sys.argv[1] == "gunicorn":
    import config.wsgi  # what gunicorn loads: config.wsgi:application
else:
    django.setup()
    from django.core.servers.basehttp import get_internal_wsgi_application
    get_internal_wsgi_application()  # what runserver loads (WSGI_APPLICATION)
uid = "search.gc_tuning.freeze"
freezes = [signal.disconnect(dispatch_uid=uid) for signal in (request_finished, request_started)]
print(json.dumps({"threshold": gc.get_threshold(), "freezes": freezes}))
"""


def _server_collector(tmp_path: Path, entry: str, **variables: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_GC_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_WHOOSH_INDEX=str(tmp_path / "index"),
        **variables,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, entry],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("entry", ["gunicorn", "runserver"])
def test_server_entry_points_apply_the_default_collector_settings(tmp_path, entry):
    found = _server_collector(tmp_path, entry)
    assert found["threshold"][0] == 10_000
    assert found["freezes"] == [True, True]


@pytest.mark.slow
@pytest.mark.parametrize("entry", ["gunicorn", "runserver"])
def test_server_collector_settings_come_from_the_environment(tmp_path, entry):
    found = _server_collector(tmp_path, entry, DJANGO_GC_THRESHOLD="25000")
    assert found["threshold"][0] == 25_000
    found = _server_collector(tmp_path, entry, DJANGO_GC_THRESHOLD="0", DJANGO_GC_FREEZE="0")
    assert found["threshold"][0] == PYTHON_DEFAULT_THRESHOLD
    assert found["freezes"] == [False, False]


@pytest.fixture
def collector():
    """This process's collector as it was, after the test: thresholds, nothing frozen, the
    freezing disconnected and forgotten."""
    saved = gc.get_threshold()
    gc.unfreeze()
    yield
    request_finished.disconnect(dispatch_uid=gc_tuning._DISPATCH_UID)
    request_started.disconnect(dispatch_uid=gc_tuning._DISPATCH_UID)
    gc.set_threshold(*saved)
    gc.unfreeze()
    gc_tuning._frozen.seen = False
    gc_tuning._frozen.cache = None
    gc_tuning._frozen.due = False


def test_threshold_sets_the_young_generation_only(collector):
    _young, older, oldest = gc.get_threshold()
    gc_tuning.configure_gc(threshold=12_345, freeze=False)
    assert gc.get_threshold() == (12_345, older, oldest)


def test_threshold_zero_keeps_the_collector_threshold(collector):
    before = gc.get_threshold()
    gc_tuning.configure_gc(threshold=0, freeze=False)
    assert gc.get_threshold() == before


def _search_page(client, seeds) -> None:
    response = client.get("/search/", {"q": "لافروف"})
    assert response.status_code == 200
    found = {hit.article.pk for hit in response.context["results"].hits}
    assert found == seeds.ids("003", "004")


def test_search_page_freezes_once_per_searcher_before_the_next_request(client, seeds, collector):
    gc_tuning.configure_gc(threshold=0, freeze=True)
    _search_page(client, seeds)
    # Not after the page (its objects are still alive), but before the next request.
    assert gc.get_freeze_count() == 0
    _search_page(client, seeds)
    assert gc.get_freeze_count() > 0
    # The same searcher: the pages that follow leave the collector alone.
    gc.unfreeze()
    _search_page(client, seeds)
    _search_page(client, seeds)
    assert gc.get_freeze_count() == 0
    # An index change gives a new searcher: the request after the page that used it freezes.
    unified = connections["default"].get_unified_index()
    article = Article.objects.get(pk=seeds.articles["000"].pk)
    connections["default"].get_backend().update(unified.get_index(Article), [article])
    _search_page(client, seeds)
    assert gc.get_freeze_count() == 0
    _search_page(client, seeds)
    assert gc.get_freeze_count() > 0


def test_search_pages_freeze_nothing_when_switched_off(client, seeds, collector):
    gc_tuning.configure_gc(threshold=0, freeze=True)
    gc_tuning.configure_gc(threshold=0, freeze=False)
    _search_page(client, seeds)
    _search_page(client, seeds)
    assert gc.get_freeze_count() == 0
