"""The timeline's level follows the span shown: years, months, or days for up to two months."""

import re
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from archive.links import QueryLinks
from archive.timeline import (
    DAYS_CHARTED,
    MONTHS_CHARTED,
    day_of_range,
    day_span,
    django_text,
    filter_level,
    span_level,
    timeline_build,
    whole_months,
)

SEARCH_QUERY = "q=لافروف&person=12&page=3"


def _build(counts, level="day", *, language="en", **options):
    with translation.override(language):
        return timeline_build(
            counts=counts,
            level=level,
            year=None,
            link=QueryLinks(QueryDict(SEARCH_QUERY)).changed,
            text=django_text(),
            **options,
        )


def _params(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


# --- which level ------------------------------------------------------------------------


def test_two_months_of_days_are_drawn_day_by_day_and_one_day_more_by_month():
    start = date(2015, 3, 1)
    last_day = start + timedelta(days=DAYS_CHARTED - 1)
    assert span_level(start, last_day) == "day"
    assert span_level(start, last_day + timedelta(days=1)) == "month"
    assert day_span(start, last_day) == (start, last_day)
    assert day_span(start, last_day + timedelta(days=1)) is None


def test_three_years_of_months_are_drawn_by_month_and_a_month_more_by_year():
    start = date(2010, 1, 1)
    assert span_level(start, date(2012, 12, 31)) == "month"  # 36 months
    assert MONTHS_CHARTED == 36
    assert span_level(start, date(2013, 1, 1)) == "year"


def test_a_single_day_is_drawn_by_day():
    day = date(2021, 4, 22)
    assert span_level(day, day) == "day"
    assert day_of_range(day, day) == day
    assert day_of_range(day, date(2021, 4, 23)) is None


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2021, 1, 20), date(2021, 2, 10)),  # across a month end
        (date(2014, 12, 15), date(2015, 1, 20)),  # across a year end
        (date(2024, 2, 1), date(2024, 3, 31)),  # a leap February and March: 60 days
    ],
)
def test_a_short_span_across_a_month_or_a_year_end_is_drawn_by_day(first, last):
    assert span_level(first, last) == "day"


@pytest.mark.parametrize(
    ("year", "start", "end", "level"),
    [
        (None, date(2015, 3, 1), date(2015, 4, 30), "day"),
        (None, date(2015, 2, 1), date(2015, 4, 30), "month"),
        (None, date(2010, 1, 1), date(2015, 4, 30), "year"),
        # A chosen year draws its months, even with a month or a day of it filtered.
        (2015, date(2015, 3, 1), date(2015, 3, 31), "month"),
        (2015, None, None, "month"),
        # An open or reversed range is no span.
        (None, date(2015, 3, 1), None, "year"),
        (None, None, date(2015, 3, 1), "year"),
        (None, date(2015, 4, 2), date(2015, 4, 1), "year"),
    ],
)
def test_a_search_filter_asks_for_its_level(year, start, end, level):
    assert filter_level(year=year, date_from=start, date_to=end) == level


def test_a_few_days_are_widened_to_their_whole_months_when_those_fit():
    assert whole_months(date(2020, 11, 25), date(2020, 11, 25)) == (
        date(2020, 11, 1),
        date(2020, 11, 30),
    )
    assert whole_months(date(2020, 11, 25), date(2020, 12, 3)) == (
        date(2020, 11, 1),
        date(2020, 12, 31),
    )
    # November to January is more than a day chart holds: the days stay as they are.
    span = (date(2020, 11, 25), date(2021, 1, 5))
    assert whole_months(*span) == span


# --- the day chart ----------------------------------------------------------------------


def test_every_day_of_the_range_is_a_slot_across_the_year_end():
    span = (date(2014, 12, 30), date(2015, 1, 2))
    timeline = _build({date(2014, 12, 31): 2, date(2015, 1, 2): 1}, span=span)
    assert timeline.level == "day"
    assert [(bar.period, bar.count) for bar in timeline.bars] == [
        (date(2014, 12, 30), 0),
        (date(2014, 12, 31), 2),
        (date(2015, 1, 1), 0),
        (date(2015, 1, 2), 1),
    ]
    assert timeline.summary == (
        "Articles per day, 30 December 2014–2 January 2015: 3 articles in all"
    )


