"""The load test still runs: a few seconds of it against the real production server setup.

``scripts/loadtest.py --quick`` starts gunicorn (2 workers, debug off) with the index worker
on a throwaway archive, runs 3 simulated researchers for 5 seconds while 5 articles are
imported, and checks the imported articles are found. The full run (50 researchers, 60
seconds, 200 articles) is in ``docs/load.md``.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_load_test_has_no_errors_and_every_imported_article_is_searchable(
    tmp_path, corpora_dir
):
    out = tmp_path / "load.json"
    finished = subprocess.run(
        [sys.executable, "scripts/loadtest.py", "--quick", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["requests"] > 0
    assert result["errors"] == 0, result["error_samples"]
    assert set(result["by_page"]) >= {"home", "search", "api_search"}
    assert result["imported"] == result["import_requested"] == 5
    assert result["missing_from_search"] == []
    assert result["found_by_title_search"] == 5
    assert result["drift_zero"]
