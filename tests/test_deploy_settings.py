"""Production settings, checked in a fresh process with production environment variables.

The settings module reads the environment at import time, so each case runs in its own
subprocess with ``config.settings`` (not the test settings) and a scratch ``var/``.
"""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_HOST = "archive.example.org"


def _secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def _environment(tmp_path: Path, **overrides: str) -> dict[str, str]:
    # Only the variables a deployment would set: nothing inherited from the test run.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_VAR_DIR=str(tmp_path),
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=_secret_key(),
        DJANGO_ALLOWED_HOSTS=PRODUCTION_HOST,
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_no_issue_with_production_environment(tmp_path):
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _environment(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_settings_refuse_to_start_with_debug_off_and_no_secret_key(tmp_path):
    env = _environment(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = _run(["-c", "import django; django.setup()"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory) -> dict:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({name: getattr(s, name, None) for name in ("
        "'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT',"
        "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_CONTENT_TYPE_NOSNIFF',"
        "'X_FRAME_OPTIONS', 'ALLOWED_HOSTS', 'MIDDLEWARE', 'API_RATE_LIMIT')}, default=str))"
    )
    result = _run(["-c", code], _environment(tmp_path_factory.mktemp("var")))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_turns_on_secure_cookies_https_and_hsts(production_settings):
    s = production_settings
    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] >= 31536000 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] and s["X_FRAME_OPTIONS"] == "DENY"
    assert s["ALLOWED_HOSTS"] == [PRODUCTION_HOST]


def test_production_sends_a_content_security_policy_and_limits_the_api(production_settings):
    middleware = production_settings["MIDDLEWARE"]
    assert "config.security.ContentSecurityPolicyMiddleware" in middleware
    assert "config.ratelimit.RateLimitMiddleware" in middleware
    assert "config.body_limits.RequestBodyLimitMiddleware" in middleware
    assert "config.security.AdminLoginThrottleMiddleware" in middleware
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in middleware
    assert production_settings["API_RATE_LIMIT"] == "60/minute"
