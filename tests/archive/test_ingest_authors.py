"""Bylines: read from what editors bring, searchable, exported (issue 17)."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from haystack import connections

from archive.ingest.authors import author_key, clean_author, is_agency
from archive.ingest.items import _jsonl_item
from archive.models import Article
from search.forms import SearchForm
from tests.factories import article_create

BENCH = Path(__file__).resolve().parents[2] / "bench" / "pages"
AGENCY_TEXT = "أنقرة (أ ف ب) - ندد الرئيس التركي رجب طيب إردوغان بالهجوم الانتحاري الذي أوقع قتلى."


@pytest.mark.parametrize(
    ("written", "author"),
    [
        # The JSON-lines corpora write bylines these ways (saudinewsnet.jsonl.gz).
        ("لندن: رنيم حنوش", "رنيم حنوش"),
        ("جنيف : (رويترز)", "رويترز"),
        ("&nbsp;واس (نجران)", "واس"),
        ("الدمام - ظافر الدوسري:", "ظافر الدوسري"),
        ("\u200f\u202bحاتم العميري - سبق - مكة المكرمة:", "حاتم العميري"),
        ("«الاقتصادية» من الرياض", "الاقتصادية"),
        ("بواسطة : عمرو عاطف", "عمرو عاطف"),
        ("بقلم: محمد السلوم | Mon, 2015-08-10 20:48", "محمد السلوم"),
        ("العواصم: الوكالات", "الوكالات"),
        ("(أ ف ب)", "أ ف ب"),
        ("", ""),
    ],
)
def test_a_byline_keeps_the_name_only(written, author):
    assert clean_author(written) == author


def test_the_json_lines_author_gold_is_read_right_at_least_nine_times_in_ten():
    gold = json.loads((BENCH / "authors_gold.json").read_text(encoding="utf-8"))

    right = sum(author_key(e["author_field"]) == author_key(e["expected"]) for e in gold)

    assert right >= 0.9 * len(gold)


def test_agencies_are_told_from_people():
    assert is_agency("أ ف ب") and is_agency("وكالات") and is_agency("تاس")
    assert not is_agency("محمد عبدالعظيم")


def test_a_json_line_passes_its_author_on(tmp_path):
    line = json.dumps({"content": "نص الخبر.", "author": "مدريد: صبيح صادق"}, ensure_ascii=False)

    item = _jsonl_item(tmp_path / "c.jsonl", 1, line.encode())

    assert item.overrides["author"] == "مدريد: صبيح صادق"


def test_an_agency_credit_in_the_dateline_is_the_author():
    from archive.ingest import parse_document

    assert parse_document(AGENCY_TEXT, filename="a.txt").author == "أ ف ب"


@pytest.fixture
def indexed(db):
    backend = connections["default"].get_backend()
    backend.clear()
    person = article_create(title="عنوان أول عن موسكو", body="خبر أول عن موسكو وبغداد.")
    agency = article_create(title="عنوان ثان عن موسكو", body="خبر ثان عن موسكو وبغداد.")
    Article.objects.filter(pk=person.pk).update(author="محمد عبدالعظيم")
    Article.objects.filter(pk=agency.pk).update(author="أ ف ب")
    index = connections["default"].get_unified_index().get_index(Article)
    backend.update(index, index.index_queryset())
    yield {"person": person, "agency": agency}
    backend.clear()


def test_the_search_filters_on_the_author_whatever_its_spelling(client, indexed):
    response = client.get(reverse("search:search"), {"q": "موسكو", "author": "ا ف ب"})

    assert [hit.article.pk for hit in response.context["results"].hits] == [indexed["agency"].pk]
    assert SearchForm({"author": "أ ف ب"}).is_valid()
    assert author_key("أ ف ب") == author_key("ا ف ب")


def test_exports_carry_the_author_and_a_readable_link(client, indexed):
    response = client.get(reverse("search:export", kwargs={"fmt": "csv"}), {"q": "موسكو"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")

    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(text, newline=""))}
    person = indexed["person"]
    assert rows[person.pk]["author"] == "محمد عبدالعظيم"
    assert rows[person.pk]["url"] == f"http://testserver/articles/{person.pk}/{person.slug}/"
    response = client.get(reverse("search:export", kwargs={"fmt": "json"}), {"author": "أ ف ب"})
    exported = json.loads(b"".join(response.streaming_content))
    assert [a["author"] for a in exported["articles"]] == ["أ ف ب"]
    assert exported["query"]["author"] == [author_key("أ ف ب")]
