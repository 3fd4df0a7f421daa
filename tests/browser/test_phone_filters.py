"""The filters on a phone: a button at the top of the results opens the date range and the
facets; the chips of the active filters stay above the results. On a wide screen the
filters are a sidebar, shown without a click."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from archive.models import Entity
from tests.browser.pages import CHIPS, RESULTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

TOGGLE = ".search-filters-toggle"


def _top(view, selector: str) -> float:
    return view.page.locator(selector).first.bounding_box()["y"]


def test_filters_open_from_a_button_above_the_results_on_a_phone(view):
    kadhimi = Entity.objects.get(kind=Entity.Kind.PERSON, name_en="Mustafa al-Kadhimi")
    view.open(f"/search/?q={quote('الارهاب')}&person={kadhimi.pk}")
    expect(view.page.locator(CHIPS)).to_have_count(1)
    assert _top(view, CHIPS) < _top(view, RESULTS)
    facets = view.page.locator(".search-facets")
    dates = view.page.locator(".search-filters input[name='date_from']")

    if not view.phone:
        expect(view.page.locator(TOGGLE)).to_be_hidden()
        expect(facets).to_be_visible()
        expect(dates).to_be_visible()
        view.shot("search-filters")
        view.check()
        return

    expect(facets).to_be_hidden()
    toggle = view.page.locator(TOGGLE)
    expect(toggle).to_be_visible()
    assert _top(view, TOGGLE) < _top(view, RESULTS)
    assert _top(view, TOGGLE) < view.page.viewport_size["height"], "the button is off screen"
    view.shot("search-filters-closed")
    view.check()

    toggle.click()
    expect(facets).to_be_visible()
    expect(dates).to_be_visible()
    expect(view.page.locator(".facet-person .facet-values a").first).to_be_visible()
    assert _top(view, ".search-facets") < _top(view, RESULTS)
    view.shot("search-filters-open")

    # The date range belongs to the search form: applying it keeps the words and the filter.
    dates.fill("2020-01-01")
    with view.page.expect_navigation():
        view.page.locator(".search-dates-fields button").click()
    assert "date_from=2020-01-01" in view.page.url
    assert f"person={kadhimi.pk}" in view.page.url
    expect(view.page.locator("#search-q")).to_have_value("الارهاب")
