"""Proposed people that are ordinary phrases: tests on a name no title introduced.

A name found by its shape alone (no title, no noun of standing before it) is sometimes a
run of ordinary words the shape tests took for a name: a frequent word cut behind a
proclitic it does not have (فعلا → ف + علا), a month and its adjective of time (رمضان
الماضي), or words that are Arabic inflections of frequent stems (تتناولي أقراصا, تعافيا
سريعا). Word counts of Arabic news (``arabic_text.frequency``) tell them apart.
"""

from functools import lru_cache

from arabic_text import frequency
from archive.extraction import cues, shapes
from archive.extraction.document import Document
from archive.extraction.names import ARTICLE

# A token cut behind a proclitic is the whole word when news writes it at least this often
# and more often than what remains (فعلا 481 against علا 160).
WHOLE_WORD_MIN = 20

# Months that are given names too, and the adjectives of time that follow a month.
_MONTHS = frozenset({"رمضان", "رجب", "شعبان", "صفر", "محرم", "شوال"})
_TIME_ADJECTIVES = frozenset(
    {"الماضي", "المقبل", "القادم", "الحالي", "الفائت", "المنصرم", "المبارك", "الكريم"}
)

# Prefixes of verbs and proclitics, suffixes of pronouns, the accusative and verbs.
_PREFIXES = ("است", "ست", "سي", "ا", "ي", "ت", "ب", "ل", "ف", "ك")
_SUFFIXES = ("تي", "تن", "كن", "ون", "ي", "ا", "ه", "ك")
# A stem is an ordinary word when news writes it this often, and more often than the word.
STEM_MIN = 5
STEM_SHARE = 20
# A stem of three letters is one this often (رفع; not رام in راما, وها in يوهان).
SHORT_STEM_MIN = 300
# A word in ا that news writes this often is an adverb or an accusative (مجددا).
ADVERB_MIN = 100


def not_a_name(doc: Document, tokens: tuple[int, ...], normalized: str) -> bool:
    """A name no title introduced that is an ordinary phrase (see the module)."""
    words = normalized.split()
    if len(words) < 2 or len(tokens) != len(words):
        return False
    if _cut_word(doc.folded[tokens[0]], words[0]) and not shapes.is_name_like(words[1]):
        return True
    if words[0] in _MONTHS and words[1] in _TIME_ADJECTIVES:
        return True
    return _inflected_phrase(words)


def _cut_word(token: str, first: str) -> bool:
    """``فعلا`` read as ف + ``علا``: the whole token is the more frequent word."""
    if token == first:
        return False
    whole = frequency(token)
    return whole >= WHOLE_WORD_MIN and whole > frequency(first)


def _inflected_phrase(words: list[str]) -> bool:
    """Every word an inflection of a frequent stem and none a listed name (امتطي دراجتي)."""
    given, family = cues.given_names(), cues.family_names()
    for word in words:
        if word in given or word in family or word.startswith(ARTICLE):
            return False
        if not _inflected(word):
            return False
    return True


@lru_cache(maxsize=100_000)
def _inflected(word: str) -> bool:
    """``دراجتي`` (دراجة), ``سريعا`` (سريع), ``اتخلي`` (تخلي): a frequent stem behind a
    prefix, a suffix or both."""
    count = frequency(word)
    if word.endswith("ا") and count >= ADVERB_MIN:
        return True  # مجددا, سريعا: an adverb or an accusative news writes often
    least = max(STEM_MIN, STEM_SHARE * count)
    for stem in _stems(word):
        if len(stem) >= 4 and frequency(stem) >= least:
            return True
        if len(stem) == 3 and frequency(stem) >= max(SHORT_STEM_MIN, least):
            return True
    return False


def _stems(word: str):
    fronts = [word] + [word[len(p) :] for p in _PREFIXES if word.startswith(p)]
    for front in fronts:
        if front != word:
            yield front
        for suffix in _SUFFIXES:
            if front.endswith(suffix):
                rest = front[: -len(suffix)]
                yield rest
                if suffix.startswith("ت"):
                    yield rest + "ه"  # دراجتي → دراجه


def phrase(doc: Document, candidate) -> bool:
    """A proposed person with no title cue that is an ordinary phrase."""
    return not candidate.cue and not_a_name(doc, candidate.tokens, candidate.normalized)
