"""The security middleware: content-security policy, API rate limit, admin login throttling.

The test settings switch the rate limit and the login throttle off (so that other tests and
the fuzzers may call the API freely); each test here switches them on with small limits.
"""

import json
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from config import security
from tests.factories import article_create

PASSWORD = "كلمة-سر-طويلة-للمحرر-2021"
WRONG = "كلمة-خاطئة"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        username="muharrir", password=PASSWORD, is_staff=True, is_superuser=True
    )


def _login(client, username, password, ip="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=ip,
    )


def _directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def test_security_middleware_is_installed_in_order():
    middleware = settings.MIDDLEWARE
    csp = middleware.index("config.security.ContentSecurityPolicyMiddleware")
    rate = middleware.index("config.security.ApiRateLimitMiddleware")
    throttle = middleware.index("config.security.AdminLoginThrottleMiddleware")
    auth = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    assert csp < rate < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert throttle > auth


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["search:search", "search:help", "admin:login"])
def test_pages_carry_a_strict_content_security_policy(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


# What the policy would block: inline scripts (data blocks excepted), styles and handlers.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.I)


@pytest.mark.django_db
def test_public_pages_have_no_inline_code_that_the_policy_would_block(client):
    article = article_create(
        title="لافروف يستقبل الجعفري في موسكو",
        body="بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره العراقي إبراهيم الجعفري.",
    )
    urls = [
        "/",
        article.get_absolute_url(),
        reverse("search:search") + "?q=لافروف",
        reverse("search:help"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_STYLE.search(html), url


@pytest.mark.django_db
def test_the_api_answers_with_the_policy_too(client):
    response = client.get(reverse("search:api_search"), {"q": "موسكو"})
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_policy_can_be_tried_in_report_only_mode(client):
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=True):
        response = client.get(reverse("search:help"))
    assert "Content-Security-Policy" not in response
    assert "frame-ancestors 'none'" in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
@override_settings(API_RATE_LIMIT="3/minute")
def test_api_returns_429_with_json_error_and_retry_after_once_over_the_limit(client):
    url = reverse("search:api_search")
    for _ in range(3):
        assert client.get(url, {"q": "لافروف"}, REMOTE_ADDR="198.51.100.1").status_code == 200
    response = client.get(
        url, {"q": "لافروف"}, REMOTE_ADDR="198.51.100.1", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    assert "3" in body["error"]
    assert 1 <= int(response["Retry-After"]) <= 60
    assert body["retry_after"] == int(response["Retry-After"])
    wait = body["retry_after"]
    assert body["error"].endswith(f"Try again in {wait} second{'' if wait == 1 else 's'}.")


@pytest.mark.django_db
@override_settings(API_RATE_LIMIT="2/minute")
def test_rate_limit_counts_each_client_address_separately(client):
    url = reverse("search:api_entities")
    for _ in range(2):
        client.get(url, {"q": "بوتين"}, REMOTE_ADDR="198.51.100.1")
    assert client.get(url, {"q": "بوتين"}, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get(url, {"q": "بوتين"}, REMOTE_ADDR="198.51.100.2").status_code == 200


@pytest.mark.django_db
@override_settings(API_RATE_LIMIT="1/minute")
def test_rate_limit_leaves_the_html_pages_alone(client):
    for _ in range(3):
        assert client.get(reverse("search:search"), {"q": "موسكو"}).status_code == 200


@pytest.mark.django_db
@override_settings(API_RATE_LIMIT="2/minute", TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_client_address_is_limited(client):
    url = reverse("search:api_entities")
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(2):
        client.get(url, {"q": "بوتين"}, HTTP_X_FORWARDED_FOR="192.0.2.10", **proxy)
    assert client.get(url, HTTP_X_FORWARDED_FOR="192.0.2.10", **proxy).status_code == 429
    # A forged entry before the proxy's own does not buy a fresh quota.
    forged = "10.9.9.9, 192.0.2.10"
    assert client.get(url, HTTP_X_FORWARDED_FOR=forged, **proxy).status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="192.0.2.11", **proxy).status_code == 200


def test_rates_are_parsed_and_nonsense_is_refused():
    assert security.parse_rate("60/minute") == security.Rate(60, 60)
    assert security.parse_rate("100/15minutes") == security.Rate(100, 900)
    assert security.parse_rate("off") is None
    assert security.parse_rate("") is None
    with pytest.raises(Exception, match="not understood"):
        security.parse_rate("ستون في الدقيقة")


@override_settings(ADMIN_LOGIN_FAILURE_LIMIT=3, ADMIN_LOGIN_LOCKOUT_SECONDS=900)
def test_admin_login_is_locked_after_repeated_failures_even_for_the_right_password(client, editor):
    for _ in range(3):
        response = _login(client, "muharrir", WRONG)
        assert response.status_code == 200  # the usual "wrong password" form
    locked = _login(client, "muharrir", PASSWORD)
    assert locked.status_code == 429
    content = locked.content.decode()
    assert "Too many failed login attempts" in content or "محاولات" in content
    assert "15" in content
    assert "_auth_user_id" not in client.session


@override_settings(ADMIN_LOGIN_FAILURE_LIMIT=3, ADMIN_LOGIN_LOCKOUT_SECONDS=900)
def test_lockout_is_per_address_and_username(client, editor):
    for _ in range(3):
        _login(client, "muharrir", WRONG, ip="203.0.113.7")
    response = _login(client, "muharrir", PASSWORD, ip="203.0.113.8")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@override_settings(ADMIN_LOGIN_FAILURE_LIMIT=3, ADMIN_LOGIN_LOCKOUT_SECONDS=900)
def test_a_successful_login_clears_earlier_failures(client, editor):
    for _ in range(2):
        _login(client, "muharrir", WRONG)
    assert _login(client, "muharrir", PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        _login(client, "muharrir", WRONG)
    assert _login(client, "muharrir", PASSWORD).status_code == 302


@override_settings(ADMIN_LOGIN_FAILURE_LIMIT=3, ADMIN_LOGIN_LOCKOUT_SECONDS=900)
def test_changing_the_case_of_the_username_does_not_reset_the_count(client, editor):
    for username in ("muharrir", "Muharrir", "MUHARRIR"):
        _login(client, username, WRONG)
    assert _login(client, "muharrir", PASSWORD).status_code == 429


@pytest.mark.django_db
@override_settings(API_RATE_LIMIT="1/minute")
def test_api_rate_limit_error_is_in_the_readers_language(client):
    url = reverse("search:api_search")
    client.get(url, {"q": "لافروف"}, REMOTE_ADDR="198.51.100.7")
    arabic = client.get(url, {"q": "لافروف"}, REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="ar")
    english = client.get(
        url, {"q": "لافروف"}, REMOTE_ADDR="198.51.100.7", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert json.loads(arabic.content)["error"].startswith("طلبات كثيرة جدًا")
    assert json.loads(english.content)["error"].startswith("Too many requests")
