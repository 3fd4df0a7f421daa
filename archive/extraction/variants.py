"""Spelling variants of names: one skeleton for بغدانوف and بوغدانوف, دي مستورا and دي ميستورا.

Transliterated names are written with or without their long vowels, with غ or ج for g, and
a family name with or without its article (عادل جبير, عادل الجبير). The skeleton drops what
varies; an edit distance bound (``rapidfuzz``) takes the rest. Different people stay apart:
a given name must be the same word (حسن is not حسين, سلمان is not سلطان), only words rare in
Arabic news (transliterations) are reduced to a skeleton, and a skeleton shared by two
entities resolves to neither.
"""

from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from arabic_text import frequency
from archive.extraction.document import WordFilter
from archive.extraction.names import ARTICLE
from archive.extraction.shapes import is_proper_word

# Skeletons this long may differ by one edit (بوتيغيريتش, بوتغريتش).
FUZZY_MIN_LENGTH = 6
# A word news writes at most this often is taken for a transliteration (بوغدانوف, ستيفان);
# a more frequent one is an Arabic word or name and must be spelled the same (سلمان).
TRANSLITERATED_MAX = 300
MAX_EDITS = 1
_VOWELS = str.maketrans("", "", "اوي")


def transliterated(word: str) -> bool:
    """A word rare enough in Arabic news to be a transliterated name."""
    return len(word) >= 3 and frequency(word) <= TRANSLITERATED_MAX


@lru_cache(maxsize=200_000)
def word_skeleton(word: str, *, first: bool = False) -> str:
    """A word's skeleton: an Arabic word as written (the article dropped after the first
    word: الجبير, جبير); a transliteration without its long vowels between its first and
    last letters, and with غ as ج. The last letter stays: a final vowel is written whatever
    the spelling, and it tells مانديلا from مندلاوي."""
    if not first and word.startswith(ARTICLE) and len(word) > 4:
        word = word[2:]
    if not (transliterated(word) and is_proper_word(word)):
        return word
    word = word.replace("غ", "ج")
    return word[:1] + word[1:-1].translate(_VOWELS) + word[-1:]


def name_skeleton(words: list[str]) -> str:
    """The skeletons of a name's words, ``عبد`` joined to its tail (عبد العزيز, عبدالعزيز)."""
    skeleton = " ".join(word_skeleton(w, first=i == 0) for i, w in enumerate(joined_abd(words)))
    return skeleton


def joined_abd(words: list[str]) -> list[str]:
    """``عبد`` joined to the word after it: عبد الله → عبدالله."""
    joined, i = [], 0
    while i < len(words):
        if words[i] == ABD and i + 1 < len(words):
            joined.append(ABD + words[i + 1])
            i += 2
        else:
            joined.append(words[i])
            i += 1
    return joined


ABD = "عبد"
# آل before a family: a lineage is written with and without it (سلمان بن عبدالعزيز آل سعود).
FAMILY = "ال"


def without_family(words: list[str]) -> list[str]:
    """A lineage without its closing family (… بن عبدالعزيز آل سعود → … بن عبدالعزيز)."""
    if len(words) >= 5 and words[-2] == FAMILY:
        return words[:-2]
    return words


# Words that end a name without being its family name: a father's name after بن (محمد بن
# سلمان).
_LINEAGE = frozenset(("بن", "ابن", "بنت"))
# A surname this short is too common a word to stand for a person alone.
MIN_SURNAME = 3


def surname_of(words) -> str | None:
    """The family name a full name (folded words) ends in, when it has one: not the father's
    name of a lineage (محمد بن سلمان), not a particle."""
    if len(words) < 2 or words[-2] in _LINEAGE or len(words[-1]) < MIN_SURNAME:
        return None
    if words[-1].startswith(ABD) or words[-2] == ABD:
        return None  # ملحة عبدالله: a father's given name (عبد and a name of God)
    return words[-1]


def person_identity(words) -> tuple[str, str]:
    """What tells two written full names apart as people: the given name (عبد joined to its
    tail; a transliterated one by its skeleton) and the family name: عبد ربه منصور هادي
    and عبدربه منصور هادي are one person, and so are سيرغي لافروف and سيرجي لافروف."""
    given = joined_abd(list(words))[0]
    if transliterated(given):
        given = given.replace("غ", "ج")
        given = given[:1] + given[1:-1].translate(_VOWELS) + given[-1:]
    return given, words[-1]


