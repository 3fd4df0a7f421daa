"""The direction of dependency between the project's packages, as ``make lint`` checks it.

``lint-imports`` reads the contracts in ``pyproject.toml``: ``search`` may use ``archive``,
never the reverse; ``arabic_text`` imports neither Django nor any search engine; inside
``archive``, extraction and ingest never reach the models. The second test proves the
contracts bite: on a copy of the packages with forbidden imports added, the run fails
and names them.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("arabic_text", "archive", "search", "config")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.slow


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_project_keeps_every_import_contract():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 4 kept, 0 broken." in result.stdout


def test_an_import_against_the_layers_breaks_the_contracts(tmp_path):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "archive" / "services" / "probe.py").write_text("from search import indexing\n")
    (tmp_path / "arabic_text" / "probe.py").write_text("import django\n")
    (tmp_path / "archive" / "extraction" / "probe.py").write_text("from archive import models\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 0 kept, 4 broken." in result.stdout
    assert "archive is not allowed to import search" in result.stdout
    assert "archive.services.probe -> search.indexing" in result.stdout
    assert "archive is not allowed to import haystack" in result.stdout
    assert "arabic_text is not allowed to import django" in result.stdout
    assert "arabic_text.probe -> django" in result.stdout
    assert "archive.extraction is not allowed to import archive.models" in result.stdout
