"""A researcher in a real browser: Arabic search, facets, chips, permalinks, English."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pyarabic.araby import strip_tashkeel

from archive.models import Article, Entity
from tests.browser.pages import (
    CHIPS,
    SNIPPET_MARKS,
    facet_count,
    facet_link,
    html_language,
    path_of,
    result_count,
    search_from_home,
    switch_language,
)
from tests.languages import english

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

QUERY = "الارهاب"
ARTICLE_PATH = re.compile(r"^/articles/(\d+)/[^/]+/$")


def _kadhimi() -> Entity:
    return Entity.objects.get(kind=Entity.Kind.PERSON, name_en="Mustafa al-Kadhimi")


def _without_hamza(text: str) -> str:
    return strip_tashkeel(text).translate(str.maketrans("أإآ", "ااا"))


def _article_at(path: str) -> Article:
    match = ARTICLE_PATH.match(path)
    assert match, f"not an article permalink: {path}"
    return Article.objects.get(pk=int(match.group(1)))


def test_home_page_is_arabic_and_right_to_left_by_default(archive_site, page):
    page.goto(archive_site("/"))

    assert html_language(page) == ("ar", "rtl")


def test_arabic_search_typed_in_the_box_highlights_matches_in_snippets(archive_site, page):
    search_from_home(page, archive_site("/"), QUERY)

    assert result_count(page) > 0
    marks = page.locator(SNIPPET_MARKS).all_inner_texts()
    assert marks, "no highlighted words in the snippets"
    # Highlighted forms carry the hamza (الإرهاب, الإرهابية) that the query left out.
    assert all("رهاب" in _without_hamza(mark) for mark in marks)


def test_person_facet_narrows_results_and_removing_its_chip_restores_them(archive_site, page):
    kadhimi = _kadhimi()
    search_from_home(page, archive_site("/"), QUERY)
    everything = result_count(page)
    expected = facet_count(page, "person", kadhimi.name)
    assert expected < everything, "the facet must be a real narrowing for this test"

    with page.expect_navigation():
        facet_link(page, "person", kadhimi.name).click()

    assert result_count(page) == expected
    expect(facet_link(page, "person", kadhimi.name)).to_have_attribute("aria-current", "true")
    chip = page.locator(CHIPS)
    expect(chip).to_have_count(1)
    expect(chip.locator(".chip-label")).to_have_text(kadhimi.name)

    with page.expect_navigation():
        chip.locator(".chip-remove").click()

    expect(page.locator(CHIPS)).to_have_count(0)
    assert result_count(page) == everything
    expect(page.locator("#search-q")).to_have_value(QUERY)


def test_article_opened_from_results_is_at_its_canonical_permalink(archive_site, page):
    search_from_home(page, archive_site("/"), QUERY)

    with page.expect_navigation():
        page.locator(".search-result-title a").first.click()

    article = _article_at(path_of(page.url))
    assert path_of(page.url) == path_of(article.get_absolute_url())
    canonical = page.locator("link[rel='canonical']").get_attribute("href")
    assert path_of(canonical) == path_of(article.get_absolute_url())
    expect(page.locator(".article h1")).to_have_text(article.title)


def test_article_from_results_marks_the_query_and_the_keyboard_jumps_to_the_first_match(
    archive_site, page
):
    search_from_home(page, archive_site("/"), QUERY)
    with page.expect_navigation():
        page.locator(".search-result-title a").first.click()

    marks = page.locator(".article-body mark").all_inner_texts()
    assert marks, "no marked words on the article page"
    assert all("رهاب" in _without_hamza(mark) for mark in marks)
    jump = page.locator(".match-jump")
    jump.focus()
    page.keyboard.press("Enter")

    assert urlsplit(page.url).fragment == "first-match"
    assert page.evaluate("document.activeElement.id") == "first-match"
    expect(page.locator("#first-match")).to_be_in_viewport()


def test_short_article_url_redirects_permanently_to_the_canonical_permalink(archive_site, page):
    article = Article.objects.published().order_by("pk").first()

    response = page.goto(archive_site(f"/articles/{article.pk}/"))

    redirect = response.request.redirected_from
    assert redirect is not None, "the short URL was served without a redirect"
    assert redirect.response().status == 301
    assert path_of(page.url) == path_of(article.get_absolute_url())
    assert response.status == 200


def test_switching_to_english_keeps_the_same_article_and_turns_left_to_right(archive_site, page):
    article = Article.objects.published().order_by("pk").first()
    page.goto(archive_site(article.get_absolute_url()))
    assert html_language(page) == ("ar", "rtl")

    switch_language(page, "en")

    assert html_language(page) == ("en", "ltr")
    assert path_of(page.url) == path_of(english(article.get_absolute_url()))
    expect(page.locator(".article h1")).to_have_text(article.title)
    # The Arabic text itself stays right to left inside the English interface.
    expect(page.locator("article.article")).to_have_attribute("dir", "rtl")

    switch_language(page, "ar")

    assert html_language(page) == ("ar", "rtl")
    assert path_of(page.url) == path_of(article.get_absolute_url())
