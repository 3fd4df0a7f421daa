"""The researchers' search page over the five seed articles."""

import re
from html import unescape

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from haystack import connections

from archive.links import QueryLinks
from archive.models import Article, Entity, Mention
from search import selectors
from search.selectors import Facet, FacetValue
from search.templatetags.search_tags import facet_values
from tests.factories import article_create, entity_create
from tests.languages import english
from tests.search.conftest import seed_title_body

URL = reverse("search:search")


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _ids(response) -> list[int]:
    return [hit.article.pk for hit in response.context["results"].hits]


def _facet(response, name) -> dict[int, int]:
    return {value.id: value.count for value in response.context["results"].facets[name].values}


def _hrefs(response) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', response.content.decode())]


def _open(client, href: str):
    """Open a link as a browser would from the search page (``?…`` is relative to it)."""
    href = unescape(href)
    return client.get(URL + href if href.startswith("?") else href)


def _follow_link(client, response, text_after: str):
    """Follow the link whose visible text contains ``text_after``."""
    html = response.content.decode()
    for href, inner in re.findall(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', html, flags=re.S):
        if text_after in inner:
            return _open(client, href)
    raise AssertionError(f"no link with {text_after!r}")


def test_query_without_hamza_finds_the_articles_that_write_it_with_hamza(client, seeds):
    response = _get(client, q="الارهاب")
    assert set(_ids(response)) == seeds.ids("000", "001", "003", "004")
    assert response.context["results"].count == 4


def test_exact_phrase_finds_the_articles_with_the_phrase(client, seeds):
    response = _get(client, q='"اللجنة العراقية الروسية المشتركة"')
    assert set(_ids(response)) == seeds.ids("000", "001", "002")


def test_phrase_with_the_words_in_another_order_is_not_found(client, seeds):
    assert _ids(_get(client, q='"اللجنة الروسية العراقية المشتركة"')) == []
    # The same words without quotes are found, in any order.
    assert set(_ids(_get(client, q="اللجنة الروسية العراقية المشتركة"))) >= seeds.ids(
        "000", "001", "002"
    )


def test_highlights_mark_the_spelling_the_article_uses(client, seeds):
    content = _get(client, q="الارهاب").content.decode()
    assert "<mark>الإرهاب</mark>" in content


def test_title_search_finds_only_titles_with_the_word(client, seeds):
    assert _ids(_get(client, q="title:لافروف")) == [seeds.articles["004"].pk]
    assert set(_ids(_get(client, q="لافروف"))) == seeds.ids("003", "004")


def test_or_and_not_in_the_query(client, seeds):
    assert set(_ids(_get(client, q="الجعفري OR داعش"))) == seeds.ids("000", "003", "004")
    assert set(_ids(_get(client, q="لافروف -الجعفري"))) == seeds.ids("003")


def test_facet_click_narrows_to_the_count_the_facet_showed(client, seeds):
    response = _get(client, q="الارهاب")
    lavrov = seeds.entities["lavrov"]
    shown = _facet(response, Entity.Kind.PERSON)[lavrov.pk]
    assert shown == 2
    narrowed = _follow_link(client, response, lavrov.name)
    assert narrowed.status_code == 200
    assert narrowed.context["results"].count == shown
    assert set(_ids(narrowed)) == seeds.ids("003", "004")
    # The other facets now count within the narrowed results.
    assert _facet(narrowed, Entity.Kind.PLACE)[seeds.entities["moscow"].pk] == 2
    assert _facet(narrowed, "source") == {seeds.sources["tass"].pk: 1}


def test_facet_counts_cover_the_whole_result_set(client, seeds):
    response = _get(client)
    assert _facet(response, Entity.Kind.PLACE) == {
        seeds.entities["baghdad"].pk: 5,
        seeds.entities["moscow"].pk: 4,
    }
    assert _facet(response, "year") == {2021: 2, 2020: 1}
    assert _facet(response, "source") == {seeds.sources["elaph"].pk: 2, seeds.sources["tass"].pk: 1}


def test_people_of_one_kind_combine_with_or(client, seeds):
    kazimi, jaafari = seeds.entities["kazimi"], seeds.entities["jaafari"]
    response = _get(client, person=[kazimi.pk, jaafari.pk])
    assert set(_ids(response)) == seeds.ids("000", "001", "002", "003", "004")
    # The person facet still offers the other people with their own counts.
    assert _facet(response, Entity.Kind.PERSON)[seeds.entities["lavrov"].pk] == 2


def test_filters_of_different_kinds_combine_with_and(client, seeds):
    kazimi, moscow = seeds.entities["kazimi"], seeds.entities["moscow"]
    response = _get(client, person=kazimi.pk, place=moscow.pk)
    assert set(_ids(response)) == seeds.ids("000", "002", "003")


def test_active_filters_are_chips_that_each_remove_one_filter(client, seeds):
    kazimi, lavrov = seeds.entities["kazimi"], seeds.entities["lavrov"]
    response = _get(client, q="الارهاب", person=[kazimi.pk, lavrov.pk], year=2020)
    content = response.content.decode()
    assert 'class="chip"' in content
    assert kazimi.name in content and lavrov.name in content
    without_lavrov = _follow_link(client, response, "×")  # the first chip: Kazimi
    assert set(_ids(without_lavrov)) == seeds.ids("003")
    assert without_lavrov.context["form"].cleaned_data["person"] == [lavrov.pk]
    assert without_lavrov.context["form"].cleaned_data["year"] == 2020
    assert without_lavrov.context["form"].cleaned_data["q"] == "الارهاب"


def test_removing_the_last_filter_returns_to_all_results(client, seeds):
    response = _get(client, person=seeds.entities["jaafari"].pk)
    assert _ids(response) == [seeds.articles["004"].pk]
    back = _follow_link(client, response, "×")
    assert back.context["results"].count == 5


def test_empty_query_browses_everything_newest_first_with_undated_last(client, seeds):
    response = _get(client)
    assert _ids(response) == [seeds.articles[n].pk for n in ("000", "001", "003")] + sorted(
        seeds.ids("002", "004"), reverse=True
    )
    assert response.context["results"].sort == "newest"
    assert _facet(response, Entity.Kind.PERSON)


def test_sort_oldest_and_newest(client, seeds):
    oldest = _ids(_get(client, q="الارهاب", sort="oldest"))
    assert oldest[:3] == [seeds.articles[n].pk for n in ("003", "001", "000")]
    assert oldest[3] == seeds.articles["004"].pk  # undated last
    newest = _ids(_get(client, q="الارهاب", sort="newest"))
    assert newest[:3] == [seeds.articles[n].pk for n in ("000", "001", "003")]


def test_relevance_ranks_the_article_with_the_word_in_its_title_first(client, seeds):
    assert _ids(_get(client, q="لافروف"))[0] == seeds.articles["004"].pk


def test_date_range_and_year(client, seeds):
    assert set(_ids(_get(client, date_from="2021-01-01"))) == seeds.ids("000", "001")
    assert set(_ids(_get(client, date_to="2020-12-31"))) == seeds.ids("003")
    assert set(_ids(_get(client, date_from="2021-04-22", date_to="2021-04-22"))) == seeds.ids("001")
    assert set(_ids(_get(client, year=2021))) == seeds.ids("000", "001")


def test_source_filter(client, seeds):
    response = _get(client, source=seeds.sources["elaph"].pk)
    assert set(_ids(response)) == seeds.ids("000", "002")


def test_result_shows_title_link_date_source_and_snippet(client, seeds):
    response = _get(client, q="لافروف", sort="newest")
    content = response.content.decode()
    article = seeds.articles["003"]
    # The permalink, carrying the words to mark on the article page.
    assert f"{article.get_absolute_url()}?hl=لافروف" in [h.split("+")[0] for h in _hrefs(response)]
    assert 'datetime="2020-11-25"' in content
    assert "تاس" in content
    assert "<mark>لافروف</mark>" in content


def test_result_date_and_source_read_in_the_readers_language(client, seeds):
    arabic = client.get(URL, {"q": "لافروف"}, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    in_english = client.get(english(URL), {"q": "لافروف"}).content.decode()
    assert '<time datetime="2020-11-25">25 نوفمبر 2020</time>' in arabic
    assert '<span class="source">تاس</span>' in arabic
    assert '<time datetime="2020-11-25">25 November 2020</time>' in in_english
    assert '<span class="source">TASS</span>' in in_english


def test_more_link_shows_every_value_of_a_facet(client, seeds):
    article = seeds.articles["002"]
    names = [
        "البصرة",
        "أربيل",
        "الموصل",
        "كركوك",
        "النجف",
        "كربلاء",
        "سامراء",
        "الفلوجة",
        "الرمادي",
        "تكريت",
        "دهوك",
        "السليمانية",
    ]
    for name in names:
        place = entity_create(kind=Entity.Kind.PLACE, name=name, name_en="", name_ru="")
        Mention.objects.create(article=article, entity=place, count=1)
    index = connections["default"].get_unified_index().get_index(Article)
    connections["default"].get_backend().update(index, index.index_queryset())
    response = _get(client)
    places = response.context["results"].facets[Entity.Kind.PLACE]
    assert len(places.values) == 10 and places.truncated and places.total == 14
    expanded = _follow_link(client, response, "14")
    assert len(expanded.context["results"].facets[Entity.Kind.PLACE].values) == 14
    # Names are read for the values shown only: a place past the first ten is never read,
    # unless it is selected, when it stays shown.
    with CaptureQueriesContext(connection) as queries:
        _get(client)
    shown = {value.id for value in places.values}
    hidden = {e.pk for e in Entity.objects.filter(name__in=names)} - shown
    assert len(hidden) == 4
    read = set()
    for query in queries:
        if 'FROM "archive_entity"' in query["sql"] and " IN (" in query["sql"]:
            read |= {int(pk) for pk in re.findall(r"\d+", query["sql"].split(" IN (")[1])}
    assert shown <= read and not hidden & read
    chosen = min(hidden)
    selected = client.get(reverse("search:search"), {"q": "", "place": chosen})
    kept = selected.context["results"].facets[Entity.Kind.PLACE].values
    assert chosen in {value.id for value in kept if value.selected}


def test_an_expanded_facet_shows_its_most_frequent_values_up_to_a_bound(client, seeds, monkeypatch):
    monkeypatch.setattr(selectors, "FACET_EXPANDED_LIMIT", 3)
    article = seeds.articles["002"]
    for name in ("البصرة", "أربيل", "الموصل", "كركوك", "النجف"):
        place = entity_create(kind=Entity.Kind.PLACE, name=name, name_en="", name_ru="")
        Mention.objects.create(article=article, entity=place, count=1)
    index = connections["default"].get_unified_index().get_index(Article)
    connections["default"].get_backend().update(index, index.index_queryset())
    response = client.get(english(reverse("search:search")), {"q": "", "more": "place"})
    places = response.context["results"].facets[Entity.Kind.PLACE]
    assert len(places.values) == 3 and places.truncated and places.total >= 5
    html = unescape(response.content.decode())
    assert f"The 3 most frequent of {places.total} are shown" in html


def test_pagination_and_a_page_beyond_the_last(client, seeds):
    title, body = seed_title_body("004")
    index = connections["default"].get_unified_index().get_index(Article)
    extra = [
        article_create(title=f"{title} {n}", body=f"{body}\nنسخة {n}", published_on=None)
        for n in range(20)
    ]
    connections["default"].get_backend().update(index, extra)
    first = _get(client, q="لافروف")
    assert first.context["results"].count == 22
    assert len(_ids(first)) == 20
    [next_href] = re.findall(r'<a rel="next" href="([^"]*)"', first.content.decode())
    second = _open(client, next_href)
    assert len(_ids(second)) == 2
    assert set(_ids(first)).isdisjoint(_ids(second))
    beyond = _get(client, q="لافروف", page=999999)
    assert _ids(beyond) == _ids(second)
    assert "999999" in beyond.content.decode()  # the notice names the page asked for


BAD_INPUT = [
    {"date_from": "2021-13-45"},
    {"date_to": "not a date"},
    {"date_from": "2022-01-01", "date_to": "2021-01-01"},
    {"page": "abc"},
    {"page": "0"},
    {"page": "-3"},
    {"page": "9" * 40},
    {"person": "999999"},
    {"person": "abc"},
    {"organization": "1e9"},
    {"place": ["1", "1", "x"]},
    {"source": "999999"},
    {"year": "99999"},
    {"year": "٢٠٢١"},
    {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    {"year": "2020", "date_from": "2021-01-01"},
    {"sort": "bogus"},
    {"more": "everything"},
    {"unknown": "1", "utm_source": "x"},
    {"q": '"اللجنة العراقية'},
    {"q": "OR"},
    {"q": "NOT"},
    {"q": ")))((("},
    {"q": "title:"},
    {"q": "*:*"},
    {"q": "الكاظمي " * 2000},
    {"q": "\x00\ufffe\u202e روسيا"},
    {"q": "<script>alert(1)</script>"},
]


@pytest.mark.parametrize("params", BAD_INPUT, ids=lambda p: repr(p)[:40])
def test_bad_input_gives_results_or_a_clear_message_never_an_error(client, seeds, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    # The page is whole: the search box and the results' heading are there.
    assert 'class="search-form"' in content and 'id="results-heading"' in content


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"date_from": "2021-13-45"}, "From"),
        ({"person": "999999"}, "999999"),
        ({"source": "999999"}, "999999"),
        ({"page": "abc"}, "Page"),
        ({"q": "في"}, "searchable"),
        ({"q": "الكاظمي " * 2000}, "1000"),
    ],
)
def test_ignored_input_is_explained(client, seeds, params, needle):
    response = client.get(english(URL), params)
    notices = " ".join(response.context["notices"])
    assert needle in notices


