"""Search snippets and highlights: the passage of a text that best shows why it was found.

The words and phrases to mark, and how they are found in a text, are
:mod:`arabic_text`'s (:func:`arabic_text.highlight_full`): a word by its index term, so the
query الارهاب marks الإرهاب, والإرهاب and للإرهاب as written; a phrase (a quoted query, an
entity's name) only whole. Here: reading them out of a search query, and choosing the
snippet, the passage with the most distinct words and phrases of the query. The result is
data, a tuple of :class:`Segment`: templates escape it and write the ``<mark>``. Pure
Python, no Django.

>>> highlight("تم بحث الحرب على الإرهاب.", "الارهاب")
(Segment(text='تم بحث الحرب على ', marked=False), Segment(text='الإرهاب', marked=True), \
Segment(text='.', marked=False))
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache

from arabic_text import (
    TOKEN_RE,
    Highlight,
    MarkMatch,
    Marks,
    Segment,
    Token,
    find_marks,
    join_segments,
    marks_of,
    parse_marks,
    segments_between,
    spans,
    tokens,
    word_form,
    word_term,
)
from arabic_text import highlight_full as _highlight_full

__all__ = [
    "MAX_WINDOWS",
    "Highlight",
    "Segment",
    "highlight",
    "highlight_full",
    "query_marks",
    "query_terms",
]

ELLIPSIS = "…"
# Texts longer than this many snippets' worth are only tokenized around their matches.
_PRESELECT_FACTOR = 2
# Matches of a long text around which it is tokenized (besides each word's first match).
_MAX_ANCHORS = 3
# Passages measured around matches at most (besides each word's first match): a text that
# repeats a query word thousands of times costs no more than one that has it a hundred times.
MAX_WINDOWS = 100

# Query syntax that names no word of the text: field prefixes, negated words, operators.
_FIELD_PREFIX = re.compile(r"\b[A-Za-z_]+:")
_NEGATED = re.compile(r'(?:(?<=\s)|^)(?:-|NOT\s+)(?:"[^"]*"?|\S+)')
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b")
_SPACES = re.compile(r"\s+")


def query_marks(query: str | Iterable[str] | Marks) -> Marks:
    """The words and phrases a query looks for.

    A string is read as a search query (or :attr:`search.query.ParsedQuery.highlight_text`):
    quoted text is a phrase; negated words (``-word``, ``NOT word``), operators and field
    prefixes (``title:``) are left out. An iterable holds words, phrases or index terms.
    """
    if isinstance(query, Marks):
        return query
    if isinstance(query, str):
        return _string_marks(query)
    items = list(query)
    marks = marks_of(items)
    # Index terms from the search engine are marked as they are (a stem may not stem again).
    terms = {item.strip() for item in items if item.strip() and " " not in item.strip()}
    return Marks(marks.words | {t for t in terms if marks_of([t])}, marks.phrases)


@lru_cache(maxsize=512)
def _string_marks(query: str) -> Marks:
    cleaned = _OPERATORS.sub(" ", _FIELD_PREFIX.sub(" ", _NEGATED.sub(" ", query)))
    return parse_marks(cleaned)


def query_terms(query: str | Iterable[str]) -> frozenset[str]:
    """The index terms of the words and phrases a query looks for."""
    return query_marks(query).terms


def highlight_full(text: str, query: str | Iterable[str] | Marks) -> Highlight:
    """The whole text with every match of the query marked (result titles).

    Line breaks are kept, and a mark never spans one.
    """
    return _highlight_full(text, query_marks(query))


def _lead(text: str, words: list[Token], max_chars: int) -> Highlight:
    """The text's beginning, cut at a word boundary."""
    if len(text) <= max_chars:
        return join_segments([Segment(_SPACES.sub(" ", text.strip()))])
    end = 0
    for token in words:
        if token.end > max_chars and end:
            break
        end = token.end
    return join_segments([Segment(_SPACES.sub(" ", text[:end].strip()) + ELLIPSIS)])


