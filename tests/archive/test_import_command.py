"""``import_articles``: files, folders, JSON-lines corpora; a bad item never stops a run."""

import gzip
import io
import json
import os
import shutil
import signal
from itertools import islice
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from archive.management.commands import import_articles as command
from archive.models import Article
from search.models import IndexTask

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "fixtures" / "seeds"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def json_records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def mixed_folder(tmp_path):
    """Two seeds, one of them re-encoded, a bad file and a binary file, in nested folders."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    shutil.copy(next(SEEDS.glob("001_*.txt")), tmp_path / "a" / "001.txt")
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    (tmp_path / "a" / "b" / "004-cp1256.txt").write_bytes(text.encode("cp1256"))
    (tmp_path / "a" / "empty.txt").write_bytes(b"")
    (tmp_path / "a" / "b" / "scan.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3")
    (tmp_path / "a" / "notes.md").write_text("ملاحظات", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    return tmp_path


def test_folder_import_keeps_going_after_bad_files(mixed_folder):
    out, _ = run(mixed_folder, "--json")
    records = json_records(out)
    by_status = {}
    for record in records:
        by_status.setdefault(record["status"], []).append(record)

    assert Article.objects.count() == 2
    assert {r["file"].rsplit("/", 1)[-1] for r in by_status["imported"]} == {
        "001.txt",
        "004-cp1256.txt",
    }
    errors = {r["file"].rsplit("/", 1)[-1]: r["error"] for r in by_status["error"]}
    assert set(errors) == {"empty.txt", "scan.html"}
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["scan.html"]
    summary = by_status["summary"][0]
    assert (summary["imported"], summary["errors"], summary["skipped_files"]) == (2, 2, 1)


def test_each_imported_article_line_gives_permalink_title_date_and_source(tmp_path):
    shutil.copy(next(SEEDS.glob("001_*.txt")), tmp_path / "001.txt")

    out, _ = run(tmp_path / "001.txt")

    article = Article.objects.get()
    first_line = out.splitlines()[0]
    assert f"/articles/{article.pk}/" in first_line
    assert "الكاظمي يستقبل مسؤولاً روسياً" in first_line
    assert "2021-04-22" in first_line
    assert "العربي الجديد" in first_line
    assert "Imported 1, duplicates 0, errors 0" in out


def test_importing_the_seeds_twice_reports_duplicates_with_their_permalinks():
    run(SEEDS, "--publish")

    out, _ = run(SEEDS, "--json")

    records = json_records(out)
    duplicates = [r for r in records if r["status"] == "duplicate"]
    assert len(duplicates) == 5
    assert {r["id"] for r in duplicates} == set(Article.objects.values_list("pk", flat=True))
    assert all(r["url"].startswith("/articles/") for r in duplicates)
    assert Article.objects.count() == 5
    assert Article.objects.published().count() == 5


def test_source_option_wins_over_detection():
    run(next(SEEDS.glob("000_*.txt")), "--source", "Reuters")

    assert Article.objects.get().source.name == "رويترز"


def test_nothing_imported_with_errors_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")

    with pytest.raises(CommandError) as error:
        run(tmp_path / "empty.txt", tmp_path / "missing.txt", tmp_path / "report.pdf")

    assert "Nothing was imported (3 errors)." in str(error.value)


def test_one_error_and_nothing_imported_says_one_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")

    with pytest.raises(CommandError) as error:
        run(tmp_path / "empty.txt")

    assert "Nothing was imported (1 error)." in str(error.value)


def test_only_duplicates_is_a_successful_run():
    path = next(SEEDS.glob("002_*.txt"))
    run(path)

    out, _ = run(path)

    assert "duplicates 1" in out


def corpus_sample(corpora: Path, tmp_path: Path, lines: int = 300) -> Path:
    """The first lines of a real corpus, as a .jsonl.gz file, plus two broken lines."""
    sample = tmp_path / "sample.jsonl.gz"
    with gzip.open(corpora / "saudinewsnet.jsonl.gz", "rb") as corpus:
        head = list(islice(corpus, lines))
    with gzip.open(sample, "wb") as out:
        out.writelines(head[:10])
        out.write(b"{not json\n")
        out.write(json.dumps({"title": "بلا نص", "content": ""}).encode() + b"\n")
        out.writelines(head[10:])
    return sample


def test_json_lines_import_of_a_real_corpus_sample(tmp_path, corpora_dir):
    sample = corpus_sample(corpora_dir, tmp_path)
    with gzip.open(sample, "rt", encoding="utf-8") as lines:
        first = json.loads(next(lines))

    out, err = run(sample, "--json", "--no-index")

    records = json_records(out)
    summary = records[-1]
    imported = [r for r in records if r["status"] == "imported"]
    assert summary["status"] == "summary"
    assert summary["imported"] + summary["duplicates"] == 300
    assert summary["imported"] >= 290
    assert summary["errors"] == 2
    errors = [r for r in records if r["status"] == "error"]
    assert [e["file"].rsplit(":", 1)[-1] for e in errors] == ["11", "12"]
    assert Article.objects.count() == summary["imported"]
    article = Article.objects.get(pk=imported[0]["id"])
    assert article.title == first["title"]
    assert article.published_on.isoformat() == first["date"][:10]
    assert article.source.name == "الشرق الأوسط"
    assert article.original_url == first["url"]
    assert article.original_filename == "sample.jsonl.gz:1"
    assert "300/" in err or "302/302" in err


def test_json_lines_fields_win_and_a_plain_jsonl_file_works(tmp_path):
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    record = {
        "title": "مباحثات روسية عراقية في بغداد",
        "content": text,
        "date": "30/11/2021",
        "source": "elaph",
        "url": "https://elaph.com/Web/News/2021/11/1234.html",
    }
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n\n", encoding="utf-8")

    run(path)

    article = Article.objects.get()
    assert article.title == "مباحثات روسية عراقية في بغداد"
    assert article.published_on.isoformat() == "2021-11-30"
    assert article.source.name == "إيلاف"
    assert article.original_url == record["url"]


def test_truncated_gzip_reports_an_error_and_keeps_what_was_read(tmp_path, corpora_dir):
    sample = corpus_sample(corpora_dir, tmp_path, lines=5)
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(sample.read_bytes()[:-40])

    out, _ = run(broken, "--json", "--no-index")

    records = json_records(out)
    assert records[-1]["imported"] >= 1
    assert any("cannot read" in r.get("error", "") for r in records)


def test_import_applies_the_index_queue_at_the_end():
    out, _ = run(SEEDS, "--publish")

    assert IndexTask.objects.count() == 0
    assert "5 indexed" in out


def test_every_imported_article_is_queued_for_the_index_and_left_there_with_no_index():
    out, _ = run(SEEDS, "--publish", "--json", "--no-index")

    imported = {r["id"] for r in json_records(out) if r["status"] == "imported"}
    assert len(imported) == 5
    assert sorted(IndexTask.objects.values_list("article_id", flat=True)) == sorted(imported)
    assert json_records(out)[-1]["indexed"] == 0


@pytest.fixture
def sigint_default():
    """Ctrl-C as a terminal gives it: Python's own handler, whatever the runner inherited.

    A pytest started in the background by a shell without job control inherits SIGINT
    ignored, and Python then leaves it ignored.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def _ctrl_c_after_the_25th_article(monkeypatch, *, presses: int) -> list[int]:
    """Press Ctrl-C ``presses`` times once the 25th article is stored; returns the stored ids."""
    real_store = command.article_store
    stored = []

    def store(**kwargs):
        result = real_store(**kwargs)
        stored.append(result.article.pk)
        if len(stored) == 25:
            for _press in range(presses):
                os.kill(os.getpid(), signal.SIGINT)  # as a terminal's Ctrl-C
        return result

    monkeypatch.setattr(command, "article_store", store)
    return stored


