"""Keyboard, screen-reader landmarks and phone widths, checked in a real browser."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from archive.models import Article
from tests.browser.pages import SEARCH_FIELD, scrolls_sideways

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NOT_EMPTY = re.compile(r"\S")
SEARCH = "/search/?q=" + quote("الارهاب")

FOCUSED_OUTLINE = """() => {
    const style = getComputedStyle(document.activeElement);
    return {style: style.outlineStyle, width: parseFloat(style.outlineWidth)};
}"""


def _focus_outline_visible(page: Page) -> bool:
    outline = page.evaluate(FOCUSED_OUTLINE)
    return outline["style"] != "none" and outline["width"] > 0


def _focused(page: Page) -> dict:
    return page.evaluate(
        "({id: document.activeElement.id, classes: [...document.activeElement.classList]})"
    )


def test_tab_reaches_skip_link_then_search_field_with_visible_focus(archive_site, page):
    page.goto(archive_site(SEARCH))

    page.keyboard.press("Tab")

    assert "skip-link" in _focused(page)["classes"]
    assert _focus_outline_visible(page)
    skip_link = page.locator(".skip-link").bounding_box()
    assert 0 <= skip_link["x"] <= page.viewport_size["width"] - skip_link["width"], (
        "the focused skip link is off screen"
    )

    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.url.endswith("#main")
    assert _focused(page)["id"] == SEARCH_FIELD.removeprefix("#")
    assert _focus_outline_visible(page)


def test_search_page_has_landmarks_and_labelled_controls(archive_site, page):
    page.goto(archive_site(SEARCH))

    for role in ("banner", "main", "contentinfo", "search"):
        expect(page.get_by_role(role)).to_have_count(1)
    for landmark in page.get_by_role("navigation").all():
        expect(landmark).to_have_accessible_name(NOT_EMPTY)
    expect(page.get_by_role("complementary")).to_have_accessible_name(NOT_EMPTY)
    expect(page.get_by_role("searchbox")).to_have_accessible_name(NOT_EMPTY)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    # Each language link names its language in that language, for screen readers too.
    for link in page.locator("nav.language-switcher a").all():
        expect(link).to_have_attribute("lang", NOT_EMPTY)


def test_article_page_has_one_main_landmark_and_one_top_heading(archive_site, page):
    article = Article.objects.published().order_by("pk").first()

    page.goto(archive_site(article.get_absolute_url()))

    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)


def test_search_page_fits_a_phone_screen_with_the_filters_behind_a_button(
    archive_site, phone_page, screenshots_dir
):
    phone_page.goto(archive_site(SEARCH))
    phone_page.screenshot(path=screenshots_dir / "search-ar-phone.png", full_page=True)

    assert not scrolls_sideways(phone_page)
    results = phone_page.locator(".search-results").bounding_box()
    toggle = phone_page.locator(".search-filters-toggle").bounding_box()
    assert toggle["y"] < results["y"]
    expect(phone_page.locator(".search-facets")).to_be_hidden()


def test_article_page_fits_a_phone_screen(archive_site, phone_page, screenshots_dir):
    article = Article.objects.published().order_by("pk").first()

    phone_page.goto(archive_site(article.get_absolute_url()))
    phone_page.screenshot(path=screenshots_dir / "article-ar-phone.png", full_page=True)

    assert not scrolls_sideways(phone_page)
