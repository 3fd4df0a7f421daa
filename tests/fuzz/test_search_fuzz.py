"""Random queries and parameters never make the search fail.

Queries are Arabic-heavy: seed words, letters with harakat and tatweel, Arabic-Indic
digits, every kind of quotation mark, the query operators (OR, أو, NOT, -, title:, عنوان:)
and parentheses, in any order, sometimes thousands of characters long. Parameters are valid
values, out-of-range numbers, ids of the seed entities, ids of nothing and plain garbage.
Every answer is a page (200), a clear refusal (400) or not found (404), never a 500; the
API and the JSON export always answer valid JSON, the feed valid XML.

Plain questions (words only, matched by most of their words) are fuzzed on their own: very
long sentences, only stop words, only one-letter words, Arabic mixed with Latin and Cyrillic
words, with and without ``match=all``; the results holding all the words must come first and
be exactly what ``match=all`` finds.
"""

import json
from pathlib import Path
from urllib.parse import quote_from_bytes
from xml.etree import ElementTree

import pytest
from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from arabic_text import STOP_WORDS

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_WORDS = sorted(
    {word for path in SEEDS_DIR.glob("*.txt") for word in path.read_text("utf-8").split()}
)
ALLOWED = {200, 400, 404}

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]
TATWEEL = "\u0640"
ARABIC_DIGITS = [chr(c) for c in range(0x0660, 0x066A)]
QUOTES = list("\"'«»“”„")
OPERATORS = ["OR", "AND", "NOT", "أو", "او", "|", "||", "&", "!", "-", "+", "title:", "عنوان:"]
SYMBOLS = list("()*?~^{}[]\\/<>=+;,،؛:.%#&@_`")
# Direction marks, zero-width characters and a control character, as pasted text brings them.
INVISIBLE = ["\u200f", "\u200e", "\u202e", "\u200c", "\u200d", "\ufeff", "\x01", "\t", "\n"]

arabic_word = st.text(
    alphabet=st.sampled_from(ARABIC_LETTERS + HARAKAT + [TATWEEL]), min_size=1, max_size=12
)
query_piece = st.one_of(
    st.sampled_from(SEED_WORDS),
    arabic_word,
    st.sampled_from(OPERATORS + QUOTES + SYMBOLS + INVISIBLE + ARABIC_DIGITS),
    st.integers(-(10**6), 10**12).map(str),
    st.text(max_size=8),
)
separator = st.sampled_from([" ", "", "  ", ":", "-", "\u00a0"])


@st.composite
def queries(draw) -> str:
    pieces = draw(st.lists(st.tuples(query_piece, separator), max_size=25))
    text = "".join(piece + sep for piece, sep in pieces)
    if draw(st.integers(0, 9)) == 0:
        text = text * draw(st.integers(50, 400)) or "روسيا " * 2000
    return text


# An entity or source of the seed archive (resolved per test), or an id of nothing, or junk.
SEED_REFS = ["kazimi", "lavrov", "putin", "jaafari", "moscow", "baghdad", "elaph", "tass"]
id_value = st.one_of(
    st.sampled_from(SEED_REFS).map(lambda key: ("seed", key)),
    st.integers(-5, 10**20).map(str),
    st.sampled_from(["", " ", "0", "1.5", "1e3", "١٢", "٣", "1,2", "null", "9" * 19]),
    st.text(max_size=10),
)
garbage = st.text(max_size=20)
number_text = st.one_of(
    st.integers(-(10**6), 10**20).map(str), st.sampled_from(["", "٢", "1.0", "nan"]), garbage
)
date_text = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["2021-02-30", "2021-13-01", "0000-00-00", "٢٠٢١-٠٤-٢٢", "22/04/2021"]),
    garbage,
)
match_value = st.one_of(st.sampled_from(["all", "most", ""]), garbage)
sort_value = st.one_of(st.sampled_from(["relevance", "newest", "oldest"]), garbage)
year_value = st.one_of(st.integers(1890, 2110).map(str), number_text)
more_value = st.one_of(
    st.sampled_from(["person", "organization", "place", "source", "year"]), garbage
)


