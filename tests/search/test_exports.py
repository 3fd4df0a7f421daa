"""Exports of any search (CSV, JSON, RIS) over the five seed articles."""

import csv
import io
import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
import rispy
from django.http import StreamingHttpResponse
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from haystack import connections

from archive.models import Article
from search.exports import articles_in_order, csv_safe
from tests.factories import article_create
from tests.languages import english

CSV_HEADER = [
    "id",
    "title",
    "published_on",
    "source",
    "source_en",
    "author",
    "url",
    "original_url",
    "persons",
    "organizations",
    "places",
    "excerpt",
    "story",
    "versions",
]
NO_MATCH = "زرافةٌ"  # a word none of the seeds uses


def _export(client, fmt, **params):
    return client.get(reverse("search:export", kwargs={"fmt": fmt}), params)


def _export_in_english(client, fmt, **params):
    """For assertions on a message's words, whatever translations the project gains."""
    url = reverse("search:export", kwargs={"fmt": fmt})
    return client.get(english(url), params)


def _body(response) -> bytes:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv_rows(response) -> list[dict]:
    text = _body(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _json(response) -> dict:
    return json.loads(_body(response).decode("utf-8"))


def _index(*articles):
    backend = connections["default"].get_backend()
    backend.update(connections["default"].get_unified_index().get_index(Article), articles)


def test_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_arabic(client, seeds):
    body = _body(_export(client, "csv"))
    assert body.startswith("\ufeff".encode())
    assert _export(client, "csv")["Content-Type"] == "text/csv; charset=utf-8"


def test_csv_has_the_columns_and_every_seed_with_its_arabic_title_intact(client, seeds):
    text = _body(_export(client, "csv")).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    assert reader.fieldnames == CSV_HEADER
    assert {int(row["id"]) for row in rows} == seeds.ids("000", "001", "002", "003", "004")
    titles = {int(row["id"]): row["title"] for row in rows}
    for article in seeds.articles.values():
        assert titles[article.pk] == article.title
    assert "لافروف" in titles[seeds.articles["004"].pk]


def test_csv_row_carries_date_source_absolute_permalink_entities_and_excerpt(client, seeds):
    rows = {int(row["id"]): row for row in _csv_rows(_export(client, "csv"))}
    row = rows[seeds.articles["003"].pk]
    article = seeds.articles["003"]
    assert row["published_on"] == "2020-11-25"
    assert (row["source"], row["source_en"]) == ("تاس", "TASS")
    assert row["url"] == f"http://testserver/articles/{article.pk}/{article.slug}/"
    persons = row["persons"].split("؛ ")
    assert set(persons) == {"مصطفى الكاظمي", "سيرغي لافروف", "فلاديمير بوتين"}
    assert set(row["places"].split("؛ ")) == {"موسكو", "بغداد"}
    assert row["organizations"] == ""
    assert row["excerpt"] and row["excerpt"].split()[0] in article.body
    undated = rows[seeds.articles["002"].pk]
    assert undated["published_on"] == ""


def test_csv_lists_the_articles_in_the_search_pages_order(client, seeds):
    for params in ({"q": "الارهاب"}, {"q": "الارهاب", "sort": "oldest"}, {}):
        page = client.get(reverse("search:search"), params).context["results"]
        exported = [int(row["id"]) for row in _csv_rows(_export(client, "csv", **params))]
        assert exported == [hit.article.pk for hit in page.hits]


def test_person_filter_narrows_the_export(client, seeds):
    lavrov = seeds.entities["lavrov"].pk
    rows = _csv_rows(_export(client, "csv", person=lavrov))
    assert {int(row["id"]) for row in rows} == seeds.ids("003", "004")


def test_query_and_source_filter_narrow_the_export_together(client, seeds):
    elaph = seeds.sources["elaph"].pk
    rows = _csv_rows(_export(client, "csv", q="الارهاب", source=elaph))
    assert {int(row["id"]) for row in rows} == seeds.ids("000")


def test_empty_search_exports_a_csv_with_the_header_only(client, seeds):
    text = _body(_export(client, "csv", q=NO_MATCH)).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [CSV_HEADER]


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralized(client, seeds, search_index):
    titles = ['=HYPERLINK("http://x.example/","لافروف")', "+لافروف في بغداد", "@SUM(1)"]
    articles = [
        article_create(title=title, body=f"{title}\nزيارة لافروف إلى بغداد.") for title in titles
    ]
    _index(*articles)
    rows = {int(row["id"]): row for row in _csv_rows(_export(client, "csv", q="لافروف"))}
    for article in articles:
        assert rows[article.pk]["title"] == "'" + article.title
        assert rows[article.pk]["excerpt"].startswith("'")


def test_csv_safe_prefixes_only_formula_starts():
    assert csv_safe("-1+1") == "'-1+1"
    assert csv_safe("\t=1") == "'\t=1"
    assert csv_safe("لافروف - موسكو") == "لافروف - موسكو"
    assert csv_safe("") == ""


def test_export_is_an_attachment_named_with_the_date(client, seeds):
    today = timezone.localdate().isoformat()
    for fmt in ("csv", "json", "ris"):
        disposition = _export(client, fmt)["Content-Disposition"]
        assert disposition == f'attachment; filename="archive-search-{today}.{fmt}"'


def test_articles_are_read_in_batches_and_keep_the_given_order(seeds):
    ids = [seeds.articles[n].pk for n in ("004", "001", "003", "000", "002")]
    assert [a.pk for a, _entities in articles_in_order(ids, batch_size=2)] == ids


def test_json_parses_and_its_count_matches_the_search_page(client, seeds):
    page = client.get(reverse("search:search"), {"q": "الارهاب"}).context["results"]
    document = _json(_export(client, "json", q="الارهاب"))
    assert document["count"] == page.count == 4
    assert [a["id"] for a in document["articles"]] == [hit.article.pk for hit in page.hits]
    assert document["query"] == {"q": "الارهاب", "sort": "relevance"}
    titles = {a["id"]: a["title"] for a in document["articles"]}
    assert titles[seeds.articles["004"].pk] == seeds.articles["004"].title


def test_json_article_has_its_source_entities_and_absolute_url(client, seeds):
    lavrov = seeds.entities["lavrov"].pk
    document = _json(_export(client, "json", person=lavrov))
    assert document["query"] == {"sort": "newest", "person": [lavrov]}
    article = next(a for a in document["articles"] if a["id"] == seeds.articles["003"].pk)
    assert article["published_on"] == "2020-11-25"
    assert article["source"]["name"] == "تاس"
    assert article["url"].startswith("http://testserver/articles/")
    assert "سيرغي لافروف" in {person["name"] for person in article["entities"]["person"]}


def test_empty_json_export_is_a_valid_document(client, seeds):
    document = _json(_export(client, "json", q=NO_MATCH))
    assert document["count"] == 0
    assert document["articles"] == []


def test_ris_parses_with_a_real_parser_with_arabic_titles_intact(client, seeds):
    response = _export(client, "ris")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    entries = rispy.loads(_body(response).decode("utf-8"))
    assert len(entries) == 5
    by_url = {entry["urls"][0]: entry for entry in entries}
    for article in seeds.articles.values():
        entry = by_url[f"http://testserver/articles/{article.pk}/{article.slug}/"]
        assert entry["title"] == article.title
        assert entry["type_of_reference"] == "NEWS"


def test_ris_export_respects_the_query(client, seeds):
    entries = rispy.loads(_body(_export(client, "ris", q="لافروف")).decode("utf-8"))
    assert {entry["title"] for entry in entries} == {
        seeds.articles["003"].title,
        seeds.articles["004"].title,
    }


@override_settings(SEARCH_EXPORT_MAX=3)
def test_export_above_the_cap_is_refused_with_the_count_the_cap_and_how_to_narrow(client, seeds):
    response = _export_in_english(client, "csv", q="الارهاب")
    assert response.status_code == 400
    assert not isinstance(response, StreamingHttpResponse)
    message = response.content.decode()
    assert "4" in message and "3" in message
    assert "Narrow the search" in message
    assert f"http://testserver{english('/search/')}?q=" in message  # the English search


@override_settings(SEARCH_EXPORT_MAX=3)
def test_json_export_above_the_cap_answers_a_json_error(client, seeds):
    response = _export_in_english(client, "json")
    assert response.status_code == 400
    body = json.loads(response.content)
    assert (body["count"], body["max"]) == (5, 3)
    assert "3" in body["error"]


@override_settings(SEARCH_EXPORT_MAX=4)
def test_export_at_the_cap_is_streamed_in_full(client, seeds):
    assert len(_csv_rows(_export(client, "csv", q="الارهاب"))) == 4


@pytest.mark.parametrize(
    "params",
    [
        {"person": "999999"},
        {"person": "abc"},
        {"date_from": "2021-13-45"},
        {"year": "عشرين"},
        {"source": "1e9"},
    ],
)
def test_a_filter_that_fails_refuses_the_export_with_a_message(client, seeds, params):
    response = _export_in_english(client, "csv", **params)
    assert response.status_code == 400
    assert "Nothing was exported" in response.content.decode()
    json_response = _export(client, "json", **params)
    assert json_response.status_code == 400
    assert json.loads(json_response.content)["errors"]


def test_page_state_and_a_bad_sort_do_not_stop_the_export(client, seeds):
    rows = _csv_rows(_export(client, "csv", page="abc", page_size="0", more="x", sort="best"))
    assert len(rows) == 5


@pytest.mark.parametrize("q", ['"الارهاب', "OR", "NOT", "-", "لافروف " * 2000, "title:"])
def test_odd_queries_export_without_error(client, seeds, q):
    assert _export(client, "json", q=q).status_code == 200


def test_unknown_export_format_is_not_found(client, seeds):
    assert _export(client, "xls").status_code == 404


def test_search_page_offers_exports_of_the_current_search_without_the_page(client, seeds):
    lavrov = seeds.entities["lavrov"].pk
    html = client.get(reverse("search:search"), {"q": "لافروف", "person": lavrov, "page": 1})
    hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', html.content.decode())]
    exports = {}
    for fmt in ("csv", "json", "ris"):
        (href,) = [h for h in hrefs if h.startswith(f"/search/export.{fmt}?")]
        exports[fmt] = href
        params = parse_qs(urlsplit(href).query)
        assert params == {"q": ["لافروف"], "person": [str(lavrov)]}
    rows = _csv_rows(client.get(exports["csv"]))
    assert {int(row["id"]) for row in rows} == seeds.ids("003", "004")
