"""The interface language in tests: in the URL, as readers get it.

Arabic, the default, is unprefixed; the English interface of a public page is the same
path under ``/en/``. Tests that need English ask for it here, in one place.

Tests build their messages in English outside requests (``tests/conftest.py``); the
addresses they build there with ``reverse()`` and ``get_absolute_url()`` stay the
canonical, unprefixed ones (``urls_outside_requests_unprefixed``), and ``english()`` turns
one into the English interface's address.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.urls import get_urlconf, resolvers
from django.utils import translation


def english(path: str) -> str:
    """The English interface's address of the public page at ``path``."""
    return "/en" + path


@contextmanager
def urls_outside_requests_unprefixed() -> Iterator[None]:
    """``reverse()`` outside a request gives the default language's (unprefixed) address,
    whatever language is active for messages; inside a request (Django sets the request's
    URLconf then) addresses follow the request's language as in production. The resolver
    keys its cache by the same function, so each language keeps its own reversals."""
    patch = pytest.MonkeyPatch()

    def language() -> str | None:
        return translation.get_language() if get_urlconf() is not None else settings.LANGUAGE_CODE

    patch.setattr(resolvers, "get_language", language)
    try:
        yield
    finally:
        patch.undo()
