"""``--database-only`` (the PostgreSQL pass of ``make test``) keeps every test that uses the
database and leaves out the others."""

from types import SimpleNamespace

import pytest

from tests.conftest import pytest_collection_modifyitems, uses_database


class Item(SimpleNamespace):
    """What the selection reads of a collected test: its marks and the fixtures it needs."""

    def get_closest_marker(self, name):
        return name if name in self.marks else None


def item(name, marks=(), fixturenames=()):
    return Item(name=name, marks=set(marks), fixturenames=list(fixturenames))


def test_marked_tests_and_tests_needing_the_database_set_up_use_it():
    assert uses_database(item("marked", marks=["django_db"]))
    assert uses_database(item("subprocess on the test database", marks=["database"]))
    assert uses_database(item("db fixture", fixturenames=["db", "django_db_setup"]))
    assert uses_database(item("module data", fixturenames=["django_db_setup", "django_db_blocker"]))
    # pytest-django asks every test for the blocker; alone, it gives no access.
    assert not uses_database(item("plain", fixturenames=["django_db_blocker", "tmp_path"]))


@pytest.mark.parametrize(("option", "kept"), [(True, ["orm", "live"]), (False, None)])
def test_the_option_leaves_out_only_the_tests_without_the_database(option, kept):
    items = [
        item("stemmer"),
        item("orm", marks=["django_db"]),
        item("subprocess", fixturenames=["tmp_path"]),
        item("live", fixturenames=["live_server", "django_db_setup"]),
    ]
    names = [i.name for i in items]
    deselected = []
    config = SimpleNamespace(
        getoption=lambda name: option,
        hook=SimpleNamespace(pytest_deselected=lambda items: deselected.extend(items)),
    )
    pytest_collection_modifyitems(config, items)
    assert [i.name for i in items] == (kept or names)
    assert sorted(i.name for i in deselected) == sorted(set(names) - set(kept or names))
