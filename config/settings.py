"""Django settings for the Iraq–Russia news archive.

All deployment-specific values come from the environment through
``config.env``; the defaults are safe for local development (SQLite and a
Whoosh index under ``var/``). Production: set ``DJANGO_DEBUG=0``,
``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` (see docs/deploy.md).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.cache import cache_from_url
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DJANGO_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"
SECRET_KEY = env_str("DJANGO_SECRET_KEY") or (_DEV_SECRET if DEBUG else None)
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "haystack",
    "archive",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads a body (the CSRF check reads every POST's).
    "config.body_limits.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After the language is chosen (the 429 page is the reader's), before any view runs.
    "config.ratelimit.RateLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.security.AdminLoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.locale.language_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'archive.sqlite3'}"),
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while the importer or indexer writes; IMMEDIATE
    # transactions take the write lock up front, so concurrent writers queue
    # (up to the timeout) instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic is the archive's language; English is the second interface.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Asia/Baghdad")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The cache holds the rate limits and login throttling, shared by every worker: a SQLite file
# of its own (config/cache.py) unless DJANGO_CACHE_URL names a server (docs/deploy.md).
_CACHE_DIR = Path(env_str("DJANGO_CACHE_DIR", str(VAR_DIR / "cache")))
CACHES = {
    "default": cache_from_url(
        env_str("DJANGO_CACHE_URL") or f"sqlite:///{_CACHE_DIR / 'cache.sqlite3'}"
    )
}

# Abuse limits per client address (config/ratelimit.py): the JSON API, the search page, feeds
# and exports; and failed admin logins per client and name (config/security.py).
API_RATE_LIMIT = env_str("DJANGO_API_RATE_LIMIT", "60/minute")
SEARCH_RATE_LIMIT = env_str("DJANGO_SEARCH_RATE_LIMIT", "60/minute,600/hour")
FEED_RATE_LIMIT = env_str("DJANGO_FEED_RATE_LIMIT", "30/minute,300/hour")
EXPORT_RATE_LIMIT = env_str("DJANGO_EXPORT_RATE_LIMIT", "10/minute,100/hour")
PAGE_RATE_LIMIT = env_str("DJANGO_PAGE_RATE_LIMIT", "120/minute,3000/hour")
ADMIN_LOGIN_FAILURE_LIMIT = env_int("DJANGO_ADMIN_LOGIN_FAILURE_LIMIT", 10)
ADMIN_LOGIN_LOCKOUT_SECONDS = env_int("DJANGO_ADMIN_LOGIN_LOCKOUT_SECONDS", 15 * 60)
TRUSTED_PROXY_COUNT = env_int(
    "DJANGO_TRUSTED_PROXY_COUNT", 1 if env_bool("DJANGO_BEHIND_PROXY", False) else 0
)
CONTENT_SECURITY_POLICY_REPORT_ONLY = env_bool("DJANGO_CSP_REPORT_ONLY", False)

ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
# The only login is the admin's: after it (and in place of an unsafe ?next=), its index.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Search: Whoosh on disk by default; Elasticsearch when a URL is given.
WHOOSH_INDEX_PATH = env_str("DJANGO_WHOOSH_INDEX", str(VAR_DIR / "whoosh_index"))
ELASTICSEARCH_URL = env_str("DJANGO_ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "search.backends.elasticsearch.ArabicElasticsearchEngine",
            "URL": ELASTICSEARCH_URL,
            "INDEX_NAME": env_str("DJANGO_ELASTICSEARCH_INDEX", "archive"),
        }
    }
else:
    HAYSTACK_CONNECTIONS = {
        "default": {
            "ENGINE": "search.backends.whoosh.ArabicWhooshEngine",
            "PATH": WHOOSH_INDEX_PATH,
        }
    }
# Haystack's model filter would add a clause to every search: the index holds only articles.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
# Index writes follow saves and deletes once their transaction commits.
# Saves queue index tasks; ``index_worker`` applies them. Inline also applies
# them right after commit when the index is free (single-process setups).
SEARCH_INDEX_INLINE = env_bool("DJANGO_SEARCH_INDEX_INLINE", False)
HAYSTACK_SIGNAL_PROCESSOR = env_str(
    "DJANGO_HAYSTACK_SIGNAL_PROCESSOR", "search.signals.ArticleSignalProcessor"
)

# Ranking weights (docs/search-quality.md has their measured effect): a query word in the title
# adds its title score times this; neighbouring words of a plain query found within SLOP
# positions of each other add their scores times PROXIMITY_WEIGHT (off: 0.5 gains little and
# reading positions doubles a first two-word search); a query
# naming an entity adds its best one-word name's score in the text and the title times
# ENTITY_WEIGHT.
SEARCH_TITLE_WEIGHT = float(env_str("DJANGO_SEARCH_TITLE_WEIGHT", "1.0"))
SEARCH_PROXIMITY_WEIGHT = float(env_str("DJANGO_SEARCH_PROXIMITY_WEIGHT", "0"))
SEARCH_PROXIMITY_SLOP = env_int("DJANGO_SEARCH_PROXIMITY_SLOP", 3)
SEARCH_ENTITY_WEIGHT = float(env_str("DJANGO_SEARCH_ENTITY_WEIGHT", "1.0"))
# A plain query of more than this many words also finds the articles holding most of them
# (after those holding all): 1 lets a two-word topic show the articles with one of its words.
SEARCH_ALL_WORDS_UP_TO = env_int("DJANGO_SEARCH_ALL_WORDS_UP_TO", 1)
# Pseudo-relevance feedback (search/expansion.py): words added (0: off), first results read,
# their weight, and how many of them admit an article holding none of the query's words
# (0: they only rank).
SEARCH_FEEDBACK_TERMS = env_int("DJANGO_SEARCH_FEEDBACK_TERMS", 5)
SEARCH_FEEDBACK_DOCS = env_int("DJANGO_SEARCH_FEEDBACK_DOCS", 10)
SEARCH_FEEDBACK_WEIGHT = float(env_str("DJANGO_SEARCH_FEEDBACK_WEIGHT", "0.2"))
SEARCH_FEEDBACK_MATCH = env_int("DJANGO_SEARCH_FEEDBACK_MATCH", 2)
# A query naming an entity ranks higher, by this weight, the articles naming an entity tied to
# it (each in half of the other's articles); 0: off.
SEARCH_TIED_ENTITY_WEIGHT = float(env_str("DJANGO_SEARCH_TIED_ENTITY_WEIGHT", "0"))

# The web process's garbage collector (search/gc_tuning.py, applied by config/wsgi.py): the
# generation-0 threshold (0: Python's 700), and freezing what is alive after a request that
# used a new searcher's data, so full collections skip it.
GC_THRESHOLD = env_int("DJANGO_GC_THRESHOLD", 10_000)
GC_FREEZE = env_bool("DJANGO_GC_FREEZE", True)

# Exports of a search stream at most this many articles; above it the researcher narrows.
SEARCH_EXPORT_MAX = env_int("DJANGO_SEARCH_EXPORT_MAX", 10000)

# Upload and import limits (bytes).
ARCHIVE_MAX_FILE_BYTES = env_int("DJANGO_ARCHIVE_MAX_FILE_BYTES", 5 * 1024 * 1024)
ARCHIVE_MAX_UPLOAD_BYTES = env_int("DJANGO_ARCHIVE_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
ARCHIVE_MAX_UPLOAD_DOCUMENTS = env_int("DJANGO_ARCHIVE_MAX_UPLOAD_DOCUMENTS", 200)
ARCHIVE_MAX_ZIP_ENTRIES = env_int("DJANGO_ARCHIVE_MAX_ZIP_ENTRIES", 1000)
ARCHIVE_MAX_ZIP_RATIO = env_int("DJANGO_ARCHIVE_MAX_ZIP_RATIO", 100)
# Uploads wait here between preview and save; shared storage when there are several web hosts.
ARCHIVE_UPLOAD_STAGING_DIR = env_str(
    "DJANGO_ARCHIVE_UPLOAD_STAGING_DIR", str(VAR_DIR / "upload-staging")
)
ARCHIVE_UPLOAD_STAGING_SECONDS = env_int("DJANGO_ARCHIVE_UPLOAD_STAGING_SECONDS", 3600)
DATA_UPLOAD_MAX_MEMORY_SIZE = ARCHIVE_MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = ARCHIVE_MAX_FILE_BYTES
# Request bodies over these are refused before they are read (config/body_limits.py); the
# upload view takes ARCHIVE_MAX_UPLOAD_BYTES (and its multipart framing).
REQUEST_BODY_MAX_BYTES = env_int("DJANGO_REQUEST_BODY_MAX_BYTES", 64 * 1024)
ADMIN_REQUEST_BODY_MAX_BYTES = env_int("DJANGO_ADMIN_REQUEST_BODY_MAX_BYTES", 20 * 1024 * 1024)

# Production hardening: on whenever debug is off.
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