class VariantIndex:
    """Skeletons of the names of people, to resolve a variant spelling to one entity."""

    def __init__(self):
        self.exact: dict[str, set[int]] = {}
        self.by_first: dict[str, list[tuple[str, int]]] = {}
        # Transliterated surnames of one or two words (بغدانوف, دي ميستورا), by skeleton,
        # and the skeletons of their first words (most text words start none).
        self.short: dict[str, set[int]] = {}
        self.short_first: set[str] = set()
        # The last word of each full name (هادي, الشاهد) → the people it ends the name of,
        # by ``person_identity``.
        self.surnames: dict[str, dict[tuple[str, str], set[int]]] = {}
        # The text words whose skeleton (as a name's first word) opens a short name.
        self.opening = WordFilter(lambda word: word_skeleton(word, first=True) in self.short_first)

    def add(self, words: list[str], entity_id: int) -> None:
        self.opening.clear()
        # A surname with its particle is written alone too: دي ميستورا.
        tail = words[-2:] if len(words) >= 3 and len(words[-2]) <= 3 else words
        foreign = all(
            len(w) <= 3 or (transliterated(w) and not w.startswith(ARTICLE)) for w in tail
        )
        if len(tail) <= 2 and foreign:
            key = name_skeleton(tail)
            if len(key.replace(" ", "")) >= 4:
                self.short.setdefault(key, set()).add(entity_id)
                self.short_first.add(key.split(" ", 1)[0])
        if len(words) < 2:
            return
        surname = surname_of(words)
        if surname:
            people = self.surnames.setdefault(surname, {})
            people.setdefault(person_identity(words), set()).add(entity_id)
        key = name_skeleton(words)
        owners = self.exact.setdefault(key, set())
        if entity_id not in owners:
            owners.add(entity_id)
            self.by_first.setdefault(key.split(" ", 1)[0], []).append((key, entity_id))

    def resolve(self, words: list[str]) -> int | None:
        """The one entity whose name this is, spelled otherwise; None when unsure."""
        if len(words) < 2:
            return None
        key = name_skeleton(words)
        owners = self.exact.get(key) or self.exact.get(name_skeleton(without_family(words)))
        if owners:
            return next(iter(owners)) if len(owners) == 1 else None
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        parts = key.split(" ")
        close = {
            entity_id
            for other, entity_id in self.by_first.get(parts[0], ())
            if _near(parts, other.split(" "), words)
        }
        return next(iter(close)) if len(close) == 1 else None


def variant_hits(folded: list[str], taken: set[int], index: VariantIndex, joined):
    """(start, end, entity) of one- or two-word surnames spelled otherwise than listed
    (بوغدانوف for بغدانوف), outside ``taken``; only transliterated words."""
    found, i, n = [], 0, len(folded)
    opening = index.opening(set(folded))
    if not opening:
        return found  # most articles: no word opens one
    for start in [k for k, word in enumerate(folded) if word in opening]:
        if start < i or start in taken:
            continue
        i, word = start, folded[start]
        particle = len(word) <= 3 and i + 1 < n and transliterated(folded[i + 1])
        if word.startswith(ARTICLE) or not (transliterated(word) or particle):
            i += 1
            continue
        for end in (i + 1, i):
            if end >= n or end in taken or (end > i and not joined[i]):
                continue
            owners = index.short.get(name_skeleton(folded[i : end + 1]))
            if owners and len(owners) == 1:
                found.append((i, end, next(iter(owners))))
                i = end
                break
        i += 1
    return found


def _near(parts: list[str], other: list[str], words: list[str]) -> bool:
    """Same words but for one edit in a transliterated word (never in an Arabic one)."""
    if len(parts) != len(other):
        return False
    edits = 0
    for part, theirs, word in zip(parts, other, words, strict=True):
        if part == theirs:
            continue
        if not (transliterated(word.removeprefix(ARTICLE)) and transliterated(theirs)):
            return False
        edits += Levenshtein.distance(part, theirs, score_cutoff=MAX_EDITS + 1)
        if edits > MAX_EDITS:
            return False
    return True
