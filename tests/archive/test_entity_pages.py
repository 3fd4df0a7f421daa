"""Entity pages: names in every script, articles, co-mentions, years, search link (issue 4)."""

import re
from datetime import date

import pytest
from django.test import RequestFactory

from archive.models import Article, Entity, Mention
from archive.views.entities import ENTITY_PAGE_SIZE, entity_index
from tests.factories import article_create, entity_create
from tests.languages import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def lavrov():
    entity = entity_create(aliases=["لافروف", "سيرجي لافروف"])
    entity.description = "وزير الخارجية الروسي منذ 2004"
    entity.save()
    return entity


def mention(article, entity, count=1):
    return Mention.objects.create(article=article, entity=entity, count=count, forms=[entity.name])


def test_entity_page_shows_names_in_every_script_and_the_role(client, lavrov):
    html = client.get(lavrov.get_absolute_url()).content.decode()
    for name in ["سيرغي لافروف", "Sergey Lavrov", "Сергей Лавров", "سيرجي لافروف", "لافروف"]:
        assert name in html
    assert "وزير الخارجية الروسي منذ 2004" in html


def test_entity_page_lists_published_articles_newest_first(client, lavrov):
    old = article_create(title="الجعفري يبحث مع لافروف في موسكو", published_on=date(2018, 2, 5))
    new = article_create(title="فؤاد حسين يلتقي لافروف", published_on=date(2020, 11, 25))
    draft = article_create(title="مسودة عن لافروف", status=Article.Status.DRAFT)
    for article in (old, new, draft):
        mention(article, lavrov)
    html = client.get(lavrov.get_absolute_url()).content.decode()
    assert html.index(new.title) < html.index(old.title)
    assert draft.title not in html


def test_entity_page_is_paginated(client, lavrov):
    for day in range(1, ENTITY_PAGE_SIZE + 2):
        mention(
            article_create(title=f"لقاء لافروف رقم {day}", published_on=date(2021, 1, day)), lavrov
        )
    first = client.get(lavrov.get_absolute_url()).content.decode()
    second = client.get(lavrov.get_absolute_url(), {"page": 2}).content.decode()
    assert "لقاء لافروف رقم 21<" in first
    assert "لقاء لافروف رقم 1<" not in first
    assert "لقاء لافروف رقم 1<" in second


def test_entity_page_shows_co_mentioned_entities_with_counts_and_links(client, lavrov):
    hussein = entity_create(name="فؤاد حسين", name_en="Fuad Hussein", name_ru="")
    moscow = entity_create(kind=Entity.Kind.PLACE, name="موسكو", name_en="Moscow", name_ru="")
    for day in (1, 2):
        article = article_create(title=f"مباحثات {day}", published_on=date(2020, 11, day))
        mention(article, lavrov)
        mention(article, hussein)
    third = article_create(title="زيارة موسكو", published_on=date(2021, 3, 1))
    mention(third, lavrov)
    mention(third, moscow)
    html = client.get(english(lavrov.get_absolute_url())).content.decode()
    section = html[html.index('id="entity-co-mentioned"') :]
    assert f'href="{english(hussein.get_absolute_url())}"' in section
    assert f'href="{english(moscow.get_absolute_url())}"' in section
    assert section.index("فؤاد حسين") < section.index("موسكو")
    assert re.search(r"فؤاد حسين.*?\(2 ", section, re.S)


def test_entity_page_counts_mentions_per_year(client, lavrov):
    for published_on, count in [
        (date(2020, 1, 1), 2),
        (date(2021, 1, 1), 1),
        (date(2021, 6, 1), 3),
    ]:
        mention(
            article_create(title=f"خبر {published_on}", published_on=published_on), lavrov, count
        )
    mention(article_create(title="خبر بلا تاريخ", published_on=None), lavrov)
    response = client.get(lavrov.get_absolute_url())
    years = {row["year"]: (row["articles"], row["mentions"]) for row in response.context["years"]}
    assert years == {2020: (1, 2), 2021: (2, 4), None: (1, 1)}
    assert '<th scope="row">2021</th>' in response.content.decode()


def test_entity_page_links_to_search_filtered_by_this_entity(client, lavrov):
    html = client.get(lavrov.get_absolute_url()).content.decode()
    assert f'href="/search/?person={lavrov.pk}"' in html


def test_place_page_links_to_search_with_the_place_parameter(client):
    baghdad = entity_create(kind=Entity.Kind.PLACE, name="بغداد", name_en="Baghdad", name_ru="")
    html = client.get(baghdad.get_absolute_url()).content.decode()
    assert f'href="/search/?place={baghdad.pk}"' in html


def test_wrong_slug_and_merged_entity_redirect_permanently(client, lavrov):
    response = client.get(f"/entities/{lavrov.pk}/old-slug/")
    assert (response.status_code, response["Location"]) == (301, lavrov.get_absolute_url())
    duplicate = entity_create(name="لافروف سيرغي", name_en="", name_ru="")
    duplicate.merged_into = lavrov
    duplicate.save()
    response = client.get(duplicate.get_absolute_url())
    assert (response.status_code, response["Location"]) == (301, lavrov.get_absolute_url())


def test_entity_index_filters_by_kind_and_by_a_name_in_any_script(lavrov):
    moscow = entity_create(kind=Entity.Kind.PLACE, name="موسكو", name_en="Moscow", name_ru="Москва")
    request = RequestFactory().get("/entities/", {"q": "Сергей"})
    page = entity_index(request).content.decode()
    assert lavrov.get_absolute_url() in page
    assert moscow.get_absolute_url() not in page
    request = RequestFactory().get("/entities/", {"kind": "place"})
    page = entity_index(request).content.decode()
    assert moscow.get_absolute_url() in page
    assert lavrov.get_absolute_url() not in page


def test_entity_index_survives_bad_parameters(lavrov):
    request = RequestFactory().get(
        "/entities/", {"kind": "<planet>", "q": "x" * 5000, "page": "zz"}
    )
    assert entity_index(request).status_code == 200
