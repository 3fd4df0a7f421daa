"""The relevance evaluator (``make relevance``): its metrics on hand-computed examples, its
data files, and a run on a small slice of the set in a throwaway archive."""

import importlib
import json
import math
import sys
from pathlib import Path

import pytest

from tests.bench_runs import bench_run

ROOT = Path(__file__).resolve().parents[2]
RELEVANCE = ROOT / "bench" / "relevance"


def _module(name: str):
    if str(RELEVANCE) not in sys.path:
        sys.path.insert(0, str(RELEVANCE))
    return importlib.import_module(name)


metrics = _module("metrics")
dataset = _module("dataset")


# ------------------------------------------------------------------------ metrics


def test_gains_are_exponential_in_the_grade():
    assert [metrics.gain(g) for g in (0, 1, 2)] == [0.0, 1.0, 3.0]


def test_ndcg_of_a_ranking_against_the_ideal_order_of_every_judged_article():
    judged = {"a": 2, "b": 0, "c": 1, "d": 2}
    # DCG: 3/log2(2) + 0/log2(3) + 1/log2(4) = 3.5; the ideal 2, 2, 1: 3 + 3/log2(3) + 1/2.
    ideal = 3 + 3 / math.log2(3) + 0.5
    assert metrics.ndcg(["a", "b", "c"], judged) == pytest.approx(3.5 / ideal)
    assert metrics.ndcg(["a", "d", "c", "b"], judged) == pytest.approx(1.0)


def test_an_unjudged_article_counts_as_not_relevant():
    # The one relevant article at rank 2: 1/log2(3) of the ideal 1.
    assert metrics.ndcg(["unjudged", "a"], {"a": 1}) == pytest.approx(1 / math.log2(3))


def test_ndcg_looks_at_the_first_k_only():
    judged = {"a": 2}
    assert metrics.ndcg(["x", "a"], judged, k=1) == 0.0
    assert metrics.ndcg(["x", "a"], judged, k=2) == pytest.approx(1 / math.log2(3))


def test_recall_counts_grades_one_and_two_in_the_first_k():
    judged = {"a": 2, "b": 0, "c": 1, "d": 2}
    assert metrics.recall(["a", "b", "c"], judged) == pytest.approx(2 / 3)
    assert metrics.recall(["b", "a", "c"], judged, k=2) == pytest.approx(1 / 3)
    assert metrics.recall([], judged) == 0.0


def test_a_query_with_nothing_relevant_has_no_figure_and_is_left_out_of_the_mean():
    assert metrics.ndcg(["a"], {"a": 0}) is None
    assert metrics.recall(["a"], {}) is None
    assert metrics.mean([0.5, None, 1.0]) == pytest.approx(0.75)
    assert metrics.mean([None]) is None


# -------------------------------------------------------------------- the set on disk


def test_the_set_has_forty_queries_every_one_judged_with_pool_articles():
    queries = dataset.queries_read()
    judged = dataset.judgments_read()
    pool = set(dataset.pool_keys())
    assert len(queries) >= 40
    for query in queries:
        grades = judged.get(query.id, {})
        assert any(grade >= 1 for grade in grades.values()), query.id
        assert set(grades) <= pool, query.id
    assert set(judged) <= {query.id for query in queries}


def test_the_pool_lists_each_corpus_line_once():
    keys = dataset.pool_keys()
    assert len(keys) == len(set(keys)) >= 1500
    assert {key.rpartition(":")[0] for key in keys} <= {
        "antcorpus.jsonl.gz",
        "saudinewsnet.jsonl.gz",
    }


@pytest.mark.parametrize("depth", ["0", "51"])
def test_the_unjudged_listing_reads_no_deeper_than_recall(depth, capsys):
    evaluate = _module("evaluate")
    with pytest.raises(SystemExit) as stopped:
        evaluate.main(["--unjudged", "unused.tsv", "--depth", depth])
    assert stopped.value.code == 2
    assert "--depth must be between 1 and 50" in capsys.readouterr().err


# ------------------------------------------------------------ a run on a slice of the set

# A name (لافروف), the same name in English (Lavrov), and a whole sentence whose words are
# never all in one article.
SLICE = ("q01", "q42", "q29")
NAME, ENGLISH, SENTENCE = SLICE


@pytest.fixture(scope="module")
def slice_run(tmp_path_factory, corpora_dir):
    """``evaluate.py`` on three queries, in an archive of their judged articles only."""
    folder = tmp_path_factory.mktemp("relevance")
    args = (
        *("--queries", ",".join(SLICE), "--judged-only", "--ranking", "all", "--json"),
        *("--workdir", str(folder / "archive")),
    )
    return json.loads(bench_run("bench/relevance/evaluate.py", *args, home=folder))


@pytest.mark.slow
def test_the_slice_is_built_from_its_judged_articles(slice_run):
    judged = dataset.judgments_read()
    keys = {key for query in SLICE for key in judged[query]}
    assert slice_run["build"]["pool"] == slice_run["build"]["articles"] == len(keys)
    assert [row["id"] for row in slice_run["queries"]] == [
        query.id for query in dataset.queries_read() if query.id in SLICE
    ]


@pytest.mark.slow
def test_every_ranking_reports_its_metrics_in_range(slice_run):
    for row in slice_run["queries"]:
        assert set(row["rankings"]) == {"current", "all-words", "any-word", "bm25"}
        for name, run in row["rankings"].items():
            assert 0 <= run["ndcg"] <= 1, (row["id"], name)
            assert 0 <= run["recall"] <= 1, (row["id"], name)
            assert run["results"] >= len(run["top"]), (row["id"], name)


@pytest.mark.slow
def test_zero_results_are_counted_per_ranking(slice_run):
    summary = slice_run["summary"]
    rows = {row["id"]: row["rankings"] for row in slice_run["queries"]}
    # Every word required: nothing for the sentence, nor for the English name (the articles
    # write it in Arabic); any word: the sentence is found, the English name still is not.
    assert {name: runs["all-words"]["results"] > 0 for name, runs in rows.items()} == {
        NAME: True,
        ENGLISH: False,
        SENTENCE: False,
    }
    assert summary["all-words"]["zero_results"] == 2
    assert summary["any-word"]["zero_results"] == summary["bm25"]["zero_results"] == 1
    # Any word finds relevant articles that lack some of the sentence's words.
    assert rows[SENTENCE]["any-word"]["recall"] > rows[SENTENCE]["all-words"]["recall"] == 0


@pytest.mark.slow
def test_the_page_finds_the_english_name_through_its_entity(slice_run):
    rows = {row["id"]: row["rankings"] for row in slice_run["queries"]}
    assert rows[ENGLISH]["current"]["results"] > 0
    assert rows[ENGLISH]["current"]["recall"] > 0
