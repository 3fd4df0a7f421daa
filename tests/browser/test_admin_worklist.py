"""The admin's article list at desktop and phone widths: titles readable, review in words.

The admin speaks the browser's language, so each context asks for the language it tests.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import assert_contrast, assert_language
from tests.browser.conftest import DESKTOP, PHONE, context_new
from tests.browser.views import VIEWS
from tests.factories import staff_user

pytestmark = pytest.mark.browser

PASSWORD = "كلمة-سر-طويلة-2021"  # tests.factories.staff_user's

WORKLIST = ["title_column", "status", "review_state", "source_column", "published_on"]


@pytest.mark.parametrize(("language", "width"), VIEWS, ids=[f"{a}-{b}" for a, b in VIEWS])
def test_the_article_list_is_a_worklist(
    writable_archive_site, browser, screenshots_dir, language, width
):
    staff_user("muharrir-list")
    context = context_new(
        browser, locale=language, viewport=DESKTOP if width == "desktop" else PHONE
    )
    page = context.new_page()
    try:
        page.goto(writable_archive_site("/admin/login/?next=/admin/archive/article/"))
        page.locator("#id_username").fill("muharrir-list")
        page.locator("#id_password").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("#login-form [type='submit']").click()
        expect(page.locator("#result_list")).to_be_visible()
        page.screenshot(
            path=screenshots_dir / f"admin-articles-{language}-{width}.png", full_page=True
        )

        assert_language(page, language)
        titles = page.locator("#result_list .field-title_column")
        expect(titles.first).to_be_visible()
        if width == "desktop":
            assert titles.first.bounding_box()["width"] >= 250
            # Every column of the worklist in sight, none scrolled out of the list's box.
            box = page.locator("#changelist .results").bounding_box()
            for column in WORKLIST:
                header = page.locator(f"#result_list th.column-{column}").bounding_box()
                assert box["x"] - 1 <= header["x"], column
                assert header["x"] + header["width"] <= box["x"] + box["width"] + 1, column
        states = page.locator("#result_list .review-state")
        expect(states).to_have_count(page.locator("#result_list tbody tr").count())
        expect(page.locator("#result_list img[src*='icon-no']")).to_have_count(0)
        assert_contrast(page)
    finally:
        context.close()
