"""One page seen in one language at one width: the four views issue-level tests run in.

The language is in the address (English under /en/); the browser always asks for the
other language, so a page that followed the browser instead of its address would fail.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

from tests.browser.a11y import assert_accessible
from tests.languages import english

VIEWS = [("ar", "desktop"), ("ar", "phone"), ("en", "desktop"), ("en", "phone")]


@dataclass
class View:
    page: Page
    language: str
    width: str
    site: Callable[[str], str]
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
