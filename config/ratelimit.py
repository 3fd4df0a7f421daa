"""Request rates per client: the JSON API, the search page, feeds, exports and the reading pages.

Each scope has its rates (``"60/minute,600/hour"``: every one must hold), generous for a
person and tight for a crawler. Over a rate the answer is ``429 Too Many Requests`` with
``Retry-After``, in the reader's language: JSON for the API, an HTML page (``429.html``)
elsewhere. The counters live in the cache named by ``RATE_LIMIT_CACHE`` (default
``"default"``), so all workers that share it share the counts; :mod:`config.cache` keeps
each count at one indexed statement however many clients there are.

Settings (read on each request, so ``override_settings`` works in tests): ``API_RATE_LIMIT``
(paths under ``API_RATE_LIMIT_PATH_PREFIXES``), ``SEARCH_RATE_LIMIT``, ``FEED_RATE_LIMIT``,
``EXPORT_RATE_LIMIT``, ``PAGE_RATE_LIMIT`` (the home page, articles, entities and their
list: cheap pages, so generous rates that only a crawler reaches); a rate of ``None``, ``""``
or ``"off"`` switches a scope off.
"""

from __future__ import annotations

import ipaddress
import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.security import client_ip, digest

DEFAULT_API_PATH_PREFIXES = ("/api/",)
_PERIODS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}
_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([a-z]+?)s?\s*$")
_DISABLED = {"", "0", "off", "none", "false"}


@dataclass(frozen=True)
class Rate:
    """``limit`` requests per ``period`` seconds."""

    limit: int
    period: int


@dataclass(frozen=True)
class Scope:
    """Requests counted together: a setting with their rates and the pages they cover."""

    name: str
    setting: str
    default: str
    url_names: frozenset[str] = frozenset()
    json: bool = False  # the JSON API: its paths are API_RATE_LIMIT_PATH_PREFIXES


SCOPES = (
    Scope("api", "API_RATE_LIMIT", "60/minute", json=True),
    Scope("search", "SEARCH_RATE_LIMIT", "60/minute,600/hour", frozenset({"search:search"})),
    Scope(
        "feed",
        "FEED_RATE_LIMIT",
        "30/minute,300/hour",
        frozenset({"search:feed", "archive:feed", "archive:entity_feed"}),
    ),
    Scope("export", "EXPORT_RATE_LIMIT", "10/minute,100/hour", frozenset({"search:export"})),
    Scope(
        "page",
        "PAGE_RATE_LIMIT",
        "120/minute,3000/hour",
        frozenset(
            {
                "archive:home",
                "archive:article",
                "archive:article_short",
                "archive:entity",
                "archive:entity_short",
                "archive:entity_index",
            }
        ),
    ),
)


@lru_cache(maxsize=32)
def parse_rate(value: str | None) -> Rate | None:
    """``"60/minute"`` → ``Rate(60, 60)``; ``None``/``""``/``"off"`` → ``None``.

    >>> parse_rate("100/15minutes")
    Rate(limit=100, period=900)
    """
    if value is None or str(value).strip().lower() in _DISABLED:
        return None
    match = _RATE_RE.match(str(value).lower())
    if not match or match.group(3) not in _PERIODS:
        raise ImproperlyConfigured(
            f"Rate {value!r} is not understood: use N/second, N/minute, N/hour, N/day "
            "(or N/15minute)."
        )
    limit, multiplier, unit = match.groups()
    period = int(multiplier or 1) * _PERIODS[unit]
    if int(limit) < 1 or period < 1:
        raise ImproperlyConfigured(f"Rate {value!r} must allow at least one request.")
    return Rate(int(limit), period)


@lru_cache(maxsize=32)
def parse_rates(value: str | None) -> tuple[Rate, ...]:
    """``"60/minute,600/hour"`` → both rates; ``"off"`` → none."""
    parts = str(value or "").split(",")
    return tuple(rate for rate in map(parse_rate, parts) if rate is not None)


def client_key(request) -> str:
    """The client address, an IPv6 client by its /64 network (one host owns a whole one)."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def _store():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


def _count(key: str, timeout: int) -> int:
    store = _store()
    counter = getattr(store, "count", None)
    if counter is not None:  # config.cache.SQLiteCache: one statement
        return counter(key, timeout)
    # add() is a no-op when the key exists; incr() is atomic on shared caches.
    store.add(key, 0, timeout=timeout)
    try:
        return store.incr(key)
    except ValueError:  # expired between add() and incr()
        store.add(key, 1, timeout=timeout)
        return 1


def rate_limit_hit(*, scope: str, key: str, rate: Rate, now: float | None = None) -> int:
    """Count one request; return 0 when it is allowed, else the seconds to wait.

    A fixed window per ``rate.period``, the same for every worker that shares the cache.
    """
    now = time.time() if now is None else now
    window = int(now // rate.period)
    count = _count(f"ratelimit:{scope}:{rate.period}:{digest(key)}:{window}", rate.period + 1)
    if count <= rate.limit:
        return 0
    return max(1, math.ceil((window + 1) * rate.period - now))


def limit_hit(
    *, scope: str, key: str, rates: tuple[Rate, ...], now: float | None = None
) -> tuple[Rate, int] | None:
    """Count one request against each rate; the first rate it breaks and the wait, or None."""
    now = time.time() if now is None else now
    for rate in rates:
        wait = rate_limit_hit(scope=scope, key=key, rate=rate, now=now)
        if wait:
            return rate, wait
    return None


def _scope_of(request) -> Scope | None:
    prefixes = getattr(settings, "API_RATE_LIMIT_PATH_PREFIXES", DEFAULT_API_PATH_PREFIXES)
    if request.path.startswith(tuple(prefixes)):
        return next(scope for scope in SCOPES if scope.json)
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return next((scope for scope in SCOPES if match.view_name in scope.url_names), None)


class RateLimitMiddleware:
    """Counts each request of a limited scope per client; 429 once over one of its rates.

    It comes after ``LocaleMiddleware``, so the refusal is in the reader's language, and
    before anything that reads the body or searches.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = _scope_of(request)
        if scope is not None:
            rates = parse_rates(getattr(settings, scope.setting, scope.default))
            if rates:
                broken = limit_hit(scope=scope.name, key=client_key(request), rates=rates)
                if broken:
                    return too_many_requests(request, scope, *broken)
        return self.get_response(request)


def _message(rate: Rate, wait: int) -> tuple[str, str]:
    limit = ngettext(
        "Too many requests: at most %(limit)d requests per %(period)d second are allowed.",
        "Too many requests: at most %(limit)d requests per %(period)d seconds are allowed.",
        rate.period,
    ) % {"limit": rate.limit, "period": rate.period}
    again = ngettext("Try again in %(wait)d second.", "Try again in %(wait)d seconds.", wait) % {
        "wait": wait
    }
    return limit, again


def too_many_requests(request, scope: Scope, rate: Rate, wait: int):
    """The 429 answer: JSON for the API, the ``429.html`` page for the others."""
    limit, again = _message(rate, wait)
    if scope.json:
        response = JsonResponse(
            {"error": f"{limit} {again}", "retry_after": wait},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        context = {"title": _("Too many requests"), "limit": limit, "again": again}
        # A middleware's response skips the handler's rendering step.
        response = TemplateResponse(request, "429.html", context, status=429).render()
    response["Retry-After"] = str(wait)
    return response
