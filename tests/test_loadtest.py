"""The load test still runs: a few seconds of it against the real production server setup.

The abuse scenario (``--scenario abuse --quick``) runs too: normal searchers beside two
attackers sending long words, long sentences and bodies over the limit.

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


@pytest.mark.slow
def test_quick_abuse_scenario_has_no_server_errors_and_stores_no_oversized_body(
    tmp_path, corpora_dir
):
    out = tmp_path / "abuse.json"
    command = [sys.executable, "scripts/loadtest.py", "--scenario", "abuse", "--quick"]
    finished = subprocess.run(
        [*command, "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["server_errors"] == 0, result.get("server_log_tail")
    assert result["normal_not_ok"] == 0
    assert result["normal_search"]["unloaded"]["requests"] > 0
    assert result["normal_search"]["under attack"]["requests"] > 0
    statuses = result["statuses"]
    # Bodies over the limit are refused, and none of their bytes reached the temporary folder.
    for kind in ("1 GB body declared", "chunked body", "upload over the limit"):
        assert set(statuses[kind]) == {"413"}, (kind, statuses[kind])
    assert result["temp_dir_max_bytes"] == 0, result["temp_dir_files"]
    # The long words and sentences are answered (bounded work), not refused or failed.
    for kind in ("670 × ب", "1,000-letter word", "long sentence", "long phrase", "huge hl"):
        assert set(statuses[kind]) == {"200"}, (kind, statuses[kind])
    # Each attack came from a new address: the rate limiter counted them all.
    assert result["rate_limit_entries"] > sum(sum(c.values()) for c in statuses.values()) // 2
