"""The entity gold set and its evaluator (``make extraction-quality``, docs/entities.md): how a
found entity is matched to a gold one, the gold files themselves, and a run on two articles
in a throwaway archive."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.bench_runs import bench_run

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = ROOT / "bench" / "entities"


def _module(name: str):
    # Loaded by path under their own names, and ``sys.path`` left as it was: other bench
    # folders have modules of the same names (``evaluate``) that their tests import.
    spec = importlib.util.spec_from_file_location(f"entities_{name}", ENTITIES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


gold = _module("gold")
matching = _module("matching")


def gold_entity(kind, name, *surfaces, name_en=""):
    return gold.GoldEntity(kind=kind, name=name, name_en=name_en, surfaces=surfaces or (name,))


# ------------------------------------------------------------------------ matching


def test_a_surface_with_a_proclitic_matches_the_bare_name():
    compared = matching.compare(
        [gold_entity("place", "روسيا", "وروسيا")],
        [matching.Found(kind="place", name="روسيا", forms=("لروسيا",))],
    )
    assert compared.counts("place") == {"tp": 1, "fp": 0, "fn": 0}


def test_a_found_entity_matches_by_its_name_or_alias_when_its_forms_differ():
    # The article writes جازبروم; the entity found is named غازبروم with that alias.
    compared = matching.compare(
        [gold_entity("organization", "غازبروم", "جازبروم", name_en="Gazprom")],
        [matching.Found(kind="organization", name="غازبروم", forms=("شركة",), names=("Gazprom",))],
    )
    assert compared.counts("organization")["tp"] == 1


def test_letters_are_folded_as_the_analyzer_folds_them():
    compared = matching.compare(
        [gold_entity("person", "رجب طيب أردوغان", "اردوغان")],
        [matching.Found(kind="person", name="أردوغان", forms=("أردوغان",))],
    )
    assert compared.counts("person")["tp"] == 1


def test_a_longer_or_shorter_name_is_another_entity():
    # مجلس الأمن (the UN Security Council) is not مجلس الأمن القومي.
    compared = matching.compare(
        [gold_entity("organization", "مجلس الأمن القومي الأمريكي", "مجلس الأمن القومي")],
        [matching.Found(kind="organization", name="مجلس الأمن", forms=("مجلس الأمن",))],
    )
    assert compared.counts("organization") == {"tp": 0, "fp": 1, "fn": 1}
    assert [e["type"] for e in compared.errors()] == ["miss", "false positive"]


def test_the_right_name_under_the_wrong_kind_is_a_miss_and_a_wrong_kind():
    compared = matching.compare(
        [gold_entity("organization", "صحيفة الشرق الأوسط", "الشرق الأوسط")],
        [matching.Found(kind="place", name="الشرق الأوسط", forms=("الشرق الأوسط",))],
    )
    assert compared.counts("organization") == {"tp": 0, "fp": 0, "fn": 1}
    assert compared.counts("place") == {"tp": 0, "fp": 1, "fn": 0}
    assert [e["type"] for e in compared.errors()] == ["miss", "wrong kind"]


def test_one_found_entity_never_answers_for_two_gold_entities():
    # Both Assads are written الأسد; one found entity can match only one of them, and the
    # matching gives it to the one that leaves the other its own match.
    golds = [
        gold_entity("person", "حافظ الأسد", "حافظ الأسد", "الأسد"),
        gold_entity("person", "بشار الأسد", "بشار الأسد"),
    ]
    found = [
        matching.Found(kind="person", name="بشار الأسد", forms=("الأسد",)),
        matching.Found(kind="person", name="حافظ الأسد", forms=("حافظ الأسد",)),
    ]
    compared = matching.compare(golds, found)
    assert compared.pairs == {0: 1, 1: 0}
    only_one = matching.compare(golds, found[:1])
    assert only_one.counts("person") == {"tp": 1, "fp": 0, "fn": 1}


def test_a_second_found_entity_for_one_gold_entity_is_a_duplicate():
    # A provisional عادل بن أحمد الجبير beside the authority file's عادل الجبير.
    compared = matching.compare(
        [gold_entity("person", "عادل الجبير", "عادل بن أحمد الجبير", "الجبير")],
        [
            matching.Found(kind="person", name="عادل الجبير", forms=("الجبير",)),
            matching.Found(kind="person", name="عادل بن أحمد الجبير", forms=()),
        ],
    )
    assert compared.counts("person") == {"tp": 1, "fp": 1, "fn": 0}
    assert [e["type"] for e in compared.errors()] == ["duplicate"]


def test_scores_from_counts():
    assert matching.scores({"tp": 3, "fp": 1, "fn": 3}) == {
        "tp": 3,
        "fp": 1,
        "fn": 3,
        "precision": 0.75,
        "recall": 0.5,
        "f1": 0.6,
    }
    assert matching.scores({"tp": 0, "fp": 0, "fn": 0})["f1"] == 0.0


# ------------------------------------------------------------------------ the gold files


@pytest.fixture(scope="module")
def gold_sets():
    return {split: gold.gold_read(split) for split in gold.SPLITS}


def test_no_article_is_in_two_gold_files(gold_sets):
    seen: dict[str, str] = {}
    for split, articles in gold_sets.items():
        for article in articles:
            assert article.key not in seen, f"{article.key}: {seen.get(article.key)}, {split}"
            seen[article.key] = split


def test_a_people_only_file_scores_people_alone(tmp_path):
    """A file annotated for people only holds no other kind, and its articles score people
    alone: an organization found there is neither a hit nor a false positive."""
    record = {
        "corpus": "saudinewsnet",
        "line": 7,
        "sha1": "0" * 40,
        "entities": [{"kind": "place", "name": "روسيا", "surfaces": ["روسيا"]}],
    }
    path = tmp_path / "dev_people.json"
    path.write_text(json.dumps({"kinds": ["person"], "articles": [record]}), encoding="utf-8")
    with pytest.raises(gold.GoldError, match="روسيا: this file annotates no place"):
        gold.gold_read("dev_people", path)
    record["entities"] = [{"kind": "person", "name": "سيرغي لافروف", "surfaces": ["لافروف"]}]
    path.write_text(json.dumps({"kinds": ["person"], "articles": [record]}), encoding="utf-8")
    article = gold.gold_read("dev_people", path)[0]
    found = {
        article.key: [
            matching.Found(kind="person", name="سيرغي لافروف", forms=("لافروف",)),
            matching.Found(kind="organization", name="الكرملين", forms=("الكرملين",)),
        ]
    }
    result = _module("evaluate").evaluate({"dev_people": [article]}, found)["dev_people"]
    assert list(result["per_kind"]) == ["person"]
    assert result["all"]["tp"] == 1 and result["all"]["fp"] == 0
    assert [e["kind"] for e in result["errors"]] == []


def test_the_development_and_held_out_files_are_also_scored_together():
    """Counts add up over the files of each side; a side with one file gets no summary."""
    evaluate = _module("evaluate")

    def report(tp, fp, fn):
        return {"per_kind": {"person": matching.scores({"tp": tp, "fp": fp, "fn": fn})}}

    splits = {
        "dev": report(8, 1, 2),
        "dev_people": report(2, 1, 8),
        "heldout": report(5, 0, 5),
    }
    together = evaluate.combined(splits)
    assert list(together) == ["development"]
    assert together["development"]["person"] == matching.scores({"tp": 10, "fp": 2, "fn": 10})


def test_a_malformed_gold_file_is_refused_with_the_article_named(tmp_path):
    record = {
        "corpus": "saudinewsnet",
        "line": 7,
        "sha1": "0" * 40,
        "entities": [{"kind": "country", "name": "روسيا", "surfaces": ["روسيا"]}],
    }
    path = tmp_path / "dev.json"
    path.write_text(json.dumps({"articles": [record]}), encoding="utf-8")
    with pytest.raises(gold.GoldError, match="saudinewsnet:7: روسيا: unknown kind 'country'"):
        gold.gold_read("dev", path)


def test_every_surface_is_written_in_its_article_and_every_form_is_listed(gold_sets, corpora_dir):
    """The corpus lines are the annotated articles; each surface form occurs in the title or
    text of its article as written, and every occurrence of an annotated name (with or
    without proclitics) is listed under an entity (``bench/entities/check.py``)."""
    check = _module("check")
    articles = [article for chosen in gold_sets.values() for article in chosen]
    records = gold.corpus_records(articles, corpora_dir)
    problems = [
        (article.key, problem)
        for article in articles
        for problem in check.article_problems(article, records[article.key])
    ]
    assert problems == []


def test_the_check_finds_a_name_written_with_a_proclitic():
    check = _module("check")
    text = "التقى لافروف في موسكو، وقال ولافروف إن لروسيا دورا"
    assert check.occurrences(text, "لافروف") == ["لافروف", "ولافروف"]
    assert check.occurrences(text, "روسيا") == ["لروسيا"]


def test_the_check_reports_a_surface_missing_from_the_text_and_an_unlisted_form():
    check = _module("check")
    article = gold.GoldArticle(
        corpus="saudinewsnet",
        line=1,
        sha1="",
        title="",
        entities=(gold_entity("place", "روسيا", "روسيا", "موسكو الجديدة"),),
    )
    record = {"title": "روسيا", "content": "قالت وروسيا"}
    assert check.article_problems(article, record) == [
        "روسيا: 'موسكو الجديدة' is not written in the article",
        "روسيا: 'وروسيا' is written but not listed",
    ]


def test_the_check_leaves_a_name_inside_another_persons_longer_form_to_that_person():
    check = _module("check")
    article = gold.GoldArticle(
        corpus="saudinewsnet",
        line=1,
        sha1="",
        title="",
        entities=(
            gold_entity("person", "يوسف", "ويوسف"),
            gold_entity("person", "هالة يوسف", "هالة يوسف"),
        ),
    )
    record = {"title": "", "content": "قالت هالة يوسف إن ابنها ويوسف عادا، وإن يوسف بخير"}
    assert check.article_problems(article, record) == ["يوسف: 'يوسف' is written but not listed"]


# ------------------------------------------------------------------------ a run on two articles


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory, corpora_dir):
    folder = tmp_path_factory.mktemp("extraction-quality")
    args = ("--split", "dev", "--articles", "2", "--json", "--workdir", str(folder / "archive"))
    return json.loads(bench_run("bench/extraction_quality.py", *args, home=folder))


@pytest.mark.slow
def test_the_run_imports_the_articles_and_accounts_for_every_gold_entity(two_articles):
    report = two_articles["splits"]["dev"]
    assert list(two_articles["splits"]) == ["dev"]
    assert two_articles["import_errors"] == []
    assert report["articles"] == 2
    expected = {kind: 0 for kind in gold.KINDS}
    for article in gold.gold_read("dev")[:2]:
        for entity in article.entities:
            expected[entity.kind] += 1
    assert report["gold_entities"] == expected
    for kind in gold.KINDS:
        counts = report["per_kind"][kind]
        assert counts["tp"] + counts["fn"] == expected[kind]
    misses = [e for e in report["errors"] if e["type"] == "miss"]
    assert len(misses) == report["all"]["fn"]


@pytest.mark.slow
def test_the_run_finds_the_listed_entities_of_the_articles(two_articles):
    """The first article names Haider al-Abadi and Iraq, both in the authority file: a run
    that imported nothing, or compared nothing, would not find them."""
    report = two_articles["splits"]["dev"]
    missed = {e["name"] for e in report["errors"] if e["type"] == "miss"}
    assert {"حيدر العبادي", "العراق"}.isdisjoint(missed)
    assert report["per_kind"]["person"]["tp"] >= 1
    assert report["per_kind"]["place"]["tp"] >= 1
