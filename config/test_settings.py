"""Settings for the test suite: a throwaway Whoosh index per test session."""

import atexit
import os
import shutil
import tempfile

from config.settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijklmnop"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# One folder per process for the index, static files and staging, removed when the process
# that made it exits (a forked worker leaves it to its parent).
_TEST_ROOT = tempfile.mkdtemp(prefix="archive-test-")
_TEST_ROOT_OWNER = os.getpid()


@atexit.register
def _remove_test_root():
    if os.getpid() == _TEST_ROOT_OWNER:
        shutil.rmtree(_TEST_ROOT, ignore_errors=True)


def _test_dir(name):
    path = os.path.join(_TEST_ROOT, name)
    os.makedirs(path, exist_ok=True)
    return path


WHOOSH_INDEX_PATH = _test_dir("index")
HAYSTACK_CONNECTIONS["default"]["PATH"] = WHOOSH_INDEX_PATH  # noqa: F405

# Tests see their saves in search at once; queue tests switch this off.
SEARCH_INDEX_INLINE = True

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = _test_dir("static")
# Live-server and browser tests get static files without collectstatic.
WHITENOISE_USE_FINDERS = True
# Fuzzers call the API and pages freely; tests/test_rate_limits.py turns the limits on.
API_RATE_LIMIT = None
SEARCH_RATE_LIMIT = None
FEED_RATE_LIMIT = None
EXPORT_RATE_LIMIT = None
PAGE_RATE_LIMIT = None
ADMIN_LOGIN_FAILURE_LIMIT = 0
ARCHIVE_UPLOAD_STAGING_DIR = _test_dir("staging")
