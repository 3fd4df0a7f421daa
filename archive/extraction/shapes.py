"""The shape of names: which words can begin or carry a person's name without a title cue.

Word counts of Arabic news (``arabic_text.frequency``) tell a name from an ordinary word:
a given name of the list that is also a common word (صالح, جمعة, نجاح: their definite
forms are frequent) needs a title cue; a transliterated foreign name (كيلوج, بوديستا) is a
word news almost never uses.
"""

from functools import lru_cache

from arabic_text import STOP_WORDS, frequency
from archive.extraction import cues
from archive.extraction.names import ARTICLE, first_token_keys, longest_first

# A word seen at most this often in the reference news corpora is unknown as a word.
RARE_WORD = 3
# A definite word seen at most this often may be a family name (العساف, الجديع).
FAMILY_NAME_MAX = 200
# A given name before a family nisba is seen at most this often (سفيان, صابرين).
GIVEN_NAME_MAX = 1000
# A nisba seen at most this often is a family name (السليطي), not an adjective (العراقي).
FAMILY_NISBA_MAX = 60
# An indefinite word seen at most this often may carry a name after a given name (يعقوبي).
NAME_WORD_MAX = 100
# A given name whose definite form occurs this often (and a fifth as often as the name) is
# also an ordinary word.
COMMON_WORD = 100


@lru_cache(maxsize=100_000)
def given_name_key(folded: str) -> str | None:
    """The given name a token starts a name with, proclitics removed (ومحمد → محمد), when
    that name is no ordinary word too; else None."""
    for key in longest_first(first_token_keys(folded)):
        if key in cues.given_names() and not is_common_word(key):
            return key
        if key.startswith("عبد") and len(key) >= 6 and not key.startswith("عبدو"):
            return key  # عبدالإله, عبدالمحمود: عبد written joined to its tail
    return None


@lru_cache(maxsize=100_000)
def rare_family_name(folded: str) -> bool:
    """``القوبنطيني``, ``السليطي``: a nisba that news seldom writes (a family, not an
    adjective of a country or a field)."""
    return (
        folded.startswith(ARTICLE)
        and folded.endswith("ي")
        and len(folded) >= 6
        and frequency(folded) <= FAMILY_NISBA_MAX
    )


