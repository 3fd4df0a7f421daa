"""A date filter of up to two months, and an entity named over a few weeks, are charted by day."""

import re

import pytest
from django.db.models import Max, Min
from playwright.sync_api import expect

from archive.models import Article, Entity
from archive.timeline import day_span

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# The seeds are dated 25 November 2020, 22 April 2021 and 30 November 2021.
TWO_MONTHS = "/search/?date_from=2020-11-01&date_to=2020-12-31"
DAYS_IN_RANGE = 61
DAYS_OF_NOVEMBER = 30
# The axis names a month where it starts, in the interface's language.
MONTH_LABELS = {"ar": ("نوفمبر", "ديسمبر"), "en": ("Nov", "Dec")}

# Whether any two visible axis labels overlap (a label wider than its share of the axis).
LABELS_OVERLAP = """(figure) => {
  const boxes = [...figure.querySelectorAll('.timeline__axis li span')]
    .filter((s) => getComputedStyle(s).display !== 'none' && s.textContent.trim())
    .map((s) => s.getBoundingClientRect())
    .sort((a, b) => a.left - b.left);
  return boxes.some((box, i) => i > 0 && box.left < boxes[i - 1].right);
}"""


def _chart(view):
    return view.page.locator("figure.timeline")


def test_a_two_month_filter_draws_day_bars_and_a_bar_opens_its_day(view):
    view.open(TWO_MONTHS)
    view.shot("search-timeline-days")

    chart = _chart(view)
    expect(chart).to_have_class(re.compile(r"\btimeline--day\b"))
    expect(chart.locator(".timeline__table tbody tr")).to_have_count(DAYS_IN_RANGE)
    axis = chart.locator(".timeline__axis").inner_text()
    assert all(month in axis for month in MONTH_LABELS[view.language]), axis
    assert not chart.evaluate(LABELS_OVERLAP), "axis labels overlap"
    bar = chart.locator("a.timeline__bar")
    expect(bar).to_have_count(1)  # 25 November 2020
    view.check()

    with view.page.expect_navigation():
        bar.click()
    view.shot("search-timeline-day-chosen")
    chart = _chart(view)
    expect(chart.locator(".timeline__table tbody tr")).to_have_count(DAYS_OF_NOVEMBER)
    expect(chart.locator("a.timeline__bar[aria-current='true']")).to_have_count(1)
    expect(view.page.locator(".results-list > li")).to_have_count(1)
    view.check()


def _entity_named_over_a_few_weeks() -> Entity | None:
    """An active entity whose dated published articles all fall within two months."""
    published = Article.objects.published().filter(published_on__isnull=False)
    spans = (
        Entity.objects.active()
        .filter(mentions__article__in=published)
        .annotate(
            first=Min("mentions__article__published_on"),
            last=Max("mentions__article__published_on"),
        )
        .order_by("pk")
    )
    return next((e for e in spans if day_span(e.first, e.last)), None)


def test_an_entity_named_over_a_few_weeks_is_charted_by_day(view):
    entity = _entity_named_over_a_few_weeks()
    assert entity is not None, "the seeds need an entity named only within two months"
    view.open(entity.get_absolute_url())
    view.shot("entity-timeline-days")

    chart = _chart(view)
    expect(chart).to_have_class(re.compile(r"\btimeline--day\b"))
    assert not chart.evaluate(LABELS_OVERLAP), "axis labels overlap"
    bars = chart.locator("a.timeline__bar")
    assert bars.count() >= 1
    view.check()

    with view.page.expect_navigation():
        bars.first.click()
    expect(_chart(view)).to_have_class(re.compile(r"\btimeline--day\b"))
    assert view.page.locator(".results-list > li").count() >= 1


def test_results_of_one_year_are_charted_by_month_with_nothing_to_go_up_to(view):
    view.open("/search/?q=لافروف")  # seed 003, 25 November 2020, and the undated seed 004
    view.shot("search-timeline-one-year")

    chart = _chart(view)
    expect(chart).to_have_class(re.compile(r"\btimeline--month\b"))
    expect(chart.locator(".timeline__table tbody tr")).to_have_count(12)
    expect(chart.locator(".timeline__up")).to_have_count(0)
    expect(chart.locator(".timeline__undated")).to_have_count(1)
    assert not chart.evaluate(LABELS_OVERLAP), "axis labels overlap"
    view.check()

    with view.page.expect_navigation():
        chart.locator("a.timeline__bar").click()
    expect(view.page.locator(".results-list > li")).to_have_count(1)
    expect(_chart(view).locator("a.timeline__bar[aria-current='true']")).to_have_count(1)
