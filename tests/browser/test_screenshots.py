"""Both interfaces as a person sees them: direction per language, screenshots in var/screenshots/.

The language is in the address (English under /en/), whatever the browser asks for:
each page is opened by a browser that asks for the other language.
"""

from urllib.parse import quote

import pytest

from archive.models import Article
from tests.browser.conftest import context_new
from tests.browser.pages import html_language, scrolls_sideways
from tests.languages import english

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SEARCH = "/search/?q=" + quote("الارهاب")


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("en", "ltr")])
def test_search_and_article_pages_follow_the_address_language_direction(
    archive_site, browser, screenshots_dir, language, direction
):
    article = Article.objects.published().order_by("pk").first()
    context = context_new(browser, locale="en" if language == "ar" else "ar")
    page = context.new_page()
    try:
        for name, path in (("search", SEARCH), ("article", article.get_absolute_url())):
            page.goto(archive_site(english(path) if language == "en" else path))
            page.screenshot(path=screenshots_dir / f"{name}-{language}.png", full_page=True)

            assert html_language(page) == (language, direction)
            assert not scrolls_sideways(page)
    finally:
        context.close()
