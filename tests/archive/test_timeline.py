"""The articles-over-time chart: years drilling down to months, readable without JavaScript."""

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation

from archive.links import QueryLinks
from archive.timeline import django_text, month_of_range, timeline_build

# Articles per year and per month of the seeds (two of the five are undated), and a query as
# the search page sends it.
SEED_YEARS = {2020: 1, 2021: 2}
SEED_MONTHS = {(2020, 11): 1, (2021, 4): 1, (2021, 11): 1}
SEARCH_QUERY = "q=الكاظمي&person=12&page=3"


def _link(changes):
    return QueryLinks(QueryDict(SEARCH_QUERY)).changed(changes)


def _build(counts, level="year", year=None, *, link=_link, **options):
    """A timeline in English words."""
    with translation.override("en"):
        return timeline_build(
            counts=counts, level=level, year=year, link=link, text=django_text(), **options
        )


def _params(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def _by_period(timeline):
    return {bar.period: bar for bar in timeline.bars}


def test_years_without_articles_in_the_range_are_empty_bars():
    timeline = _build({2019: 2, 2021: 5})
    assert [(bar.period, bar.count) for bar in timeline.bars] == [(2019, 2), (2020, 0), (2021, 5)]
    assert timeline.total == 7


def test_bar_heights_are_proportional_to_counts():
    timeline = _build({2019: 2, 2020: 8, 2021: 4})
    bars = _by_period(timeline)
    assert bars[2020].height == timeline.view_height
    assert bars[2021].height == timeline.view_height / 2
    assert bars[2019].height == timeline.view_height / 4
    # Bars stand on the baseline.
    assert all(bar.y + bar.height == timeline.view_height for bar in timeline.bars)


def test_one_article_among_thousands_stays_visible():
    timeline = _build({2015: 5000, 2016: 1})
    assert 0 < _by_period(timeline)[2016].height < 5


def test_bars_sit_side_by_side_within_the_view_box():
    timeline = _build({2015: 1, 2023: 3})
    assert len(timeline.bars) == 9
    assert timeline.view_width == 9 * timeline.slot_width
    for left, right in zip(timeline.bars, timeline.bars[1:], strict=False):
        assert left.x + left.width < right.x
    assert timeline.bars[-1].x + timeline.bars[-1].width <= timeline.view_width


def test_year_bar_links_to_the_same_search_filtered_to_that_year():
    timeline = _build(SEED_YEARS)
    params = _params(_by_period(timeline)[2021].href)
    assert params == {"q": ["الكاظمي"], "person": ["12"], "year": ["2021"]}


def test_year_bar_replaces_a_month_range_chosen_before():
    link = QueryLinks(
        QueryDict("q=موسكو&year=2020&date_from=2020-11-01&date_to=2020-11-30")
    ).changed
    timeline = _build({2020: 1, 2021: 2}, link=link)
    assert _params(_by_period(timeline)[2021].href) == {"q": ["موسكو"], "year": ["2021"]}


def test_year_without_articles_has_no_link():
    timeline = _build({2019: 2, 2021: 5})
    assert _by_period(timeline)[2020].href == ""


def test_month_level_shows_the_twelve_months_of_the_year():
    timeline = _build(SEED_MONTHS, "month", 2021)
    assert [bar.period for bar in timeline.bars] == [(2021, month) for month in range(1, 13)]
    assert [bar.count for bar in timeline.bars] == [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    assert timeline.total == 2


def test_month_bar_links_to_its_first_and_last_day():
    timeline = _build({(2024, 2): 3}, "month", 2024)
    params = _params(_by_period(timeline)[2024, 2].href)
    assert params["date_from"] == ["2024-02-01"]
    assert params["date_to"] == ["2024-02-29"]
    assert params["year"] == ["2024"]
    assert params["q"] == ["الكاظمي"]
    assert "page" not in params


def test_range_set_by_a_month_bar_is_recognized_as_that_month():
    timeline = _build({(2024, 2): 3}, "month", 2024)
    bar = _by_period(timeline)[2024, 2]
    assert month_of_range(bar.start, bar.end) == (2024, 2)
    assert month_of_range(date(2024, 2, 1), date(2024, 2, 28)) is None
    assert month_of_range(date(2024, 2, 2), date(2024, 2, 29)) is None
    assert month_of_range(date(2024, 1, 1), date(2024, 2, 29)) is None
    assert month_of_range(None, date(2024, 2, 29)) is None


def test_month_level_links_back_to_all_years():
    link = QueryLinks(
        QueryDict("q=موسكو&year=2021&date_from=2021-04-01&date_to=2021-04-30")
    ).changed
    timeline = _build({(2021, 4): 1}, "month", 2021, link=link)
    assert _params(timeline.up_href) == {"q": ["موسكو"]}


def test_selected_month_is_marked():
    timeline = _build({(2021, 4): 1, (2021, 11): 1}, "month", 2021, selected=(2021, 4))
    assert [bar.period for bar in timeline.bars if bar.selected] == [(2021, 4)]


def test_month_counts_summed_into_years_for_a_year_chart():
    timeline = _build(SEED_MONTHS)
    assert [(bar.period, bar.count) for bar in timeline.bars] == [(2020, 1), (2021, 2)]


def test_month_chart_without_a_year_spans_the_months_with_articles():
    timeline = _build({(2020, 11): 1, (2021, 2): 4}, "month")
    assert [bar.period for bar in timeline.bars] == [(2020, 11), (2020, 12), (2021, 1), (2021, 2)]


def test_many_years_get_thinned_axis_labels_but_every_bar():
    counts = {year: 1 for year in range(1990, 2025)}
    timeline = _build(counts)
    labelled = [bar.period for bar in timeline.bars if bar.show_label]
    assert len(timeline.bars) == 35
    assert labelled[0] == 1990
    assert len(labelled) <= 12


def test_a_mistyped_ancient_date_does_not_draw_centuries_of_bars():
    timeline = _build({201: 1, 2021: 3})
    assert len(timeline.bars) <= 120
    assert timeline.bars[-1].period == 2021
    assert timeline.omitted == 1


def test_keys_that_are_not_dates_are_ignored():
    counts = {"2021": 2, "abc": 4, None: 1, (2021, 13): 5, 2020: -1}
    timeline = _build(counts)
    assert [(bar.period, bar.count) for bar in timeline.bars] == [(2021, 2)]


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="level"):
        _build({2021: 1}, "week")


def test_month_chart_of_a_year_outside_the_calendar_is_refused():
    with pytest.raises(ValueError, match="year"):
        _build({(2021, 4): 1}, "month", 0)


def test_other_years_are_not_counted_as_left_out_of_a_month_chart():
    timeline = _build(SEED_MONTHS, "month", 2021)
    assert timeline.omitted == 0
    assert "not shown" not in render_to_string("includes/timeline.html", {"timeline": timeline})


def test_no_articles_gives_no_bars():
    timeline = _build({})
    assert timeline.bars == ()
    assert render_to_string("includes/timeline.html", {"timeline": timeline}).strip() == ""


# --- words ------------------------------------------------------------------------------


def test_english_words_describe_each_bar():
    timeline = _build({(2021, 4): 1, (2021, 11): 2}, "month", 2021)
    bars = _by_period(timeline)
    assert bars[2021, 4].aria_label == "April 2021: 1 article"
    assert bars[2021, 11].aria_label == "November 2021: 2 articles"
    assert bars[2021, 11].label == "Nov"
    assert timeline.summary == "Articles per month in 2021: 3 articles in all"


def test_arabic_month_names_label_the_bars():
    with translation.override("ar"):
        timeline = timeline_build(
            counts={(2021, 4): 1}, level="month", year=2021, link=_link, text=django_text()
        )
    bars = _by_period(timeline)
    assert bars[2021, 4].label == "إبريل"
    assert bars[2021, 4].title == "إبريل 2021"
    assert bars[2021, 4].number == "4"


# --- template ---------------------------------------------------------------------------


def _render(timeline, language="en") -> str:
    with translation.override(language):
        return render_to_string("includes/timeline.html", {"timeline": timeline})


def _year_timeline():
    return _build({2018: 1, **SEED_YEARS})


def test_chart_scales_with_its_container():
    html = _render(_year_timeline())
    svg = re.search(r"<svg[^>]*>", html).group()
    assert 'viewBox="0 0 40.0 100.0"' in svg
    assert "width=" not in svg.replace("stroke-width", "")


def test_each_year_with_articles_is_a_link_with_a_tooltip():
    html = _render(_year_timeline())
    links = re.findall(r'<a class="timeline__bar[^"]*" href="([^"]+)"', html)
    assert len(links) == 3  # 2018, 2020, 2021; 2019 has no articles
    assert "year=2021" in links[-1]
    assert "<title>2021: 2 articles</title>" in html
    assert 'aria-label="2020: 1 article"' in html


def test_screen_readers_get_a_summary_and_a_table_of_every_year():
    html = _render(_year_timeline())
    assert 'aria-labelledby="timeline-caption"' in html
    assert "Articles per year, 2018–2021: 4 articles in all" in html
    rows = re.findall(r'<tr><th scope="row">(\d+)</th><td>(\d+)</td></tr>', html)
    assert rows == [("2018", "1"), ("2019", "0"), ("2020", "1"), ("2021", "2")]


def test_geometry_is_not_localized_in_arabic():
    # Arabic formats decimals with a comma, which would break the SVG coordinates.
    html = _render(_build({2019: 1, 2020: 3}), "ar")
    assert re.search(r'<rect class="timeline__fill" x="1.5" y="66.67" width="7.0"', html)


def test_arabic_page_has_translated_month_labels_and_way_back():
    with translation.override("ar"):
        timeline = timeline_build(
            counts={(2021, 4): 1, (2021, 11): 1},
            level="month",
            year=2021,
            link=_link,
            text=django_text(),
        )
    html = _render(timeline, "ar")
    assert '<span class="timeline__name">نوفمبر</span>' in html
    assert 'class="timeline__up"' in html
    assert "timeline--month" in html
