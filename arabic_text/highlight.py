"""The words and phrases a reader looked for, found and marked in a text through the analyzer.

A word is marked where a word of the text has its index term, so الارهاب marks الإرهاب,
والإرهاب and للإرهاب as they are written. A phrase (several words: a quoted query, an
entity's name such as الاتحاد الروسي) is marked only where all its words stand together and
in order (stop words between them skipped, as the index skips them), never one word of it
alone. A phrase's words are compared as written, less their proclitics and spelling
variants (:func:`word_form`), not by their stems: روسيا الاتحادية is a name, وروسيا والاتحاد
(and the federation) is not, though both have the same terms. The result is data, a tuple of
:class:`Segment` (text as written, marked or not): templates escape it and write the marks.

What to mark is written as text, words and "quoted phrases" (:func:`marks_text`), so it can
travel in a link and be read back with :func:`parse_marks`.

The work is bounded whatever is asked for: :func:`parse_marks` reads at most
``MAX_MARK_ITEMS`` items in ``MAX_MARK_CHARS`` characters, a phrase of more than
``MAX_PHRASE_WORDS`` words is not marked, and :func:`find_marks` compares at most
``MAX_MATCH_STEPS`` phrase words per text (past them it marks single words only).

>>> marks = parse_marks('الارهاب "الاتحاد الروسي"')
>>> [s.text for s in highlight_full("الاتحاد الروسي يدين الإرهاب والاتحاد الأوروبي", marks)
...  if s.marked]
['الاتحاد الروسي', 'الإرهاب']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from arabic_text.stemmer import _strip_proclitics_best
from arabic_text.tokenizer import TOKEN_RE, Token, tokens, word_term

__all__ = [
    "MAX_MATCH_STEPS",
    "MAX_PHRASE_WORDS",
    "Highlight",
    "MarkMatch",
    "Marks",
    "Segment",
    "find_marks",
    "highlight_full",
    "join_segments",
    "mark_items",
    "marks_of",
    "marks_text",
    "parse_marks",
    "segments_between",
    "word_form",
]

# What :func:`parse_marks` reads by default: as much as a query may hold.
MAX_MARK_CHARS = 1000
MAX_MARK_ITEMS = 64
# A longer quoted phrase is a pasted sentence: searched, but not marked.
MAX_PHRASE_WORDS = 32
# Phrase words find_marks compares in one text; past them, phrases are no longer tried.
MAX_MATCH_STEPS = 20_000
_QUOTES = '"«»“”„'
_ITEM_RE = re.compile(rf"[{_QUOTES}]([^{_QUOTES}]*)[{_QUOTES}]?|([^\s{_QUOTES}]+)")
_LINE_BREAK = re.compile(r"\s*\n\s*")


class Segment(NamedTuple):
    """A piece of a text as written; ``marked`` when it is a word or phrase looked for."""

    text: str
    marked: bool = False


Highlight = tuple[Segment, ...]
# A phrase: its words' (index term, form as written less proclitics), in order.
Phrase = tuple[tuple[str, str], ...]


@lru_cache(maxsize=100_000)
def word_form(folded: str) -> str:
    """A folded word without its proclitics (والاتحاد → اتحاد), suffixes kept (الاتحادية →
    اتحاديه): how a phrase's words are compared."""
    return _strip_proclitics_best(folded)[0]


@dataclass(frozen=True)
class Marks:
    """What to mark: single index terms, and phrases (two or more words that stand together)."""

    words: frozenset[str] = frozenset()
    phrases: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    @cached_property
    def starts(self) -> dict[str, tuple[Phrase, ...]]:
        """The phrases by their first term, longest first (the longest match wins)."""
        by_first: dict[str, list[Phrase]] = {}
        for phrase in self.phrases:
            by_first.setdefault(phrase[0][0], []).append(phrase)
        return {t: tuple(sorted(p, key=len, reverse=True)) for t, p in by_first.items()}

    @cached_property
    def firsts(self) -> frozenset[str]:
        """The terms a match can start with: the words and each phrase's first term."""
        return self.words | frozenset(self.starts)

    @cached_property
    def terms(self) -> frozenset[str]:
        """Every term of the words and phrases."""
        return self.words.union(term for phrase in self.phrases for term, _form in phrase)


class MarkMatch(NamedTuple):
    """A match in a list of tokens: tokens ``first`` to ``last``, and the word's term or the
    phrase (``key``: matches of the same word or phrase share it)."""

    first: int
    last: int
    key: str | Phrase


def mark_items(
    text: str, *, max_chars: int = MAX_MARK_CHARS, max_items: int = MAX_MARK_ITEMS
) -> list[str]:
    """The words and quoted phrases of ``text`` (quotes removed), whole items only, at most
    ``max_items`` of them and ``max_chars`` characters in all. An unclosed quote runs to the
    end."""
    items: list[str] = []
    used = 0
    for match in _ITEM_RE.finditer(text[: 4 * max_chars]):
        item = " ".join((match.group(1) or match.group(2) or "").split())
        if not item:
            continue
        used += len(item) + 1
        if used > max_chars + 1 or len(items) >= max_items:
            break
        items.append(item)
    return items


