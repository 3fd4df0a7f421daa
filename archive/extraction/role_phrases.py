"""Titles whose complement runs long: a title cue (``document.cue_start``), then the words
that complete the role, then the name: ``القيادي في جبهة الإنقاذ رضا بالحاج``, ``عضو المكتب
السياسي لحركة النهضة …``, ``المتحدث الرسمي لوزارة العمل تيسير المفرج``. The complement is
a run of definite words (with their clitics: لحركة النهضة, بالمديرية, والدفاع),
prepositions (في, لدى, عن, إلى) and nouns in a construct before a definite word (جبهة
الإنقاذ, لجنة الأمن), unbroken by punctuation; ``titles.title_start`` reads the short ones."""

from functools import lru_cache

from archive.extraction import cues, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document, cue_start
from archive.extraction.names import ARTICLE, name_tokens

# Words of a complement between the title cue and the name.
LONG_COMPLEMENT = 9

_PREPOSITIONS = frozenset({"في", "لدي", "عن", "الي"})
# Nouns of a post that a long complement follows, besides ``cues.role_nouns``.
_POSTS = "مسؤول المسؤول مسؤولة المسؤولة العضو منسق المنسق أستاذ الأستاذ أستاذة الأستاذة"
_DEFINITE_CLITICS = (ARTICLE, "وال", "لل", "بال")


def long_title_start(doc: Document, k: int) -> int | None:
    """Where a title whose complement runs up to ``LONG_COMPLEMENT`` words before the name at
    ``k`` starts, or None."""
    if k < 3 or not doc.joined[k - 1] or not _definite(doc.folded[k - 1]):
        return None
    if shapes.without_conjunction(doc.folded[k]) != doc.folded[k]:
        return None  # … وإدارة الأزمات ويانا هيباشكوفا: و opens the next item of a list
    for i in range(k - 1, max(0, k - LONG_COMPLEMENT - 1), -1):
        if not doc.joined[i]:
            return None
        if i < k - 2 and _role(doc.folded[i]):
            return i  # القيادي في جبهة الإنقاذ, عضو لجنة الأمن والدفاع النيابية
        if not _complement_word(doc, i):
            return None
        if doc.folded[i] in _PREPOSITIONS or i == k - 1:
            continue
        start = cue_start(doc, i)
        if start is not None and start < i:
            return start
    return None


@lru_cache(maxsize=10_000)
def _role(word: str) -> bool:
    """A role noun (عضو, القيادي, المدير), also after its و."""
    word = shapes.without_conjunction(word)
    return word in cues.role_nouns() or word in _posts()


@lru_cache(maxsize=1)
def _posts() -> frozenset[str]:
    return frozenset(w for p in _POSTS.split() for w in name_tokens(p))


def given_first(words: list[str]) -> bool:
    """After a long complement only a sure given name opens a name: a listed one, a mined one
    that is an ordinary word too (فلاح, الحبيب), or every word a transliteration (هطول أمطار,
    "rainfall", is none)."""
    first = words[0]
    if first in cues.given_names() or first in cues.cued_given_names():
        return True
    return all(nw.transliterated(w) and not nw.verb_shaped(w) for w in words)


def _complement_word(doc: Document, i: int) -> bool:
    """A definite word, a preposition, or a noun in a construct before a definite word."""
    word = doc.folded[i]
    if word in _PREPOSITIONS:
        return True
    if _definite(word):
        return not shapes.given_name_key(word)
    return (
        i + 1 < len(doc)
        and _definite(doc.folded[i + 1])
        and not doc.stop[i]
        and _construct_noun(word)
    )


@lru_cache(maxsize=100_000)
def _definite(word: str) -> bool:
    return word.startswith(_DEFINITE_CLITICS) and len(word) >= 4


@lru_cache(maxsize=100_000)
def _construct_noun(word: str) -> bool:
    """A noun that a definite genitive follows (جبهة, لجنة, لحركة): no name, no verb."""
    return (
        shapes.given_name_key(word) is None
        and word not in cues.given_names()
        and not nw.verb_shaped(word)
        and not word.endswith(nw.PRONOUNS)
    )
