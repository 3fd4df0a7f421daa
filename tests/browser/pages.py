"""What the browser tests do and read on the archive's pages.

Selectors are ids, roles, names and the templates' CSS classes, never the
wording of translated interface strings.
"""

import re
from urllib.parse import unquote, urlsplit

from django.urls import reverse
from playwright.sync_api import Locator, Page

from tests.languages import english as in_english

SEARCH_FIELD = "#search-q"
RESULTS = ".results-list > li"
SNIPPET_MARKS = ".search-result .snippet mark"
CHIPS = ".search-chips .chip"
LANGUAGE_LINK = "nav.language-switcher a[hreflang='{code}']"


def search_from_home(page: Page, home_url: str, words: str, *, english: bool = False) -> None:
    """Open the home page, follow the header's link to search, type the words, press Enter
    (``english``: the English interface's link, under /en/)."""
    page.goto(home_url)
    search = reverse("search:search")
    page.locator(f"header nav a[href='{in_english(search) if english else search}']").click()
    field = page.locator(SEARCH_FIELD)
    field.fill(words)
    with page.expect_navigation():
        field.press("Enter")


def result_count(page: Page) -> int:
    return page.locator(RESULTS).count()


def facet_link(page: Page, kind: str, name: str) -> Locator:
    """The link of one entity in a facet group (``person``, ``organization``, ``place``)."""
    value = page.locator(f".facet-{kind} .facet-values li").filter(
        has=page.locator(".facet-name", has_text=re.compile(f"^{re.escape(name)}$"))
    )
    return value.locator("a")


def facet_count(page: Page, kind: str, name: str) -> int:
    count = facet_link(page, kind, name).locator(".count").inner_text()
    return int(count.replace(",", "").replace("٬", ""))


def html_language(page: Page) -> tuple[str, str]:
    """``(lang, dir)`` of the page's ``<html>`` element."""
    lang, direction = page.evaluate("[document.documentElement.lang, document.documentElement.dir]")
    return lang, direction


def path_of(url: str) -> str:
    """The decoded path of a URL: Arabic slugs as the app writes them."""
    return unquote(urlsplit(url).path)


def scrolls_sideways(page: Page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth > window.innerWidth")


def switch_language(page: Page, code: str) -> None:
    with page.expect_navigation():
        page.locator(LANGUAGE_LINK.format(code=code)).click()
