"""A link opens in the language it was copied in; the switcher keeps the page and the query."""

from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from archive.models import Article
from tests.browser.pages import LANGUAGE_LINK, RESULTS, html_language, path_of
from tests.languages import english

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

QUERY = "?q=" + quote("الارهاب") + "&sort=newest"


def test_a_shared_search_opens_in_its_language_and_switches_with_its_query(view):
    view.open("/search/" + QUERY)
    view.shot("search-shared-link")
    results = view.page.locator(RESULTS).count()
    assert results > 0
    expect(view.page.locator("link[rel='alternate'][hreflang='x-default']")).to_have_attribute(
        "href", view.site("/search/" + QUERY)
    )
    for code, path in (("ar", "/search/"), ("en", english("/search/"))):
        alternate = view.page.locator(f"link[rel='alternate'][hreflang='{code}']")
        expect(alternate).to_have_attribute("href", view.site(path + QUERY))
    view.check()

    other = "en" if view.language == "ar" else "ar"
    with view.page.expect_navigation():
        view.page.locator(LANGUAGE_LINK.format(code=other)).click()

    assert html_language(view.page)[0] == other
    address = urlsplit(view.page.url)
    assert address.path == ("/search/" if other == "ar" else english("/search/"))
    assert "?" + address.query == QUERY
    assert view.page.locator(RESULTS).count() == results


def test_an_article_permalink_keeps_its_address_and_names_its_other_language(view):
    article = Article.objects.published().order_by("pk").first()
    view.open(article.get_absolute_url())
    view.shot("article")
    expect(view.page.locator(".article h1")).to_have_text(article.title)
    other = "en" if view.language == "ar" else "ar"
    link = view.page.locator(LANGUAGE_LINK.format(code=other))
    expected = english(article.get_absolute_url()) if other == "en" else article.get_absolute_url()
    assert path_of(link.get_attribute("href")) == path_of(expected)
    view.check()
