"""The cache: a SQLite file of its own by default, or a server named by ``DJANGO_CACHE_URL``.

The rate limits and the login throttle keep their counters in Django's default cache, so
every gunicorn worker must see the same one. :class:`SQLiteCache` is the embedded default:
one indexed table in a file beside the database (never the archive's own database, whose
write lock an import holds), so a counter costs one indexed statement however many clients
there are, and expired entries are pruned in small batches as writes go by. A deployment
with several machines points ``DJANGO_CACHE_URL`` at a shared server
(:func:`cache_from_url`).
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS cache "
    "(key TEXT PRIMARY KEY, value NOT NULL, expires REAL NOT NULL) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS cache_expires ON cache (expires)",
)
_FOREVER = 1e15  # an expiry time for ``timeout=None``: never
_UPSERT = (
    "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires = excluded.expires"
)
# One statement for a rate counter: start at 1, or add 1 to a live one (keeping its expiry).
_COUNT = (
    "INSERT INTO cache (key, value, expires) VALUES (?, 1, ?) "
    "ON CONFLICT (key) DO UPDATE SET "
    "value = CASE WHEN cache.expires > ? AND typeof(cache.value) = 'integer' "
    "THEN cache.value + 1 ELSE 1 END, "
    "expires = CASE WHEN cache.expires > ? THEN cache.expires ELSE excluded.expires END "
    "RETURNING value"
)


def _encode(value):
    # Plain integers stay integers, so that incr() is one SQL addition.
    return value if type(value) is int else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _decode(stored):
    return stored if isinstance(stored, int) else pickle.loads(stored)


class SQLiteCache(BaseCache):
    """Django's cache API on one SQLite table; safe for several processes and threads.

    ``LOCATION`` is the file. Options: ``MAX_ENTRIES`` (default two million; past it the
    entries closest to expiry go first), ``PRUNE_EVERY`` (writes between two prunings of
    expired entries) and ``PRUNE_BATCH`` (entries deleted at most per pruning).
    """

    def __init__(self, location, params):
        options = params.get("OPTIONS", {})
        params = {**params, "OPTIONS": {"MAX_ENTRIES": 2_000_000, **options}}
        super().__init__(params)
        self.path = location
        self._prune_every = int(options.get("PRUNE_EVERY", 500))
        self._prune_batch = int(options.get("PRUNE_BATCH", 5000))
        self._writes = 0
        self._local = threading.local()

    # --- the connection ---------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # new thread or forked worker
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=OFF")  # a cache: a crash may lose the last counts
            db.execute("PRAGMA cache_size=-65536")  # 64 MB of pages: the hot part of the keys
            db.execute("PRAGMA mmap_size=268435456")
            for statement in _SCHEMA:
                db.execute(statement)
            local.db, local.pid = db, os.getpid()
        return local.db

    def _expiry(self, timeout) -> float:
        timeout = self.get_backend_timeout(timeout)
        return _FOREVER if timeout is None else timeout

    def _wrote(self, db: sqlite3.Connection) -> None:
        self._writes += 1
        if self._writes % self._prune_every == 0:
            # Counting the entries reads the whole expiry index: one pruning in twenty.
            self.prune(db, count=self._writes % (self._prune_every * 20) == 0)

    def prune(self, db: sqlite3.Connection | None = None, *, count: bool = True) -> int:
        """Delete a batch of expired entries (and the soonest to expire past ``MAX_ENTRIES``)."""
        db = db or self._db()
        removed = db.execute(
            "DELETE FROM cache WHERE key IN "
            "(SELECT key FROM cache WHERE expires <= ? ORDER BY expires LIMIT ?)",
            (time.time(), self._prune_batch),
        ).rowcount
        if not count:
            return removed
        (entries,) = db.execute("SELECT count(*) FROM cache").fetchone()
        if entries > self._max_entries:
            excess = entries - self._max_entries + self._max_entries // 10
            removed += db.execute(
                "DELETE FROM cache WHERE key IN (SELECT key FROM cache ORDER BY expires LIMIT ?)",
                (excess,),
            ).rowcount
        return removed

    # --- Django's cache API -------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = (
            self._db()
            .execute("SELECT value FROM cache WHERE key = ? AND expires > ?", (key, time.time()))
            .fetchone()
        )
        return default if row is None else _decode(row[0])

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = self._db()
        if timeout == 0:
            db.execute("DELETE FROM cache WHERE key = ?", (key,))
            return
        db.execute(_UPSERT, (key, _encode(value), self._expiry(timeout)))
        self._wrote(db)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = self._db()
        added = db.execute(
            _UPSERT + " WHERE cache.expires <= ?",
            (key, _encode(value), self._expiry(timeout), time.time()),
        ).rowcount
        self._wrote(db)
        return added > 0

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        row = (
            self._db()
            .execute(
                "UPDATE cache SET value = value + ? WHERE key = ? AND expires > ? "
                "AND typeof(value) = 'integer' RETURNING value",
                (delta, key, time.time()),
            )
            .fetchone()
        )
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return row[0]

    def count(self, key, timeout, version=None) -> int:
        """Add one to a counter that lives ``timeout`` seconds from its first count; one query."""
        key = self.make_and_validate_key(key, version=version)
        db = self._db()
        now = time.time()
        (value,) = db.execute(_COUNT, (key, now + timeout, now, now)).fetchone()
        self._wrote(db)
        return value

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        return (
            self._db()
            .execute(
                "UPDATE cache SET expires = ? WHERE key = ? AND expires > ?",
                (self._expiry(timeout), key, time.time()),
            )
            .rowcount
            > 0
        )

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        return self._db().execute("DELETE FROM cache WHERE key = ?", (key,)).rowcount > 0

    def has_key(self, key, version=None):
        sentinel = object()
        return self.get(key, sentinel, version=version) is not sentinel

    def clear(self):
        self._db().execute("DELETE FROM cache")


# --- DJANGO_CACHE_URL -------------------------------------------------------------------------

_SERVERS = {
    "redis": "django.core.cache.backends.redis.RedisCache",
    "rediss": "django.core.cache.backends.redis.RedisCache",
    "memcached": "django.core.cache.backends.memcached.PyMemcacheCache",
}


def cache_from_url(url: str) -> dict:
    """``CACHES["default"]`` for a URL.

    ``sqlite:////srv/archive/var/cache/cache.sqlite3`` (the embedded default), ``redis://host:6379/0``
    (needs the ``redis`` package), ``memcached://host:11211`` (``pymemcache``; several
    servers separated by commas), ``db://table`` (Django's database cache: run
    ``createcachetable``), ``file:///folder`` (Django's file cache: slow with many
    clients), ``locmem://`` (one process only).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # As database URLs write it: sqlite:///relative/file, sqlite:////absolute/file.
        return {"BACKEND": "config.cache.SQLiteCache", "LOCATION": parts.path[1:]}
    if scheme in ("redis", "rediss"):
        return {"BACKEND": _SERVERS[scheme], "LOCATION": url}
    if scheme == "memcached":
        return {"BACKEND": _SERVERS[scheme], "LOCATION": parts.netloc.split(",")}
    if scheme == "db":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": parts.netloc or "cache",
        }
    if scheme == "file":
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
        }
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ValueError(
        f"DJANGO_CACHE_URL={url!r}: use sqlite:///, redis://, memcached://, db://, file:/// or locmem://"
    )
