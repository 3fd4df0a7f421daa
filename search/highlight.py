"""Search snippets and highlights that use the archive's Arabic analyzer.

A word is marked when its index term is one of the query's terms, so the query الارهاب marks
الإرهاب, والإرهاب and للإرهاب in the text as they are written. The result is data, a tuple of
:class:`Segment` (plain text, marked or not): templates escape it and write the ``<mark>``.
Pure Python, no Django.

>>> highlight("تم بحث الحرب على الإرهاب.", "الارهاب")
(Segment(text='تم بحث الحرب على ', marked=False), Segment(text='الإرهاب', marked=True), \
Segment(text='.', marked=False))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from arabic_text import TOKEN_RE, Token, analyze, spans, tokens, word_term

__all__ = ["Highlight", "Segment", "highlight", "highlight_full", "query_terms"]

ELLIPSIS = "…"
# Texts longer than this many snippets' worth are only tokenized around their matches.
_PRESELECT_FACTOR = 2
# Matches of a long text around which it is tokenized (besides each term's first match).
_MAX_ANCHORS = 3

# Query syntax that names no word of the text: field prefixes, negated words, operators.
_FIELD_PREFIX = re.compile(r"\b[A-Za-z_]+:")
_NEGATED = re.compile(r'(?:(?<=\s)|^)(?:-|NOT\s+)(?:"[^"]*"?|\S+)')
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT)\b")
_SPACES = re.compile(r"\s+")


def query_terms(query: str | Iterable[str]) -> frozenset[str]:
    """The index terms a query looks for.

    A string is read as a search query: negated words (``-word``, ``NOT word``), operators and
    field prefixes (``title:``) are left out. An iterable holds query words or index terms.
    """
    if isinstance(query, str):
        cleaned = _OPERATORS.sub(" ", _FIELD_PREFIX.sub(" ", _NEGATED.sub(" ", query)))
        return frozenset(analyze(cleaned))
    terms: set[str] = set()
    for item in query:
        analyzed = analyze(item)
        terms.update(analyzed)
        if analyzed and " " not in item.strip():
            # Already an index term (the search engine's own terms are passed as they are).
            terms.add(item.strip())
    return frozenset(terms)


class Segment(NamedTuple):
    """A piece of a text as written; ``marked`` when it is a word the query looks for."""

    text: str
    marked: bool = False


Highlight = tuple[Segment, ...]


def _pieces(text: str, start: int, end: int, marks: list[Token]) -> list[Segment]:
    """text[start:end] cut around the marked tokens (pieces between them may be empty)."""
    pieces = []
    cursor = start
    for token in marks:
        pieces.append(Segment(text[cursor : token.start]))
        pieces.append(Segment(token.text, True))
        cursor = token.end
    pieces.append(Segment(text[cursor:end]))
    return pieces


def _joined(pieces: Iterable[Segment]) -> Highlight:
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


def highlight_full(text: str, query: str | Iterable[str]) -> Highlight:
    """The whole text with every word matching the query marked (result titles).

    Line breaks are kept, and a mark never spans one.
    """
    terms = query_terms(query)
    marks = [t for t in tokens(text) if t.term in terms] if terms else []
    return _joined(_pieces(text, 0, len(text), marks))


def _lead(text: str, words: list[Token], max_chars: int) -> Highlight:
    """The text's beginning, cut at a word boundary."""
    if len(text) <= max_chars:
        return _joined([Segment(_SPACES.sub(" ", text.strip()))])
    end = 0
    for token in words:
        if token.end > max_chars and end:
            break
        end = token.end
    return _joined([Segment(_SPACES.sub(" ", text[:end].strip()) + ELLIPSIS)])


def _window(words: list[Token], center: int, budget: int) -> tuple[int, int]:
    """Token index range [first, last] around ``center`` whose text fits ``budget`` chars.

    Grows one word at a time, two words to the right for each one to the left, so a snippet
    reads on from the match rather than ending on it.
    """
    first = last = center
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


def _score(words: list[Token], first: int, last: int, terms: frozenset[str]) -> tuple:
    found = [w.term for w in words[first : last + 1] if w.term in terms]
    return (len(set(found)), len(found))


def _best_windows(
    words: list[Token], hits: list[int], terms: frozenset[str], budget: int, count: int
) -> list[tuple[int, int]]:
    candidates = [_window(words, hit, budget) for hit in hits]
    # Highest score first; among equals, the earliest in the text.
    ranked = sorted(
        candidates, key=lambda span: (_score(words, *span, terms), -span[0]), reverse=True
    )
    chosen: list[tuple[int, int]] = []
    for first, last in ranked:
        if all(last < taken_first or first > taken_last for taken_first, taken_last in chosen):
            chosen.append((first, last))
            if len(chosen) == count:
                break
    return sorted(chosen)


