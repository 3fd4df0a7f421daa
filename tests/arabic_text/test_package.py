"""The package on its own: no project, Django or search-engine import, no cycle, doctests run."""

import doctest
import importlib
import pkgutil
import subprocess
import sys

import grimp
import pytest

import arabic_text
from tests.conftest import ROOT

MODULES = [
    importlib.import_module(f"arabic_text.{info.name}")
    for info in pkgutil.iter_modules(arabic_text.__path__)
]


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("arabic_text", include_external_packages=True)


def test_the_package_imports_only_the_standard_library_and_pyarabic(graph):
    imported = {
        name
        for module in graph.find_children("arabic_text") | {"arabic_text"}
        for name in graph.find_modules_directly_imported_by(module)
        if not name.startswith("arabic_text")
    }
    assert imported - set(sys.stdlib_module_names) == {"pyarabic"}


def test_the_modules_of_the_package_import_each_other_without_a_cycle(graph):
    cycles = [
        (module, imported)
        for module in graph.find_children("arabic_text")
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("arabic_text.")
        and graph.chain_exists(importer=imported, imported=module)
    ]
    assert cycles == []
    for base in ("arabic_text.letters", "arabic_text.lexicon"):
        assert not any(
            name.startswith("arabic_text") for name in graph.find_modules_directly_imported_by(base)
        )


@pytest.mark.slow
def test_importing_and_using_the_package_loads_no_django_search_engine_or_project_module():
    code = (
        "import sys, arabic_text; arabic_text.analyze('والإرهاب في موسكو'); "
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    project = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"arabic_text"}
    assert {"arabic_text", "pyarabic"} <= loaded
    assert {"archive", "search", "config"} <= project
    assert loaded & (project | {"django", "whoosh", "haystack", "elasticsearch"}) == set()


def test_docstring_examples_hold():
    attempted = 0
    for module in MODULES:
        result = doctest.testmod(module)
        assert result.failed == 0, module.__name__
        attempted += result.attempted
    assert attempted > 10


def test_the_examples_in_the_analyzer_documentation_hold():
    result = doctest.testfile(str(ROOT / "docs" / "analysis.md"), module_relative=False)
    assert result.failed == 0
    assert result.attempted > 5
