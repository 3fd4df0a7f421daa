"""An ignored parameter is named in the reader's language, on the page a reader sees."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NAMES = {
    "ar": ("عدد النتائج في الصفحة", "قوائم التصفية المعروضة كاملة"),
    "en": ("Results per page", "Facets shown in full"),
}


def test_ignored_parameters_are_named_in_the_readers_language(view):
    view.open("/search/?q=" + quote("موسكو") + "&page_size=1000&more=bogus")
    view.shot("search-ignored-parameters")

    notices = view.page.locator(".search-notices li")
    expect(notices).to_have_count(2)
    text = " ".join(notices.all_inner_texts())
    for name in NAMES[view.language]:
        assert name in text
    assert "None" not in text
    view.check()