def highlight(
    text: str,
    query: str | Iterable[str],
    *,
    max_chars: int = 320,
    max_fragments: int = 2,
) -> Highlight:
    """A snippet of the text's best passages for the query, matches marked.

    At most ``max_fragments`` passages of about ``max_chars`` characters in all, each starting
    and ending on a word boundary, with "…" where text is left out. Without a match, the
    beginning of the text, cut at a word boundary.
    """
    terms = query_terms(query)
    words, at_start, at_end = _candidate_words(text, terms, max_chars)
    hits = [i for i, word in enumerate(words) if word.term in terms] if terms else []
    if not hits:
        return _lead(text, _prefix_words(text, max_chars), max_chars)
    whole = _best_windows(words, hits, terms, max_chars, 1)
    spans = whole
    found_everything = _score(words, *whole[0], terms)[0] == len({words[i].term for i in hits})
    if max_fragments > 1 and not found_everything:
        spans = _best_windows(words, hits, terms, max_chars // max_fragments, max_fragments)
    pieces = []
    if spans[0][0] > 0 or not at_start:
        pieces.append(Segment(f"{ELLIPSIS} "))
    for number, (first, last) in enumerate(spans):
        start = 0 if first == 0 and at_start else words[first].start
        end = _end_of_sentence_mark(text, words[last].end)
        marks = [w for w in words[first : last + 1] if w.term in terms]
        if number:
            pieces.append(Segment(f" {ELLIPSIS} "))
        pieces += _fragment(text, start, end, marks)
    if spans[-1][1] < len(words) - 1 or not at_end:
        pieces.append(Segment(f" {ELLIPSIS}"))
    return _joined(pieces)


def _fragment(text: str, start: int, end: int, marks: list[Token]) -> list[Segment]:
    """One passage, its whitespace runs made single spaces and its ends trimmed."""
    pieces = [
        piece if piece.marked else Segment(_SPACES.sub(" ", piece.text))
        for piece in _pieces(text, start, end, marks)
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


def _candidate_words(text: str, terms: frozenset[str], max_chars: int):
    """The words :func:`highlight` needs: ``(words, starts the text, ends the text)``.

    A long text is tokenized only around its most promising matches. Candidates are the
    occurrences of the word forms whose term is a query term (found with C-speed ``findall``
    and ``str.find``, the analyzer's cache answering each distinct form once). Each is scored,
    without tokenizing, by the distinct query terms and the occurrences within a passage's
    reach of it; only the regions around the best few, and around the first occurrence of
    each term (so a second fragment can still show a term the first lacks), are tokenized.
    Regions reach ``max_chars`` past their candidate, farther than any passage can, and start
    and end on whitespace, so words stay whole.
    """
    if not terms or len(text) <= _PRESELECT_FACTOR * max_chars:
        return tokens(text), True, True
    forms = {}
    for form in set(TOKEN_RE.findall(text)):
        term = word_term(form)[1]
        if term in terms:
            forms[form] = term
    found = sorted(_occurrences(text, forms))
    if not found:
        return [], True, True
    regions: list[list[int]] = []
    for start in _anchors(found, max_chars):
        low, high = _to_space(text, start - max_chars, -1), _to_space(text, start + max_chars, 1)
        if regions and low <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], high)
        else:
            regions.append([low, high])
    words: list[Token] = []
    for low, high in regions:
        words += _tokens_at(text[low:high], low)
    at_start = TOKEN_RE.search(text, 0, regions[0][0]) is None
    at_end = TOKEN_RE.search(text, regions[-1][1]) is None
    return words, at_start, at_end


def _anchors(found: list[tuple[int, str]], max_chars: int) -> list[int]:
    """Offsets of the occurrences worth tokenizing around, in text order.

    ``found`` holds ``(offset, term)`` in text order. A passage around an occurrence reaches
    about a third of ``max_chars`` before it and two thirds after (see :func:`_window`): the
    occurrences whose reach holds the most distinct terms, then the most occurrences, are
    kept (the earliest among equals), and the first occurrence of each term the best one's
    reach lacks, for a second fragment.
    """
    if len(found) <= _MAX_ANCHORS:
        return [offset for offset, _term in found]
    before, after = max_chars // 3, max_chars - max_chars // 3
    scored = []
    counts: dict[str, int] = {}
    low = high = 0
    for index, (offset, _term) in enumerate(found):
        while high < len(found) and found[high][0] <= offset + after:
            counts[found[high][1]] = counts.get(found[high][1], 0) + 1
            high += 1
        while found[low][0] < offset - before:
            term = found[low][1]
            counts[term] -= 1
            if not counts[term]:
                del counts[term]
            low += 1
        scored.append((-len(counts), low - high, index, low, high))
    scored.sort()
    chosen = {index for _d, _n, index, _l, _h in scored[:_MAX_ANCHORS]}
    _d, _n, _index, best_low, best_high = scored[0]
    covered = {term for _offset, term in found[best_low:best_high]}
    for index, (_offset, term) in enumerate(found):
        if term not in covered:
            covered.add(term)
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


def _occurrences(text: str, forms: dict[str, str]):
    """``(offset, term)`` of each occurrence of the forms as a whole word."""
    for form, term in forms.items():
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            # Not inside a longer word (السعودية inside والسعودية is that form's occurrence).
            if not (at and text[at - 1].isalnum()) and not (
                end < len(text) and text[end].isalnum()
            ):
                yield at, term
            at = text.find(form, end)


def _to_space(text: str, at: int, step: int) -> int:
    """``at`` moved outwards to the nearest whitespace (or the text's edge)."""
    if at <= 0:
        return 0
    if at >= len(text):
        return len(text)
    while 0 < at < len(text) and not text[at].isspace():
        at += step
    return max(0, min(at, len(text)))
