"""Finding the way in a real browser: the home page's picture of the collection, the entity
index from the header, pagination, a search that found nothing, and the help page."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from archive.models import Article, Entity

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_home_shows_the_collection_and_the_header_leads_to_the_entities(view):
    view.open("/")
    view.shot("home")
    stats = view.page.locator(".home-stats dd")
    expect(stats.first).to_have_text(str(Article.objects.published().count()))
    expect(view.page.locator(".home-collection .home-top")).to_have_count(4)
    view.check()

    header_link = view.page.locator("header nav a[href$='/entities/']")
    if view.phone:
        expect(header_link).to_be_visible()
    with view.page.expect_navigation():
        header_link.click()
    expect(view.page.locator("form.entity-filter")).to_be_visible()
    view.shot("entities")
    view.check()


def test_entity_index_pagination_shows_first_last_and_nearby_pages(view):
    pages = -(-Entity.objects.active().count() // 60)
    assert pages >= 7, "the authority file should fill several pages"
    view.open("/entities/?page=4")
    links = view.page.locator(".pagination-pages li")
    texts = [text.split()[-1] for text in links.all_inner_texts()]  # less the hidden "Page"
    assert texts[0] == "1" and texts[-1] == str(pages)
    assert "…" in texts
    assert [t for t in texts if t not in ("…",)][1:6] == ["2", "3", "4", "5", "6"]
    expect(view.page.locator(".pagination-pages [aria-current='page']")).to_contain_text("4")
    view.shot("entities-page-4")
    view.check()


def test_a_search_that_finds_nothing_offers_ways_on(view):
    kadhimi = Entity.objects.get(kind=Entity.Kind.PERSON, name_en="Mustafa al-Kadhimi")
    # Every word required: as typed, the misspelt name is neither corrected nor matched alone.
    view.open(f"/search/?q={quote('لافرف زنجبيلستان')}&person={kadhimi.pk}&match=all")
    view.shot("search-no-results")
    ways = view.page.locator(".no-results-ways")
    expect(ways.locator("#fewer-words")).to_be_visible()
    expect(ways.locator("#resembling-names + ul a")).not_to_have_count(0)
    expect(ways.locator("#without-filters + ul a")).to_have_count(1)
    view.check()

    with view.page.expect_navigation():
        ways.locator("#without-filters + ul a").click()
    assert f"person={kadhimi.pk}" not in view.page.url


def test_the_help_page_examples_read_in_their_own_direction(view):
    view.open("/search/help/")
    view.shot("search-help")
    field = view.page.locator("code", has_text="title:")
    expect(field).to_have_attribute("dir", "ltr")
    # Each of the two NOT examples sits on its own line.
    first, second = view.page.locator(".search-help-examples").first.locator("code").all()
    assert first.bounding_box()["y"] < second.bounding_box()["y"]
    expect(view.page.locator("code", has_text="روس*")).to_be_visible()
    view.check()
