"""Bylines: the reporter a credit line names is a person (``عمر إبراهيم – عين اليوم``).

News opens an article with a credit line (the reporter, the outlet, the place written from:
``سعود الدعجاني - سبق - عسير:``) and some close it with the writer's name alone on the last
line. The importer blanks the dateline before extraction, so ``dateline_name`` says which
part of it is a reporter's name, to be kept; ``byline_people`` proposes that name where a
line opens with it (before a dash or the blanked rest of the dateline) or where it is the
whole last line. A name is two to four words, the first a given name of the people lists
(``cues.given_names``) or an ``عبد`` compound, every word letters only and no stop word:
an outlet (``عين اليوم``), a place (``مكة المكرمة``) or a title line fails that test.
"""

import re

from archive.extraction.candidates import FoundCandidate
from archive.extraction.cues import given_names, head_nouns, role_nouns
from archive.extraction.document import Document
from archive.extraction.names import ARTICLE

MIN_WORDS = 2
MAX_WORDS = 4
# How far into the text a byline opens a line: the title's line, then the body's first.
OPENING_LINES = 3
# A dateline's parts: "name - outlet - place", "outlet من place", "name (place)".
_PARTS = re.compile(r"\s*[-–—ـ/:|]\s*|\s+من\s+|\s*[()]\s*")
_LETTERS = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+$")
_LATIN = re.compile(r"^[A-Za-z]+$")
LATIN_MAX = 2
# What may follow the name on its line: a dash, or the dateline's blanked rest.
_AFTER = re.compile(r"^(?:\s*[-–—ـ]|\s{2,}|\s*$)")
_GAP = re.compile(r"^(?:\s*[-–—ـ]|\s{2,})")
_BEFORE = " \t-–—ـ*•"
# Compound tails that carry the article inside a given name (عبد الله, نور الدين).
_TAILS = frozenset({"الله", "الدين", "الرحمن"})
_DEFINITE = (ARTICLE, "لل", "بال", "وال", "فال", "كال")
NISBA_MAX_WORDS = 3


def dateline_name(dateline: str) -> tuple[int, int] | None:
    """Character span of the reporter's name in a dateline, or None."""
    for match in re.finditer(r"[^-–—ـ/:|()]+", dateline or ""):
        part = match.group()
        if _PARTS.search(part.strip()):
            continue
        doc = Document(part)
        first = _after_latin(doc, 0, len(doc) - 1)
        if name_shaped(doc, first, len(doc) - 1):
            return match.start() + doc.starts[first], match.start() + doc.ends[-1]
    return None


def name_shaped(doc: Document, start: int, end: int) -> bool:
    """Two to four plain words opening with a given name (or an ``عبد`` compound), or
    closing with a family nisba after words without the article (``حنان الحامدي``)."""
    if not MIN_WORDS <= end - start + 1 <= MAX_WORDS or not doc.linked(start, end):
        return False
    words = doc.surfaces[start : end + 1]
    if any(doc.stop[k] or not _LETTERS.match(words[k - start]) for k in range(start, end + 1)):
        return False
    first = doc.folded[start]
    if first in given_names() or (first.startswith("عبد") and len(first) > 3):
        return True
    return _nisba_name(doc.folded[start : end + 1])


def _nisba_name(words: list[str]) -> bool:
    """``عبير الرجباني``, ``محمد آل الحمري``: no role (``وزير الخارجية السعودي``), the
    article only on the last word (or a compound's tail: ``عبد الله البارقي``)."""
    *given, family = words
    if len(words) > NISBA_MAX_WORDS or len(family) < 5:
        return False
    if words[0] in role_nouns() or words[0] in head_nouns():
        return False
    if not (family.startswith(ARTICLE) and family.endswith("ي")):
        return False
    return not any(w.startswith(_DEFINITE) and w not in _TAILS for w in given)


def byline_people(doc: Document, taken: set[int]) -> list[FoundCandidate]:
    """Reporters' names that open one of the first lines or make up the last line."""
    found = []
    for number, (start, end, last) in enumerate(_lines(doc)):
        if start > end or start in taken:
            continue
        if last and number > 0 and _named(doc, taken, start, end):
            found.append(_candidate(doc, start, end))
            continue
        if number >= OPENING_LINES:
            continue
        start = _after_latin(doc, start, end)
        for stop in range(min(end, start + MAX_WORDS - 1), start, -1):
            after = doc.text[doc.ends[stop] : doc.starts[stop + 1] if stop < end else None]
            after = after.split("\n")[0]
            alone = stop == end and number > 0  # a line of its own, not the title's
            if (_AFTER.match(after) if alone else _GAP.match(after)) and _named(
                doc, taken, start, stop
            ):
                found.append(_candidate(doc, start, stop))
                break
    return found


def _after_latin(doc: Document, start: int, end: int) -> int:
    """The first Arabic word of a line a web page's leftovers open (``Next Previous``)."""
    for k in range(start, min(end, start + LATIN_MAX) + 1):
        if not _LATIN.match(doc.surfaces[k]):
            return k
    return start


def _free(taken: set[int], start: int, end: int) -> bool:
    return not any(k in taken for k in range(start, end + 1))


def _named(doc: Document, taken: set[int], start: int, end: int) -> bool:
    return _free(taken, start, end) and name_shaped(doc, start, end)


def _lines(doc: Document):
    """(first token, last token, is the last line) of each line holding words."""
    lines, begin = [], 0
    breaks = [k for k, gap in enumerate(doc.gaps, 1) if "\n" in gap]
    for k in [*breaks, len(doc)] if len(doc) else ():
        lines.append((begin, k - 1))
        begin = k
    if lines:
        first, final = lines[-1]
        opening = doc.text[doc.text.rfind("\n", 0, doc.starts[first]) + 1 : doc.starts[first]]
        lines[-1] = (first if not opening.strip(_BEFORE) else final + 1, final)
    return [(s, e, k == len(lines) - 1) for k, (s, e) in enumerate(lines)]


def _candidate(doc: Document, start: int, end: int) -> FoundCandidate:
    return FoundCandidate(
        name=doc.span(start, end),
        normalized=" ".join(doc.folded[start : end + 1]),
        cue="byline",
        offset=doc.starts[start],
        tokens=tuple(range(start, end + 1)),
    )