def test_a_filter_that_does_not_exist_is_ignored_and_the_rest_applies(client, seeds):
    response = _get(client, q="لافروف", person=[seeds.entities["jaafari"].pk, 999999])
    # The whole person parameter was invalid, so it is dropped; the query still runs.
    assert set(_ids(response)) == seeds.ids("003", "004")
    assert response.context["notices"]


def test_help_page_explains_the_syntax(client, db):
    response = client.get(reverse("search:help"))
    assert response.status_code == 200
    content = response.content.decode()
    for example in ('"اللجنة العراقية الروسية المشتركة"', "OR", "-داعش", "title:"):
        assert example in content


def _year_values(query: str) -> str:
    year = Facet(name="year", values=[FacetValue(2021, "2021", "2021", count=12345)], total=1)
    return facet_values("year", year, QueryLinks(QueryDict(query), URL))


def test_facet_counts_are_grouped_in_the_language_of_each_page():
    shown = {}
    for language in ("en", "ar", "en"):
        with translation.override(language):
            shown.setdefault(language, []).append(_year_values("q=روسيا"))
    assert '<span class="count">12,345</span>' in shown["en"][0]
    # Django's Arabic formats do not group digits; the English grouping must not leak in.
    assert '<span class="count">12345</span>' in shown["ar"][0]
    assert shown["en"][1] == shown["en"][0]


def test_facet_counts_follow_a_change_of_the_sites_number_grouping(settings):
    with translation.override("ar"):
        assert '<span class="count">12345</span>' in _year_values("")
        # Django's Arabic formats leave the grouping to the site's settings.
        settings.NUMBER_GROUPING = 3
        grouped = _year_values("")
    assert re.search(r'<span class="count">12\D345</span>', grouped)
