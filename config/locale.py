"""The interface language: in the URL for the public pages, the browser's for the rest.

Public pages sit in ``i18n_patterns`` without a prefix for Arabic, the default, and
under ``/en/`` for English, so a shared link opens in the language it was copied in,
whatever the colleague's browser asks for. The editors' admin, the JSON API and the
language view are outside those patterns; nobody shares their links, so they follow
the browser: the language cookie (set by ``/i18n/setlang/``), then Accept-Language.
"""

from django.conf import settings
from django.middleware import locale
from django.urls import URLResolver, get_script_prefix
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.functional import SimpleLazyObject

DEFAULT = settings.LANGUAGE_CODE


API_PATH = "/api/"


def browser_language_paths() -> tuple[str, ...]:
    """Path prefixes whose language is the browser's, not the URL's."""
    return ("/" + settings.ADMIN_URL, API_PATH, "/i18n/")


def request_language(request) -> str:
    """The language a request is answered in: the URL's for public pages (unprefixed:
    Arabic), the browser's for the admin, the API and the language view."""
    if request.path_info.startswith(browser_language_paths()):
        return translation.get_language_from_request(request)
    return translation.get_language_from_path(request.path_info) or DEFAULT


class PublicPrefixPattern(LocalePrefixPattern):
    """The public pages' language prefix, except that the unprefixed JSON API answers a
    request in any language: its language is the browser's, not the URL's, and Django's
    prefix would send an English request to ``/en/api/``."""

    def match(self, path):
        if ("/" + path).startswith(API_PATH):
            return path, (), {}
        return super().match(path)


def public_patterns(*urls) -> list[URLResolver]:
    """``i18n_patterns(*urls, prefix_default_language=False)`` with :class:`PublicPrefixPattern`."""
    return [URLResolver(PublicPrefixPattern(prefix_default_language=False), list(urls))]


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, except that unprefixed paths outside ``i18n_patterns``
    take the browser's language instead of always the default."""

    def process_request(self, request):
        if request.path_info.startswith(browser_language_paths()):
            translation.activate(request_language(request))
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)


def page_path(path_info: str) -> str:
    """A public page's path without its language prefix (the Arabic page's path)."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != DEFAULT and path_info.startswith(prefix):
            return path_info[len(prefix) - 1 :]
    return path_info


def language_path(path_info: str, language: str) -> str:
    """The same page in ``language``, as a path from the site's root."""
    plain = page_path(path_info)
    prefixed = plain if language == DEFAULT else f"/{language}{plain}"
    return get_script_prefix().rstrip("/") + prefixed


# The longest query string the language links carry (browsers and servers cap URLs near
# 8 KB); a longer one is dropped from them.
MAX_LINKED_QUERY = 4096


def language_links(request) -> list[dict]:
    """The current page in each language, query string kept: the switcher's links and the
    ``hreflang`` alternates. Plain string work on the path: no URL resolving per page."""
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_LINKED_QUERY:
        query = ""  # no browser follows such a link; copying it costs seconds per page
    current = translation.get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        path = language_path(request.path_info, code)
        href = f"{path}?{query}" if query else path
        info = translation.get_language_info(code)
        links.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "href": href,
                "absolute": request.build_absolute_uri(href),
                "current": code == current,
            }
        )
    return links


def language_context(request) -> dict:
    """Template context: ``language_links`` for the switcher and the alternates, built only
    when a template reads it."""
    return {"language_links": SimpleLazyObject(lambda: language_links(request))}
