"""Permalink paths of articles and entities, remembered once built.

``reverse()`` of an Arabic slug costs ~60–100 µs (the slug is percent-encoded byte by byte
and the result checked against the route's pattern again); a search page shows twenty
articles and an entity page a hundred, and the same articles come back on the next page
view. A path depends only on the URLconf, the script prefix, the interface language (English
paths are under ``/en/``), the primary key and the slug, so it is kept under exactly those.

A link from a search result carries the words to mark on the article page
(:func:`with_highlight`); the canonical URL never does.
"""

from functools import lru_cache
from urllib.parse import quote_plus

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.encoding import uri_to_iri
from django.utils.translation import get_language

from arabic_text import mark_items, marks_text

# The query parameter of the words to mark, and how much of it an article page reads.
HIGHLIGHT_PARAM = "hl"
HIGHLIGHT_MAX_CHARS = 500
HIGHLIGHT_MAX_ITEMS = 32


def permalink(route: str, pk: int, slug: str) -> str:
    """``reverse(route, kwargs={"pk": pk, "slug": slug})``, remembered."""
    return _permalink(get_urlconf(), get_script_prefix(), get_language(), route, pk, slug)


@lru_cache(maxsize=20_000)
def _permalink(urlconf, prefix: str, language, route: str, pk: int, slug: str) -> str:
    return reverse(route, urlconf=urlconf or settings.ROOT_URLCONF, kwargs={"pk": pk, "slug": slug})


@receiver(setting_changed)
def _urls_changed(*, setting, **kwargs):
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _permalink.cache_clear()


def highlight_words(text: str | None) -> str:
    """The words and "quoted phrases" of ``text`` to mark, bounded (whole items only, at most
    :data:`HIGHLIGHT_MAX_ITEMS` in :data:`HIGHLIGHT_MAX_CHARS` characters): any text is
    accepted."""
    items = mark_items(text or "", max_chars=HIGHLIGHT_MAX_CHARS, max_items=HIGHLIGHT_MAX_ITEMS)
    return marks_text(items)


def with_highlight(path: str, words: str | None) -> str:
    """``path`` with the words to mark on its page, ``?hl=…`` (none: the path as it is)."""
    query = _highlight_query(words or "")
    return f"{path}?{query}" if query else path


@lru_cache(maxsize=256)
def _highlight_query(words: str) -> str:
    # A result page links twenty articles with the same words: encoded once. Arabic stays as
    # written (an IRI, a third of the length); quotes, spaces and delimiters are encoded.
    bounded = highlight_words(words)
    return uri_to_iri(f"{HIGHLIGHT_PARAM}={quote_plus(bounded)}") if bounded else ""
