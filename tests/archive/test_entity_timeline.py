"""The entity page's timeline: its published articles per year, month or day as their span asks,
each bar a filtered search."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from haystack import connections

from archive.models import Article, Entity, Mention
from tests.factories import article_create, entity_create
from tests.languages import english
from tests.search.conftest import seeds_create


@pytest.fixture
def indexed_seeds(db):
    backend = connections["default"].get_backend()
    backend.clear()
    created = seeds_create()
    index = connections["default"].get_unified_index().get_index(Article)
    backend.update(index, index.index_queryset())
    yield created
    backend.clear()


def _table(html: str) -> dict[str, str]:
    table = html[html.index('<table class="timeline__table">') :]
    table = table[: table.index("</table>")]
    return dict(re.findall(r'<th scope="row">([^<]*)</th><td>([^<]*)</td>', table))


def _bar_hrefs(response) -> dict[int, str]:
    html = response.content.decode()
    drawn = [unescape(h) for h in re.findall(r'<a class="timeline__bar[^"]*" href="([^"]*)"', html)]
    bars = [bar for bar in response.context["timeline"].bars if bar.href]
    assert [bar.href for bar in bars] == drawn
    return {bar.period: bar.href for bar in bars}


def _counted(html: str) -> dict[str, str]:
    """The table's periods that hold articles."""
    return {period: count for period, count in _table(html).items() if count != "0"}


def test_entity_page_draws_its_articles_per_month_over_a_span_of_a_year(client, indexed_seeds):
    putin = indexed_seeds.entities["putin"]
    response = client.get(english(putin.get_absolute_url()))
    html = response.content.decode()
    assert 'class="timeline__chart"' in html
    assert "css/timeline" in html
    assert response.context["timeline"].level == "month"
    # November 2020 to November 2021: thirteen months, the empty ones drawn too.
    assert len(_table(html)) == 13
    assert _counted(html) == {"November 2020": "1", "April 2021": "1", "November 2021": "1"}


def test_an_entity_named_over_many_years_is_charted_by_year(client, db):
    lavrov = entity_create(name="سيرغي لافروف", name_en="Sergey Lavrov")
    for published_on in (date(2012, 3, 1), date(2019, 6, 1), date(2019, 7, 1)):
        article = article_create(published_on=published_on)
        Mention.objects.create(article=article, entity=lavrov, count=1)
    response = client.get(lavrov.get_absolute_url())
    assert response.context["timeline"].level == "year"
    assert _counted(response.content.decode()) == {"2012": "1", "2019": "2"}


def test_a_month_bar_opens_the_search_filtered_by_the_entity_and_the_month(client, indexed_seeds):
    kazimi = indexed_seeds.entities["kazimi"]
    href = _bar_hrefs(client.get(kazimi.get_absolute_url()))[2021, 4]
    assert href.startswith(reverse("search:search") + "?")
    results = client.get(href)
    cleaned = results.context["form"].cleaned_data
    assert cleaned["person"] == [kazimi.pk] and cleaned["year"] == 2021
    assert (cleaned["date_from"], cleaned["date_to"]) == (date(2021, 4, 1), date(2021, 4, 30))
    found = {hit.article.pk for hit in results.context["results"].hits}
    assert found == indexed_seeds.ids("001")


def test_a_place_timeline_filters_by_the_place_parameter(client, indexed_seeds):
    moscow = indexed_seeds.entities["moscow"]
    href = _bar_hrefs(client.get(moscow.get_absolute_url()))[2020, 11]
    assert f"place={moscow.pk}" in href and "date_from=2020-11-01" in href


def test_drafts_and_undated_articles_are_not_counted(client, db):
    lavrov = entity_create(name="سيرغي لافروف", name_en="Sergey Lavrov")
    for published_on, status in (
        (date(2019, 3, 1), Article.Status.PUBLISHED),
        (date(2019, 8, 1), Article.Status.DRAFT),
        (None, Article.Status.PUBLISHED),
    ):
        article = article_create(published_on=published_on, status=status)
        Mention.objects.create(article=article, entity=lavrov, count=1)
    response = client.get(lavrov.get_absolute_url())
    # The draft's August would widen the span to months: one published day is drawn by day.
    assert response.context["timeline"].level == "day"
    assert _counted(response.content.decode()) == {"1 مارس 2019": "1"}


def test_an_entity_without_dated_articles_has_no_timeline(client, db):
    place = entity_create(kind=Entity.Kind.PLACE, name="البصرة", name_en="Basra", name_ru="")
    html = client.get(place.get_absolute_url()).content.decode()
    assert "timeline__chart" not in html
