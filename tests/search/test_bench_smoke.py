"""``make bench`` keeps working: a small run through the real import, index and search paths."""

import importlib.util
import itertools
import json
import subprocess
import sys
from pathlib import Path

from archive.services.articles import article_prepare

ROOT = Path(__file__).resolve().parents[2]
QUERY_TYPES = {
    "common word",
    "rare word",
    "two words",
    "phrase",
    "date range",
    "entity filter",
    "common word, all facets + highlights",
    "deep page",
}
LAYERS = ("raw_whoosh_no_facets", "raw_whoosh", "engine", "read_path", "view", "call_in_view")


def test_smoke_benchmark_reports_every_query_type_with_numbers(tmp_path):
    out = tmp_path / "results.json"
    completed = subprocess.run(
        [sys.executable, "bench/run.py", "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert completed.returncode == 0, completed.stderr[-3000:]

    results = json.loads(out.read_text())
    rows = {row["query"]: row for row in results["queries"]}
    assert set(rows) == QUERY_TYPES
    for row in rows.values():
        assert row["hits"] >= 0
        for layer in LAYERS:
            assert row[layer]["p50"] > 0 and row[layer]["p95"] >= row[layer]["p50"]
        # The page contains its own search call, so it takes longer than that call.
        assert 0 < row["call_in_view"]["p50"] < row["view"]["p50"]
        assert row["view_over_call"] > 1
    assert rows["common word"]["hits"] > 0
    assert rows["entity filter"]["params"], "the corpus sample gives the place filter an entity"
    build = results["build"]
    # Lines that repeat another or lack content are made up for: the archive gets --size articles.
    assert build["imported"] >= 1_000
    assert build["indexed"] == results["articles"] > build["imported"]  # plus the seeds
    assert build["import_per_second"] > 0 and build["index_per_second"] > 0
    assert results["index_mb"] > 0 and results["peak_memory_mb"]["process"] > 0
    assert "| common word |" in out.with_suffix(".md").read_text()


def _bench_run_module():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_repeated_corpus_articles_of_the_large_benchmark_import_as_new_articles():
    """The 200,000-article run repeats the corpora: each copy must be a new article."""
    bench = _bench_run_module()
    records = list(itertools.islice(bench.corpus_records(41_000), 0, 41_000, 4_100))
    for record in records:
        digests = {
            article_prepare(raw=r["content"], overrides={"title": r.get("title")}).digest
            for r in [record, bench._copy_of(record, 1), bench._copy_of(record, 2)]
        }
        assert len(digests) == 3, record.get("title")