def _window(words: list[Token], match: MarkMatch, budget: int) -> tuple[int, int]:
    """Token index range [first, last] around a match whose text fits ``budget`` chars.

    Grows one word at a time, two words to the right for each one to the left, so a snippet
    reads on from the match rather than ending on it.
    """
    first, last = match.first, match.last
    while True:
        grew = False
        for _ in range(2):
            if last + 1 < len(words) and words[last + 1].end - words[first].start <= budget:
                last += 1
                grew = True
        if first > 0 and words[last].end - words[first - 1].start <= budget:
            first -= 1
            grew = True
        if not grew:
            return first, last


def _sampled(matches: list[MarkMatch]) -> list[MarkMatch]:
    """At most ``MAX_WINDOWS`` matches spread evenly over the text, and each word's or
    phrase's first match, in order: where passages are measured."""
    if len(matches) <= MAX_WINDOWS:
        return matches
    step = len(matches) / MAX_WINDOWS
    chosen = {int(number * step) for number in range(MAX_WINDOWS)}
    firsts: dict[object, int] = {}
    for index, match in enumerate(matches):
        firsts.setdefault(match.key, index)
    return [matches[index] for index in sorted(chosen | set(firsts.values()))]


def _inside(matches: list[MarkMatch], first: int, last: int) -> list[MarkMatch]:
    """The matches within tokens ``first`` to ``last`` (matches are in order, apart)."""
    low = bisect_left(matches, first, key=_first_token)
    high = bisect_right(matches, last, key=_last_token)
    return matches[low:high]


def _first_token(match: MarkMatch) -> int:
    return match.first


def _last_token(match: MarkMatch) -> int:
    return match.last


def _offset(occurrence: tuple[int, object]) -> int:
    return occurrence[0]


def _score(matches: list[MarkMatch], first: int, last: int) -> tuple[int, int]:
    """(distinct words and phrases, matches) inside tokens ``first`` to ``last``."""
    inside = _inside(matches, first, last)
    return len({m.key for m in inside}), len(inside)


def _best_windows(
    words: list[Token], matches: list[MarkMatch], budget: int, count: int
) -> list[tuple[int, int]]:
    candidates = [_window(words, match, budget) for match in _sampled(matches)]
    # Most distinct words, then most matches; among equals, the earliest in the text.
    ranked = sorted(candidates, key=lambda span: (_score(matches, *span), -span[0]), reverse=True)
    chosen: list[tuple[int, int]] = []
    for first, last in ranked:
        if all(last < taken_first or first > taken_last for taken_first, taken_last in chosen):
            chosen.append((first, last))
            if len(chosen) == count:
                break
    return sorted(chosen)


