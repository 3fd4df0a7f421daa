"""A query that names an entity finds its articles whatever script either side uses."""

import pytest
from django.urls import reverse

from archive.models import Entity, EntityAlias
from tests.factories import entity_create
from tests.languages import english

pytestmark = pytest.mark.django_db


def _api(client, **params):
    response = client.get(reverse("search:api_search"), params)
    assert response.status_code == 200
    return response.json()


def _lavrov():
    return Entity.objects.get(name_en="Sergey Lavrov")


@pytest.mark.parametrize("query", ["Lavrov", "Лавров", "لافروف", "lavrov"])
def test_any_script_of_lavrovs_name_finds_the_arabic_articles_about_him(client, seeds, query):
    data = _api(client, q=query)
    assert {hit["id"] for hit in data["results"]} == seeds.ids("003", "004")
    assert data["entity"]["name_en"] == "Sergey Lavrov"


def test_latin_query_highlights_the_arabic_spelling_in_snippets(client, seeds):
    data = _api(client, q="Lavrov")
    # The name as the article writes it, whole: <mark>سيرغي لافروف</mark> or <mark>لافروف</mark>.
    assert all("لافروف</mark>" in hit["snippet"] for hit in data["results"])
    assert "<mark>سيرغي</mark>" not in str(data["results"])


def test_search_page_shows_the_entity_first_with_a_literal_switch(client, seeds):
    response = client.get(english(reverse("search:search")), {"q": "Лавров"})
    html = response.content.decode()
    assert f'data-entity-id="{_lavrov().pk}"' in html
    assert html.index("entity-match") < html.index("results-list")
    assert "literal=1" in html


def test_literal_switch_searches_the_words_only(client, seeds):
    data = _api(client, q="Lavrov", literal="1")
    assert data["entity"] is None
    assert data["count"] == 0


def test_an_ambiguous_short_name_stays_a_word_search(client, seeds):
    salih = entity_create(
        kind=Entity.Kind.PERSON, name="برهم صالح", name_en="Barham Salih", name_ru="Бархам Салих"
    )
    EntityAlias.objects.create(entity=salih, name="صالح", ambiguous=True)
    assert _api(client, q="برهم صالح")["entity"]["name_en"] == "Barham Salih"
    data = _api(client, q="صالح")
    assert data["entity"] is None


def test_a_query_with_more_than_a_name_is_a_text_search(client, seeds):
    data = _api(client, q="Lavrov موسكو")
    assert data["entity"] is None


def test_exports_follow_the_same_widened_query(client, seeds):
    response = client.get(reverse("search:export", kwargs={"fmt": "json"}), {"q": "Lavrov"})
    body = b"".join(response.streaming_content).decode()
    assert "الجعفري يبحث مع لافروف" in body


def test_name_shared_by_two_entities_does_not_pick_one(client, seeds):
    entity_create(
        kind=Entity.Kind.PERSON,
        name="إيغور إيفانوف",
        name_en="Igor Ivanov",
        name_ru="Игорь Иванов",
        aliases=["Ivanovich"],
    )
    entity_create(
        kind=Entity.Kind.PERSON,
        name="سيرغي إيفانوف",
        name_en="Sergei Ivanov",
        name_ru="Сергей Иванов",
        aliases=["Ivanovich"],
    )
    assert _api(client, q="Ivanovich")["entity"] is None
