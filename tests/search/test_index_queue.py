"""The index write path across real processes: a file-based SQLite database and
Whoosh index shared by separate ``manage.py`` processes, as in production.

Saves only queue tasks; one indexer applies them. Several writers at once
never raise a lock error nor lose an update or a delete, and an indexer
killed mid-batch loses nothing. Processes meant to run at once meet at a barrier:
each says "ready" once loaded and waits for the test's "go".
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
# Printed by a process at the barrier, which then waits for a line on its stdin.
READY = "ready"
AT_BARRIER = f"import sys\nprint({READY!r}, flush=True)\nsys.stdin.readline()\n"

pytestmark = pytest.mark.slow


@pytest.fixture
def site(tmp_path):
    """A throwaway archive on disk: its own database file and index directory."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}",
        "DJANGO_WHOOSH_INDEX": str(tmp_path / "index"),
        "DJANGO_SEARCH_INDEX_INLINE": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    _manage(env, "migrate", "--noinput", "-v", "0")
    return env


def _manage(env, *args, check=True, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
        **kwargs,
    )


def _start_shell(env, code):
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_ready(processes) -> None:
    """Wait until every process is at its barrier (one that died fails the test here)."""
    for process in processes:
        line = process.stdout.readline().strip()
        assert line == READY, process.communicate(timeout=30)[1]


def _go(processes) -> None:
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()


def _release_together(processes) -> None:
    """Wait until every process is at its barrier, then let them all go at once."""
    _wait_ready(processes)
    _go(processes)


def _shell(env, code) -> str:
    return _manage(env, "shell", "-v", "0", "-c", code).stdout.strip()


def _found_ids(env, query) -> set[int]:
    code = (
        "from search.forms import SearchForm\n"
        "from search.selectors import search_iter_article_ids\n"
        f"form = SearchForm({{'q': {query!r}}}); form.is_valid()\n"
        "print(' '.join(map(str, search_iter_article_ids(params=form.cleaned_data))))"
    )
    return {int(pk) for pk in _shell(env, code).split()}


def _ingest_code(seed: Path, *, barrier: bool = True) -> str:
    # Loaded and the document read before the barrier: after it, only the ingest runs.
    return (
        "from archive.services.articles import article_ingest\n"
        f"raw = open({str(seed)!r}, 'rb').read()\n"
        + (AT_BARRIER if barrier else "")
        + f"result = article_ingest(raw=raw, filename={seed.name!r}, publish=True)\n"
        "print(result.article.pk)"
    )


def _index_lock_holder(env):
    """A process that holds the index's write lock until told to let go."""
    return _start_shell(
        env,
        "from haystack import connections\n"
        "backend = connections['default'].get_backend()\n"
        "backend.setup()\n"
        "writer = backend.index.writer()\n" + AT_BARRIER + "writer.cancel()",
    )


def _drift(env) -> str:
    return _manage(env, "check_index", check=False).stdout


def test_two_processes_saving_at_once_and_a_third_deleting_lose_nothing(site):
    first = _shell(site, _ingest_code(SEEDS[4], barrier=False)).strip()
    _manage(site, "index_worker", "--once")
    assert _found_ids(site, "الجعفري") == {int(first)}

    writers = [_start_shell(site, _ingest_code(seed)) for seed in SEEDS[1:3]]
    deleter = _start_shell(
        site,
        "from archive.models import Article\n"
        f"article = Article.objects.get(pk={first})\n" + AT_BARRIER + "article.delete()",
    )
    _release_together([*writers, deleter])
    outputs = [process.communicate(timeout=120) for process in [*writers, deleter]]
    for process, (_out, err) in zip([*writers, deleter], outputs, strict=True):
        assert process.returncode == 0, err
    new_ids = {int(out.strip()) for out, _err in outputs[:2]}

    assert _found_ids(site, "بوريسوف") == set()  # queued, not yet applied
    _manage(site, "index_worker", "--once")

    assert _found_ids(site, "بوريسوف") == new_ids
    assert _found_ids(site, "الجعفري") == set()
    assert "missing 0, extra 0, stale 0" in _drift(site)


def test_inline_writers_never_fail_when_the_index_is_busy(site):
    inline = {**site, "DJANGO_SEARCH_INDEX_INLINE": "1"}
    holder = _index_lock_holder(site)
    writers = [_start_shell(inline, _ingest_code(seed)) for seed in SEEDS[:4]]
    _wait_ready([holder])  # the index is locked from here on
    _release_together(writers)
    outputs = [process.communicate(timeout=120) for process in writers]
    for process, (_out, err) in zip(writers, outputs, strict=True):
        assert process.returncode == 0, err
        assert "LockError" not in err
    # The index was busy for every one of them: their tasks wait for the indexer.
    assert _found_ids(site, "العراق") == set()
    _go([holder])
    _out, err = holder.communicate(timeout=60)
    assert holder.returncode == 0, err
    _manage(site, "index_worker", "--once")
    assert "missing 0, extra 0, stale 0" in _drift(site)
    assert len(_found_ids(site, "العراق")) == 4


def _bulk_queue(env, count: int) -> None:
    # Articles made without signals, then queued in one go: a large backlog.
    _shell(
        env,
        "import hashlib\n"
        "from archive.models import Article\n"
        "from search.indexing import index_enqueue\n"
        f"body = open({str(SEEDS[1])!r}, encoding='utf-8').read()\n"
        "rows = [Article(title=f'مقال رقم {n}', body=body + f' {n}', status='published',\n"
        "        content_hash=hashlib.sha256(f'{n}'.encode()).hexdigest(), slug=f'a-{n}')\n"
        f"        for n in range({count})]\n"
        "Article.objects.bulk_create(rows)\n"
        "index_enqueue(article_ids=Article.objects.values_list('pk', flat=True))",
    )


def test_an_indexer_killed_mid_batch_resumes_with_no_drift(site):
    _bulk_queue(site, 400)
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "index_worker", "--batch-size", "40"],
        cwd=ROOT,
        env=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    first_batch = worker.stdout.readline()  # one batch applied, the next in hand
    worker.send_signal(signal.SIGKILL)
    worker.communicate(timeout=30)
    assert first_batch.startswith("indexed 40")

    remaining = int(
        _shell(site, "from search.models import IndexTask\nprint(IndexTask.objects.count())")
    )
    assert 0 < remaining < 400
    assert "missing 0" not in _drift(site)

    _manage(site, "index_worker", "--once")
    assert "missing 0, extra 0, stale 0" in _drift(site)
    assert len(_found_ids(site, "بوريسوف")) == 400
