"""The Atom feed of any search, read with a real feed parser."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from django.urls import reverse

from search.feeds import search_feed_articles
from tests.languages import english

FEED_URL = reverse("search:feed")


def _feed(client, **params):
    response = client.get(FEED_URL, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_search_feed_parses_as_atom_with_the_matching_articles(client, seeds):
    feed = _feed(client, q="الارهاب")
    titles = {entry.title for entry in feed.entries}
    assert titles == {seeds.articles[n].title for n in ("000", "001", "003", "004")}


def test_search_feed_entries_link_to_absolute_permalinks(client, seeds):
    feed = _feed(client, q="لافروف")
    links = {entry.link for entry in feed.entries}
    assert links == {
        f"http://testserver{seeds.articles[n].get_absolute_url()}" for n in ("003", "004")
    }


def test_search_feed_is_newest_first_whatever_the_sort(client, seeds):
    for sort in ("oldest", "relevance", "newest"):
        feed = _feed(client, q="الارهاب", sort=sort)
        dated = [entry.title for entry in feed.entries][:3]
        assert dated == [seeds.articles[n].title for n in ("000", "001", "003")]


def test_search_feed_title_states_the_query_and_the_filters(client, seeds):
    lavrov = seeds.entities["lavrov"].pk
    feed = _feed(client, q="موسكو", person=lavrov, year=2020)
    assert "“موسكو”" in feed.feed.title
    assert "سيرغي لافروف" in feed.feed.title
    assert "2020" in feed.feed.title
    assert [entry.title for entry in feed.entries] == [seeds.articles["003"].title]


def test_search_feed_links_back_to_the_search_page_newest_first(client, seeds):
    feed = _feed(client, q="لافروف", page=2, sort="oldest")
    link = urlsplit(feed.feed.link)
    assert (link.scheme, link.netloc, link.path) == ("http", "testserver", "/search/")
    assert parse_qs(link.query) == {"q": ["لافروف"], "sort": ["newest"]}


def test_search_feed_names_itself_with_its_parameters(client, seeds):
    feed = _feed(client, q="لافروف", page=3, sort="oldest")
    (self_link,) = [link.href for link in feed.feed.links if link.rel == "self"]
    link = urlsplit(self_link)
    assert (link.scheme, link.netloc, link.path) == ("http", "testserver", FEED_URL)
    assert parse_qs(link.query) == {"q": ["لافروف"]}


def test_search_feed_keeps_only_the_newest_articles(seeds):
    newest = search_feed_articles(params={}, limit=2)
    assert [article.pk for article in newest] == [
        seeds.articles["000"].pk,
        seeds.articles["001"].pk,
    ]


def test_search_page_head_links_the_feed_of_the_current_search(client, seeds):
    moscow = seeds.entities["moscow"].pk
    response = client.get(reverse("search:search"), {"q": "لافروف", "place": moscow, "page": 1})
    html = response.content.decode()
    (href,) = re.findall(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]*)"', html
    )
    href = unescape(href)
    assert urlsplit(href).path == FEED_URL
    assert parse_qs(urlsplit(href).query) == {"q": ["لافروف"], "place": [str(moscow)]}
    feed = feedparser.parse(client.get(href).content)
    assert {entry.title for entry in feed.entries} == {
        seeds.articles["003"].title,
        seeds.articles["004"].title,
    }


def test_feed_of_a_search_without_results_is_a_valid_empty_feed(client, seeds):
    feed = _feed(client, q="زرافةٌ")
    assert feed.entries == []


@pytest.mark.parametrize(
    "params",
    [{"person": "abc"}, {"place": "999999"}, {"date_to": "غدا"}, {"year": "99999"}],
)
def test_a_filter_that_fails_gives_a_clear_400_not_a_500(client, seeds, params):
    response = client.get(english(FEED_URL), params)
    assert response.status_code == 400
    assert "This feed cannot be built" in response.content.decode()


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"sort": "best"}, {"q": '"لافروف'}, {"q": "NOT"}]
)
def test_page_state_and_odd_queries_still_give_a_feed(client, seeds, params):
    _feed(client, **params)


def test_a_very_long_query_gives_a_feed_with_a_shortened_title(client, seeds):
    feed = _feed(client, q="لافروف " * 2000)
    assert "لافروف" in feed.feed.title
    assert len(feed.feed.title) < 300
    assert {entry.title for entry in feed.entries} == {
        seeds.articles["003"].title,
        seeds.articles["004"].title,
    }
