"""``make bench`` keeps working: a small run through the real import, index and search paths.

What the run reports is checked against the archive it built: each query type's count of
articles holding every word against Whoosh's own search on the same index and, for the date
range and the entity filter, against the database. Speed is what ``make bench`` measures, so
no figure is asserted here.
"""

import importlib.util
import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from archive.services.articles import article_prepare
from tests.bench_runs import bench_run

ROOT = Path(__file__).resolve().parents[2]
QUERY_TYPES = (
    "common word",
    "rare word",
    "two words",
    "phrase",
    "date range",
    "entity filter",
    "common word, all facets + highlights",
    "deep page",
)
LAYERS = ("raw_whoosh_no_facets", "raw_whoosh", "engine", "read_path", "view", "call_in_view")
SEEDS = 5


@pytest.fixture(scope="module")
def smoke(tmp_path_factory, corpora_dir):
    """``bench/run.py --smoke``: its results, its markdown table and the archive it built."""
    folder = tmp_path_factory.mktemp("bench")
    out = folder / "results.json"
    workdir = folder / "archive"
    bench_run("bench/run.py", "--smoke", "--out", str(out), "--workdir", str(workdir), home=folder)
    database = sqlite3.connect(workdir / "bench.sqlite3")
    yield json.loads(out.read_text()), out.with_suffix(".md").read_text(), database
    database.close()


def _rows(results: dict) -> dict[str, dict]:
    return {row["query"]: row for row in results["queries"]}


@pytest.mark.slow
def test_every_query_type_is_timed_at_every_layer(smoke):
    results, _table, _database = smoke
    rows = _rows(results)
    assert list(rows) == list(QUERY_TYPES)
    for name, row in rows.items():
        for layer in LAYERS:
            assert 0 < row[layer]["p50"] <= row[layer]["p95"], (name, layer)
        assert row["view_over_call"] > 0, name
        view, read, raw = row["view"]["p50"], row["read_path"]["p50"], row["raw_whoosh"]["p50"]
        assert row["view_over_read_path"] == round(view / read, 2), name
        assert row["read_path_over_raw"] == round(read / raw, 2), name


@pytest.mark.slow
def test_each_query_type_finds_what_whoosh_finds_on_the_same_index(smoke):
    rows = _rows(smoke[0])
    # Whoosh's parser requires every word: the page lists those articles first, then more.
    assert {name: row["all_words_hits"] for name, row in rows.items()} == {
        name: row["raw_whoosh_hits"] for name, row in rows.items()
    }
    assert all(row["hits"] >= row["all_words_hits"] for row in rows.values())
    assert rows["common word"]["hits"] > 0
    assert rows["common word, all facets + highlights"]["hits"] > 0
    assert rows["deep page"]["hits"] == rows["common word"]["hits"]


@pytest.mark.slow
def test_the_date_range_and_the_entity_filter_count_what_the_database_holds(smoke):
    results, _table, database = smoke
    rows = _rows(results)
    (in_range,) = database.execute(
        "SELECT count(*) FROM archive_article WHERE status = 'published'"
        " AND published_on BETWEEN ? AND ?",
        (rows["date range"]["params"]["date_from"], rows["date range"]["params"]["date_to"]),
    ).fetchone()
    place = rows["entity filter"]["params"].get("place")
    assert place, "the corpus sample gives the place filter an entity"
    (mentioning,) = database.execute(
        "SELECT count(DISTINCT m.article_id) FROM archive_mention m"
        " JOIN archive_article a ON a.id = m.article_id"
        " WHERE m.entity_id = ? AND a.status = 'published'",
        (place,),
    ).fetchone()

    assert rows["date range"]["hits"] == in_range > 0
    assert rows["entity filter"]["hits"] == mentioning > 0


@pytest.mark.slow
def test_the_archive_holds_the_size_asked_for_plus_the_seeds_all_indexed(smoke):
    results, _table, database = smoke
    build = results["build"]
    (published,) = database.execute(
        "SELECT count(*) FROM archive_article WHERE status = 'published'"
    ).fetchone()
    # Lines that repeat another or lack content are made up for by the next lines.
    assert build["imported"] >= 1_000
    assert build["indexed"] == results["articles"] == published == build["imported"] + SEEDS
    # Rates come from the unrounded seconds; the seconds are reported to 10 ms.
    import_rate = build["imported"] / build["import_seconds"]
    assert build["import_per_second"] == pytest.approx(import_rate, rel=0.01)
    assert build["index_per_second"] == pytest.approx(
        build["indexed"] / build["index_seconds"], rel=0.01
    )


@pytest.mark.slow
def test_the_markdown_table_has_a_row_per_query_type_and_the_build_figures(smoke):
    results, table, _database = smoke
    lines = table.splitlines()
    assert lines[0].startswith(f"Articles in the index: {results['articles']:,};")
    for name, row in _rows(results).items():
        assert sum(line.startswith(f"| {name} | {row['hits']:,} | ") for line in lines) == 1, name
    for label in ("import with extraction", "index rebuild", "index size", "database size"):
        assert sum(line.startswith(f"| {label} ") for line in lines) == 1, label


def _import_rounds_module():
    path = ROOT / "bench" / "import_rounds.py"
    spec = importlib.util.spec_from_file_location("bench_import_rounds", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_repeated_corpus_articles_of_the_large_benchmark_import_as_new_articles(corpora_dir):
    """The 200,000-article run repeats the corpora: each copy must be a new article."""
    rounds = _import_rounds_module()
    records = list(itertools.islice(rounds.corpus_records(41_000), 0, 41_000, 4_100))
    assert len(records) == 10
    for record in records:
        digests = {
            article_prepare(raw=r["content"], overrides={"title": r.get("title")}).digest
            for r in [record, rounds.copy_of(record, 1), rounds.copy_of(record, 2)]
        }
        assert len(digests) == 3, record.get("title")
