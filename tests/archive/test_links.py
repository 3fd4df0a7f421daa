"""Links to a search with some of its parameters changed (facet values, chips, timeline bars)."""

from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict

from archive.links import QueryLinks

QUERIES = [
    "",
    "q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81",
    "q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7&person=3&person=7&page=4&year=2021",
    "page=2&more=place&sort=newest",
]


def _pairs(href: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(href).query)


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize(("key", "only"), [("person", False), ("place", False), ("year", True)])
def test_facet_links_built_per_facet_equal_the_links_built_one_by_one(query, key, only):
    links = QueryLinks(QueryDict(query), "/search/")
    adding = links.adding(key, only=only)
    for value in (3, 7, 12, 2020, 2021):
        drop = [key] if only else [(key, value)]
        assert adding(value) == links.href(drop=drop, add=[(key, value)])


def test_a_link_keeps_the_other_parameters_and_goes_back_to_the_first_page():
    links = QueryLinks(QueryDict("q=روسيا&person=3&person=7&page=4"), "/search/")
    href = links.href(drop=[("person", 3)])
    assert href.startswith("/search/?")
    assert _pairs(href) == [("q", "روسيا"), ("person", "7")]
    assert ("page", "4") in _pairs(links.href(drop=["q"], keep_page=True))


def test_changed_sets_dates_as_the_form_reads_them_and_none_removes():
    links = QueryLinks(QueryDict("q=موسكو&year=2020&date_from=2020-11-01&page=2"))
    href = links.changed({"year": 2021, "date_from": date(2021, 4, 1), "date_to": None})
    assert _pairs(href) == [("q", "موسكو"), ("year", "2021"), ("date_from", "2021-04-01")]


def test_query_is_empty_without_parameters_left():
    assert QueryLinks(QueryDict("page=3&more=place")).query(drop=["more"]) == ""
    assert QueryLinks(QueryDict("q=a b&page=3")).query() == "?q=a+b"
