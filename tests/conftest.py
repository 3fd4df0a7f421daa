from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.languages import urls_outside_requests_unprefixed

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "fixtures" / "seeds"
# The real corpora (SaudiNewsNet and ANT), kept beside the repository, never in it.
CORPORA_DIR = ROOT.parent / "shared" / "corpora"


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
