"""``make story-speed``: story rebuild and incremental assignment at 41,000 articles.

Usage (from the repository root)::

    .venv/bin/python bench/stories/speed.py [--workdir DIR] [--sample 300] [--limit N]

Loads every article of the shared corpora into a throwaway SQLite archive (``--workdir``,
a temporary folder by default; no search index), then times:

1. the full rebuild from nothing (``stories_rebuild``: every fingerprint and every story);
2. deleting ``--sample`` articles one at a time, each followed by ``stories_update``;
3. importing them again one at a time, each followed by ``stories_update`` (the work the
   index worker adds to an import);
4. a second full rebuild (fingerprints reused), and how many articles it moved: the gap
   between incremental assignment and a rebuild.

Heavy (about a minute of CPU on two cores): run it once, not in the test suite.
"""

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from corpus import CORPORA, read_corpus  # noqa: E402
from evaluate import corpus_date  # noqa: E402


def django_setup(workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'stories.sqlite3'}"
    os.environ["DJANGO_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_WHOOSH_INDEX"] = str(workdir / "index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def article_rows(limit: int | None) -> list[dict]:
    rows = []
    for corpus in CORPORA:
        for line, item in read_corpus(corpus):
            body = (item.get("content") or "").strip()
            if body:
                rows.append(
                    {
                        "title": (item.get("title") or body[:80])[:500],
                        "body": body,
                        "published_on": corpus_date(item.get("date")),
                        "content_hash": hashlib.sha256(f"{corpus}:{line}".encode()).hexdigest(),
                        "original_filename": f"{corpus}.jsonl.gz:{line}",
                    }
                )
    return rows[:limit] if limit else rows


class Clock:
    """Wall-clock and CPU time of a block: the machine may be shared, CPU time is ours."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def ms(clocks: list[Clock]) -> str:
    def figures(values):
        values = sorted(v * 1000 for v in values)
        p95 = values[max(int(len(values) * 0.95) - 1, 0)]
        p50 = values[len(values) // 2]
        return f"mean {statistics.fmean(values):.1f}, p50 {p50:.1f}, p95 {p95:.1f}"

    wall = figures([c.wall for c in clocks])
    cpu = figures([c.cpu for c in clocks])
    return f"wall ms {wall}; CPU ms {cpu}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--limit", type=int, help="Only the first N articles (a smoke run).")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="stories-speed-"))
    workdir.mkdir(parents=True, exist_ok=True)
    django_setup(workdir)
    from archive.models import Article, Story
    from archive.services.stories import stories_rebuild, stories_update

    rows = article_rows(args.limit)
    published = Article.Status.PUBLISHED
    Article.objects.bulk_create((Article(status=published, **row) for row in rows), batch_size=2000)
    print(f"{len(rows)} articles loaded into {workdir}")

    with Clock() as clock:
        report = stories_rebuild()
    in_stories = Article.objects.filter(story__isnull=False).count()
    print(
        f"full rebuild: wall {clock.wall:.1f} s, CPU {clock.cpu:.1f} s ({report.fingerprinted} "
        f"fingerprints, {report.stories} stories, {in_stories} articles in a story)"
    )

    sample = random.Random(18).sample(
        list(Article.objects.values_list("pk", flat=True)), args.sample
    )
    kept = {a.pk: a for a in Article.objects.filter(pk__in=sample)}
    deletes, imports = [], []
    for pk in sample:
        with Clock() as clock:
            Article.objects.filter(pk=pk).delete()
            stories_update(article_ids=[pk])
        deletes.append(clock)
    for pk in sample:
        old = kept[pk]
        with Clock() as clock:
            article = Article.objects.create(
                title=old.title,
                body=old.body,
                published_on=old.published_on,
                status=published,
                content_hash=old.content_hash,
            )
            stories_update(article_ids=[article.pk])
        imports.append(clock)
    print(f"delete + story update, {len(sample)} articles: {ms(deletes)}")
    print(f"import + story update, {len(sample)} articles: {ms(imports)}")

    with Clock() as clock:
        again = stories_rebuild()
    print(
        f"second rebuild: wall {clock.wall:.1f} s, CPU {clock.cpu:.1f} s ({again.fingerprinted} "
        f"fingerprints, {again.stories} stories, {len(again.changed)} articles moved, "
        f"{Story.objects.count()} story rows)"
    )


if __name__ == "__main__":
    main()
