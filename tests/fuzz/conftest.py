"""Hypothesis profiles for the fuzzers, and the seed archive they search.

``default`` (what ``make test`` runs): 60 examples a test, about 500 in all, derandomized
so CI failures reproduce. ``long``: 1,500 a test, random each run, failures shrunk to a
minimal example.
Choose with ``HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/fuzz``.
"""

import os

import pytest
from haystack import connections
from hypothesis import HealthCheck, Phase, settings

from archive.models import Article
from tests.search.conftest import Seeds, seeds_create

_COMMON = {
    # Search and ingest touch the database and the index: timing varies by machine.
    "deadline": None,
    # Never write an example database into the working tree.
    "database": None,
    # The seed archive is built once per test and only read by the examples.
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
# No shrinking in the default run: a failure is reported at once, as found, and the suite
# stays fast while a bug is open. Rerun with the long profile for a minimal example.
settings.register_profile(
    "default",
    max_examples=60,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    **_COMMON,
)
settings.register_profile("long", max_examples=1500, derandomize=False, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def seed_archive(db) -> Seeds:
    """The five seed articles with their sources and entities, in an otherwise empty index."""
    backend = connections["default"].get_backend()
    backend.clear()
    created = seeds_create()
    index = connections["default"].get_unified_index().get_index(Article)
    backend.update(index, index.index_queryset())
    yield created
    backend.clear()
