"""The search page's timeline: articles per year of the results, drilling down to months.

Seeds: 000 is dated 2021-11-30, 001 2021-04-22, 003 2020-11-25; 002 and 004 state no date.
"""

import re
from datetime import date
from html import unescape

from django.urls import reverse

from search import views

URL = reverse("search:search")
API = reverse("search:api_search")


def _get(client, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _table(response) -> dict[str, str]:
    """The timeline's hidden table as {period: count}: what a screen reader (or no CSS) reads."""
    html = response.content.decode()
    table = html[html.index('<table class="timeline__table">') :]
    table = table[: table.index("</table>")]
    return dict(re.findall(r'<th scope="row">([^<]*)</th><td>([^<]*)</td>', table))


def _bar_links(response) -> dict:
    """Each linked bar's period (from the chart model) with the href drawn in the page."""
    html = response.content.decode()
    drawn = [unescape(h) for h in re.findall(r'<a class="timeline__bar[^"]*" href="([^"]*)"', html)]
    bars = [bar for bar in response.context["timeline"].bars if bar.href]
    assert [bar.href for bar in bars] == drawn
    return {bar.period: bar.href for bar in bars}


def _follow(client, href: str):
    """Open a link as a browser would from the search page (``?…`` is relative to it)."""
    return client.get(URL + href if href.startswith("?") else href)


def _ids(response) -> set[int]:
    return {hit.article.pk for hit in response.context["results"].hits}


def test_search_page_draws_articles_per_year_of_the_results(client, seeds):
    response = _get(client, {"q": "الارهاب"})
    assert _table(response) == {"2020": "1", "2021": "2"}
    assert set(_bar_links(response)) == {2020, 2021}
    assert 'class="timeline__chart"' in response.content.decode()


def test_year_bars_count_the_whole_result_set_not_the_page(client, seeds, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    response = _get(client, {})
    assert len(response.context["results"].hits) == 1
    assert _table(response) == {"2020": "1", "2021": "2"}


def test_a_year_bar_filters_the_year_and_shows_its_months(client, seeds):
    year_href = _bar_links(_get(client, {"q": "بوتين"}))[2021]
    response = _follow(client, year_href)
    assert response.context["form"].cleaned_data["year"] == 2021
    assert _ids(response) == seeds.ids("000", "001")
    timeline = response.context["timeline"]
    assert timeline.level == "month" and len(timeline.bars) == 12
    counts = {bar.period: bar.count for bar in timeline.bars if bar.count}
    assert counts == {(2021, 4): 1, (2021, 11): 1}
    assert timeline.up_href


def test_a_month_bar_sets_the_months_dates_and_keeps_the_other_months_visible(client, seeds):
    months = _follow(client, _bar_links(_get(client, {"q": "بوتين"}))[2021])
    response = _follow(client, _bar_links(months)[2021, 4])
    cleaned = response.context["form"].cleaned_data
    assert (cleaned["date_from"], cleaned["date_to"]) == (date(2021, 4, 1), date(2021, 4, 30))
    assert _ids(response) == seeds.ids("001")
    bars = {bar.period: bar for bar in response.context["timeline"].bars}
    assert bars[2021, 4].selected and bars[2021, 4].count == 1
    assert bars[2021, 11].count == 1 and bars[2021, 11].href
    assert 'aria-current="true"' in response.content.decode()


def test_the_way_back_up_shows_every_year_again(client, seeds):
    months = _follow(client, _bar_links(_get(client, {"q": "بوتين"}))[2021])
    response = _follow(client, months.context["timeline"].up_href)
    assert response.context["timeline"].level == "year"
    assert _table(response) == {"2020": "1", "2021": "2"}


def test_no_timeline_when_no_result_is_dated(client, seeds):
    response = _get(client, {"q": "title:لافروف"})
    assert response.context["results"].count == 1
    assert "timeline__chart" not in response.content.decode()


def test_the_api_answers_as_before_with_a_year_and_a_month(client, seeds):
    data = client.get(
        API, {"q": "بوتين", "year": 2021, "date_from": "2021-04-01", "date_to": "2021-04-30"}
    ).json()
    fields = {"count", "all_words_count", "page", "num_pages", "page_size", "sort", "messages"}
    fields.update({"entity", "correction", "expanded", "counts", "article_count"})
    assert set(data) == fields | {"results", "facets"}
    assert set(data["facets"]) == {"person", "organization", "place", "source", "year"}
    assert {r["id"] for r in data["results"]} == seeds.ids("001")
    assert data["facets"]["year"] == [{"id": 2021, "name": "2021", "name_en": "2021", "count": 1}]
