"""The JSON API: search with the page's parameters, and entity autocompletion in any script."""

import pytest
from django.urls import reverse

from archive.models import Entity

SEARCH = reverse("search:api_search")
ENTITIES = reverse("search:api_entities")


def _json(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def test_search_answers_count_page_results_and_facets(client, seeds):
    status, data = _json(client, SEARCH, q="الارهاب")
    assert status == 200
    assert data["count"] == 4 and data["page"] == 1
    assert {r["id"] for r in data["results"]} == seeds.ids("000", "001", "003", "004")
    assert set(data["facets"]) == {"person", "organization", "place", "source", "year"}
    result = next(r for r in data["results"] if r["id"] == seeds.articles["003"].pk)
    assert set(result) >= {"id", "title", "url", "published_on", "source", "snippet"}
    assert result["url"] == seeds.articles["003"].get_absolute_url()
    assert result["published_on"] == "2020-11-25"
    assert result["source"] == {"id": seeds.sources["tass"].pk, "name": "تاس", "name_en": "TASS"}
    assert "<mark>الإرهاب</mark>" in result["snippet"]


def test_facet_values_carry_id_names_and_count(client, seeds):
    _status, data = _json(client, SEARCH, q="لافروف")
    lavrov = seeds.entities["lavrov"]
    assert {"id": lavrov.pk, "name": "سيرغي لافروف", "name_en": "Sergey Lavrov", "count": 2} in (
        data["facets"]["person"]
    )
    assert data["facets"]["year"] == [{"id": 2020, "name": "2020", "name_en": "2020", "count": 1}]


def test_undated_and_sourceless_articles_give_nulls(client, seeds):
    _status, data = _json(client, SEARCH, q="title:لافروف")
    [result] = data["results"]
    assert result["published_on"] is None and result["source"] is None


def test_facet_counts_cover_all_results_not_only_the_page(client, seeds):
    _status, data = _json(client, SEARCH, page_size=2)
    assert len(data["results"]) == 2 and data["count"] == 5
    baghdad = seeds.entities["baghdad"].pk
    assert {"id": baghdad, "count": 5}.items() <= next(
        v for v in data["facets"]["place"] if v["id"] == baghdad
    ).items()


def test_same_parameters_as_the_page(client, seeds):
    kazimi, moscow = seeds.entities["kazimi"], seeds.entities["moscow"]
    _status, data = _json(
        client, SEARCH, person=kazimi.pk, place=moscow.pk, sort="oldest", date_from="2020-01-01"
    )
    assert [r["id"] for r in data["results"]] == [
        seeds.articles["003"].pk,
        seeds.articles["000"].pk,
    ]


def test_a_page_past_the_end_answers_the_last_page(client, seeds):
    status, data = _json(client, SEARCH, page=999999, page_size=2)
    assert status == 200 and data["page"] == 3 and len(data["results"]) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2021-02-30"}, "date_from"),
        ({"page": "x"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"person": "999999"}, "person"),
        ({"sort": "random"}, "sort"),
        ({"date_from": "2022-01-01", "date_to": "2021-01-01"}, "date_to"),
    ],
)
def test_invalid_input_is_a_400_with_an_error(client, seeds, params, field):
    status, data = _json(client, SEARCH, **params)
    assert status == 400
    assert data["error"] and field in data["errors"]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Ensure this value is less than or equal to 100"),
        ("ar", "تحقق من أن تكون هذه القيمة"),
    ],
)
def test_the_api_answers_at_its_unprefixed_address_in_the_browsers_language(
    client, seeds, language, words
):
    found = client.get(SEARCH, {"q": "لافروف"}, HTTP_ACCEPT_LANGUAGE=language)
    assert found.status_code == 200 and found.json()["count"] == 2
    refused = client.get(SEARCH, {"page_size": "1000"}, HTTP_ACCEPT_LANGUAGE=language)
    assert refused.status_code == 400
    assert words in refused.json()["error"]


def test_unknown_parameters_are_ignored(client, seeds):
    status, data = _json(client, SEARCH, q="لافروف", callback="x", fields="all")
    assert status == 200 and data["count"] == 2


def test_query_syntax_problems_are_reported_not_failed(client, seeds):
    status, data = _json(client, SEARCH, q='"اللجنة العراقية')
    assert status == 200
    assert data["messages"] and data["count"] >= 3


@pytest.mark.parametrize("name", ["لافروف", "Lavrov", "Лавров", "lavrov", "ولافروف"])
def test_entities_are_found_by_any_name_in_any_script(client, seeds, name):
    status, data = _json(client, ENTITIES, q=name)
    assert status == 200
    assert data["results"][0]["id"] == seeds.entities["lavrov"].pk
    assert data["results"][0]["name_en"] == "Sergey Lavrov"


def test_entities_autocomplete_from_the_start_of_a_name(client, seeds):
    _status, data = _json(client, ENTITIES, q="لاف")
    assert seeds.entities["lavrov"].pk in {r["id"] for r in data["results"]}
    _status, data = _json(client, ENTITIES, q="Mos")
    assert [r["id"] for r in data["results"]] == [seeds.entities["moscow"].pk]


def test_entities_can_be_limited_to_a_kind_and_link_to_a_filtered_search(client, seeds):
    _status, data = _json(client, ENTITIES, q="موسكو", kind="person")
    assert data["results"] == []
    _status, data = _json(client, ENTITIES, q="موسكو", kind="place")
    [moscow] = data["results"]
    assert moscow["search_url"].endswith(f"?place={seeds.entities['moscow'].pk}")
    follow = client.get(moscow["search_url"])
    assert follow.context["results"].count == 4


@pytest.mark.parametrize(
    "params", [{"q": "لافروف", "kind": "planet"}, {"q": "لافروف", "limit": "-1"}]
)
def test_entities_reject_bad_parameters(client, seeds, params):
    status, data = _json(client, ENTITIES, **params)
    assert status == 400 and data["error"]


def test_entities_with_an_empty_query_answer_nothing(client, seeds):
    status, data = _json(client, ENTITIES, q="  ")
    assert status == 200 and data["results"] == []


def test_entity_suggestions_are_limited(client, seeds):
    for n in range(5):
        Entity.objects.create(kind=Entity.Kind.PLACE, name=f"موسكو {n}", name_en=f"Moscow {n}")
    _status, data = _json(client, ENTITIES, q="موسكو", limit=3)
    assert len(data["results"]) == 3
    assert data["results"][0]["id"] == seeds.entities["moscow"].pk  # the exact name first
