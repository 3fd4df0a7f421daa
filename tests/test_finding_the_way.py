"""Finding the way: the entity index linked from every page, the collection on the home page,
pagination with first, last and nearby pages, and ways on from a search that found nothing."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from archive.models import Entity
from archive.selectors import collection_summary
from archive.services.entities import entity_names_sync
from search.no_results import fewer_words, resembling_entities
from tests.factories import article_create, entity_create, source_create
from tests.languages import english

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _named(entity):
    """The entity with its alias rows, as the authority file and the admin keep them."""
    entity_names_sync(entity=entity)
    return entity


def _mention(article, *entities):
    for entity in entities:
        article.mentions.create(entity=entity)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_page_links_to_the_entity_index_in_header_and_footer(client, language):
    home = reverse("archive:home")
    html = client.get(english(home) if language == "en" else home).content.decode()
    index = reverse("archive:entity_index")
    index = english(index) if language == "en" else index
    header = html[html.index('class="site-header"') : html.index("</header>")]
    footer = html[html.index('class="site-footer"') :]
    assert f'href="{index}"' in header
    assert f'href="{index}"' in footer


def test_the_home_page_shows_the_collection(client):
    tass, elaph = source_create(name="تاس", name_en="TASS"), source_create(name="إيلاف")
    lavrov = entity_create()
    baghdad = entity_create(kind=Entity.Kind.PLACE, name="بغداد", name_en="Baghdad", name_ru="")
    for day, source in ((date(2015, 3, 1), tass), (date(2021, 5, 2), elaph), (None, tass)):
        _mention(article_create(published_on=day, source=source), lavrov, baghdad)
    html = client.get(english(reverse("archive:home"))).content.decode()
    stats = dict(re.findall(r"<dt>([^<]+)</dt><dd>(?:<bdi[^>]*>)?([^<]+)", html))
    assert stats == {
        "Articles": "3",
        "Outlets": "2",
        "Years covered": "2015–2021",
        "Without a date": "1",
    }
    top = html[html.index('id="collection-heading"') :]
    assert top.index("People") < top.index("Sergey Lavrov") < top.index("Places")
    assert top.index("Places") < top.index("Baghdad")
    assert f'href="{english(lavrov.get_absolute_url())}"' in top


def test_the_collection_is_counted_once_until_an_article_is_published(
    django_assert_num_queries,
):
    article_create()
    first = collection_summary()
    with django_assert_num_queries(1):  # the stamp: how many are published, the newest id
        assert collection_summary() == first
    article_create(published_on=None)
    assert collection_summary().articles == 2
    assert collection_summary().undated == 1


def test_pagination_shows_the_first_last_and_nearby_pages():
    page = Paginator(range(220), 20).get_page(6)
    request = RequestFactory().get("/search/", {"q": "روسيا", "page": 6})
    html = render_to_string("includes/pagination.html", {"page": page}, request=request)
    numbers = re.findall(r">(\d+|…)</(?:a|span)>|>(…)</li>", html)
    shown = [a or b for a, b in numbers]
    assert shown == ["1", "…", "4", "5", "6", "7", "8", "…", "11"]
    assert 'href="?q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7&amp;page=11"' in html
    assert 'aria-current="page"' in html


def test_a_query_is_offered_with_each_of_its_words_left_out():
    assert fewer_words("روسيا العراق نفط") == ["العراق نفط", "روسيا نفط", "روسيا العراق"]
    assert fewer_words("روسيا") == []
    assert fewer_words('"روسيا العراق"') == []


@pytest.mark.parametrize("typed", ["لافرف", "Lavrof", "لافروف زنجبيل"])
def test_names_that_resemble_a_query_are_offered(typed):
    lavrov = _named(entity_create(aliases=("لافروف", "Lavrov")))
    _named(entity_create(name="فلاديمير بوتين", name_en="Vladimir Putin", name_ru=""))
    assert resembling_entities(typed) == [lavrov]


def test_a_search_that_finds_nothing_offers_ways_on(client, search_index):
    lavrov = _named(entity_create(aliases=("لافروف",)))
    response = client.get(
        english(reverse("search:search")), {"q": "لافروف زنجبيلستان", "person": lavrov.pk}
    )
    assert response.context["results"].count == 0
    html = response.content.decode()
    ways = html[html.index('class="no-results-ways"') :]
    assert "Try fewer words" in ways and "زنجبيلستان</bdi>" in ways
    assert "Names that resemble your search" in ways
    assert f'href="{english(lavrov.get_absolute_url())}"' in ways
    assert "Without People:" in ways


def test_the_help_page_gives_each_example_its_own_direction_and_documents_the_wildcard(client):
    html = client.get(english(reverse("search:help"))).content.decode()
    assert (
        '<li><code dir="rtl">روسيا -داعش</code></li><li><code dir="rtl">روسيا NOT داعش</code>'
        in html
    )
    assert '<code dir="ltr">title:لافروف</code>' in html
    assert '<code dir="rtl">روس*</code>' in html
    assert "words that begin with these letters" in html
    assert '<bdi lang="ar" dir="rtl">روسيا، الروسية، روسي</bdi>' in html


@pytest.fixture
def search_index():
    from haystack import connections

    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()
