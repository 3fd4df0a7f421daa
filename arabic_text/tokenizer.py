"""Words of a text and their index terms: the tokenizer and :func:`analyze`.

A word is a run of letters that keeps marks, tatweel and zero-width joiners inside it
(تطلّع is one word), split at punctuation, spaces and the edge between letters and digits
(100شركة → 100, شركة). Stop words are told apart before folding, then each other word is
folded and stemmed. Per-word results are cached, so a text costs a regex pass and a lookup
per word.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter, not_
from typing import NamedTuple

from arabic_text.letters import FORMAT_CHARS, MARKS, char_class, fold, is_arabic_letter, stop_key
from arabic_text.stemmer import stem
from arabic_text.stopwords import STOP_WORDS

_MARKS = char_class(MARKS)
_FORMAT = char_class(FORMAT_CHARS)
# A word: letters with marks and joiners between them (unrolled for speed), or a digit run.
TOKEN_RE = re.compile(rf"[{_MARKS}{_FORMAT}]*[^\W\d_]+(?:[{_MARKS}{_FORMAT}]+[^\W\d_]*)*|\d+")
# The same, captured: split() then gives the text between words and the words, alternately.
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
# Invisible characters trimmed off the edges of a token (marks only off its start).
_EDGE_JUNK = FORMAT_CHARS
_LEADING_JUNK = FORMAT_CHARS | MARKS
# A word's first and last characters, and the parts of a (folded, term) pair, taken in C
# (token_columns asks them of every word).
_FIRST, _SECOND, _LAST = itemgetter(0), itemgetter(1), itemgetter(-1)


class Token(NamedTuple):
    """One word of a text: its surface, offsets into the text, folded form and index term.

    ``term`` is None for a stop word. ``text[start:end] == surface`` always holds.
    """

    text: str
    start: int
    end: int
    folded: str
    term: str | None


@lru_cache(maxsize=300_000)
def word_term(surface: str) -> tuple[str, str | None]:
    """(folded, term) of one surface word; term is None for a stop word."""
    folded, term = _folded_word(surface)
    if term is None or not is_arabic_letter(folded[0]):
        return folded, term
    return folded, stem(folded)


@lru_cache(maxsize=300_000)
def _word_unstemmed(surface: str) -> tuple[str, str | None]:
    """(folded, folded) of one surface word, or (folded, None) for a stop word: no stemming."""
    return _folded_word(surface)


def _folded_word(surface: str) -> tuple[str, str | None]:
    # Not cached itself: the indexer's cache (word_term) and extraction's stay independent.
    folded = fold(surface)
    if not folded:
        return folded, None
    if is_arabic_letter(folded[0]) and (len(folded) == 1 or stop_key(surface) in STOP_WORDS):
        return folded, None
    return folded, folded


def spans(text: str):
    """(surface, start, end) of each word, invisible format characters trimmed off its edges."""
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        surface = match.group()
        if surface[0] in _LEADING_JUNK or surface[-1] in _EDGE_JUNK:
            start, end = _trimmed(text, start, end)
            if start == end:
                continue
            surface = text[start:end]
        yield surface, start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A word's span without the invisible characters on its edges (marks only off its
    start)."""
    while start < end and text[start] in _LEADING_JUNK:
        start += 1
    while end > start and text[end - 1] in _EDGE_JUNK:
        end -= 1
    return start, end


def surface_words(text: str) -> list[str]:
    """The words of a text as written (no folding, stop words included)."""
    return [surface for surface, _, _ in spans(text)]


def tokens(text: str, *, terms: bool = True) -> list[Token]:
    """All words of a text, stop words included (with ``term`` None), with offsets.

    >>> [(t.text, t.start, t.end, t.term) for t in tokens("تطلّع العراق، إلى")]
    [('تطلّع', 0, 5, 'تطلع'), ('العراق', 6, 12, 'عراق'), ('إلى', 14, 17, None)]

    ``terms=False`` skips stemming, for callers that only need to tell stop words from the
    rest (entity extraction): ``term`` is then the folded form, or None for a stop word.
    """
    word = word_term if terms else _word_unstemmed
    result = []
    new = tuple.__new__  # NamedTuple's own __new__ is Python code: 4x slower here.
    for surface, start, end in spans(text):
        folded, term = word(surface)
        if folded:
            result.append(new(Token, (surface, start, end, folded, term)))
    return result


class TokenColumns(NamedTuple):
    """The words of a text as parallel lists (see :func:`token_columns`)."""

    surfaces: list[str]
    starts: list[int]
    ends: list[int]
    folded: list[str]
    stop: list[bool]
    # gaps[i]: the text between word i and word i + 1.
    gaps: list[str]


def token_columns(text: str) -> TokenColumns:
    """The words of ``tokens(text, terms=False)``, column by column, and the text between them.

    For callers that walk every word of long texts but need the offsets of only a few (entity
    extraction): the common case is computed without one Python object per word.
    """
    pieces = _TOKEN_SPLIT_RE.split(text)
    surfaces = pieces[1::2]
    words = list(map(_word_unstemmed, surfaces))
    folded = list(map(_FIRST, words))
    trimmed = not (
        _LEADING_JUNK.isdisjoint(map(_FIRST, surfaces))
        and _EDGE_JUNK.isdisjoint(map(_LAST, surfaces))
    )
    offsets = list(accumulate(map(len, pieces)))
    if trimmed or "" in folded:
        # Invisible characters on a word's edge, or a word that folds to nothing.
        return _columns_trimmed(text, surfaces, offsets[0:-1:2], offsets[1::2])
    return TokenColumns(
        surfaces,
        offsets[0:-1:2],
        offsets[1::2],
        folded,
        # A term is None (a stop word) or the folded word, never empty here.
        list(map(not_, map(_SECOND, words))),
        pieces[2:-1:2],
    )


def _columns_trimmed(text: str, surfaces: list[str], starts: list[int], ends: list[int]):
    """The columns of ``tokens(text, terms=False)`` from the words' untrimmed spans: their
    edges trimmed as ``spans`` does, the words that fold to nothing dropped."""
    columns = TokenColumns([], [], [], [], [], [])
    for surface, start, end in zip(surfaces, starts, ends, strict=True):
        if surface[0] in _LEADING_JUNK or surface[-1] in _EDGE_JUNK:
            start, end = _trimmed(text, start, end)
            if start == end:
                continue
            surface = text[start:end]
        folded, term = _word_unstemmed(surface)
        if folded:
            columns.surfaces.append(surface)
            columns.starts.append(start)
            columns.ends.append(end)
            columns.folded.append(folded)
            columns.stop.append(term is None)
    ends, starts = columns.ends[:-1], columns.starts[1:]
    columns.gaps.extend(text[a:b] for a, b in zip(ends, starts, strict=True))
    return columns


def analyze(text: str) -> list[str]:
    """The index terms of a text, in order: stop words removed, folded, stemmed.

    >>> analyze("والإرهاب والارهاب للإرهاب بالإرهاب")
    ['ارهاب', 'ارهاب', 'ارهاب', 'ارهاب']
    >>> analyze("الحرب على الإرهاب"), analyze("علي")
    (['حرب', 'ارهاب'], ['علي'])
    >>> analyze("مسؤول مسئول زيارة زيارته ٢٠٢١ Lavrov Лавров")
    ['مسءول', 'مسءول', 'زيار', 'زيار', '2021', 'lavrov', 'лавров']
    """
    # Junk on a word's edges needs no trimming here: folding removes it.
    word = word_term
    terms = []
    for surface in TOKEN_RE.findall(text):
        term = word(surface)[1]
        if term:
            terms.append(term)
    return terms
