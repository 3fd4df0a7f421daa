"""Search latency on the seeds and on a slice of a real corpus, in a throwaway archive.

Usage (from the repository root)::

    .venv/bin/python bench/search_latency.py [--corpus 2000] [--repeat 15] [--json out.json]

Builds a temporary database and Whoosh index (nothing under ``var/`` is touched),
imports the five seeds and ``--corpus`` articles of SaudiNewsNet (``../shared/corpora``,
spread over the whole file so they span its dates),
gives them entity mentions by matching a small list of names, rebuilds the index with
``rebuild_index`` and times each query type three ways: the engine alone
(``backend.execute``: matching, filters, facets, sorting), the read path
(``search.selectors.search_execute``: plus the database and highlighting) and the full
HTML page through Django's test client. Prints p50/p95 in milliseconds.
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"
CORPUS_SIZE = 30846  # articles in the file (its README); a slice is spread over all of them

PLACES = [
    "السعودية",
    "الرياض",
    "جدة",
    "مكة",
    "مصر",
    "القاهرة",
    "اليمن",
    "صنعاء",
    "عدن",
    "سوريا",
    "دمشق",
    "العراق",
    "بغداد",
    "إيران",
    "طهران",
    "روسيا",
    "موسكو",
    "تركيا",
    "لبنان",
    "الكويت",
    "قطر",
    "الإمارات",
    "البحرين",
    "الأردن",
    "فلسطين",
    "واشنطن",
    "لندن",
    "فرنسا",
    "باريس",
    "المدينة المنورة",
    "الدمام",
    "أبها",
    "تبوك",
    "جازان",
]
PEOPLE = [
    "الكاظمي",
    "الملك سلمان",
    "محمد بن سلمان",
    "محمد بن نايف",
    "عبدربه منصور هادي",
    "بشار الأسد",
    "أوباما",
    "بوتين",
    "روحاني",
    "السيسي",
    "كيري",
    "لافروف",
    "عادل الجبير",
    "الحوثي",
]
ORGANIZATIONS = [
    "الأمم المتحدة",
    "مجلس الأمن",
    "داعش",
    "أرامكو",
    "وزارة الداخلية",
    "مجلس التعاون",
    "الجامعة العربية",
    "الهلال",
    "النصر",
    "وزارة الصحة",
    "التحالف العربي",
    "الاتحاد الأوروبي",
]


def _setup_django(workdir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_VAR_DIR": workdir,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _seed_rows():
    from tests.search.conftest import SEED_DATES, seed_title_body

    for number, published_on in SEED_DATES.items():
        title, body = seed_title_body(number)
        yield title, body, published_on, "إيلاف"


def _corpus_rows(limit: int):
    if limit <= 0 or not CORPUS.exists():
        return
    step = max(1, CORPUS_SIZE // limit)  # every step-th article, to span the dates
    taken = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if taken >= limit:
                break
            if n % step:
                continue
            taken += 1
            row = json.loads(line)
            try:
                published_on = date.fromisoformat((row.get("date") or "")[:10])
            except ValueError:
                published_on = None
            yield row.get("title") or "", row.get("content") or "", published_on, row["source"]


def _build_archive(corpus: int) -> int:
    import hashlib

    from arabic_text import analyze
    from archive.models import Article, Entity, Mention, Source

    entities = []
    for kind, names in (("place", PLACES), ("person", PEOPLE), ("organization", ORGANIZATIONS)):
        for name in names:
            entity = Entity.objects.create(kind=kind, name=name)
            entities.append((entity, frozenset(analyze(name))))
    sources: dict[str, Source] = {}
    articles, mentions = [], []
    rows = list(_seed_rows()) + list(_corpus_rows(corpus))
    for n, (title, body, published_on, source_name) in enumerate(rows):
        if source_name not in sources:
            sources[source_name] = Source.objects.create(name=source_name, slug=f"s{n}")
        articles.append(
            Article(
                title=title[:500] or body[:60],
                body=body,
                published_on=published_on,
                source=sources[source_name],
                status=Article.Status.PUBLISHED,
                content_hash=hashlib.sha256(f"{n}-{body}".encode()).hexdigest(),
                slug=f"a{n}",
            )
        )
    Article.objects.bulk_create(articles, batch_size=500)
    for article in Article.objects.only("pk", "title", "body"):
        terms = set(analyze(f"{article.title} {article.body}"))
        mentions += [
            Mention(article_id=article.pk, entity=entity, count=1)
            for entity, needed in entities
            if needed and needed <= terms
        ]
    Mention.objects.bulk_create(mentions, batch_size=1000)
    return len(rows)


def _queries(corpus: int) -> dict[str, dict]:
    from archive.models import Entity

    def pk(name):
        return Entity.objects.get(name=name).pk

    seeds = {
        "seeds: word without hamza": {"q": "الارهاب"},
        "seeds: phrase": {"q": '"اللجنة العراقية الروسية المشتركة"'},
        "seeds: person filter": {"person": pk("لافروف")},
        "seeds: word + person filter": {"q": "العراق", "person": pk("الكاظمي")},
    }
    if not corpus:
        return seeds
    return seeds | {
        "common word": {"q": "السعودية"},
        "rare word": {"q": "لافروف"},
        "two words": {"q": "وزير الخارجية"},
        "phrase": {"q": '"ولي العهد"'},
        "OR / NOT": {"q": "اليمن OR سوريا -داعش"},
        "date range": {"date_from": "2015-08-01", "date_to": "2015-08-15"},
        "entity filter": {"place": pk("الرياض")},
        "word + 2 entity filters": {"q": "وزير", "place": pk("الرياض"), "organization": pk("داعش")},
        "browse all (newest)": {},
        "deep page (20)": {"q": "السعودية", "page": 20},
    }


def _params(raw: dict) -> dict:
    from django.http import QueryDict

    from search.forms import SearchForm

    query = QueryDict(mutable=True)
    for key, value in raw.items():
        query[key] = str(value)
    form = SearchForm(query)
    assert form.is_valid(), form.errors
    return form.cleaned_data


def _time(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm: searcher open, facet postings cached
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def _measure(repeat: int, corpus: int) -> list[dict]:
    from django.test import Client
    from haystack import connections

    from search.query import query_parse
    from search.selectors import search_execute, search_request

    backend = connections["default"].get_backend()
    client = Client()
    rows = []
    for name, raw in _queries(corpus).items():
        params = _params(raw)
        page = params.get("page") or 1

        def engine(params=params, page=page):
            parsed = query_parse(params.get("q"))
            request = search_request(params=params, parsed=parsed, offset=(page - 1) * 20)
            return backend.execute(request)

        def read_path(params=params, page=page):
            return search_execute(params=params, page=page)

        def html(raw=raw):
            response = client.get("/search/", raw)
            assert response.status_code == 200
            return response

        count = read_path().count
        row = {"query": name, "count": count}
        for label, fn in (("engine", engine), ("read_path", read_path), ("page", html)):
            p50, p95 = _time(fn, repeat)
            row[f"{label}_p50"], row[f"{label}_p95"] = round(p50, 2), round(p95, 2)
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=int, default=2000, help="corpus articles (0: seeds only)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        _setup_django(workdir)
        from django.core.management import call_command

        articles = _build_archive(args.corpus)
        start = time.perf_counter()
        call_command("rebuild_index", interactive=False, verbosity=0)
        build = time.perf_counter() - start
        rows = _measure(args.repeat, args.corpus)
    print(f"articles: {articles}; rebuild_index: {build:.1f} s = {articles / build:.0f} articles/s")
    print(f"repeat: {args.repeat} (after one warm-up); times in ms\n")
    print("| query | hits | engine p50/p95 | read path p50/p95 | HTML page p50/p95 |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['query']} | {r['count']} | {r['engine_p50']} / {r['engine_p95']} "
            f"| {r['read_path_p50']} / {r['read_path_p95']} | {r['page_p50']} / {r['page_p95']} |"
        )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"articles": articles, "rebuild_seconds": build, "queries": rows}, indent=2)
        )


if __name__ == "__main__":
    main()
