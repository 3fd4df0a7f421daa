"""Plain queries against the relaxed matching and the feedback words never fail.

An archive where feedback does add words (the Mistral story of ``test_expansion``) is searched
with very long sentences, only stop words, only one-letter words, Arabic mixed with Latin and
Cyrillic, and one or two words: the page and the API always answer, the articles holding
every word come first and are exactly what ``match=all`` finds, and the words added are never
the query's own.
"""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from arabic_text import STOP_WORDS, analyze
from tests.search.test_expansion import ARTICLES, mistral_archive

ARCHIVE_WORDS = sorted(
    {word for title, body in ARTICLES.values() for word in (title + " " + body).split()}
)
STOP_LIST = sorted(STOP_WORDS)
ONE_LETTER = [chr(c) for c in range(0x0621, 0x063B)] + list("abxyzабв0123456789٠١٢")
OTHER_SCRIPTS = ["Mistral", "Paris", "Moscow", "Мистраль", "Париж", "Москва", "ميسترالMistral"]

word = st.one_of(
    st.sampled_from(ARCHIVE_WORDS),
    st.sampled_from(STOP_LIST),
    st.sampled_from(ONE_LETTER),
    st.sampled_from(OTHER_SCRIPTS),
)

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def questions(draw) -> str:
    kind = draw(st.sampled_from(["one or two", "mixed", "long", "stop", "letters"]))
    if kind == "one or two":
        words = draw(st.lists(st.sampled_from(ARCHIVE_WORDS), min_size=1, max_size=2))
    elif kind == "long":
        words = draw(st.lists(st.sampled_from(ARCHIVE_WORDS), min_size=60, max_size=300))
    elif kind == "stop":
        words = draw(st.lists(st.sampled_from(STOP_LIST), min_size=1, max_size=20))
    elif kind == "letters":
        words = draw(st.lists(st.sampled_from(ONE_LETTER), min_size=1, max_size=20))
    else:
        words = draw(st.lists(word, min_size=1, max_size=25))
    return " ".join(words)


@pytest.fixture
def archive(db, search_index, monkeypatch):
    return mistral_archive(search_index, monkeypatch)


@pytest.fixture
def anonymous() -> Client:
    return Client()


def _api(client, params: dict) -> dict:
    response = client.get("/api/search", params)
    assert response.status_code == 200, response.status_code
    return json.loads(response.content)


@FUZZ
@given(q=questions())
@example(q="ميسترال")
@example(q="في على من عن إلى")
@example(q="ا ب ت a b 1 ١")
@example(q="ميسترال Mistral Мистраль باريس")
def test_every_plain_question_answers_and_adds_none_of_its_own_words(anonymous, archive, q):
    assert anonymous.get("/search/", {"q": q}).status_code == 200
    data = _api(anonymous, {"q": q, "page_size": 100})
    assert 0 <= data["all_words_count"] <= data["count"]
    own = set(analyze(q))
    assert all(isinstance(added, str) and added for added in data["expanded"])
    assert not own & {term for added in data["expanded"] for term in analyze(added)}


@FUZZ
@given(q=questions())
@example(q="ميسترال")
@example(q="حاملتي المروحيات")
def test_the_articles_with_every_word_come_first_and_are_what_match_all_finds(
    anonymous, archive, q
):
    most = _api(anonymous, {"q": q, "page_size": 100})
    every = _api(anonymous, {"q": q, "page_size": 100, "match": "all"})
    assert every["expanded"] == []
    first = [row["id"] for row in most["results"][: most["all_words_count"]]]
    assert all(row["all_words"] for row in most["results"][: most["all_words_count"]])
    assert not any(row["all_words"] for row in most["results"][most["all_words_count"] :])
    assert sorted(first) == sorted(row["id"] for row in every["results"])
