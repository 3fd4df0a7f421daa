"""The chart's granularity follows the span shown, and undated articles are counted beside it."""

from datetime import date

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from haystack import connections

from archive.links import QueryLinks
from archive.timeline import MONTHS_CHARTED, django_text, month_span, timeline_build
from tests.factories import article_create, entity_create
from tests.languages import english


@pytest.fixture
def search_index():
    """An empty search index before and after the test."""
    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


def _build(counts, level="year", **options):
    with translation.override("en"):
        return timeline_build(
            counts=counts,
            level=level,
            year=None,
            link=QueryLinks(QueryDict("q=x")).changed,
            text=django_text(),
            **options,
        )


def test_a_range_of_a_few_months_is_charted_month_by_month():
    assert month_span(date(2015, 3, 10), date(2015, 4, 20)) == ((2015, 3), (2015, 4))
    assert month_span(date(2014, 12, 1), date(2015, 1, 31)) == ((2014, 12), (2015, 1))


@pytest.mark.parametrize(
    ("start", "end"),
    [(None, date(2015, 4, 1)), (date(2015, 4, 1), None), (date(2015, 4, 2), date(2015, 4, 1))],
)
def test_an_open_or_reversed_range_keeps_the_year_chart(start, end):
    assert month_span(start, end) is None


def test_a_range_longer_than_the_month_limit_keeps_the_year_chart():
    start = date(2010, 1, 1)

    def month_end(index: int) -> date:  # the 28th of the index-th month from January 2010
        return date(2010 + index // 12, index % 12 + 1, 28)

    assert month_span(start, month_end(MONTHS_CHARTED - 1)) is not None
    assert month_span(start, month_end(MONTHS_CHARTED)) is None


def test_the_months_of_the_range_are_drawn_even_where_empty():
    timeline = _build({(2015, 4): 3}, level="month", span=((2015, 2), (2015, 5)))
    assert [bar.period for bar in timeline.bars] == [(2015, 2), (2015, 3), (2015, 4), (2015, 5)]
    assert [bar.count for bar in timeline.bars] == [0, 0, 3, 0]
    assert timeline.summary == "Articles per month, February 2015–May 2015: 3 articles in all"


def test_a_single_year_is_captioned_as_that_year_not_as_a_range():
    assert _build({2015: 4}).summary == "Articles in 2015: 4 articles"


def test_undated_articles_are_said_under_the_chart():
    timeline = _build({2020: 1, 2021: 2}, undated=2)
    assert timeline.total == 3
    assert timeline.undated_note == "2 articles have no date and are not in the chart."
    assert _build({2020: 1}).undated_note == ""


@pytest.mark.django_db
def test_the_search_page_charts_a_three_month_filter_by_month(
    client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for day in (date(2015, 3, 2), date(2015, 4, 9), date(2015, 4, 20), date(2016, 1, 1)):
            article_create(title="لافروف في بغداد", published_on=day)
    response = client.get(
        english(reverse("search:search")),
        {"q": "لافروف", "date_from": "2015-02-01", "date_to": "2015-04-30"},
    )
    timeline = response.context["timeline"]
    assert timeline.level == "month"
    assert [(bar.period, bar.count) for bar in timeline.bars] == [
        ((2015, 2), 0),
        ((2015, 3), 1),
        ((2015, 4), 2),
    ]
    html = response.content.decode()
    assert "2015–2015" not in html
    # One result per story by default, and the caption says what it counts.
    assert "Stories per month, February 2015–April 2015: 3 stories in all" in html
    every_copy = client.get(
        english(reverse("search:search")),
        {"q": "لافروف", "date_from": "2015-02-01", "date_to": "2015-04-30", "versions": "all"},
    ).content.decode()
    assert "Articles per month, February 2015–April 2015: 3 articles in all" in every_copy


@pytest.mark.django_db
def test_the_search_page_says_how_many_results_have_no_date(
    client, search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article_create(title="لافروف في بغداد", published_on=date(2020, 5, 1))
        article_create(title="لافروف في موسكو", published_on=None)
    response = client.get(reverse("search:search"), {"q": "لافروف"})
    assert response.context["results"].count == 2
    assert response.context["timeline"].total == 1
    assert "قصة واحدة بلا تاريخ، فلا تظهر في الرسم." in response.content.decode()


@pytest.mark.django_db
def test_the_entity_page_timeline_adds_up_to_its_article_count(client):
    lavrov = entity_create()
    for day in (date(2020, 5, 1), None, None):
        article = article_create(title="لافروف", published_on=day)
        article.mentions.create(entity=lavrov)
    html = client.get(english(lavrov.get_absolute_url())).content.decode()
    # One dated article: drawn among the days of its month.
    assert "Articles per day in May 2020: 1 article in all" in html
    assert "2 articles have no date and are not in the chart." in html
    assert '<span class="count">(3)</span>' in html
