from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.languages import urls_outside_requests_unprefixed

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "fixtures" / "seeds"
# The real corpora (SaudiNewsNet and ANT), kept beside the repository, never in it.
CORPORA_DIR = ROOT.parent / "shared" / "corpora"
# What makes a test use the test database: pytest-django's ``django_db`` mark, or a fixture
# that needs the database set up (``db``, ``transactional_db``, ``live_server`` and module
# fixtures that unblock it all request ``django_db_setup``).
DATABASE_FIXTURE = "django_db_setup"


def pytest_addoption(parser):
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that use the database (scripts/test-pg.sh: the PostgreSQL pass)",
    )


def uses_database(item) -> bool:
    """The test reaches the database (pytest-django refuses any other test a connection)."""
    return (
        item.get_closest_marker("django_db") is not None
        or item.get_closest_marker("database") is not None
        or DATABASE_FIXTURE in getattr(item, "fixturenames", ())
    )


def _slow_files_first(items) -> None:
    """Files with ``slow`` tests first, then ``browser`` files, then the rest (stable order).

    Under pytest-xdist (``--dist loadfile --no-loadscope-reorder``, ``make test``) each worker
    takes the next whole file when it is free: the long files start at once and the many
    short ones fill in at the end, instead of one long file running alone on one worker.
    """
    rank = {}
    for item in items:
        file = item.nodeid.split("::", 1)[0]
        kind = (
            0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2
        )
        rank[file] = min(rank.get(file, 2), kind)
    items.sort(key=lambda item: rank[item.nodeid.split("::", 1)[0]])


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist, long files first; with ``--database-only``, leave out the tests
    that never touch the database.

    The PostgreSQL pass checks what depends on the database engine; a test without database
    access (Arabic text, extraction, subprocesses that run on their own SQLite file) gives the
    same result on both engines, and the SQLite pass has run it already. A test that reaches
    the database another way (a subprocess given the run's ``DATABASE_URL``) is marked
    ``database``.
    """
    if hasattr(config, "workerinput"):
        _slow_files_first(items)
    if not config.getoption("--database-only"):
        return
    kept = [item for item in items if uses_database(item)]
    left_out = [item for item in items if not uses_database(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """The folder of the real corpora (``*.jsonl.gz``); tests that read it skip without it."""
    if not sorted(CORPORA_DIR.glob("*.jsonl.gz")):
        pytest.skip(f"the corpora are not in {CORPORA_DIR} (see README.md, Data)")
    return CORPORA_DIR


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS_DIR.glob("*.txt"))


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages built outside a request (commands, services) in English, as tests assert them.

    Requests take their language from the URL (Arabic unprefixed, tests.languages.english
    for the English interface); addresses built outside requests stay unprefixed.
    """
    with translation.override("en"), urls_outside_requests_unprefixed():
        yield


@pytest.fixture
def empty_cache():
    """The default cache (rate limits, login lockouts) empty before and after the test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def limiter_clock_fixed(monkeypatch):
    """The rate limiter's clock stopped 20 seconds into an hour (and so into a minute).

    Its windows are fixed (one counter per minute or hour): a test's requests must all fall
    in one window, which a real clock does not promise on a loaded machine.
    """
    from config import ratelimit

    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: 3600 * 500_000 + 20.0))
