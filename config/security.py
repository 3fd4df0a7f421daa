"""Security middleware: a content-security policy and admin login throttling.

Django 5.2 has no content-security policy of its own, and nothing that limits repeated
failed logins. The throttle keeps its counts in Django's default cache, shared by all
workers (:mod:`config.cache`). Request rates are :mod:`config.ratelimit`, request body
sizes :mod:`config.body_limits`.

Settings (all read on each request, so ``override_settings`` works in tests):

``CONTENT_SECURITY_POLICY``
    ``{directive: [sources]}``; ``None`` sends no header. Default: :data:`DEFAULT_CSP`.
``CONTENT_SECURITY_POLICY_REPORT_ONLY``
    Send ``Content-Security-Policy-Report-Only`` instead (to try a policy out).
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
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
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
DEFAULT_LOGIN_FAILURE_LIMIT = 10
DEFAULT_LOCKOUT_SECONDS = 15 * 60


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


def digest(*parts: str) -> str:
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


# --- admin login throttling -------------------------------------------------------------------


def _login_failure_limit() -> int:
    return int(getattr(settings, "ADMIN_LOGIN_FAILURE_LIMIT", DEFAULT_LOGIN_FAILURE_LIMIT) or 0)


def _lockout_seconds() -> int:
    return int(getattr(settings, "ADMIN_LOGIN_LOCKOUT_SECONDS", DEFAULT_LOCKOUT_SECONDS) or 0)


def _failure_key(ip: str, username: str) -> str:
    return f"loginfail:{digest(ip, username.strip().casefold())}"


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
