"""Under pytest-xdist the files with slow tests run first, then the browser files, then the
rest, each file's tests together and in their own order (tests/conftest.py)."""

from types import SimpleNamespace

from tests.conftest import pytest_collection_modifyitems


class Item(SimpleNamespace):
    def get_closest_marker(self, name):
        return name if name in self.marks else None


def item(nodeid, marks=()):
    return Item(nodeid=nodeid, marks=set(marks))


def _config(*, worker: bool):
    config = SimpleNamespace(getoption=lambda name: False)
    if worker:
        config.workerinput = {"workerid": "gw0"}
    return config


ITEMS = [
    ("tests/test_stemmer.py::test_a", ()),
    ("tests/test_pages.py::test_home", ("browser",)),
    ("tests/test_stemmer.py::test_b", ()),
    ("tests/test_bench.py::test_quick", ()),
    ("tests/test_bench.py::test_import", ("slow",)),
    ("tests/test_pages.py::test_search", ("browser",)),
]


def test_a_worker_runs_the_files_with_slow_tests_first_then_browser_files_then_the_rest():
    items = [item(nodeid, marks) for nodeid, marks in ITEMS]
    pytest_collection_modifyitems(_config(worker=True), items)
    assert [i.nodeid for i in items] == [
        "tests/test_bench.py::test_quick",
        "tests/test_bench.py::test_import",
        "tests/test_pages.py::test_home",
        "tests/test_pages.py::test_search",
        "tests/test_stemmer.py::test_a",
        "tests/test_stemmer.py::test_b",
    ]


def test_a_run_in_one_process_keeps_the_collected_order():
    items = [item(nodeid, marks) for nodeid, marks in ITEMS]
    pytest_collection_modifyitems(_config(worker=False), items)
    assert [i.nodeid for i in items] == [nodeid for nodeid, _marks in ITEMS]
