"""“Did you mean”: a query with no or few hits offers a corrected query built on the index.

A plain query with no hits at all shows its correction's results at once
(``test_zero_results.py``); searched as typed (``literal``) it offers the correction.
"""

import re
from html import unescape

import pytest
from django.urls import reverse

URL = reverse("search:search")


def _suggestion_link(response) -> tuple[str, str] | None:
    """(href, text) of the suggestion link, or None when the page offers none."""
    html = response.content.decode()
    found = re.search(r'<p class="search-suggestion">.*?<a href="([^"]*)">([^<]*)</a>', html, re.S)
    return (unescape(found.group(1)), unescape(found.group(2))) if found else None


@pytest.mark.parametrize(
    ("typed", "corrected", "articles"),
    [
        ("موسكوا", "موسكو", ("000", "002", "003", "004")),
        ("لافرف", "لافروف", ("003", "004")),
    ],
)
def test_a_misspelled_query_searched_as_typed_offers_a_correction_that_finds_articles(
    client, seeds, typed, corrected, articles
):
    response = client.get(URL, {"q": typed, "literal": 1})
    assert response.context["results"].count == 0
    href, text = _suggestion_link(response)
    assert text == corrected
    followed = client.get(href)
    assert followed.context["form"].cleaned_data["q"] == corrected
    assert followed.context["form"].cleaned_data["literal"] is False
    found = {hit.article.pk for hit in followed.context["results"].hits}
    assert seeds.ids(*articles) <= found
    assert _suggestion_link(followed) is None


def test_a_correction_keeps_the_other_filters_and_returns_to_page_one(client, seeds):
    baghdad = seeds.entities["baghdad"].pk
    response = client.get(URL, {"q": "موسكوا", "place": baghdad, "page": 3, "literal": 1})
    href, _text = _suggestion_link(response)
    followed = client.get(href)
    assert followed.context["form"].cleaned_data["place"] == [baghdad]
    assert followed.context["results"].page == 1
    assert followed.context["results"].count == 4


def test_a_query_that_finds_articles_offers_no_correction(client, seeds):
    response = client.get(URL, {"q": "موسكو"})
    assert response.context["results"].count >= 3
    assert _suggestion_link(response) is None
    assert "search-suggestion" not in response.content.decode()


def test_an_empty_query_offers_no_correction(client, seeds):
    assert _suggestion_link(client.get(URL, {})) is None
