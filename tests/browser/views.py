"""One page seen in one language at one width: the four views issue-level tests run in.

The language is in the address (English under /en/); the browser always asks for the
other language, so a page that followed the browser instead of its address would fail.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.a11y import assert_accessible
from tests.browser.conftest import DESKTOP, PHONE, Site, context_new
from tests.languages import english

VIEWS = [("ar", "desktop"), ("ar", "phone"), ("en", "desktop"), ("en", "phone")]
SIZES = {"desktop": DESKTOP, "phone": PHONE}


@dataclass
class View:
    page: Page
    language: str
    width: str
    site: Site
    screenshots: Path

    @property
    def phone(self) -> bool:
        return self.width == "phone"

    def url(self, path: str) -> str:
        """``path`` (an Arabic, unprefixed address) in this view's language."""
        return self.site(english(path) if self.language == "en" else path)

    def open(self, path: str) -> None:
        response = self.page.goto(self.url(path))
        assert response is not None and response.status == 200, path

    def shot(self, name: str) -> None:
        path = self.screenshots / f"{name}-{self.language}-{self.width}.png"
        self.page.screenshot(path=path, full_page=True)

    def check(self) -> None:
        """The accessibility checks of the suite, on the page as it is now."""
        assert_accessible(self.page, self.language)


@pytest.fixture(params=VIEWS, ids=[f"{language}-{width}" for language, width in VIEWS])
def view(request, browser: Browser, archive_site: Site, screenshots_dir: Path) -> Iterator[View]:
    language, width = request.param
    other = "en" if language == "ar" else "ar"
    context = context_new(browser, locale=other, viewport=SIZES[width])
    try:
        yield View(context.new_page(), language, width, archive_site, screenshots_dir)
    finally:
        context.close()
