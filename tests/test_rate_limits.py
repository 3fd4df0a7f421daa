"""Rate limits per client on the API, the search page, feeds and exports, and their store.

The test settings switch every limit off (fuzzers call the pages freely); each test here
switches one on with a small rate. The store tests run the embedded SQLite cache on a file
of their own and check what it does (counts, expiry, pruning, the indexes its statements
use), never how long it takes: ``bench/rate_limit_speed.py`` measures that.
"""

import json
import sqlite3

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from config import ratelimit
from config.cache import SQLiteCache, cache_from_url
from tests.factories import article_create
from tests.languages import english

pytestmark = pytest.mark.usefixtures("empty_cache", "limiter_clock_fixed")


@pytest.fixture
def store(tmp_path):
    return SQLiteCache(str(tmp_path / "cache.sqlite3"), {})


# --- the API (JSON) ---------------------------------------------------------------------------


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


@pytest.mark.django_db
@override_settings(API_RATE_LIMIT="2/minute")
def test_rate_limit_counts_each_client_address_separately(client):
    url = reverse("search:api_entities")
    for _ in range(2):
        client.get(url, {"q": "بوتين"}, REMOTE_ADDR="198.51.100.1")
    assert client.get(url, {"q": "بوتين"}, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.get(url, {"q": "بوتين"}, REMOTE_ADDR="198.51.100.2").status_code == 200


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


@pytest.mark.django_db
@override_settings(API_RATE_LIMIT="2/minute")
def test_an_ipv6_client_is_limited_by_its_network_not_by_each_address(client):
    url = reverse("search:api_entities")
    client.get(url, REMOTE_ADDR="2001:db8:1:2::1")
    client.get(url, REMOTE_ADDR="2001:db8:1:2::ffff")
    assert client.get(url, REMOTE_ADDR="2001:db8:1:2:abcd::9").status_code == 429
    assert client.get(url, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


# --- HTML pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(SEARCH_RATE_LIMIT="2/minute")
def test_the_search_page_answers_429_with_a_page_in_the_readers_language(client):
    url = reverse("search:search")
    for _ in range(2):
        assert client.get(url, {"q": "موسكو"}, REMOTE_ADDR="198.51.100.20").status_code == 200
    arabic = client.get(url, {"q": "موسكو"}, REMOTE_ADDR="198.51.100.20", HTTP_ACCEPT_LANGUAGE="ar")
    in_english = client.get(english(url), {"q": "موسكو"}, REMOTE_ADDR="198.51.100.20")
    assert arabic.status_code == in_english.status_code == 429
    assert arabic["Content-Type"].startswith("text/html")
    assert 1 <= int(arabic["Retry-After"]) <= 60
    page = arabic.content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "طلبات كثيرة جدًا" in page
    assert "Too many requests" in in_english.content.decode()
    assert 'lang="en" dir="ltr"' in in_english.content.decode()
    # Another reader is not affected.
    assert client.get(url, {"q": "موسكو"}, REMOTE_ADDR="198.51.100.21").status_code == 200


def test_every_rate_of_a_scope_must_hold():
    rates = ratelimit.parse_rates("10/minute,3/hour")
    assert rates == (ratelimit.Rate(10, 60), ratelimit.Rate(3, 3600))
    now = 3600 * 500_000 + 20.0  # 20 seconds into an hour
    hits = [
        ratelimit.limit_hit(scope="search", key="198.51.100.30", rates=rates, now=now + n)
        for n in range(4)
    ]
    assert hits[:3] == [None, None, None]
    # The fourth is within the minute's rate but over the hour's: wait for the next hour.
    assert hits[3] == (ratelimit.Rate(3, 3600), 3600 - 23)


@pytest.mark.django_db
@override_settings(FEED_RATE_LIMIT="1/minute", EXPORT_RATE_LIMIT="1/minute")
def test_feeds_and_exports_are_limited(client):
    article_create(title="لافروف في بغداد", body="زار لافروف بغداد.")
    ip = {"REMOTE_ADDR": "198.51.100.40"}
    # All feeds count together: a second feed in the minute is one too many.
    assert client.get(reverse("search:feed"), {"q": "لافروف"}, **ip).status_code == 200
    assert client.get(reverse("archive:feed"), **ip).status_code == 429
    export = reverse("search:export", args=["csv"])
    assert client.get(export, {"q": "لافروف"}, **ip).status_code == 200
    refused = client.get(export, {"q": "لافروف"}, **ip)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1


@pytest.mark.django_db
@override_settings(SEARCH_RATE_LIMIT="1/minute", FEED_RATE_LIMIT="1/minute")
def test_other_pages_are_not_limited(client):
    article = article_create(title="لافروف يستقبل الجعفري", body="بحث لافروف مع الجعفري.")
    for url in ["/", article.get_absolute_url(), reverse("search:help")]:
        for _ in range(3):
            assert client.get(url, REMOTE_ADDR="198.51.100.50").status_code == 200, url


def test_rates_are_parsed_and_nonsense_is_refused():
    assert ratelimit.parse_rate("60/minute") == ratelimit.Rate(60, 60)
    assert ratelimit.parse_rate("100/15minutes") == ratelimit.Rate(100, 900)
    assert ratelimit.parse_rate("off") is None
    assert ratelimit.parse_rate("") is None
    assert ratelimit.parse_rates("off") == ()
    with pytest.raises(Exception, match="not understood"):
        ratelimit.parse_rate("ستون في الدقيقة")


# --- the store --------------------------------------------------------------------------------


def test_a_counter_counts_then_starts_again_after_its_period(store):
    assert [store.count("k", 60) for _ in range(3)] == [1, 2, 3]
    store.set("k", 3, timeout=-1)  # expired
    assert store.count("k", 60) == 1


def test_the_store_keeps_djangos_cache_semantics(store):
    assert store.add("a", 1, 60) and not store.add("a", 2, 60)
    assert store.incr("a") == 2 and store.get("a") == 2
    store.set("name", {"اسم": "لافروف"}, 60)
    assert store.get("name") == {"اسم": "لافروف"}
    with pytest.raises(ValueError):
        store.incr("missing")
    assert store.delete("a") and not store.delete("a")
    assert store.get("a", "none") == "none"


def test_two_workers_on_the_same_file_share_the_counts(tmp_path):
    path = str(tmp_path / "shared.sqlite3")
    first, second = SQLiteCache(path, {}), SQLiteCache(path, {})
    first.count("client", 60)
    second.count("client", 60)
    assert first.count("client", 60) == 3


def test_expired_entries_are_pruned_as_writes_go_by(tmp_path):
    store = SQLiteCache(str(tmp_path / "c.sqlite3"), {"OPTIONS": {"PRUNE_EVERY": 10}})
    for n in range(9):
        store.set(f"old{n}", n, timeout=-1)
    db = sqlite3.connect(store.path)
    assert db.execute("SELECT count(*) FROM cache").fetchone() == (9,)
    store.set("fresh", 1, timeout=60)  # the tenth write prunes
    assert db.execute("SELECT key FROM cache").fetchall() == [(":1:fresh",)]


def test_past_max_entries_the_soonest_to_expire_go_first(tmp_path):
    options = {"MAX_ENTRIES": 10, "PRUNE_EVERY": 1000}
    store = SQLiteCache(str(tmp_path / "c.sqlite3"), {"OPTIONS": options})
    for n in range(15):
        store.set(f"k{n}", n, timeout=100 + n)
    store.prune()
    kept = [n for n in range(15) if store.get(f"k{n}") is not None]
    assert kept == list(range(6, 15))


def test_the_limiters_statements_use_the_indexes(store):
    store.count("k", 60)
    db = sqlite3.connect(store.path)
    lookup = db.execute(
        "EXPLAIN QUERY PLAN SELECT value FROM cache WHERE key = ? AND expires > ?", ("k", 0)
    ).fetchall()
    assert "USING PRIMARY KEY" in lookup[0][-1]
    prune = db.execute(
        "EXPLAIN QUERY PLAN SELECT key FROM cache WHERE expires <= ? ORDER BY expires LIMIT 5",
        (0,),
    ).fetchall()
    assert "USING COVERING INDEX cache_expires" in prune[0][-1]


@pytest.mark.django_db
def test_one_store_statement_per_rate_with_the_embedded_store(client, tmp_path, monkeypatch):
    calls = []
    config = {"default": cache_from_url(f"sqlite:///{tmp_path / 'cache.sqlite3'}")}
    with override_settings(CACHES=config, SEARCH_RATE_LIMIT="5/minute,50/hour"):
        original = SQLiteCache.count

        def counted(self, key, timeout, version=None):
            calls.append(key)
            return original(self, key, timeout, version)

        monkeypatch.setattr(SQLiteCache, "count", counted)
        assert isinstance(caches["default"], SQLiteCache)
        client.get(reverse("search:search"), REMOTE_ADDR="198.51.100.60")
    assert len(calls) == 2
    assert len(set(calls)) == 2


def test_cache_urls():
    assert (
        cache_from_url("sqlite:////srv/var/cache.sqlite3")["LOCATION"] == "/srv/var/cache.sqlite3"
    )
    assert cache_from_url("sqlite:///var/cache.sqlite3")["LOCATION"] == "var/cache.sqlite3"
    assert cache_from_url("redis://127.0.0.1:6379/1")["BACKEND"].endswith("RedisCache")
    assert cache_from_url("memcached://a:11211,b:11211")["LOCATION"] == ["a:11211", "b:11211"]
    with pytest.raises(ValueError, match="DJANGO_CACHE_URL"):
        cache_from_url("ftp://nowhere")
