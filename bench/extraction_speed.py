"""Entity extraction speed on real Arabic news (articles per second).

    .venv/bin/python bench/extraction_speed.py [--articles 1000] [--authority PATH]
        [--gazetteers]

Throwaway SQLite database; the authority file is loaded with the real service
(``--gazetteers``: and the gazetteers of places). Three numbers: building the gazetteer,
extraction alone (text → mentions and candidates, gazetteer held), and
``article_mentions_refresh``
(extraction plus the mention and candidate writes, as the importer does).
Articles come from ``../shared/corpora/*.jsonl.gz`` (the first N/2 of each).
"""

import argparse
import gzip
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def django_setup(workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_VAR_DIR"] = str(workdir)
    os.environ["DJANGO_WHOOSH_INDEX"] = str(workdir / "index")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def corpus_articles(count: int) -> list[dict]:
    files = sorted(CORPORA.glob("*.jsonl.gz"))
    if not files:
        raise SystemExit(f"no corpus found in {CORPORA}")
    per_file = -(-count // len(files))
    articles = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in itertools.islice(lines, per_file):
                item = json.loads(line)
                articles.append(
                    {"title": item.get("title") or "", "body": item.get("content") or ""}
                )
    return articles[:count]


def measure(articles: list[dict], authority: Path, gazetteers: bool = False) -> dict:
    from archive.extraction import extract
    from archive.models import Article
    from archive.services.entities import authority_file_load
    from archive.services.gazetteer import gazetteer_build, gazetteer_get
    from archive.services.mentions import article_mentions_refresh, extraction_text

    authority_file_load(path=authority)
    if gazetteers:
        from archive.services.gazetteer import gazetteers_load

        gazetteers_load()
    started = time.perf_counter()
    gazetteer = gazetteer_build()
    build_seconds = time.perf_counter() - started
    gazetteer_get()

    texts = [extraction_text(title=a["title"], body=a["body"]) for a in articles]
    started = time.perf_counter()
    found = sum(len(extract(text, gazetteer).entities) for text in texts)
    extract_seconds = time.perf_counter() - started

    rows = Article.objects.bulk_create(
        Article(title=a["title"][:500] or "—", body=a["body"], content_hash=f"bench-{n}")
        for n, a in enumerate(articles)
    )
    started = time.perf_counter()
    for article in rows:
        article_mentions_refresh(article=article)
    refresh_seconds = time.perf_counter() - started

    words = sum(len(text.split()) for text in texts)
    return {
        "articles": len(articles),
        "words": words,
        "names_in_gazetteer": len(gazetteer),
        "gazetteer_build_ms": round(build_seconds * 1000, 1),
        "extract_articles_per_s": round(len(articles) / extract_seconds, 1),
        "extract_words_per_s": round(words / extract_seconds),
        "refresh_articles_per_s": round(len(articles) / refresh_seconds, 1),
        "mentions_found": found,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--authority", type=Path, default=ROOT / "fixtures" / "entities.json")
    parser.add_argument(
        "--gazetteers", action="store_true", help="load the gazetteers of places too"
    )
    args = parser.parse_args()
    if not args.authority.exists():
        parser.error(f"authority file not found: {args.authority}")
    articles = corpus_articles(args.articles)
    with tempfile.TemporaryDirectory(prefix="extraction-speed-") as workdir:
        django_setup(Path(workdir))
        result = measure(articles, args.authority.resolve(), gazetteers=args.gazetteers)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