def test_a_day_bar_filters_to_that_day_and_keeps_the_search():
    timeline = _build({date(2021, 4, 22): 1}, span=(date(2021, 4, 1), date(2021, 4, 30)))
    bar = next(bar for bar in timeline.bars if bar.count)
    params = _params(bar.href)
    assert params["date_from"] == params["date_to"] == ["2021-04-22"]
    assert "year" not in params and "page" not in params
    assert params["q"] == ["لافروف"] and params["person"] == ["12"]
    assert bar.aria_label == "22 April 2021: 1 article"
    # Days without articles lead nowhere; the way up removes the dates.
    assert [b.href for b in timeline.bars if not b.count] == [""] * 29
    assert "date_from" not in _params(timeline.up_href)


def test_a_whole_month_of_days_is_captioned_as_that_month_and_the_day_is_marked():
    timeline = _build(
        {date(2021, 4, 22): 1, date(2021, 4, 3): 2},
        span=(date(2021, 4, 1), date(2021, 4, 30)),
        selected=date(2021, 4, 22),
    )
    assert len(timeline.bars) == 30
    assert timeline.summary == "Articles per day in April 2021: 3 articles in all"
    assert [bar.period for bar in timeline.bars if bar.selected] == [date(2021, 4, 22)]


def test_axis_labels_name_the_month_where_it_starts_and_give_digits_between():
    timeline = _build({date(2020, 11, 25): 1}, span=(date(2020, 11, 1), date(2020, 12, 31)))
    shown = [bar.label for bar in timeline.bars if bar.show_label]
    # A week apart; December's first label names its month.
    assert shown == ["1 Nov", "8", "15", "22", "29", "6 Dec", "13", "20", "27"]
    assert timeline.dense  # two months scroll sideways on a phone
    november = _build({date(2020, 11, 25): 1}, span=(date(2020, 11, 1), date(2020, 11, 30)))
    assert not november.dense  # one month fits its width


def test_arabic_day_labels_use_arabic_month_names_and_the_sites_digits():
    timeline = _build(
        {date(2020, 11, 25): 3},
        span=(date(2020, 11, 20), date(2020, 12, 5)),
        language="ar",
    )
    by_day = {bar.period: bar for bar in timeline.bars}
    shown = [bar.label for bar in timeline.bars if bar.show_label]
    assert shown == ["20 نوفمبر", "23", "26", "29", "2 ديسمبر", "5"]  # every third day
    assert by_day[date(2020, 11, 25)].title == "25 نوفمبر 2020"
    assert by_day[date(2020, 11, 25)].aria_label.startswith("25 نوفمبر 2020: ")
    assert "المقالات حسب اليوم" in timeline.summary


def test_days_are_summed_into_months_and_years_for_coarser_charts():
    days = {date(2019, 3, 1): 1, date(2019, 3, 9): 2, date(2019, 8, 1): 4}
    months = _build(days, "month")
    assert {bar.period: bar.count for bar in months.bars if bar.count} == {
        (2019, 3): 3,
        (2019, 8): 4,
    }
    assert {bar.period: bar.count for bar in _build(days, "year").bars} == {2019: 7}


def test_keys_that_are_not_days_are_left_out_of_a_day_chart():
    timeline = _build({2021: 5, (2021, 4): 3, "x": 1, date(2021, 4, 2): 1})
    assert [(bar.period, bar.count) for bar in timeline.bars] == [(date(2021, 4, 2), 1)]


def test_a_mistyped_range_does_not_draw_centuries_of_days():
    timeline = _build({date(201, 1, 1): 1, date(2021, 4, 2): 1})
    assert len(timeline.bars) == 120
    assert timeline.omitted == 1


def test_the_day_chart_renders_with_a_day_column_in_both_languages():
    span = (date(2020, 11, 1), date(2020, 11, 30))
    for language, heading in (("en", "Day"), ("ar", "اليوم")):
        timeline = _build({date(2020, 11, 25): 1}, span=span, language=language)
        with translation.override(language):
            html = render_to_string("includes/timeline.html", {"timeline": timeline})
        assert "timeline--day" in html
        assert f'<th scope="col">{heading}</th>' in html
        assert len(re.findall(r'<a class="timeline__bar', html)) == 1
        assert len(re.findall(r'<tr><th scope="row">', html)) == 30