def test_ctrl_c_finishes_the_article_under_way_keeps_what_was_stored_and_stops(
    tmp_path, monkeypatch, corpora_dir, sigint_default
):
    sample = corpus_sample(corpora_dir, tmp_path, lines=45)
    stored = _ctrl_c_after_the_25th_article(monkeypatch, presses=1)

    out, err = run(sample, "--json", "--jobs", "1")

    assert "Interrupted: the articles imported so far are kept." in err
    records = json_records(out)
    assert [r["id"] for r in records if r["status"] == "imported"] == stored
    assert records[-1]["status"] == "summary"
    assert records[-1]["imported"] == len(stored) == 25
    assert sorted(Article.objects.values_list("pk", flat=True)) == sorted(stored)
    assert records[-1]["indexed"] == 0  # nothing was published
    # The command's own Ctrl-C handling ended with the run.
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_second_ctrl_c_stops_at_once_and_only_the_batch_under_way_is_lost(
    tmp_path, monkeypatch, corpora_dir, sigint_default
):
    sample = corpus_sample(corpora_dir, tmp_path, lines=45)
    stored = _ctrl_c_after_the_25th_article(monkeypatch, presses=2)

    out, err = run(sample, "--json", "--jobs", "1")

    assert "Interrupted: the articles imported so far are kept." in err
    records = json_records(out)
    first_batch = [r["id"] for r in records if r["status"] == "imported"]
    # The first batch is committed: its items less the two broken lines of the sample.
    assert records[-1]["imported"] == len(first_batch) == command.BATCH_SIZE - 2
    # The store stopped at the 25th article: the ones after the first batch were rolled back.
    assert len(stored) == 25
    assert first_batch == stored[: len(first_batch)]
    assert sorted(Article.objects.values_list("pk", flat=True)) == sorted(first_batch)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
