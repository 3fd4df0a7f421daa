"""The reading pages (home, articles, entities) are rate-limited like the search page.

A person reads a few pages a minute; a crawler asks for many a second. The test settings
switch every limit off; each test here switches the pages' on with a small rate.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import article_create, entity_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache", "limiter_clock_fixed")]


def _pages():
    article = article_create(title="لافروف يستقبل الجعفري", body="بحث لافروف مع الجعفري.")
    entity = entity_create()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "entity": entity.get_absolute_url(),
        "entities": reverse("archive:entity_index"),
    }


@override_settings(PAGE_RATE_LIMIT="3/minute")
def test_a_crawler_of_the_reading_pages_gets_429_with_retry_after(client):
    pages = _pages()
    crawler = {"REMOTE_ADDR": "198.51.100.60"}
    answers = [client.get(url, **crawler).status_code for url in pages.values()]
    assert answers == [200, 200, 200, 429]
    refused = client.get(pages["article"], HTTP_ACCEPT_LANGUAGE="ar", **crawler)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "طلبات كثيرة جدًا" in refused.content.decode()
    # A reader at another address is not affected.
    assert client.get(pages["article"], REMOTE_ADDR="198.51.100.61").status_code == 200


@override_settings(PAGE_RATE_LIMIT="1/minute", SEARCH_RATE_LIMIT="1/minute")
def test_pages_and_searches_are_counted_apart(client):
    pages = _pages()
    reader = {"REMOTE_ADDR": "198.51.100.62"}
    assert client.get(pages["home"], **reader).status_code == 200
    assert client.get(reverse("search:search"), {"q": "لافروف"}, **reader).status_code == 200
    assert client.get(pages["article"], **reader).status_code == 429


@override_settings(PAGE_RATE_LIMIT="1/minute")
def test_the_help_page_is_not_counted(client):
    reader = {"REMOTE_ADDR": "198.51.100.63"}
    for _ in range(3):
        assert client.get(reverse("search:help"), **reader).status_code == 200
    assert client.get("/", **reader).status_code == 200