def marks_of(items: Iterable[str]) -> Marks:
    """Marks for words and phrases: an item with one index term is a word, with more a
    phrase (a name, or a word the analyzer splits, al-Qaeda), with none nothing; a phrase
    of more than ``MAX_PHRASE_WORDS`` words is left out."""
    words: set[str] = set()
    phrases: dict[Phrase, None] = {}
    for item in items:
        phrase = tuple(
            (term, word_form(folded))
            for folded, term in map(word_term, TOKEN_RE.findall(item))
            if term
        )
        if len(phrase) == 1:
            words.add(phrase[0][0])
        elif 1 < len(phrase) <= MAX_PHRASE_WORDS:
            phrases[phrase] = None
    return Marks(frozenset(words), tuple(phrases))


def parse_marks(
    text: str, *, max_chars: int = MAX_MARK_CHARS, max_items: int = MAX_MARK_ITEMS
) -> Marks:
    """Marks for text written by :func:`marks_text` (words and "quoted phrases"), bounded as
    :func:`mark_items` bounds it: any text gives marks, never an error."""
    return marks_of(mark_items(text, max_chars=max_chars, max_items=max_items))


def marks_text(items: Iterable[str]) -> str:
    """Words and phrases as one text :func:`parse_marks` reads back: phrases in quotes."""
    out = []
    for item in items:
        words = "".join(" " if char in _QUOTES else char for char in item or "").split()
        if len(words) > 1:
            out.append('"' + " ".join(words) + '"')
        elif words:
            out.append(words[0])
    return " ".join(out)


def find_marks(
    words: Sequence[Token], marks: Marks, *, max_steps: int = MAX_MATCH_STEPS
) -> list[MarkMatch]:
    """The matches of ``marks`` in ``words``, in order, never overlapping.

    From left to right, the longest phrase starting at a word wins over a shorter one and
    over the word alone. Each phrase tried costs its length in steps; once ``max_steps``
    are spent, only single words are marked.
    """
    firsts, single, starts = marks.firsts, marks.words, marks.starts
    found: list[MarkMatch] = []
    after = 0
    steps = max_steps
    for index in [i for i, word in enumerate(words) if word.term in firsts]:
        if index < after:
            continue
        term = words[index].term
        match = None
        for phrase in starts.get(term, ()):
            if steps < len(phrase):
                steps = 0
                break
            steps -= len(phrase)
            last = _phrase_end(words, index, phrase)
            if last >= 0:
                match = MarkMatch(index, last, phrase)
                break
        if match is None and term in single:
            match = MarkMatch(index, index, term)
        if match is not None:
            found.append(match)
            after = match.last + 1
    return found


def _phrase_end(words: Sequence[Token], index: int, phrase: Phrase) -> int:
    """The index of the phrase's last word when it starts at ``words[index]``, else -1."""
    at = index
    for number, (term, form) in enumerate(phrase):
        if number:
            at += 1
            while at < len(words) and words[at].term is None:
                at += 1
            if at >= len(words) or words[at].term != term:
                return -1
        if word_form(words[at].folded) != form:
            return -1
    return at


def segments_between(
    text: str, start: int, end: int, spans: Iterable[tuple[int, int]], *, lines: bool = True
) -> list[Segment]:
    """``text[start:end]`` cut around the marked character spans (in order, inside it).

    With ``lines``, a mark never spans a line break: a phrase across one is marked line by
    line (for a caller that keeps the text's lines). Pieces may be empty;
    :func:`join_segments` drops them.
    """
    pieces = []
    cursor = start
    for mark_start, mark_end in spans:
        pieces.append(Segment(text[cursor:mark_start]))
        marked = text[mark_start:mark_end]
        if lines and "\n" in marked:
            parts = _LINE_BREAK.split(marked)
            gaps = _LINE_BREAK.findall(marked)
            for number, part in enumerate(parts):
                if number:
                    pieces.append(Segment(gaps[number - 1]))
                pieces.append(Segment(part, True))
        else:
            pieces.append(Segment(marked, True))
        cursor = mark_end
    pieces.append(Segment(text[cursor:end]))
    return pieces


def join_segments(pieces: Iterable[Segment]) -> Highlight:
    """The pieces with neighbouring plain ones joined and empty ones left out."""
    out: list[Segment] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and not piece.marked and not out[-1].marked:
            out[-1] = Segment(out[-1].text + piece.text)
        else:
            out.append(piece)
    return tuple(out)


def highlight_full(text: str, marks: Marks) -> Highlight:
    """The whole text, as written, with every match of ``marks`` marked."""
    if not marks or not text:
        return join_segments([Segment(text)])
    words = tokens(text)
    spans = [(words[m.first].start, words[m.last].end) for m in find_marks(words, marks)]
    return join_segments(segments_between(text, 0, len(text), spans))
