"""Saved news pages (tests/archive/pages/): main text, headline, date and byline (issue 17)."""

import datetime
import importlib.util
import json
from pathlib import Path

import pytest

from archive.ingest import EmptyDocument, IngestError, parse_document

PAGES = Path(__file__).resolve().parent / "pages"
MANIFEST = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
EVALUATE = Path(__file__).resolve().parents[2] / "bench" / "pages" / "evaluate.py"


def _evaluator():
    """bench/pages/evaluate.py (make page-quality), loaded under its own name: other bench
    folders have an ``evaluate`` module too."""
    spec = importlib.util.spec_from_file_location("page_quality_evaluate", EVALUATE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_set_has_twenty_pages_with_their_corpus_lines():
    assert len(MANIFEST) >= 15
    for entry in MANIFEST:
        assert (PAGES / entry["file"]).is_file()
        assert entry["corpus"] in ("saudinewsnet.jsonl.gz", "antcorpus.jsonl.gz")
        assert entry["line"] >= 1


def test_at_least_95_percent_of_the_checks_are_right():
    evaluate = _evaluator()
    summary = evaluate.totals(evaluate.evaluate(PAGES))

    assert summary["share"] >= 0.95, summary


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_menus_boxes_comments_and_footers_stay_out_of_the_text(entry):
    parsed = parse_document((PAGES / entry["file"]).read_bytes(), filename=entry["file"])

    for chrome in ("الأكثر قراءة", "جميع الحقوق محفوظة", "ملفات تعريف الارتباط", "اترك تعليقاً"):
        assert chrome not in parsed.body
    assert "التعليقات المنشورة لا تعبر عن رأي الموقع" not in parsed.body
    assert parsed.metadata["extractor"] == "trafilatura"


def test_a_date_written_under_the_headline_in_levantine_months_is_the_publication_date():
    parsed = parse_document((PAGES / "02-drupal7.html").read_bytes(), filename="02.html")

    assert parsed.published_on == datetime.date(2015, 7, 21)
    assert parsed.metadata["date_evidence"] == "under_headline"


def test_the_brand_in_title_is_not_the_headline_the_h1_is():
    parsed = parse_document((PAGES / "06-cnn-like.html").read_bytes(), filename="06.html")

    assert parsed.title == "إردوغان: التفجير في سوروتش عمل إرهابي"
    assert parsed.published_on == datetime.date(2015, 7, 21)
    assert parsed.author == "أ ف ب"


def test_an_agency_credit_closing_the_text_is_the_byline_not_text():
    parsed = parse_document((PAGES / "04-agency.html").read_bytes(), filename="04.html")

    assert parsed.author == "واس"
    assert not parsed.body.endswith("(واس)")


def test_a_byline_line_in_the_text_is_the_author():
    parsed = parse_document((PAGES / "03-custom-table.html").read_bytes(), filename="03.html")

    assert parsed.author == "هتان أبو عظمة"
    assert "كتب" not in parsed.body.split("\n")[0]


def test_a_page_of_scripts_only_is_refused_as_empty():
    page = (
        "<html><head><script>var a = 'نص';</script></head><body><script>x()</script></body></html>"
    )

    with pytest.raises(EmptyDocument):
        parse_document(page.encode(), filename="scripts.html")


def test_a_page_in_another_language_is_refused_with_a_clear_message():
    paragraphs = "".join(
        f"<p>The minister met his counterpart in Moscow on day {n} to discuss trade, energy "
        "and the security of the region, officials said in a statement.</p>"
        for n in range(8)
    )
    page = f"<html><body><h1>Talks in Moscow</h1><article>{paragraphs}</article></body></html>"

    with pytest.raises(IngestError) as refused:
        parse_document(page.encode(), filename="english.html")

    assert refused.value.code == "not_arabic"
