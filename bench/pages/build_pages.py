"""Writes the page test set: saved news pages around real corpus articles, and their manifest.

Each page wraps one corpus article (its title and paragraphs, as published) in the markup
of a kind of Arabic news site: WordPress themes, Drupal, custom CMSs, an agency site, an
AMP page. The chrome (menus, "most read" boxes, related articles, comments and their
policy, cookie notices, footers) is what those sites print around an article; the other
headlines in the boxes are other corpus titles. The manifest records, per page, the
corpus line, the expected headline, date, byline, first and last sentence.

    .venv/bin/python bench/pages/build_pages.py   # rewrites tests/archive/pages/
"""

import gzip
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import templates

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = ROOT / "tests" / "archive" / "pages"

# (template, corpus, line, byline shown on the page, how the date and byline are shown)
PAGES = [
    ("wp_jannah", "saudinewsnet", 35, "", {"date": "meta", "byline": "none"}),
    ("drupal7", "saudinewsnet", 77, "", {"date": "text_levantine"}),
    ("custom_table", "saudinewsnet", 1092, "هتان أبو عظمة", {"date": "text_plain"}),
    ("agency", "saudinewsnet", 1106, "واس", {"date": "jsonld"}),
    ("wp_newspaper", "saudinewsnet", 1400, "محمد عبدالعظيم", {"date": "time"}),
    ("cnn_like", "saudinewsnet", 1407, "أ ف ب", {"date": "text_paired"}),
    ("column", "saudinewsnet", 2282, "محمد شنوان العنزي", {"date": "text_plain"}),
    ("jsonld_portal", "saudinewsnet", 2296, "عبدالعزيز المريسل", {"date": "jsonld"}),
    ("wp_jannah", "saudinewsnet", 2401, "واس", {"date": "text_plain", "byline": "line"}),
    ("drupal7", "saudinewsnet", 7259, "واس", {"date": "meta"}),
    ("amp", "saudinewsnet", 8729, "مكتب الجزيرة", {"date": "jsonld"}),
    ("custom_table", "saudinewsnet", 8736, "خالد المضحي", {"date": "text_levantine"}),
    ("wp_newspaper", "saudinewsnet", 9156, "واس", {"date": "text_paired"}),
    ("cnn_like", "saudinewsnet", 9163, "د ب أ", {"date": "text_plain"}),
    ("jsonld_portal", "saudinewsnet", 9562, "وكالات", {"date": "meta"}),
    ("column", "saudinewsnet", 9576, "عبدالله القطان", {"date": "time"}),
    ("agency", "antcorpus", 1319, "أ ف ب", {"date": "text_plain"}),
    ("amp", "antcorpus", 1479, "", {"date": "meta"}),
    ("wp_jannah", "antcorpus", 3359, "", {"date": "time", "byline": "none"}),
    ("drupal7", "antcorpus", 7399, "وات", {"date": "text_levantine"}),
    ("br_layout", "saudinewsnet", 12796, "", {"date": "text_numeric"}),
    ("lead_header", "antcorpus", 1279, "وكالات", {"date": "meta"}),
    ("date_above", "saudinewsnet", 9200, "رويترز، أ ف ب", {"date": "text_levantine"}),
]

SITES = {
    "wp_jannah": ("صدى البلد الإخباري", "sada-news.example"),
    "drupal7": ("بوابة الرافدين", "rafidain.example"),
    "custom_table": ("جريدة الأفق", "ofoq-daily.example"),
    "agency": ("وكالة أنباء المشرق", "mashreq-agency.example"),
    "wp_newspaper": ("نبض الخليج", "nabdh.example"),
    "cnn_like": ("CNN", "arabic.cnn-like.example"),
    "column": ("صحيفة الرأي الحر", "alraialhur.example"),
    "jsonld_portal": ("موقع المرصد", "almarsad.example"),
    "amp": ("شبكة الخبر", "alkhabar.example"),
    "br_layout": ("أخبار الجنوب", "janoub-news.example"),
    "lead_header": ("المنصة", "almanassa.example"),
    "date_above": ("صحيفة النهار الجديد", "nahar-jadid.example"),
}

_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+")


def corpus_lines(corpus: str, wanted: set[int]) -> dict[int, dict]:
    found = {}
    with gzip.open(CORPORA / f"{corpus}.jsonl.gz", "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number in wanted:
                found[number] = json.loads(line)
            if len(found) == len(wanted):
                break
    return found


def other_titles(corpus_records: list[dict], exclude: str, count: int, offset: int) -> list[str]:
    titles = [r["title"] for r in corpus_records if r["title"] != exclude]
    return [titles[(offset + i) % len(titles)] for i in range(count)]


def page_date(record: dict) -> date:
    value = record["date"]
    if re.match(r"\d\d/\d\d/\d{4}", value):
        return datetime.strptime(value[:10], "%d/%m/%Y").date()
    return date.fromisoformat(value[:10])


def paragraphs(record: dict) -> list[str]:
    return [" ".join(p.split()) for p in record["content"].split("\n") if p.strip()]


def sentences(paras: list[str]) -> tuple[str, str]:
    first = _SENTENCE_END.split(paras[0], maxsplit=1)[0]
    last = _SENTENCE_END.split(paras[-1])[-1]
    return first, last


def main() -> None:
    records = {}
    for corpus in {page[1] for page in PAGES}:
        wanted = {page[2] for page in PAGES if page[1] == corpus}
        records[corpus] = corpus_lines(corpus, wanted | set(range(200, 240)))
    pool = [r for corpus in sorted(records) for _, r in sorted(records[corpus].items())]
    manifest = []
    OUT.mkdir(parents=True, exist_ok=True)
    for number, (template, corpus, line, byline, style) in enumerate(PAGES, 1):
        record = records[corpus][line]
        paras = paragraphs(record)
        published = page_date(record)
        site, domain = SITES[template]
        page = templates.Page(
            title=" ".join(record["title"].split()),
            paragraphs=paras,
            published=published,
            byline=byline,
            site=site,
            url=f"https://{domain}/news/{published:%Y/%m}/{number}{line}",
            date_style=style["date"],
            byline_style=style.get("byline", ""),
            others=other_titles(pool, record["title"], 8, number * 3),
        )
        markup = templates.render(template, page)
        name = f"{number:02d}-{template.replace('_', '-')}.html"
        (OUT / name).write_text(markup, encoding="utf-8")
        first, last = sentences(paras)
        manifest.append(
            {
                "file": name,
                "template": template,
                "corpus": f"{corpus}.jsonl.gz",
                "line": line + 1,
                "url_in_corpus": record.get("url", ""),
                "headline": page.title,
                "date": published.isoformat(),
                "byline": byline,
                "first_sentence": first,
                "last_sentence": last,
            }
        )
    (OUT / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(manifest)} pages written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
