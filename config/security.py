"""Security middleware: a content-security policy, an API rate limit, admin login throttling.

Django 5.2 has no content-security policy of its own, and nothing that limits request rates
or repeated failed logins. All three keep their state in Django's default cache, so several
gunicorn workers share it when the cache is shared (a file-based or database cache; the
per-process memory cache gives each worker its own counters, see docs/deploy.md).

Settings (all read on each request, so ``override_settings`` works in tests):

``CONTENT_SECURITY_POLICY``
    ``{directive: [sources]}``; ``None`` sends no header. Default: :data:`DEFAULT_CSP`.
``CONTENT_SECURITY_POLICY_REPORT_ONLY``
    Send ``Content-Security-Policy-Report-Only`` instead (to try a policy out).
``API_RATE_LIMIT``
    ``"60/minute"`` (``N/second|minute|hour|day``, or ``N/15minute``); ``None``, ``""`` or
    ``"off"`` disables it. Applies to paths under ``API_RATE_LIMIT_PATH_PREFIXES``.
``ADMIN_LOGIN_FAILURE_LIMIT`` / ``ADMIN_LOGIN_LOCKOUT_SECONDS``
    After that many failed logins for one client address and username within the lockout
    period, the admin login refuses that username from that address (even with the right
    password) until the period has passed without a new attempt. ``0`` or ``None`` disables.
``TRUSTED_PROXY_COUNT``
    How many reverse proxies in front of the application append to ``X-Forwarded-For``; the
    client address is the entry that many places from the right. ``0`` trusts none and uses
    ``REMOTE_ADDR`` (a client can write anything into that header).
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.dispatch import receiver
from django.http import HttpRequest, JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DEFAULT_CSP: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
}
DEFAULT_API_RATE_LIMIT = "60/minute"
DEFAULT_API_PATH_PREFIXES = ("/api/",)
DEFAULT_LOGIN_FAILURE_LIMIT = 10
DEFAULT_LOCKOUT_SECONDS = 15 * 60

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


# --- client address -----------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting ``TRUSTED_PROXY_COUNT`` proxies' X-Forwarded-For."""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:64]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _digest(*parts: str) -> str:
    # Cache keys must be short and free of spaces and control characters (memcached).
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]


# --- content-security policy ----------------------------------------------------------------


def csp_header_value(policy: dict[str, list[str]]) -> str:
    """``{"default-src": ["'self'"], …}`` → ``"default-src 'self'; …"``."""
    return "; ".join(
        " ".join([directive, *sources]) if sources else directive
        for directive, sources in policy.items()
    )


@lru_cache(maxsize=8)
def _csp_cached(items: tuple[tuple[str, tuple[str, ...]], ...]) -> str:
    return csp_header_value({directive: list(sources) for directive, sources in items})


class ContentSecurityPolicyMiddleware:
    """Adds the policy to every response that has none of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        if not policy:
            return response
        header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )
        if header not in response:
            items = tuple((name, tuple(sources)) for name, sources in policy.items())
            response[header] = _csp_cached(items)
        return response


# --- API rate limit ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """``limit`` requests per ``period`` seconds."""

    limit: int
    period: int


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


def rate_limit_hit(*, scope: str, key: str, rate: Rate, now: float | None = None) -> int:
    """Count one request; return 0 when it is allowed, else the seconds to wait.

    A fixed window per ``rate.period``: cheap (one cache add and one increment) and the same
    for every worker that shares the cache.
    """
    now = time.time() if now is None else now
    window = int(now // rate.period)
    cache_key = f"ratelimit:{scope}:{_digest(key)}:{window}"
    # add() is a no-op when the key exists; incr() is atomic on shared caches.
    cache.add(cache_key, 0, timeout=rate.period + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=rate.period + 1)
        count = 1
    if count <= rate.limit:
        return 0
    return max(1, math.ceil((window + 1) * rate.period - now))


class ApiRateLimitMiddleware:
    """Limits requests to the JSON API per client address; 429 with a JSON error when over."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefixes = getattr(settings, "API_RATE_LIMIT_PATH_PREFIXES", DEFAULT_API_PATH_PREFIXES)
        if request.path.startswith(tuple(prefixes)):
            rate = parse_rate(getattr(settings, "API_RATE_LIMIT", DEFAULT_API_RATE_LIMIT))
            if rate is not None:
                wait = rate_limit_hit(scope="api", key=client_ip(request), rate=rate)
                if wait:
                    # Before LocaleMiddleware (a refused request costs little): the reader's
                    # language comes from the cookie or Accept-Language here.
                    with translation.override(translation.get_language_from_request(request)):
                        return _too_many_requests(rate, wait)
        return self.get_response(request)


