"""Words near a word, for the did-you-mean suggestion (:mod:`search.suggest`).

One edit away the candidates are enumerated (:func:`edits1`, a few hundred strings looked up in
a set or an index's term table); two edits away a Levenshtein automaton walks a sorted word list,
as Whoosh's ``terms_within`` does. The first letter of a word is trusted (it is rarely the
typo), and the first two when looking two edits away: that keeps the search fast.
:func:`probe_count` is what a lookup costs, for the suggestion's budget.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from functools import cache
from typing import Protocol

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton

from arabic_text import analyze, is_arabic_letter, lexicon_counts

__all__ = [
    "FAR_PREFIX",
    "PREFIX",
    "LexiconVocabulary",
    "Vocabulary",
    "alphabet",
    "distance",
    "edits1",
    "lexicon_near",
    "probe_count",
    "transpositions",
]

PREFIX = 1
FAR_PREFIX = 2


class Vocabulary(Protocol):
    """The index terms a suggestion may use, with how many documents hold each."""

    def doc_frequency(self, term: str) -> int: ...

    def terms_near(self, term: str, maxdist: int) -> Iterable[str]:
        """Terms within ``maxdist`` Levenshtein edits of ``term`` sharing its first letter."""
        ...


_ARABIC = "ءابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # folded: no أ إ آ ؤ ئ ة ى
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


def alphabet(word: str) -> str:
    """The letters a typo may bring into a word of this script ("" for other scripts)."""
    first = word[0]
    if is_arabic_letter(first):
        return _ARABIC
    if "a" <= first <= "z":
        return _LATIN
    if "\u0430" <= first <= "\u044f":
        return _CYRILLIC
    return ""


def edits1(word: str) -> set[str]:
    """Words one edit away: a letter deleted, replaced or inserted after the first letter, or
    two neighbouring letters swapped (one slip of the hand, though Levenshtein counts two).
    """
    letters = alphabet(word)
    heads_tails = [(word[:i], word[i:]) for i in range(PREFIX, len(word) + 1)]
    edits = {head + tail[1:] for head, tail in heads_tails if tail}
    edits.update(head + c + tail[1:] for head, tail in heads_tails if tail for c in letters)
    edits.update(head + c + tail for head, tail in heads_tails for c in letters)
    edits.update(transpositions(word))
    edits.discard(word)
    return edits


def transpositions(word: str) -> Iterator[str]:
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _near(words: Container[str], sorted_words: Callable[[], list[str]], word: str, maxdist: int):
    """Words of a collection within ``maxdist`` edits of ``word``, first letter kept.

    One edit is enumerated (a few hundred strings, looked up in a set); two run a Levenshtein
    automaton over the sorted words, as Whoosh's ``terms_within`` does.
    """
    found = {edit for edit in edits1(word) if edit in words}
    if maxdist >= 2 and len(word) > FAR_PREFIX:
        ordered = sorted_words()

        def first_at_least(key: str) -> str | None:
            index = bisect.bisect_left(ordered, key)
            return ordered[index] if index < len(ordered) else None

        dfa = levenshtein_automaton(word, maxdist, FAR_PREFIX).to_dfa()
        found.update(find_all_matches(dfa, first_at_least))
        found.discard(word)
    return found


class LexiconVocabulary:
    """Terms of the lexicon's words (:func:`arabic_text.lexicon_counts`), each counted by how often
    its words occur. Needs no index: for tests, and as a fallback before the index exists.
    """

    def __init__(self, counts: Mapping[str, int] | None = None):
        counts = lexicon_counts() if counts is None else counts
        frequencies: dict[str, int] = {}
        for word, count in counts.items():
            terms = analyze(word)
            if len(terms) == 1:
                frequencies[terms[0]] = frequencies.get(terms[0], 0) + count
        self._frequencies = frequencies
        self._sorted: list[str] | None = None

    @classmethod
    @cache
    def default(cls) -> LexiconVocabulary:
        """The vocabulary of the shipped lexicon, built once (it stems every word)."""
        return cls()

    def doc_frequency(self, term: str) -> int:
        return self._frequencies.get(term, 0)

    def terms_near(self, term: str, maxdist: int) -> Iterable[str]:
        return _near(self._frequencies, self._sorted_terms, term, maxdist)

    def _sorted_terms(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self._frequencies)
        return self._sorted


# --- words ------------------------------------------------------------------------------


@cache
def _lexicon_sorted() -> list[str]:
    return sorted(lexicon_counts())


def lexicon_near(word: str, maxdist: int) -> set[str]:
    return _near(lexicon_counts(), _lexicon_sorted, word, maxdist)


def distance(a: str, b: str) -> int:
    """Edit distance with swapped neighbours as one edit (optimal string alignment)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def probe_count(word: str) -> int:
    """What looking ``word`` up one (or, with the automaton, two) edits away is charged: the
    strings of :func:`edits1` at most, and its swapped neighbours."""
    size = len(word)
    letters = len(alphabet(word)) if word else 0
    return (size - PREFIX) * (letters + 2) + (size - PREFIX + 1) * letters + max(0, size - 1)
