"""The security middleware: content-security policy, admin login throttling, login redirects.

The test settings switch the login throttle off (so that other tests may log in freely);
each test here switches it on with a small limit. Rate limits: tests/test_rate_limits.py;
body sizes: tests/test_body_limits.py.
"""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from tests.factories import article_create

PASSWORD = "كلمة-سر-طويلة-للمحرر-2021"
WRONG = "كلمة-خاطئة"


pytestmark = pytest.mark.usefixtures("empty_cache")


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
    position = {name.rsplit(".", 1)[-1]: index for index, name in enumerate(middleware)}
    # Bodies are refused before anything reads them; rates are counted once the language is
    # known and before any view; the login throttle needs the user.
    assert position["RequestBodyLimitMiddleware"] <= 1
    assert position["RequestBodyLimitMiddleware"] < position["CsrfViewMiddleware"]
    assert position["LocaleMiddleware"] < position["RateLimitMiddleware"]
    assert position["RateLimitMiddleware"] < position["AuthenticationMiddleware"]
    assert position["ContentSecurityPolicyMiddleware"] < position["SessionMiddleware"]
    assert position["AdminLoginThrottleMiddleware"] > position["AuthenticationMiddleware"]


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


@pytest.mark.parametrize(
    "unsafe_next", ["https://evil.example/", "//evil.example/steal", "javascript:alert(1)"]
)
def test_an_unsafe_next_on_the_admin_login_leads_to_the_admin_index(client, editor, unsafe_next):
    response = client.post(
        reverse("admin:login") + "?next=" + unsafe_next,
        {"username": "muharrir", "password": PASSWORD, "next": unsafe_next},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_a_safe_next_on_the_admin_login_is_followed(client, editor):
    target = reverse("admin:archive_article_changelist")
    response = client.post(
        reverse("admin:login"), {"username": "muharrir", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == target
