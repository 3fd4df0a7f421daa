"""A text as the matcher sees it: tokens, folded forms, which tokens are adjacent,
and the title cues (الرئيس, وزير الخارجية الروسي, السفير … لدى بغداد) that precede names."""

from arabic_text import token_columns
from archive.extraction import cues
from archive.extraction.names import ARTICLE, first_token_keys

MAX_MODIFIERS = 2
# Distinct words a WordFilter remembers before it starts over (memory stays bounded).
MAX_REMEMBERED = 500_000


class Document:
    """The words of one text with what the matcher asks about them, column by column."""

    def __init__(self, text: str):
        self.text = text
        # Stems are never used here: only whether a word is a stop word.
        columns = token_columns(text)
        self.surfaces = columns.surfaces
        self.starts = columns.starts
        self.ends = columns.ends
        self.folded = columns.folded
        self.stop = columns.stop
        # joined[i]: tokens i and i+1 are separated by whitespace only, so a
        # multi-word name may span them (not a full stop, comma or bracket).
        # (``not gap or gap.isspace()``, in C: a space put before an empty gap.)
        self.joined = list(map(str.isspace, map(" ".__add__, columns.gaps)))
        # gaps[i]: the text between tokens i and i + 1.
        self.gaps = columns.gaps

    def __len__(self) -> int:
        return len(self.folded)

    def span(self, start: int, end: int) -> str:
        return self.text[self.starts[start] : self.ends[end]]

    def linked(self, i: int, j: int) -> bool:
        """Tokens i..j form one unbroken run."""
        if j == i + 1:  # two neighbours, most of the calls
            return self.joined[i]
        return all(self.joined[k] for k in range(i, j))


class WordFilter:
    """A yes/no question about a word asked of a text's words as a set, each distinct word
    once per process: most text words are asked again in every article, and a set
    difference and a set intersection answer them in C."""

    def __init__(self, test):
        self.test = test
        self.asked: set[str] = set()
        self.passed: set[str] = set()

    def __call__(self, words: set[str]) -> set[str]:
        """Those of ``words`` that pass the test."""
        if len(self.asked) > MAX_REMEMBERED:
            self.clear()
        new = words - self.asked
        if new:
            self.passed.update(word for word in new if self.test(word))
            self.asked |= new
        return words & self.passed

    def clear(self) -> None:
        self.asked.clear()
        self.passed.clear()


def cue_start(doc: Document, name_start: int) -> int | None:
    """Index of the first token of a title cue that ends right before ``name_start``.

    Skips up to two modifiers between title and name (``الروسي``, ``السابق``)
    and a posting (``لدى بغداد``): ``السفير الروسي لدى بغداد إيلبروس كوتراشيف``.
    """
    j = name_start - 1
    if j >= 1 and doc.folded[j - 1] in cues.posted_at() and doc.linked(j - 1, name_start):
        j -= 2
    for _ in range(MAX_MODIFIERS + 1):
        if j < 0 or not doc.linked(j, name_start):
            return None
        # A cue may itself end in an adjective-shaped word (وزير الخارجية): try it first.
        start = _cue_ending_at(doc, j)
        if start is not None:
            return start
        word = doc.folded[j]
        if not (cues.is_nationality_adjective(word) or word in cues.modifiers()):
            return None
        j -= 1
    return None


def may_follow_cue(doc: Document, name_start: int) -> bool:
    """False when ``cue_start(doc, name_start)`` is sure to be None: the word where a cue
    would have to end can end none. A cheap test to run on every word before the full one."""
    j = name_start - 1
    if j >= 1 and doc.folded[j - 1] in cues.posted_at() and doc.linked(j - 1, name_start):
        j -= 2
    return j >= 0 and doc.linked(j, name_start) and cues.may_end_cue(doc.folded[j])


def _cue_ending_at(doc: Document, j: int) -> int | None:
    folded = doc.folded
    phrases = cues.cue_phrases()
    # Phrases of four words at most, the longest first: from the furthest word that the
    # run ending at ``j`` reaches.
    first = j
    while first > max(j - 3, 0) and doc.joined[first - 1]:
        first -= 1
    for start in range(first, j + 1) if j >= 0 else ():
        rest = tuple(folded[start + 1 : j + 1])
        for key in first_token_keys(folded[start]):
            if (key, *rest) in phrases:
                return _extend_deputy(doc, start)
    # وزير الخارجية, نائب وزير الدفاع, وكيل وزارة الخارجية: a head and a definite portfolio.
    if folded[j].startswith(ARTICLE):
        for length in (2, 1):
            start = j - length
            if start < 0 or not doc.linked(start, j):
                continue
            rest = tuple(folded[start + 1 : j])
            heads = cues.portfolio_heads()
            if any((key, *rest) in heads for key in first_token_keys(folded[start])):
                return _extend_deputy(doc, start)
    return None


def _extend_deputy(doc: Document, start: int) -> int:
    """Include a preceding ``نائب`` (deputy) in the cue text."""
    if (
        start > 0
        and doc.joined[start - 1]
        and cues.deputy() in first_token_keys(doc.folded[start - 1])
    ):
        return start - 1
    return start
