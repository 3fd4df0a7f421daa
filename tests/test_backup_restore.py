"""Backups restore to an archive that searches exactly as the original did.

Both procedures of ``docs/backup.md`` for SQLite, on a throwaway archive of the seed
articles and 40 real newspaper articles, imported by ``manage.py`` processes:

* the native copy, taken with SQLite's online backup API while the last import's commits
  are still in the write-ahead log (where a plain file copy would miss them), put in place
  as a new database file, then ``rebuild_index`` and ``check_index``;
* the portable copy, ``dumpdata`` loaded with ``loaddata`` into a freshly migrated
  database, then ``rebuild_index`` and ``check_index``.

After each restore the index has zero drift and a set of Arabic queries (words, a phrase,
OR, NOT, a title search, filters) finds the same articles with the same scores. Loading a
dump queues no index work of its own: ``rebuild_index`` indexes the restore once.
"""

import json
import sqlite3
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Article, Mention
from search.models import IndexTask
from tests.factories import article_create, entity_create
from tests.test_faults import Site, corpus_batch

pytestmark = pytest.mark.slow

QUERIES = [
    {"q": "الكاظمي"},
    {"q": "روسيا"},
    {"q": "لافروف"},
    {"q": '"وزير الخارجية"'},
    {"q": "موسكو OR بغداد"},
    {"q": "title:الجعفري"},
    {"q": "العراق -روسيا"},
    {"q": "السعودية"},
    {"q": "الرياض", "sort": "newest"},
    {"q": "", "versions": "all"},  # every article, each version of a story too
]
SEARCH = """
import json
from search.forms import SearchForm
from search.selectors import search_execute
answers = []
for params in json.loads({queries!r}):
    form = SearchForm(params)
    form.is_valid()
    results = search_execute(params=form.cleaned_data, page=1, page_size=100)
    answers.append({{
        "count": results.count,
        "hits": sorted(
            (hit.article.pk, hit.article.title, round(hit.score or 0, 4)) for hit in results.hits
        ),
    }})
print(json.dumps(answers, ensure_ascii=False))
"""
DUMPDATA_EXCLUDES = ("contenttypes", "auth.permission", "sessions")


def _answers(site: Site) -> list[dict]:
    return json.loads(site.shell(SEARCH.format(queries=json.dumps(QUERIES))))


@pytest.fixture(scope="module")
def original(tmp_path_factory, corpora_dir):
    """The archive to back up: seeds and 40 corpus articles, indexed, with answers recorded.

    A connection stays open throughout, as a running web server's does, so the last
    commits stay in the write-ahead log instead of being folded into the file at exit.
    """
    folder = tmp_path_factory.mktemp("original")
    site = Site.create(folder / "site")
    running = sqlite3.connect(site.database)
    running.execute("SELECT count(*) FROM archive_article").fetchone()
    batch = corpus_batch(corpora_dir, folder / "batch.jsonl", 40, skip=500)
    site.manage("import_articles", str(batch), "--publish", "--no-index")
    site.manage("index_worker", "--once")
    yield site, _answers(site)
    running.close()


def test_the_original_archive_finds_articles_for_the_test_queries(original):
    _site, answers = original
    assert all(answer["count"] for answer in answers[:6])
    assert answers[-1]["count"] == 45


def test_an_online_sqlite_backup_restored_and_reindexed_searches_the_same(original, tmp_path):
    site, answers = original
    wal = Path(f"{site.database}-wal")
    assert wal.exists() and wal.stat().st_size > 0  # recent commits still in the log

    backup = tmp_path / "archive-backup.sqlite3"
    source = sqlite3.connect(site.database)
    target = sqlite3.connect(backup)
    source.backup(target)
    target.close()
    source.close()

    # A new machine: nothing there yet, so no stale -wal or -shm file beside the copy.
    restored = Site.create(tmp_path / "restored", migrate=False)
    backup.rename(restored.database)
    restored.manage("rebuild_index", "--noinput", "-v", "0")

    assert "missing 0, extra 0, stale 0" in restored.drift()
    assert _answers(restored) == answers


def test_a_portable_dump_loaded_into_a_fresh_database_and_reindexed_searches_the_same(
    original, tmp_path
):
    site, answers = original
    dump = tmp_path / "archive.json"
    excludes = [arg for name in DUMPDATA_EXCLUDES for arg in ("--exclude", name)]
    site.manage("dumpdata", "--natural-foreign", *excludes, "--output", str(dump))

    restored = Site.create(tmp_path / "restored", fixtures=False)
    loaded = restored.manage("loaddata", str(dump))
    assert "Installed" in loaded.stdout
    restored.manage("rebuild_index", "--noinput", "-v", "0")

    assert "missing 0, extra 0, stale 0" in restored.drift()
    assert _answers(restored) == answers


@pytest.mark.django_db
def test_loading_a_dump_queues_no_index_work_while_a_normal_save_still_does(tmp_path, settings):
    settings.SEARCH_INDEX_INLINE = False
    lavrov = entity_create()
    for title in ("لافروف يستقبل الجعفري في موسكو", "لافروف: العلاقات مع بغداد متينة"):
        article = article_create(title=title, body=f"{title}. قال سيرغي لافروف إن روسيا…")
        Mention.objects.create(article=article, entity=lavrov, count=1, forms=["لافروف"])
    dump = tmp_path / "archive.json"
    call_command("dumpdata", "archive", "--natural-foreign", output=str(dump), verbosity=0)
    Article.objects.all().delete()
    IndexTask.objects.all().delete()

    call_command("loaddata", str(dump), verbosity=0)

    assert Article.objects.count() == 2 and Mention.objects.count() == 2
    assert IndexTask.objects.count() == 0
    Article.objects.first().save()
    assert IndexTask.objects.count() == 1
