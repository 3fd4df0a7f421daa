"""Settings for the test suite: a throwaway Whoosh index per test session."""

import tempfile

from config.settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijklmnop"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WHOOSH_INDEX_PATH = tempfile.mkdtemp(prefix="archive-test-index-")
HAYSTACK_CONNECTIONS["default"]["PATH"] = WHOOSH_INDEX_PATH  # noqa: F405

# Tests see their saves in search at once; queue tests switch this off.
SEARCH_INDEX_INLINE = True

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = tempfile.mkdtemp(prefix="archive-test-static-")
# Live-server and browser tests get static files without collectstatic.
WHITENOISE_USE_FINDERS = True
# Fuzzers call the API and pages freely; tests/test_rate_limits.py turns the limits on.
API_RATE_LIMIT = None
SEARCH_RATE_LIMIT = None
FEED_RATE_LIMIT = None
EXPORT_RATE_LIMIT = None
PAGE_RATE_LIMIT = None
ADMIN_LOGIN_FAILURE_LIMIT = 0
ARCHIVE_UPLOAD_STAGING_DIR = tempfile.mkdtemp(prefix="archive-test-staging-")
