"""A date filter of up to two months is charted day by day, from both backends' day facet."""

import re
from dataclasses import replace
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from archive.models import Mention
from search.backends.base import DAY_FACET, SearchRequest
from search.backends.elasticsearch.query import search_body
from search.backends.elasticsearch.results import outcome_from_response
from search.query import query_parse
from search.selectors import search_request
from tests.factories import article_create, entity_create
from tests.languages import english

URL = reverse("search:search")
# Three distinct articles naming Lavrov (no two of one story), two on one day, and one
# outside the filters below.
ARTICLES = (
    (date(2020, 11, 25), "لافروف يستقبل وزير الخارجية العراقي في موسكو", "بحث الجانبان التعاون."),
    (date(2020, 11, 25), "لافروف: موسكو تدعم استقرار العراق", "قال وزير الخارجية الروسي."),
    (date(2020, 12, 3), "لافروف يتصل بنظيره العراقي بشأن الطاقة", "ناقش الوزيران عقود النفط."),
    (date(2021, 3, 9), "لافروف يزور بغداد للمرة الأولى منذ سنوات", "وصل الوزير إلى بغداد."),
)
NOVEMBER_AND_DECEMBER = {"q": "لافروف", "date_from": "2020-11-01", "date_to": "2020-12-31"}


@pytest.fixture
def dated(db, search_index, django_capture_on_commit_callbacks):
    """The articles above, indexed as saving them indexes them."""
    with django_capture_on_commit_callbacks(execute=True):
        return [
            article_create(title=title, body=body, published_on=day)
            for day, title, body in ARTICLES
        ]


def _bars(response) -> dict:
    return {bar.period: bar.count for bar in response.context["timeline"].bars if bar.count}


def _drawn_links(response) -> list[str]:
    html = response.content.decode()
    return [unescape(h) for h in re.findall(r'<a class="timeline__bar[^"]*" href="([^"]*)"', html)]


def test_the_whoosh_backend_counts_the_days_of_the_results(dated, search_index):
    parsed = query_parse("لافروف")
    request = search_request(params={"q": "لافروف"}, parsed=parsed, facet_fields=(DAY_FACET,))
    facets = search_index.execute(request).facets[DAY_FACET]
    assert facets == [("20201125", 2), ("20201203", 1), ("20210309", 1)]
    # One result per story counts the same here: each article is a story of its own.
    collapsed = search_index.execute(replace(request, collapse=True)).facets[DAY_FACET]
    assert collapsed == facets


def test_the_elasticsearch_backend_asks_for_and_reads_the_day_facet_as_whoosh_keys_it():
    request = SearchRequest(facet_fields=("year", DAY_FACET))
    histogram = search_body(request)["aggs"][DAY_FACET]["aggs"]["values"]["date_histogram"]
    assert histogram == {
        "field": "published_on",
        "calendar_interval": "day",
        "format": "yyyyMMdd",
        "min_doc_count": 1,
    }
    buckets = [
        {"key_as_string": "20201125", "key": 1606262400000, "doc_count": 2},
        {"key_as_string": "20201203", "key": 1606953600000, "doc_count": 1},
    ]
    response = {
        "hits": {"total": {"value": 3, "relation": "eq"}, "hits": []},
        "aggregations": {DAY_FACET: {"values": {"buckets": buckets}}},
    }
    outcome = outcome_from_response(request, response, 0)
    assert outcome.facets[DAY_FACET] == [("20201125", 2), ("20201203", 1)]


def test_a_two_month_filter_draws_day_bars_with_the_empty_days(client, dated):
    params = {**NOVEMBER_AND_DECEMBER, "versions": "all"}
    response = client.get(english(URL), params)
    timeline = response.context["timeline"]
    assert timeline.level == "day"
    assert len(timeline.bars) == 61
    assert _bars(response) == {date(2020, 11, 25): 2, date(2020, 12, 3): 1}
    html = response.content.decode()
    assert "timeline--day" in html
    assert "Articles per day, 1 November 2020–31 December 2020: 3 articles in all" in html
    assert "2020–2020" not in html
    # Every result is dated (the filter excludes undated ones): nothing said beside the chart.
    assert timeline.undated_note == ""


def test_the_story_caption_counts_stories_per_day_in_both_languages(client, dated):
    english_page = client.get(english(URL), NOVEMBER_AND_DECEMBER).content.decode()
    assert "Stories per day, 1 November 2020–31 December 2020: 3 stories in all" in english_page
    arabic_page = client.get(URL, NOVEMBER_AND_DECEMBER).content.decode()
    assert "القصص حسب اليوم، 1 نوفمبر 2020–31 ديسمبر 2020: 3 قصص إجمالًا" in arabic_page


def test_a_day_bar_filters_to_that_day_and_shows_the_other_days_of_its_month(client, dated):
    response = client.get(english(URL), {**NOVEMBER_AND_DECEMBER, "versions": "all"})
    bars = {bar.period: bar.href for bar in response.context["timeline"].bars if bar.href}
    assert list(bars.values()) == _drawn_links(response)
    day = client.get(bars[date(2020, 11, 25)])
    assert {hit.article.pk for hit in day.context["results"].hits} == {
        dated[0].pk,
        dated[1].pk,
    }
    timeline = day.context["timeline"]
    assert timeline.level == "day"
    assert [bar.period for bar in timeline.bars if bar.selected] == [date(2020, 11, 25)]
    # The chart keeps the whole of November, and December's article is counted no more.
    assert len(timeline.bars) == 30
    assert _bars(day) == {date(2020, 11, 25): 2}
    assert "Articles per day in November 2020: 2 articles in all" in day.content.decode()


def test_a_three_month_filter_stays_a_month_chart(client, dated):
    params = {"q": "لافروف", "date_from": "2020-11-01", "date_to": "2021-01-31"}
    response = client.get(english(URL), params)
    assert response.context["timeline"].level == "month"


def test_the_entity_page_draws_day_bars_when_its_articles_span_a_few_weeks(client, dated):
    lavrov = entity_create(name="سيرغي لافروف", name_en="Sergey Lavrov")
    for article in dated[:3]:
        Mention.objects.create(article=article, entity=lavrov, count=1)
    undated = article_create(title="لافروف في بغداد", published_on=None)
    Mention.objects.create(article=undated, entity=lavrov, count=1)
    response = client.get(english(lavrov.get_absolute_url()))
    timeline = response.context["timeline"]
    assert timeline.level == "day"
    assert len(timeline.bars) == 61  # November and December, whole
    assert _bars(response) == {date(2020, 11, 25): 2, date(2020, 12, 3): 1}
    html = response.content.decode()
    assert "Articles per day, 1 November 2020–31 December 2020: 3 articles in all" in html
    assert "1 article has no date and is not in the chart." in html
    assert 'class="timeline__up"' not in html
    # A day bar opens the search for the entity on that day.
    href = next(bar.href for bar in timeline.bars if bar.count == 2)
    day = client.get(href)
    cleaned = day.context["form"].cleaned_data
    assert cleaned["person"] == [lavrov.pk]
    assert cleaned["date_from"] == cleaned["date_to"] == date(2020, 11, 25)
