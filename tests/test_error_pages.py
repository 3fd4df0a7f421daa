"""The 404 and 500 pages speak the reader's language; the 500 page needs nothing that may fail.

A view that raises is mounted by this module's own URLconf (``urlpatterns`` below).
"""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import path
from django.views.defaults import server_error

from tests.languages import english


def _broken(request):
    raise RuntimeError("the page's own failure")


urlpatterns = [path("broken/", _broken)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, direction, words",
    [("ar", "rtl", "الصفحة غير موجودة"), ("en", "ltr", "Page not found")],
)
def test_a_missing_page_is_a_404_in_the_readers_language_with_the_sites_navigation(
    client, language, direction, words
):
    path = "/لا-توجد-صفحة/"
    response = client.get(english(path) if language == "en" else path)
    assert response.status_code == 404
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert words in page
    assert 'class="site-header"' in page  # base.html: the reader can go on from here


@pytest.mark.django_db
def test_a_missing_article_gives_the_same_page(client):
    response = client.get("/articles/987654/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 404
    assert "لا توجد صفحة بهذا العنوان" in response.content.decode()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    "language, direction, words",
    [("ar", "rtl", "خطأ في الخادم"), ("en", "ltr", "Server error")],
)
def test_a_failing_view_gives_a_500_page_in_the_readers_language(language, direction, words):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 500
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert words in page
    assert "the page's own failure" not in page


def test_the_500_page_renders_without_a_database_or_context_processors(rf, monkeypatch):
    def unavailable(*args, **kwargs):
        raise AssertionError("the 500 page touched the database")

    monkeypatch.setattr(connection, "cursor", unavailable)
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "csrfmiddlewaretoken" not in response.content.decode()