def _too_many_requests(rate: Rate, wait: int) -> JsonResponse:
    limit = ngettext(
        "Too many requests: at most %(limit)d requests per %(period)d second are allowed.",
        "Too many requests: at most %(limit)d requests per %(period)d seconds are allowed.",
        rate.period,
    ) % {"limit": rate.limit, "period": rate.period}
    again = ngettext("Try again in %(wait)d second.", "Try again in %(wait)d seconds.", wait) % {
        "wait": wait
    }
    message = f"{limit} {again}"
    response = JsonResponse(
        {"error": message, "retry_after": wait},
        status=429,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Retry-After"] = str(wait)
    return response


# --- admin login throttling -------------------------------------------------------------------


def _login_failure_limit() -> int:
    return int(getattr(settings, "ADMIN_LOGIN_FAILURE_LIMIT", DEFAULT_LOGIN_FAILURE_LIMIT) or 0)


def _lockout_seconds() -> int:
    return int(getattr(settings, "ADMIN_LOGIN_LOCKOUT_SECONDS", DEFAULT_LOCKOUT_SECONDS) or 0)


def _failure_key(ip: str, username: str) -> str:
    return f"loginfail:{_digest(ip, username.strip().casefold())}"


def login_failures(*, ip: str, username: str) -> int:
    """Failed logins recorded for this address and username in the lockout period."""
    return int(cache.get(_failure_key(ip, username), 0))


def login_is_locked(*, ip: str, username: str) -> bool:
    limit = _login_failure_limit()
    return bool(limit) and login_failures(ip=ip, username=username) >= limit


def login_failure_record(*, ip: str, username: str) -> int:
    """Count one failed login; each failure restarts the lockout period."""
    key = _failure_key(ip, username)
    count = int(cache.get(key, 0)) + 1
    cache.set(key, count, timeout=max(1, _lockout_seconds()))
    return count


def login_failures_reset(*, ip: str, username: str) -> None:
    cache.delete(_failure_key(ip, username))


@receiver(user_login_failed, dispatch_uid="config.security.login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    if request is None or not _login_failure_limit():
        return
    username = str(credentials.get("username") or "")
    login_failure_record(ip=client_ip(request), username=username)


@receiver(user_logged_in, dispatch_uid="config.security.logged_in")
def _on_logged_in(sender, request, user, **kwargs):
    if request is not None:
        login_failures_reset(ip=client_ip(request), username=user.get_username())


def _admin_login_path() -> str | None:
    try:
        return reverse("admin:login")
    except NoReverseMatch:
        return None


def _locked_message() -> str:
    minutes = max(1, math.ceil(_lockout_seconds() / 60))
    return ngettext(
        "Too many failed login attempts for this username. Try again in %(minutes)d minute.",
        "Too many failed login attempts for this username. Try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


class AdminLoginThrottleMiddleware:
    """Refuses admin login POSTs for an address and username that failed too often.

    The password is not even checked while locked, so a correct guess gains nothing. The
    admin's own login page comes back (status 429) with the reason in place of the form's
    error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and _login_failure_limit():
            login_path = _admin_login_path()
            if login_path and request.path == login_path:
                username = str(request.POST.get("username", ""))
                if login_is_locked(ip=client_ip(request), username=username):
                    return _locked_login_page(request)
        return self.get_response(request)


def _locked_login_page(request) -> TemplateResponse:
    from django.contrib import admin
    from django.contrib.admin.forms import AdminAuthenticationForm

    class LockedLoginForm(AdminAuthenticationForm):
        def clean(self):
            # Never reaches authenticate(): no password check, no extra failure recorded.
            raise ValidationError(_locked_message(), code="locked")

    form = LockedLoginForm(request, data=request.POST)
    form.is_valid()
    redirect_to = request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, ""))
    context = {
        **admin.site.each_context(request),
        "title": _("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username() if hasattr(request, "user") else "",
        "form": form,
        REDIRECT_FIELD_NAME: redirect_to,
    }
    request.current_app = admin.site.name
    response = TemplateResponse(
        request, admin.site.login_template or "admin/login.html", context, status=429
    )
    # Middleware responses skip the handler's rendering step.
    return response.render()
