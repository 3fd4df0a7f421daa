"""Parsing a query does a bounded amount of work, and builds a query of bounded size, whatever
is typed: many words, long words, quotes, operators and parentheses.

The tests count the work (words analysed, clauses built, phrase words whose positions the
engine compares), never time.
"""

import pytest
from whoosh import query as wq

import search.query as query_module
from search.query import (
    MAX_CLAUSES,
    MAX_DEPTH,
    MAX_PHRASE_WORDS,
    MAX_QUERY_CHARS,
    MSG_LONG_PHRASE,
    query_parse,
)

WORDS = ["روسيا", "العراق", "النفط", "موسكو", "بغداد", "الطاقة", "لافروف", "الكاظمي"]
ATTACKS = {
    "many words": " ".join(WORDS * 5000),
    "a 1,000-letter word": "ب" * 1000,
    "670 × ب": "ب" * 670,
    "long words": " ".join(["ب" * 300, "روسيا" * 100] * 100),
    "many quotes": " ".join(f'"{word} {word}"' for word in WORDS * 2000),
    "unclosed quotes": "«" * 3000 + " روسيا",
    "many operators": " OR ".join(WORDS * 2000),
    "negations": " ".join(f"-{word}" for word in WORDS * 2000),
    "parentheses": "(" * 5000 + "روسيا" + ")" * 5000,
    "nested groups": "(روسيا OR " * 2000 + "موسكو" + ")" * 2000,
    "field prefixes": " ".join(f"title:{word}" for word in WORDS * 2000),
    "one long phrase": '"' + "قال " * 5000 + '"',
}


def depth(node: wq.Query) -> int:
    children = [] if node.is_leaf() else list(node.children())
    return 1 + max(map(depth, children), default=0)


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    texts: list[str] = []
    original = query_module.analyze

    def counting(text):
        texts.append(text)
        return original(text)

    monkeypatch.setattr(query_module, "analyze", counting)
    return texts


@pytest.mark.parametrize("text", ATTACKS.values(), ids=ATTACKS.keys())
def test_words_analysed_are_bounded(analysed, text):
    parsed = query_parse(text)
    assert len(analysed) <= MAX_CLAUSES
    assert sum(map(len, analysed)) <= MAX_QUERY_CHARS
    assert parsed.query is not None


@pytest.mark.parametrize("text", ATTACKS.values(), ids=ATTACKS.keys())
def test_the_query_built_is_bounded(text):
    parsed = query_parse(text)
    for built in (parsed.query, parsed.score_query):
        if built is None or built is wq.NullQuery:
            continue
        leaves = list(built.leaves())
        assert len(leaves) <= 2 * MAX_CLAUSES + MAX_QUERY_CHARS // 2
        assert depth(built) <= MAX_DEPTH + 4
        phrases = [leaf for leaf in leaves if isinstance(leaf, wq.Phrase)]
        assert sum(len(phrase.words) for phrase in phrases) <= MAX_PHRASE_WORDS


def test_words_past_the_phrase_limit_are_searched_as_required_words():
    names = '"وزير الخارجية الروسي سيرغي لافروف" "رئيس الوزراء العراقي مصطفى الكاظمي"'
    parsed = query_parse(f'{names} -"الحرب الأهلية"')
    phrases = [leaf for leaf in parsed.query.leaves() if isinstance(leaf, wq.Phrase)]
    assert [len(phrase.words) for phrase in phrases] == [5, 5]
    # The third phrase (past ten words) is a group of its words, still excluded.
    excluded = [node for node in parsed.query.children() if isinstance(node, wq.Not)]
    assert len(excluded) == 1
    assert {leaf.text for leaf in excluded[0].query.leaves()} == {"حرب", "اهل"}
    assert str(MSG_LONG_PHRASE % {"limit": MAX_PHRASE_WORDS}) in map(str, parsed.messages)


def test_phrases_within_the_limit_are_left_as_they_are():
    parsed = query_parse('"وزير الخارجية" title:"سيرغي لافروف" -"الحرب الأهلية"')
    phrases = [leaf for leaf in parsed.query.leaves() if isinstance(leaf, wq.Phrase)]
    assert len(phrases) == 3
    assert not parsed.messages
