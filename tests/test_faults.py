"""An import killed mid-run loses nothing and half-saves nothing.

Real ``manage.py`` processes on a throwaway archive (its own SQLite file and Whoosh
directory, the sources and entity authority file loaded): ``import_articles`` reads 100
real Arabic newspaper articles from a JSON-lines corpus and is killed with SIGKILL partway,
as a crash or an out-of-memory kill would stop it. Run again, it refuses what is already
there as duplicates and imports the rest; then every article is there exactly once, whole,
with the mentions its text gives, and after the indexer runs the index matches the database.
(An indexer killed mid-batch is covered in ``tests/search/test_index_queue.py``.)
"""

import gzip
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILE = "saudinewsnet.jsonl.gz"
BATCH_SIZE = 100
KILL_AFTER = 30


@dataclass
class Site:
    """A throwaway archive on disk, driven through ``manage.py`` as in production."""

    env: dict

    @classmethod
    def create(cls, folder: Path, *, migrate: bool = True, fixtures: bool = True) -> "Site":
        folder.mkdir(parents=True, exist_ok=True)
        inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ELASTICSEARCH_URL"}
        env = {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "1",
            "DJANGO_VAR_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'archive.sqlite3'}",
            "DJANGO_WHOOSH_INDEX": str(folder / "index"),
            "DJANGO_SEARCH_INDEX_INLINE": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            # Each output line reaches the test as soon as it is written.
            "PYTHONUNBUFFERED": "1",
        }
        site = cls(env)
        if migrate:
            site.manage("migrate", "--noinput", "-v", "0")
        if migrate and fixtures:
            site.manage("load_fixtures", "-v", "0")
        return site

    @property
    def database(self) -> Path:
        return Path(self.env["DATABASE_URL"].removeprefix("sqlite:///"))

    def manage(self, *args, check=True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=300,
        )

    def start(self, *args) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def shell(self, code: str) -> str:
        return self.manage("shell", "-v", "0", "-c", code).stdout.strip()

    def drift(self) -> str:
        return self.manage("check_index", check=False).stdout


def corpus_batch(corpora: Path, path: Path, count: int, *, skip: int = 0) -> Path:
    """``count`` articles of the corpus (after ``skip``) as a JSON-lines file."""
    records = []
    with gzip.open(corpora / CORPUS_FILE, "rt", encoding="utf-8") as corpus:
        for number, line in enumerate(corpus):
            if number >= skip:
                records.append(line)
            if len(records) == count:
                break
    path.write_text("".join(records), encoding="utf-8")
    return path


def _records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


# For every article: is it whole, and are its stored mentions the ones its text gives?
AUDIT = """
import json
from archive.extraction import extract
from archive.services.gazetteer import gazetteer_get
from archive.models import Article
from archive.services.mentions import article_extraction_text
rows = []
gazetteer = gazetteer_get()
for article in Article.objects.all():
    # Entities of names detection proposed are compared apart from the gazetteer's.
    detected = set(article.entity_candidates.values_list("entity_id", flat=True))
    stored = {m.entity_id: m.count for m in article.mentions.all() if m.entity_id not in detected}
    found = extract(article_extraction_text(article), gazetteer).entities
    found = {f.entity_id: f.count for f in found if f.entity_id not in detected}
    rows.append({
        "file": article.original_filename,
        "whole": bool(article.title.strip() and article.body.strip()
                      and len(article.content_hash) == 64 and article.is_published),
        "mentions_match": stored == found,
        "mentions": len(stored),
    })
print(json.dumps(rows))
"""


@pytest.fixture
def batch(tmp_path, corpora_dir) -> Path:
    return corpus_batch(corpora_dir, tmp_path / "batch.jsonl", BATCH_SIZE)


def test_an_import_killed_midway_then_run_again_leaves_every_article_once_and_whole(
    tmp_path, batch
):
    site = Site.create(tmp_path / "site")
    command = ("import_articles", str(batch), "--publish", "--json", "--no-index")

    first = site.start(*command)
    imported_before_kill = []
    for line in first.stdout:
        record = json.loads(line)
        if record["status"] == "imported":
            imported_before_kill.append(record["id"])
        if len(imported_before_kill) == KILL_AFTER:
            first.send_signal(signal.SIGKILL)
            break
    # Not communicate(): what is left in the pipe may start inside a character cut by the kill.
    first.wait(timeout=60)
    first.stdout.close()
    first.stderr.close()
    assert first.returncode == -signal.SIGKILL
    reported = int(site.shell("from archive.models import Article\nprint(Article.objects.count())"))
    seeds = 5
    # The kill landed mid-run: some articles are in, the rest are not.
    assert seeds + KILL_AFTER <= reported < seeds + BATCH_SIZE

    second = _records(site.manage(*command).stdout)
    lines = [r for r in second if r["status"] != "summary"]
    assert [r["status"] for r in lines if r["status"] not in ("imported", "duplicate")] == []
    duplicates = {r["id"] for r in lines if r["status"] == "duplicate"}
    assert set(imported_before_kill) <= duplicates
    assert len(duplicates) == reported - seeds

    audit = json.loads(site.shell(AUDIT))
    corpus_files = sorted(row["file"] for row in audit if row["file"].startswith("batch.jsonl:"))
    assert corpus_files == sorted(f"batch.jsonl:{n}" for n in range(1, BATCH_SIZE + 1))
    assert [row["file"] for row in audit if not row["whole"]] == []
    assert [row["file"] for row in audit if not row["mentions_match"]] == []
    assert sum(row["mentions"] for row in audit) > 0  # the check above compared real mentions

    site.manage("index_worker", "--once")
    assert "missing 0, extra 0, stale 0" in site.drift()
    queued = site.shell("from search.models import IndexTask\nprint(IndexTask.objects.count())")
    assert queued == "0"