@lru_cache(maxsize=100_000)
def is_common_word(word: str) -> bool:
    """An ordinary word as well as a name: its definite form is frequent."""
    other = word[2:] if word.startswith(ARTICLE) else ARTICLE + word
    return frequency(other) >= max(COMMON_WORD, frequency(word) // 5)


@lru_cache(maxsize=100_000)
def is_rare_word(folded: str) -> bool:
    """A word of three letters or more that Arabic news almost never writes (كيلوج)."""
    return len(folded) >= 3 and folded.isalpha() and frequency(folded) <= RARE_WORD


# The three tanween marks (ً ٌ ٍ): a word written with one is an Arabic noun, adjective or
# adverb in its case (مديرًا, روسياً, جنوباً), never a name.
TANWEEN = frozenset("\u064b\u064c\u064d")


def has_tanween(surface: str) -> bool:
    return not TANWEEN.isdisjoint(surface)


# Suffixes an Arabic noun or verb takes and a transliterated name does not.
_INFLECTIONS = ("ها", "هم", "هما", "نا", "كم", "ه", "ات", "ون", "ين", "وا", "ت")
# A proper name is written with the article or a suffix at most this share of the time.
PROPER_SHARE = 10
# Words more frequent than this are taken for ordinary words whatever their shape.
PROPER_MAX = 1000


@lru_cache(maxsize=100_000)
def is_proper_word(folded: str) -> bool:
    """A word that behaves like a foreign proper name in Arabic news: never with the article,
    never with a pronoun or plural suffix (ماكرون, سبايسر, فايننشال), seen or not."""
    if len(folded) < 3 or not folded.isalpha() or folded.startswith(ARTICLE):
        return False
    count = frequency(folded)
    if count > PROPER_MAX or folded in cues.not_names():
        return False
    if folded.endswith(_INFLECTIONS) and len(folded) <= 5:
        return False
    # At most a PROPER_SHARE-th as often with the article or a suffix; the sum of the forms
    # stops at the first that passes it (asked once of each new word of every text).
    most, inflected = count // PROPER_SHARE, frequency(ARTICLE + folded)
    for suffix in _INFLECTIONS:
        if inflected > most:
            return False
        inflected += frequency(folded + suffix)
    return inflected <= most and not _derived(folded, count)


def _derived(folded: str, count: int) -> bool:
    """An Arabic word with a prefix or suffix: what remains without it is a frequent word
    (تتشكل → تشكل, مدنهم → مدن, كشريك → شريك)."""
    parts = (folded[1:], folded[2:], folded[:-1], folded[:-2])
    return any(len(p) >= 2 and frequency(p) >= max(50, 2 * count) for p in parts)


# Endings of inflected words (possessive pronouns): غطرستها, بسنّته are no foreign names.
_PRONOUN_ENDINGS = ("ته", "تها", "ها", "هم", "هما", "كم", "نا")


@lru_cache(maxsize=100_000)
def is_foreign_word(folded: str) -> bool:
    """A rare word shaped like a transliterated name: no article, no و before it, no
    pronoun after it."""
    return (
        is_rare_word(folded)
        and not folded.startswith((ARTICLE, "و"))
        and not folded.endswith(_PRONOUN_ENDINGS)
    )


@lru_cache(maxsize=100_000)
def is_name_word(folded: str, most: int = 0) -> bool:
    """An indefinite word rare enough to be part of a name after a given name."""
    return (
        len(folded) >= 3
        and not folded.startswith((ARTICLE, "و"))
        and frequency(folded) <= (most or NAME_WORD_MAX)
        and not is_common_word(folded)
    )


@lru_cache(maxsize=100_000)
def is_family_name(folded: str) -> bool:
    """``الكاظمي``, ``الشاطر``: a definite word that no ordinary use explains, or a nisba."""
    if not folded.startswith(ARTICLE) or len(folded) < 5:
        return False
    return folded.endswith("ي") or frequency(folded) <= FAMILY_NAME_MAX


# An adjective or participle has a sound plural that news writes at least this often, and
# at least a tenth as often as the word (المنتمي: المنتمين; المعتقل: المعتقلين).
PLURAL_MIN = 10
PLURAL_SHARE = 10


@lru_cache(maxsize=100_000)
def is_definite_adjective(folded: str) -> bool:
    """``المنتمي``, ``المعتقل``, ``العراقي``: a definite word whose sound masculine plural news
    writes; a family name has none (المالكي, القحطاني, الجبير)."""
    if not folded.startswith(ARTICLE) or len(folded) < 5:
        return False
    stems = {folded, folded[:-1]} if folded.endswith("ي") else {folded}
    plural = max(frequency(stem + ending) for stem in stems for ending in ("ين", "ون"))
    return plural >= max(PLURAL_MIN, frequency(folded) / PLURAL_SHARE)


@lru_cache(maxsize=100_000)
def is_nisba_adjective(folded: str) -> bool:
    """``البطولية``, ``التاريخية``: a definite feminine nisba whose masculine news writes with
    the article and whose feminine it writes without it, as an adjective is written
    (مواقف بطولية); a family name (الحمادي, السديري) has no such feminine."""
    if not folded.startswith(ARTICLE) or not folded.endswith("يه") or len(folded) < 6:
        return False
    return min(frequency(folded[:-1]), frequency(folded[2:])) >= PLURAL_MIN


@lru_cache(maxsize=100_000)
def is_feminine_adjective(folded: str) -> bool:
    """``تابعة``, ``عارضة``, ``سائقه``: the feminine (or a pronoun's ه) of an adjective or a
    participle that has a sound plural; no name ends in one. A nisba (مكية) may be a family
    name and is left out."""
    if not folded.endswith("ه") or len(folded) < 4:
        return False
    masculine = folded[:-1]
    if masculine.endswith("ي"):
        return False
    return is_definite_adjective(
        masculine if masculine.startswith(ARTICLE) else ARTICLE + masculine
    )


@lru_cache(maxsize=100_000)
def behind_article(folded: str) -> bool:
    """A word read as proclitics and the article (للفيفا: li + al-FIFA) rather than a name
    (فالون): the definite form is seen at least as often as the word itself."""
    count = frequency(folded)
    return any(
        key.startswith(ARTICLE) and key != folded and frequency(key) >= count
        for key in first_token_keys(folded)
    )


@lru_cache(maxsize=100_000)
def without_conjunction(folded: str, least: int = 3) -> str:
    """The word without a leading و when that is the conjunction (وحازم → حازم): what
    remains is a word news writes more often than the whole (وليد stays)."""
    rest = folded[1:]
    if folded.startswith("و") and len(rest) >= least and frequency(rest) > frequency(folded):
        return rest
    return folded


# Plural, dual and verb endings that an unseen word more often has as an inflection.
_INFLECTED_ENDINGS = ("ون", "ين", "ان", "وا", "هن", "تم")
# A feminine noun, a plural, a pronoun: ملاحقة, عقودات, ليتولاها.
_NOT_NAME_ENDINGS = ("ه", "ات", "ها", "هم", "هما", "كم")


def inflected_ending(folded: str) -> bool:
    return folded.endswith(_NOT_NAME_ENDINGS)


@lru_cache(maxsize=100_000)
def is_name_like(folded: str) -> bool:
    """A word that may be a name where the context says one follows (after a title): a
    transliteration (ترودو, جاستن), a rare word, or a word that behaves like a proper name."""
    if folded.startswith("و") or folded.endswith(_NOT_NAME_ENDINGS) or not is_arabic_word(folded):
        return False  # وألحان, زعنفة, عقودات, Latin words: no transliterated name
    if has_clitic_reading(folded) or has_prefix_reading(folded) or has_particle_reading(folded):
        return False  # بلجنة, بأنني, سيفاوض, بترحيب: a frequent word behind a clitic or a prefix
    if frequency(folded) <= RARE_WORD and folded.endswith(_INFLECTED_ENDINGS):
        return False  # يحتقرون, عدوتين, نغصوا, ثقتهن: an unseen inflected word
    return is_foreign_word(folded) or is_name_word(folded) or is_proper_word(folded)


def is_arabic_word(folded: str) -> bool:
    return all("\u0621" <= c <= "\u064a" for c in folded)


@lru_cache(maxsize=100_000)
def has_clitic_reading(folded: str, conjunction: bool = True) -> bool:
    """The word is better read as proclitics and a frequent word (بلجنة → لجنة); without
    ``conjunction`` a lone و or ف is taken for the name's own letter (فورد)."""
    count = frequency(folded)
    return any(
        key != folded
        and key not in STOP_WORDS
        and (conjunction or not _conjunction_only(folded, key))
        and frequency(key) >= max(CLITIC_WORD_MIN, CLITIC_RATIO * (count + 1))
        for key in first_token_keys(folded)
    )


def _conjunction_only(folded: str, key: str) -> bool:
    """Only و or ف stands before the frequent word (فورد: ف + ورد)."""
    return folded.endswith(key) and set(folded[: len(folded) - len(key)]) <= {"ف", "و"}


@lru_cache(maxsize=100_000)
def has_particle_reading(folded: str) -> bool:
    """A preposition before a noun (بترحيب, لضغوط, للضرب, برصاص): words that follow a name
    in a sentence, never part of it. The noun is counted with its article too (رصاص is
    mostly written الرصاص), unless the whole word is a listed given name (برهان)."""
    count = frequency(folded)
    if folded.startswith("لل"):
        return True
    if not folded.startswith(("ب", "ل")):
        return False
    definite = folded not in cues.given_names()
    return any(
        key != folded
        and len(key) >= PREFIXED_WORD_LETTERS
        and not key.startswith(("و", "ا"))  # بوعلي, باسهل, بالمر are names
        and frequency(key) + definite * frequency(ARTICLE + key) >= max(CLITIC_WORD_MIN, count)
        for key in first_token_keys(folded)
    )


@lru_cache(maxsize=100_000)
def has_prefix_reading(folded: str) -> bool:
    """A verb or noun with a prefix (سيفاوض, يتسوق): without one or two letters it is a
    word of four letters or more that news writes often."""
    count = frequency(folded)
    return any(
        len(part) >= PREFIXED_WORD_LETTERS
        and part not in STOP_WORDS
        and frequency(part) >= max(CLITIC_WORD_MIN, 2 * count)
        for part in _prefixed_parts(folded)
    )


def _prefixed_parts(folded: str) -> tuple[str, ...]:
    """What is left without a verb's prefix: ي ت ن, or the future's سي ست سن."""
    if folded[:2] in ("سي", "ست", "سن"):
        return (folded[1:], folded[2:])
    return (folded[1:],) if folded[:1] in ("ي", "ت", "ن") else ()


# A proclitic reading wins when the bare word is seen this often, and this many times as
# often as the whole.
CLITIC_WORD_MIN = 20
# Shorter remainders (شون: ش + ون) are too often a name's own letters.
PREFIXED_WORD_LETTERS = 4
CLITIC_RATIO = 5


def joined_compound(folded: str) -> bool:
    """``ابوبكر``, ``عبدالله``: a compound given name written as one word."""
    return len(folded) >= 6 and folded.startswith(("ابو", "عبد")) and not folded.startswith("عبدو")