def highlight(
    text: str,
    query: str | Iterable[str] | Marks,
    *,
    max_chars: int = 320,
    max_fragments: int = 2,
) -> Highlight:
    """A snippet of the text's best passages for the query, matches marked.

    The passage with the most distinct words and phrases of the query, then the most
    matches, then the earliest; when it lacks some that the text holds, up to
    ``max_fragments`` shorter passages. About ``max_chars`` characters in all, each passage
    starting and ending on a word boundary, with "…" where text is left out. Without a match,
    the beginning of the text, cut at a word boundary.
    """
    marks = query_marks(query)
    words, matches, at_start, at_end = _candidate_matches(text, marks, max_chars)
    if not matches:
        return _lead(text, _prefix_words(text, max_chars), max_chars)
    chosen = _best_windows(words, matches, max_chars, 1)
    found_everything = _score(matches, *chosen[0])[0] == len({m.key for m in matches})
    if max_fragments > 1 and not found_everything:
        chosen = _best_windows(words, matches, max_chars // max_fragments, max_fragments)
    pieces = []
    if chosen[0][0] > 0 or not at_start:
        pieces.append(Segment(f"{ELLIPSIS} "))
    for number, (first, last) in enumerate(chosen):
        start = 0 if first == 0 and at_start else words[first].start
        end = _end_of_sentence_mark(text, words[last].end)
        spans_ = [(words[m.first].start, words[m.last].end) for m in _inside(matches, first, last)]
        if number:
            pieces.append(Segment(f" {ELLIPSIS} "))
        pieces += _fragment(text, start, end, spans_)
    if chosen[-1][1] < len(words) - 1 or not at_end:
        pieces.append(Segment(f" {ELLIPSIS}"))
    return join_segments(pieces)


def _fragment(text: str, start: int, end: int, marked: list[tuple[int, int]]) -> list[Segment]:
    """One passage, its whitespace runs made single spaces (so a phrase across a line break
    is one mark) and its ends trimmed."""
    pieces = [
        Segment(_SPACES.sub(" ", piece.text), piece.marked)
        for piece in segments_between(text, start, end, marked, lines=False)
    ]
    pieces[0] = Segment(pieces[0].text.lstrip(), pieces[0].marked)
    pieces[-1] = Segment(pieces[-1].text.rstrip(), pieces[-1].marked)
    return pieces


def _end_of_sentence_mark(text: str, end: int) -> int:
    """Extend a fragment over the punctuation closing its last word (. ، » "), not over an
    opening quote glued to the next word (لـ"العربي).
    """
    stop = end
    while stop < len(text) and not text[stop].isspace() and not text[stop].isalnum():
        stop += 1
    return stop if stop == len(text) or text[stop].isspace() else end


def _prefix_words(text: str, max_chars: int) -> list[Token]:
    """The words of the text's beginning, enough for :func:`_lead` to cut it."""
    if len(text) <= 2 * max_chars:
        return tokens(text)
    cut = text.find(" ", 2 * max_chars)
    return tokens(text if cut < 0 else text[:cut])


def _candidate_matches(text: str, marks: Marks, max_chars: int):
    """What :func:`highlight` chooses from: ``(words, matches, starts the text, ends it)``.

    A long text is tokenized only around its most promising matches. Candidates are the
    occurrences of the word forms that can start a match (found with C-speed ``findall`` and
    ``str.find``, the analyzer's cache answering each distinct form once; a phrase checked
    on the few words after its first). Each is scored, without tokenizing, by the distinct
    words and phrases and the occurrences within a passage's reach of it; only the regions
    around the best few, and around the first occurrence of each word or phrase (so a second
    fragment can still show one the first lacks), are tokenized. Regions reach ``max_chars``
    past their candidate, farther than any passage can, and start and end on whitespace, so
    words stay whole; regions closer than a passage are joined, so no passage spans text
    left untokenized.
    """
    if not marks:
        return [], [], True, True
    if len(text) <= _PRESELECT_FACTOR * max_chars:
        words = tokens(text)
        return words, find_marks(words, marks), True, True
    forms = {}
    for form in set(TOKEN_RE.findall(text)):
        folded, term = word_term(form)
        if term in marks.firsts:
            forms[form] = (folded, term)
    found = sorted(_occurrences(text, forms, marks), key=_offset)
    if not found:
        return [], [], True, True
    regions: list[list[int]] = []
    for start in _anchors(found, max_chars):
        low, high = _to_space(text, start - max_chars, -1), _to_space(text, start + max_chars, 1)
        if regions and low <= regions[-1][1] + max_chars:
            regions[-1][1] = max(regions[-1][1], high)
        else:
            regions.append([low, high])
    words: list[Token] = []
    matches: list[MarkMatch] = []
    for low, high in regions:
        region = _tokens_at(text[low:high], low)
        base = len(words)
        # Matched region by region: a phrase never joins words across a gap.
        matches += [
            MarkMatch(m.first + base, m.last + base, m.key) for m in find_marks(region, marks)
        ]
        words += region
    at_start = TOKEN_RE.search(text, 0, regions[0][0]) is None
    at_end = TOKEN_RE.search(text, regions[-1][1]) is None
    return words, matches, at_start, at_end


def _anchors(found: list[tuple[int, object]], max_chars: int) -> list[int]:
    """Offsets of the occurrences worth tokenizing around, in text order.

    ``found`` holds ``(offset, key)`` in text order, ``key`` a word's term or a phrase. A
    passage around an occurrence reaches about a third of ``max_chars`` before it and two
    thirds after (see :func:`_window`): the occurrences whose reach holds the most distinct
    keys, then the most occurrences, are kept (the earliest among equals), and the first
    occurrence of each key the best one's reach lacks, for a second fragment.
    """
    if len(found) <= _MAX_ANCHORS:
        return [offset for offset, _key in found]
    before, after = max_chars // 3, max_chars - max_chars // 3
    scored = []
    counts: dict[object, int] = {}
    low = high = 0
    for index, (offset, _key) in enumerate(found):
        while high < len(found) and found[high][0] <= offset + after:
            counts[found[high][1]] = counts.get(found[high][1], 0) + 1
            high += 1
        while found[low][0] < offset - before:
            key = found[low][1]
            counts[key] -= 1
            if not counts[key]:
                del counts[key]
            low += 1
        scored.append((-len(counts), low - high, index, low, high))
    scored.sort(key=lambda item: item[:3])
    chosen = {index for _d, _n, index, _l, _h in scored[:_MAX_ANCHORS]}
    _d, _n, _index, best_low, best_high = scored[0]
    covered = {key for _offset, key in found[best_low:best_high]}
    for index, (_offset, key) in enumerate(found):
        if key not in covered:
            covered.add(key)
            chosen.add(index)
    return [found[index][0] for index in sorted(chosen)]


def _tokens_at(part: str, offset: int) -> list[Token]:
    """``tokens(part)`` with offsets into the text ``part`` starts at ``offset`` of."""
    new = tuple.__new__  # as in arabic_text.tokens: NamedTuple's __new__ is slow
    result = []
    for surface, start, end in spans(part):
        folded, term = word_term(surface)
        if folded:
            result.append(new(Token, (surface, start + offset, end + offset, folded, term)))
    return result


def _occurrences(text: str, forms: dict[str, tuple[str, str]], marks: Marks):
    """``(offset, key)`` of each occurrence of the forms as a whole word that starts a
    match: the longest phrase that follows it, else its word."""
    for form, (folded, term) in forms.items():
        phrases = marks.starts.get(term, ())
        if phrases and not any(word_form(folded) == phrase[0][1] for phrase in phrases):
            phrases = ()
        if not phrases and term not in marks.words:
            continue
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            # Not inside a longer word (السعودية inside والسعودية is that form's occurrence).
            if not (at and text[at - 1].isalnum()) and not (
                end < len(text) and text[end].isalnum()
            ):
                key = _phrase_after(text, end, folded, phrases) if phrases else None
                if key is not None or term in marks.words:
                    yield at, key if key is not None else term
            at = text.find(form, end)


def _phrase_after(text: str, end: int, folded: str, phrases) -> tuple | None:
    """The longest of the phrases whose first word (``folded``) ends at ``end`` and whose
    other words follow it there, else None."""
    following: list[tuple[str, str]] = []
    longest = len(phrases[0]) - 1
    for match in TOKEN_RE.finditer(text, end):
        if len(following) >= longest:
            break
        next_folded, term = word_term(match.group())
        if term:
            following.append((term, word_form(next_folded)))
    for phrase in phrases:
        if phrase[0][1] == word_form(folded) and list(phrase[1:]) == following[: len(phrase) - 1]:
            return phrase
    return None


def _to_space(text: str, at: int, step: int) -> int:
    """``at`` moved outwards to the nearest whitespace (or the text's edge)."""
    if at <= 0:
        return 0
    if at >= len(text):
        return len(text)
    while 0 < at < len(text) and not text[at].isspace():
        at += step
    return max(0, min(at, len(text)))
