"""``import_articles --jobs N``: documents read in worker processes, stored here, in batches.

Whatever the number of jobs, the same articles, mentions, candidates, duplicates, errors and
output lines; one failing article never takes the rest of its batch with it.
"""

import gzip
import io
import json
import os
from itertools import islice
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.management import import_pool
from archive.management.commands import import_articles as command
from archive.models import Article, EntityCandidate, Mention, Source
from archive.services.articles import sources_load
from archive.services.entities import authority_file_load
from search import signals as search_signals
from search.models import IndexTask

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = next((ROOT / "fixtures" / "seeds").glob("000_*.txt"))


@pytest.fixture
def authority():
    """The outlets, and a small authority file (names of the seeds' people and places)."""
    sources_load(path=ROOT / "fixtures" / "sources.json")
    authority_file_load(path=Path(__file__).parent / "gold" / "small_authority.json")


@pytest.fixture
def corpus(tmp_path, corpora_dir) -> Path:
    """~100 real corpus lines from both corpora, four of them repeated, a broken line, a
    line without content and one whose text is only page chrome (an error in a worker)."""
    lines = []
    for name in ("saudinewsnet.jsonl.gz", "antcorpus.jsonl.gz"):
        with gzip.open(corpora_dir / name, "rb") as corpus:
            lines += list(islice(corpus, 50))
    seed = {"title": "مبعوث بوتين في بغداد", "content": SEED_000.read_text(encoding="utf-8")}
    lines.insert(5, json.dumps(seed, ensure_ascii=False).encode() + b"\n")
    lines.insert(20, b"{not json\n")
    lines.insert(30, json.dumps({"title": "بلا نص", "content": " "}).encode() + b"\n")
    lines.insert(40, json.dumps({"content": "شارك\nطباعة"}, ensure_ascii=False).encode() + b"\n")
    lines += [lines[0], lines[9], lines[60]]
    lines.insert(3, lines[1])  # line 4 repeats line 2, in the same batch
    path = tmp_path / "sample.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.writelines(lines)
    return path


def run(*args) -> list[dict]:
    out = io.StringIO()
    call_command("import_articles", *map(str, args), "--json", stdout=out, stderr=io.StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def comparable(records: list[dict]) -> list[dict]:
    """Output records without what differs between two archives: ids and permalinks."""
    return [{k: v for k, v in r.items() if k not in ("id", "url", "seconds")} for r in records]


def archive_state() -> list[tuple]:
    """Every article as stored, in import order, with its mentions and candidates."""
    state = []
    for article in Article.objects.order_by("pk").select_related("source"):
        mentions = sorted(
            (m.entity.name, m.count, m.forms, m.first_offset)
            for m in Mention.objects.filter(article=article).select_related("entity")
        )
        candidates = sorted(article.entity_candidates.values_list("normalized", "count"))
        state.append(
            (
                article.title,
                article.published_on,
                article.source.name if article.source else None,
                article.content_hash,
                article.review_reasons,
                article.original_filename,
                mentions,
                candidates,
            )
        )
    return state


def archive_empty(sources_before: set[int]) -> None:
    EntityCandidate.objects.all().delete()
    Article.objects.all().delete()
    IndexTask.objects.all().delete()
    Source.objects.exclude(pk__in=sources_before).delete()


def test_two_jobs_store_and_report_exactly_what_one_process_does(authority, corpus):
    sources_before = set(Source.objects.values_list("pk", flat=True))
    one = run(corpus, "--jobs", "1", "--no-index")
    stored_by_one = archive_state()
    archive_empty(sources_before)

    two = run(corpus, "--jobs", "2", "--no-index")

    assert comparable(two) == comparable(one)
    assert archive_state() == stored_by_one
    summary = one[-1]
    assert summary["imported"] >= 95
    assert summary["duplicates"] >= 4
    assert summary["errors"] == 3
    assert any(mentions for *_, mentions, _ in stored_by_one)
    assert any(candidates for *_, candidates in stored_by_one)
    assert IndexTask.objects.count() == summary["imported"]


def test_a_duplicate_in_the_same_batch_names_the_article_imported_just_before(authority, corpus):
    records = run(corpus, "--jobs", "2", "--no-index")

    by_line = {r["file"].rsplit(":", 1)[-1]: r for r in records if "file" in r}
    assert by_line["4"]["status"] == "duplicate"
    assert by_line["4"]["id"] == by_line["2"]["id"]
    assert by_line["4"]["title"] == by_line["2"]["title"]
    imported = [r for r in records if r["status"] == "imported"]
    assert Article.objects.count() == len(imported) == records[-1]["imported"]


def test_an_article_failing_in_a_batch_stores_nothing_and_the_others_are_kept(
    authority, corpus, monkeypatch
):
    real_enqueue = search_signals.index_enqueue

    def enqueue_refusing_the_seed(*, article_ids):
        if Article.objects.filter(pk__in=article_ids, title="مبعوث بوتين في بغداد").exists():
            raise RuntimeError("index queue unavailable")
        return real_enqueue(article_ids=article_ids)

    # The search app queues the index task from the article's save signal, inside its
    # transaction: a failing queue fails the article.
    monkeypatch.setattr(search_signals, "index_enqueue", enqueue_refusing_the_seed)

    records = run(corpus, "--jobs", "2", "--no-index")

    errors = [r for r in records if r["status"] == "error"]
    assert any("index queue unavailable" in r["error"] for r in errors)
    assert not Article.objects.filter(title="مبعوث بوتين في بغداد").exists()
    assert records[-1]["imported"] >= 94
    assert Article.objects.count() == records[-1]["imported"]
    assert Mention.objects.exclude(article__in=Article.objects.all()).count() == 0


@pytest.mark.django_db(transaction=True)
def test_an_article_whose_write_fails_only_at_commit_costs_its_batch_nothing(
    authority, corpus, monkeypatch
):
    real_store = command.article_store

    def store_with_a_dangling_mention(*, prepared, **kwargs):
        result = real_store(prepared=prepared, **kwargs)
        if result.article.title == "مبعوث بوتين في بغداد":
            # The database checks this foreign key only when the transaction commits.
            Mention.objects.bulk_create([Mention(article=result.article, entity_id=10**9)])
        return result

    monkeypatch.setattr(command, "article_store", store_with_a_dangling_mention)

    records = run(corpus, "--jobs", "2", "--no-index")

    errors = [r for r in records if r["status"] == "error"]
    assert len(errors) == 4
    assert records[-1]["imported"] >= 94
    assert Article.objects.count() == records[-1]["imported"]
    assert not Article.objects.filter(title="مبعوث بوتين في بغداد").exists()


def test_a_reading_process_that_dies_costs_no_article(authority, corpus, monkeypatch):
    sources_before = set(Source.objects.values_list("pk", flat=True))
    whole = run(corpus, "--jobs", "2", "--no-index")
    stored_whole = archive_state()
    archive_empty(sources_before)
    parent = os.getpid()
    real_prepare = import_pool._prepare

    def prepare_dying_in_a_worker(item, gazetteer):
        if os.getpid() != parent and item.label.endswith(":60"):
            os._exit(1)  # as if the system killed the worker (out of memory)
        return real_prepare(item, gazetteer)

    # The workers are forked after this, so they run the replacement.
    monkeypatch.setattr(import_pool, "_prepare", prepare_dying_in_a_worker)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_articles",
        str(corpus),
        "--jobs",
        "2",
        "--json",
        "--no-index",
        stdout=out,
        stderr=err,
    )

    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert comparable(records) == comparable(whole)
    assert archive_state() == stored_whole
    assert "reading process stopped unexpectedly" in err.getvalue()
