"""The did-you-mean suggestion does a bounded amount of work whatever the query.

Each test counts the vocabulary's work (the strings looked up in the index, as the Whoosh
vocabulary probes them: :func:`search.suggest.edits1` and the swapped neighbours), never time.
"""

import random

import pytest

import search.suggest as suggest_module
from search.suggest import (
    MAX_FAR_LETTERS,
    MAX_LETTERS,
    MAX_PROBES,
    MAX_WORDS,
    LexiconVocabulary,
    edits1,
    suggestions,
)

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


class CountingVocabulary:
    """The shipped lexicon's vocabulary, counting the index probes each lookup would make."""

    def __init__(self):
        self.inner = LexiconVocabulary.default()
        self.probes = 0
        self.lookups: list[tuple[str, int]] = []

    def doc_frequency(self, term):
        return self.inner.doc_frequency(term)

    def terms_near(self, term, maxdist):
        self.lookups.append((term, maxdist))
        self.probes += len(edits1(term)) + len(term) - 1
        return self.inner.terms_near(term, maxdist)


def non_words(count, length, seed=20):
    """Strings of Arabic letters that are no word: what an attacker pastes."""
    chooser = random.Random(seed)
    return ["".join(chooser.choice(_LETTERS) for _ in range(length)) for _ in range(count)]


@pytest.mark.parametrize(
    "word", ["ب" * 670, non_words(1, 1000)[0], non_words(1, MAX_LETTERS + 1)[0]]
)
def test_a_word_over_the_letter_limit_is_never_looked_up(word):
    vocabulary = CountingVocabulary()
    assert suggestions(f"روسيا {word}", vocabulary=vocabulary) == []
    assert vocabulary.lookups == []


def test_many_long_words_stop_at_the_probe_budget():
    vocabulary = CountingVocabulary()
    query = " ".join(non_words(30, MAX_LETTERS))
    found = suggestions(query, vocabulary=vocabulary)
    assert vocabulary.lookups, "some words were looked at"
    assert vocabulary.probes <= MAX_PROBES
    assert all(isinstance(text, str) for text in found)


def test_without_the_budget_the_same_query_would_probe_far_more(monkeypatch):
    # The bound above is the budget's doing: lifted, the same query costs several times more.
    monkeypatch.setattr(suggest_module, "MAX_PROBES", 10**9)
    monkeypatch.setattr(suggest_module._Budget.__init__, "__defaults__", (MAX_WORDS, 10**9))
    vocabulary = CountingVocabulary()
    suggestions(" ".join(non_words(30, MAX_LETTERS)), vocabulary=vocabulary)
    assert vocabulary.probes > 3 * MAX_PROBES


def test_only_the_first_words_are_looked_at(monkeypatch):
    looked_at = []
    original = suggest_module._best

    def counting_best(folded, term, vocabulary, budget):
        looked_at.append(folded)
        return original(folded, term, vocabulary, budget)

    monkeypatch.setattr(suggest_module, "_best", counting_best)
    words = non_words(200, 4, seed=3)
    suggestions(" ".join(words), vocabulary=CountingVocabulary())
    # Each word looked at once, and a proposal for it once more (is it a typo itself?).
    typed = [word for word in looked_at if word in words]
    assert 0 < len(typed) <= MAX_WORDS
    assert set(typed) <= set(words[:MAX_WORDS])
    assert len(looked_at) <= 2 * MAX_WORDS


def test_two_edits_away_only_for_words_up_to_the_far_limit():
    vocabulary = CountingVocabulary()
    long_word, short_word = non_words(2, MAX_FAR_LETTERS + 4, seed=5)[0], "الاسترتجيات"
    suggestions(f"{short_word} {long_word}", vocabulary=vocabulary)
    far = [term for term, maxdist in vocabulary.lookups if maxdist == 2]
    assert far, "the eleven-letter word is searched two edits away"
    assert all(len(term) <= MAX_FAR_LETTERS for term in far)
    assert any(len(term) > MAX_FAR_LETTERS for term, _maxdist in vocabulary.lookups)


def test_a_repeated_word_is_looked_up_once():
    once, repeated = CountingVocabulary(), CountingVocabulary()
    suggestions("موسكوا", vocabulary=once)
    found = suggestions(" ".join(["موسكوا"] * MAX_WORDS), vocabulary=repeated)
    assert repeated.probes == once.probes > 0
    assert found[0] == " ".join(["موسكو"] * MAX_WORDS)


def test_a_spent_budget_keeps_the_corrections_already_found():
    # The typo comes first; the long non-words after it spend the budget: graceful, the
    # correction stays and the rest is kept as typed.
    attack = non_words(20, MAX_LETTERS, seed=7)
    vocabulary = CountingVocabulary()
    found = suggestions(" ".join(["لافرف", *attack]), vocabulary=vocabulary)
    assert vocabulary.probes <= MAX_PROBES
    assert found[0] == " ".join(["لافروف", *attack])
