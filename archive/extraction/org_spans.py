"""What the organization rules share: the span of a name, the words' keys, the words that
end a name, the tests of one word (a proclitic on a noun, the article), and the names no
head completes: a coalition named by who leads it, an acronym explaining a name."""

from dataclasses import dataclass
from functools import cache, lru_cache

from archive.extraction import org_words, shapes
from archive.extraction.document import Document
from archive.extraction.names import ARTICLE, first_token_keys, name_tokens


@dataclass(frozen=True, slots=True)
class OrgSpan:
    start: int
    end: int  # inclusive
    head: str  # the head's key without proclitics ("" for a quoted name: no head)
    label: int = -1  # an outlet's head before a foreign name, shown with it (وكالة دوغان)


@cache
def word_keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(name_tokens(w)) for w in words)


@cache
def name_ends() -> frozenset[str]:
    return word_keys(tuple(org_words.NAME_ENDS))


def joined(doc: Document, k: int) -> bool:
    """Words ``k`` and ``k + 1`` are on one line with only spaces between them: a name
    never runs from a title or a paragraph into the next."""
    return doc.joined[k] and "\n" not in doc.text[doc.ends[k] : doc.starts[k + 1]]


@lru_cache(maxsize=50_000)
def prefixed(word: str) -> bool:
    """``لتشكيل``, ``بقيادة``: a preposition or conjunction on a noun, which no genitive
    chain takes (the word without its first letter is the more frequent)."""
    return word[0] in "لبكوف" and shapes.frequency(word[1:]) > shapes.frequency(word)


@lru_cache(maxsize=50_000)
def definite(word: str) -> bool:
    """``الجهة``, ``بالجهة``, ``للأبحاث``: the article, proclitics allowed."""
    return any(key.startswith(ARTICLE) for key in first_token_keys(word))


def without_led(found: list[OrgSpan]) -> list[OrgSpan]:
    """A coalition named by who leads it is none where the article names it in full
    (التحالف العربي): the head alone would take that name's occurrences."""
    alone = {s.head for s in found if s.start == s.end and s.head in _led_heads()}
    if not alone:
        return found
    full = {s.head for s in found if s.end > s.start}
    return [s for s in found if s.end > s.start or s.head not in alone & full]


@cache
def _led_heads() -> frozenset[str]:
    return word_keys(tuple(org_words.LED_HEADS))


def explained(doc: Document, found: list[OrgSpan], i: int) -> bool:
    """``لوكالة الاستخبارات المركزية (سي آي ايه)``: an acronym in brackets right after a
    name is that name's, no other organization."""
    if not found or found[-1].end != i - 1:
        return False
    return "(" in doc.text[doc.ends[i - 1] : doc.starts[i]]


def led(doc: Document, i: int, head: str):
    """``التحالف الذي تقوده السعودية``: a coalition named by who leads it is the head alone."""
    if head not in _led_heads() or i + 2 >= len(doc):
        return None
    relative, verbs = org_words.LED_BY
    if doc.folded[i + 1] != relative or doc.folded[i + 2] not in verbs:
        return None
    return OrgSpan(i, i, head) if doc.linked(i, i + 2) else None