@st.composite
def search_params(draw) -> dict:
    """A query dict of any subset of the search parameters, some repeated."""
    params = {}
    if draw(st.booleans()):
        params["q"] = [draw(queries())]
    optional = {
        "page": number_text,
        "page_size": number_text,
        "sort": sort_value,
        "date_from": date_text,
        "date_to": date_text,
        "year": year_value,
        "more": more_value,
        "match": match_value,
    }
    for name, strategy in optional.items():
        if draw(st.integers(0, 2)) == 0:
            params[name] = draw(st.lists(strategy, min_size=1, max_size=2))
    for name in ("person", "organization", "place", "source"):
        if draw(st.integers(0, 2)) == 0:
            params[name] = draw(st.lists(id_value, min_size=1, max_size=4))
    if draw(st.integers(0, 5)) == 0:
        params[draw(garbage)] = [draw(garbage)]
    return params


def _resolved(params: dict, seeds) -> dict:
    def value(item):
        if isinstance(item, tuple):
            key = item[1]
            found = seeds.entities.get(key) or seeds.sources.get(key)
            return str(found.pk)
        return item

    return {name: [value(item) for item in values] for name, values in params.items()}


def _body(response) -> bytes:
    # A streamed export fails while it streams, so read it all.
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def anonymous():
    # A 500 must show up as a status to assert on, with the exception in the log.
    return Client(raise_request_exception=False)


@given(params=search_params())
@example(params={"q": ['روسيا OR (موسكو -بغداد) title:"لافروف']})
@example(params={"q": ["ـــــ ً ٌ"], "page": ["99999999999999999999"], "year": ["٢٠٢١"]})
def test_search_page_answers_every_random_query_and_parameters(anonymous, seed_archive, params):
    response = anonymous.get("/search/", _resolved(params, seed_archive))
    assert response.status_code == 200, response.status_code
    assert b"<form" in response.content


@given(params=search_params())
@example(params={"q": ['"العراق «روسيا'], "page_size": ["0"], "person": [("seed", "putin")]})
def test_search_api_answers_valid_json_for_every_random_request(anonymous, seed_archive, params):
    response = anonymous.get("/api/search", _resolved(params, seed_archive))
    assert response.status_code in ALLOWED, response.status_code
    data = json.loads(response.content)
    if response.status_code == 200:
        assert isinstance(data["count"], int)
        assert len(data["results"]) <= data["page_size"]
    else:
        assert data["error"].strip()


@given(params=search_params(), fmt=st.sampled_from(["csv", "json", "ris", "xml", "", "CSV"]))
def test_search_export_answers_a_file_or_a_refusal_for_every_random_search(
    anonymous, seed_archive, params, fmt
):
    response = anonymous.get(f"/search/export.{fmt}", _resolved(params, seed_archive))
    assert response.status_code in ALLOWED, response.status_code
    body = _body(response)
    if fmt == "json" and response.status_code in (200, 400):
        json.loads(body)


@given(params=search_params())
@example(params={"q": ["\x01روسيا"]})
def test_search_feed_answers_valid_xml_or_a_refusal_for_every_random_search(
    anonymous, seed_archive, params
):
    response = anonymous.get("/search/feed/", _resolved(params, seed_archive))
    assert response.status_code in ALLOWED, response.status_code
    if response.status_code == 200:
        ElementTree.fromstring(response.content)


# Raw query strings as a client may send them: broken percent-escapes, invalid UTF-8,
# repeated and empty keys.
raw_query = st.lists(
    st.tuples(
        st.sampled_from(["q", "page", "sort", "year", "person", "source", "date_from", "", "="]),
        st.binary(max_size=40),
    ),
    max_size=6,
)


@given(pairs=raw_query, path=st.sampled_from(["/search/", "/api/search", "/search/feed/"]))
@example(pairs=[("q", b"\xff\xfe\xd8"), ("page", b"%")], path="/api/search")
def test_raw_query_strings_with_invalid_utf8_never_fail(anonymous, seed_archive, pairs, path):
    query_string = "&".join(f"{key}={quote_from_bytes(value)}" for key, value in pairs)
    response = anonymous.get(path, QUERY_STRING=query_string)
    assert response.status_code in ALLOWED, response.status_code


@given(
    q=st.one_of(queries(), st.sampled_from(["لاف", "Lav", "Лав", "بوت", "ال"])),
    kind=st.one_of(st.none(), st.sampled_from(["person", "organization", "place"]), garbage),
    limit=st.one_of(st.none(), number_text),
)
def test_entity_autocompletion_answers_valid_json_for_any_input(
    anonymous, seed_archive, q, kind, limit
):
    params = {"q": q, **({"kind": kind} if kind is not None else {})}
    if limit is not None:
        params["limit"] = limit
    response = anonymous.get("/api/entities", params)
    assert response.status_code in ALLOWED, response.status_code
    data = json.loads(response.content)
    assert "results" in data if response.status_code == 200 else data["error"].strip()


# ------------------------------------------------------------ plain questions

STOP_LIST = sorted(STOP_WORDS)
ONE_LETTER = ARABIC_LETTERS + list("abcxyzабв") + ARABIC_DIGITS + list("0123456789")
LATIN_WORDS = ["Lavrov", "Baghdad", "Moscow", "Putin", "intelligence", "center", "Iraq"]
CYRILLIC_WORDS = ["Лавров", "Москва", "Багдад", "разведка", "центр", "Ирак"]
question_word = st.one_of(
    st.sampled_from(SEED_WORDS),
    st.sampled_from(STOP_LIST),
    st.sampled_from(ONE_LETTER),
    st.sampled_from(LATIN_WORDS + CYRILLIC_WORDS),
    arabic_word,
)


@st.composite
def plain_questions(draw) -> str:
    """Words separated by spaces: sometimes hundreds, sometimes only stop words or only
    one-letter words."""
    kind = draw(st.sampled_from(["mixed", "long", "stop", "letters"]))
    if kind == "long":
        words = draw(st.lists(st.sampled_from(SEED_WORDS), min_size=60, max_size=400))
    elif kind == "stop":
        words = draw(st.lists(st.sampled_from(STOP_LIST), min_size=1, max_size=30))
    elif kind == "letters":
        words = draw(st.lists(st.sampled_from(ONE_LETTER), min_size=1, max_size=30))
    else:
        words = draw(st.lists(question_word, min_size=1, max_size=30))
    return " ".join(words)


@given(q=plain_questions(), match=st.sampled_from([None, "all", "most"]))
@example(q="في على من عن إلى", match=None)
@example(q="ا ب ت a b 1 ١", match=None)
@example(q="مركز تبادل المعلومات الاستخباراتية في بغداد Baghdad Багдад", match="all")
def test_plain_questions_answer_a_page_and_the_api(anonymous, seed_archive, q, match):
    params = {"q": q, **({"match": match} if match else {})}
    assert anonymous.get("/search/", params).status_code == 200
    response = anonymous.get("/api/search", params)
    assert response.status_code == 200, response.status_code
    data = json.loads(response.content)
    assert 0 <= data["all_words_count"] <= data["count"]


@given(q=plain_questions())
@example(q="الكاظمي بوتين موسكو بغداد الجعفري")
def test_results_with_all_words_come_first_and_are_what_match_all_finds(anonymous, seed_archive, q):
    most = json.loads(anonymous.get("/api/search", {"q": q, "page_size": 100}).content)
    strict = json.loads(
        anonymous.get("/api/search", {"q": q, "page_size": 100, "match": "all"}).content
    )
    flags = [item["all_words"] for item in most["results"]]
    # The five seed articles fit on one page: every result is listed.
    assert len(flags) == most["count"]
    assert flags == sorted(flags, reverse=True)
    assert sum(flags) == most["all_words_count"] == strict["count"]
    holding = {item["id"] for item in most["results"] if item["all_words"]}
    assert holding == {item["id"] for item in strict["results"]}
