"""Arabic text analysis for the archive's search: tokens, folding, stop words, light stemming.

One pipeline serves indexing, querying, highlighting and entity extraction, so a query finds
an article whatever spelling either of them uses. Pure Python, no Django.

Pipeline, word by word:

1. **Tokens**: runs of letters that keep harakat, dagger alef, tatweel and zero-width joiners
   inside the word (تطلّع is one token, not تطل + ع), split at punctuation (، ؛ ؟ « » “ ” "),
   spaces and at the edge between letters and digits (100شركة → 100, شركة).
2. **Stop words** are checked before letters are folded, so the preposition على (a stop word)
   and the name علي (a term) stay apart; one-letter Arabic tokens are stop words too.
3. **Folding** (:func:`fold`): NFKC (presentation forms and ligatures such as ﻻ and ﷲ), harakat,
   dagger alef, tatweel, bidi and zero-width marks removed; أ إ آ ٱ → ا; ؤ ئ → ء (so مسؤول and
   مسئول, شؤون and شئون meet); ى → ي; ة → ه; a word-final ء after ا dropped (كربلاء = كربلا);
   Persian and Kurdish letters to their Arabic counterparts (ی → ي, ک → ك, گ → ك, پ → ب, ڤ → ف,
   چ → ج, ژ → ج, ھ → ه); Arabic-Indic and Persian digits → ASCII; Latin and Cyrillic casefolded
   (and ё → е).
4. **Light stemming** (:func:`stem`), after Larkey (the Lucene ArabicStemmer) with guards:

   - proclitics: a conjunction (و ف), a preposition (ب ك ل) and the article, stacked
     (وللعراق, وبالعراق, فبالعراق → عراق). Each is stripped only when real usage says it is a
     clitic (:mod:`arabic_text.lexicon`, word counts from 41,000 Arabic news articles): the rest
     must be a word, and the whole must not behave as a word of its own by taking clitics
     that cannot precede a clitic (الوزير, ببغداد, للبنان, الالتزام). So بموسكو → موسكو,
     لتعزيز → تعزيز, وقال → قال, للجنة → لجنة, but بغداد, وزير, لبنان and التزام stay whole;
   - suffixes: one attached pronoun (ه ها هم هما نا كم), with ة given back when it was
     written ت before it (زيارته → زيارة → زيار), then one plural, dual or feminine ending
     (ات ون ين ان ة) and a nisba ي (العراقيين → عراق);
   - guards: suffix stripping leaves at least three letters (علي, شؤون stay); ون ين are
     kept after a long vowel of the root (تعاون, ملايين) and when the rest is never written
     alone (فلسطين, تشرين); ان only ends a dual whose singular is common (الجانبان, not
     لبنان or مهرجان); a list of protected names and words (``arabic_text/data/protected.txt``:
     بوتين, لافروف, موسكو, كاظمي, كانون …) is never reduced, and a few spelling variants map
     to one term (سورية → سوريا).

   Changing the rules, the lexicon or the protected list changes index terms: rebuild the
   search index afterwards.

   Stems are cached (``functools.lru_cache`` on module-level functions, so the cache is never
   pickled with a Whoosh schema).

Examples::

    >>> analyze("والإرهاب والارهاب للإرهاب بالإرهاب")
    ['ارهاب', 'ارهاب', 'ارهاب', 'ارهاب']
    >>> analyze("الحرب على الإرهاب")
    ['حرب', 'ارهاب']
    >>> analyze("علي")
    ['علي']
    >>> analyze("وللعراق سفارة في موسكو ولروسيا سفارة في بغداد")
    ['عراق', 'سفار', 'موسكو', 'روسيا', 'سفار', 'بغداد']
    >>> analyze("مسؤول مسئول زيارة زيارته ٢٠٢١ Lavrov Лавров")
    ['مسءول', 'مسءول', 'زيار', 'زيار', '2021', 'lavrov', 'лавров']
    >>> fold("الإرهابُ العراقـية ﻻ")
    'الارهاب العراقيه لا'
    >>> strip_proclitics("والكاظمي")
    ['والكاظمي', 'الكاظمي', 'كاظمي']
    >>> [(t.text, t.start, t.end, t.term) for t in tokens("تطلّع العراق، إلى")]
    [('تطلّع', 0, 5, 'تطلع'), ('العراق', 6, 12, 'عراق'), ('إلى', 14, 17, None)]
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from pathlib import Path
from typing import NamedTuple

from arabic_text.lexicon import frequency
from arabic_text.stopwords import raw_stop_words

__all__ = [
    "Token",
    "TokenColumns",
    "analyze",
    "fold",
    "stem",
    "strip_proclitics",
    "surface_words",
    "token_columns",
    "tokens",
]

# --- characters -------------------------------------------------------------------------

# Marks that live inside a word: harakat, dagger alef, Quranic marks, Latin/Cyrillic combining.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670"
    "\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08e1\u08e3-\u08ff\ufe20-\ufe2f"
)
# Invisible format characters that may sit inside a word: joiners, bidi marks, soft hyphen.
_FORMAT = "\u00ad\u061c\u200c-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"

# A word: letters with marks and joiners between them (unrolled for speed), or a digit run.
TOKEN_RE = re.compile(rf"[{_MARKS}{_FORMAT}]*[^\W\d_]+(?:[{_MARKS}{_FORMAT}]+[^\W\d_]*)*|\d+")
# The same, captured: split() then gives the text between words and the words, alternately.
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
# Invisible characters trimmed off the edges of a token (marks only off its start).
_EDGE_JUNK = frozenset(re.findall(rf"[{_FORMAT}]", "".join(map(chr, range(0x00A0, 0xFFFF)))))
_LEADING_JUNK = _EDGE_JUNK | frozenset(
    re.findall(rf"[{_MARKS}]", "".join(map(chr, range(0x0300, 0xFE30))))
)


def _char_range(first: int, last: int) -> list[int]:
    return list(range(first, last + 1))


def _deleted_codepoints() -> list[int]:
    ranges = [
        (0x0610, 0x061A),
        (0x064B, 0x065F),
        (0x0670, 0x0670),
        (0x06D6, 0x06DC),
        (0x06DF, 0x06E8),
        (0x06EA, 0x06ED),
        (0x08D3, 0x08E1),
        (0x08E3, 0x08FF),
        (0x0640, 0x0640),  # tatweel
        (0x0300, 0x036F),
        (0x0483, 0x0489),
        (0xFE20, 0xFE2F),
        (0x00AD, 0x00AD),
        (0x061C, 0x061C),
        (0x200B, 0x200F),
        (0x202A, 0x202E),
        (0x2060, 0x2060),
        (0x2066, 0x2069),
        (0xFEFF, 0xFEFF),
    ]
    return [c for first, last in ranges for c in _char_range(first, last)]


_ALEF_VARIANTS = "أإآٱٲٳٵ"
_LETTER_MAP = {
    **dict.fromkeys(_ALEF_VARIANTS, "ا"),
    # One spelling for hamza on a seat: مسؤول / مسئول, شؤون / شئون, رئيس / رءيس meet.
    "ؤ": "ء",
    "ئ": "ء",
    "ٶ": "ء",
    "ٸ": "ء",
    "ٴ": "ء",
    "ى": "ي",
    "ة": "ه",
    # Persian, Urdu and Kurdish letters.
    "ی": "ي",
    "ې": "ي",
    "ێ": "ي",
    "ۍ": "ي",
    "ک": "ك",
    "ڪ": "ك",
    # گ writes /g/ in Persian, Kurdish and Iraqi names, which Arabic spells with ك
    # (الگيلاني = الكيلاني); Russian names take غ, but those never arrive written with گ.
    "گ": "ك",
    "ڭ": "ك",
    "پ": "ب",
    "ڤ": "ف",
    "ڥ": "ف",
    "چ": "ج",
    "ژ": "ج",
    "ھ": "ه",
    "ە": "ه",
    "ۀ": "ه",
    "ۂ": "ه",
    "ۃ": "ه",
    "ۆ": "و",
    "ۇ": "و",
    "ۈ": "و",
    "ۋ": "و",
    "ں": "ن",
    "ё": "е",
}
_DIGITS = {
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

_FOLD_TABLE = str.maketrans({**dict.fromkeys(_deleted_codepoints()), **_LETTER_MAP, **_DIGITS})
_STOP_KEY_TABLE = str.maketrans(
    {**dict.fromkeys(_deleted_codepoints()), **dict.fromkeys(_ALEF_VARIANTS, "ا"), **_DIGITS}
)
# A final hamza after alef is often left out (كربلا, وزرا): drop it everywhere.
_FINAL_HAMZA_RE = re.compile(r"اء(?![^\W\d_])")


def fold(text: str) -> str:
    """Full normalization without stemming or stop-word removal (see the module docstring).

    Works on a word or a whole text; used for index terms, duplicate hashing and entity
    matching.

    >>> fold("مسؤول") == fold("مسئول")
    True
    >>> fold("ﺍﻟﻌﺮﺍﻕ ٢٠٢١ Лавров")
    'العراق 2021 лавров'
    """
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)
    if "ء" in folded:
        folded = _FINAL_HAMZA_RE.sub("ا", folded)
    return folded


def stop_key(surface: str) -> str:
    return unicodedata.normalize("NFKC", surface).casefold().translate(_STOP_KEY_TABLE)


STOP_WORDS: frozenset[str] = frozenset(stop_key(word) for word in raw_stop_words())


@cache
def _folded_stop_words() -> frozenset[str]:
    return frozenset(fold(word) for word in STOP_WORDS)


def is_arabic_letter(char: str) -> bool:
    return "\u0621" <= char <= "\u064a"


# --- protected words, overrides --------------------------------------------------------


@cache
def protected_words() -> frozenset[str]:
    path = Path(__file__).resolve().parent / "data" / "protected.txt"
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0]
        words.update(fold(word) for word in line.split())
    return frozenset(words)


# Folded forms whose term is another folded form: spelling variants of one word.
_OVERRIDES: dict[str, str] = {
    fold(word): fold(term)
    for word, term in {
        "سورية": "سوريا",
        "سوري": "سوريا",
        "هيأة": "هيئة",
        "مائة": "مئة",
        "اثنين": "اثنان",
        "اثنتين": "اثنان",
        "اثنتان": "اثنان",
    }.items()
}


def _final(word: str) -> str | None:
    """The term of a word that must not be reduced further, or None."""
    override = _OVERRIDES.get(word)
    if override is not None:
        return override
    if word in protected_words():
        return word
    return None


# --- proclitics -----------------------------------------------------------------------
#
# A lone و ف ب ك ل, and ال, are stripped on evidence from real usage (arabic_text.lexicon): the
# form without them must be a word, and the whole must not behave as a word of its own.

_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_MIN_EVIDENCE = 3
_PRONOUN_ENDINGS = ("هما", "هم", "ها", "نا", "كم", "ه")
_INFLECTION_ENDINGS = ("وا", "ون", "ين", "ات", "ت", "ا", "ي", *_PRONOUN_ENDINGS)


def _family(word: str, endings: tuple[str, ...] = _PRONOUN_ENDINGS) -> list[str]:
    """The word and its bases without one ending (ة restored before a pronoun)."""
    forms = [word]
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            forms.append(base)
            if base.endswith("ت"):
                forms.append(base[:-1] + "ه")
    return forms


def _family_frequency(word: str) -> int:
    """How often the word occurs with or without an attached pronoun (صفتها counts صفة)."""
    return sum(frequency(form) for form in _family(word))


def _lexical_evidence(whole: str) -> int:
    """How often ``whole`` itself takes a clitic that could not precede a clitic.

    The article or a preposition cannot come before a preposition, nor a conjunction before a
    conjunction, so الوزير, بوزير, ووافق, ببغداد and للبنان show that the first letter of
    وزير, وافق, بغداد and لبنان is the word's own. وقال, بموسكو and لتعزيز never take them.
    Inflected forms count with their base (بحثت with البحث, كاملا with الكامل).
    """
    heads = ["ال", "ب", "ك", "لل"]
    if whole[0] != "ل":
        # ل + لX is written للX, like ل + ال + X: no evidence either way.
        heads.append("ل")
    if whole[0] in _CONJUNCTIONS:
        heads.extend(_CONJUNCTIONS)
    forms = _family(whole, _INFLECTION_ENDINGS)
    return sum(frequency(head + form) for head in heads for form in forms)


def _single_is_clitic(whole: str) -> bool:
    """Whether the first letter of ``whole`` (و ف ب ك ل) is a clitic rather than its own."""
    rest = whole[1:]
    if len(rest) < 3:
        return False
    rest_is_final = _final(rest) is not None
    if rest in _folded_stop_words() and not rest_is_final:
        # بلديهما is بلدي + هما, not ب + لديهما.
        return False
    if rest_is_final and len(rest) >= 4:
        # A protected name after the letter: وروسيا, بموسكو (even though بوروسيا, Borussia,
        # would count as evidence below). Short ones need the evidence: فعلي is not ف + علي.
        return True
    whole_count = frequency(whole)
    evidence = _lexical_evidence(whole)
    family_count = sum(frequency(form) for form in _family(whole, _INFLECTION_ENDINGS))
    # Evidence is weighed against the word's own frequency: a few typos (ووأكد) prove nothing.
    if evidence >= _MIN_EVIDENCE and evidence * (10 if rest_is_final else 50) >= family_count:
        return False
    if rest_is_final:
        return True
    rest_count = _family_frequency(rest)
    if rest_count:
        # A remainder seen only a handful of times against a frequent whole is a typo.
        return rest_count * 100 >= whole_count
    # An unattested word after و is far more often و + a rare word (a name) than a rare word
    # beginning with و.
    return whole[0] == "و" and len(rest) >= 4 and not whole_count


def _article_is_clitic(word: str) -> bool:
    """ال + rest: the article, unless the word takes an article itself (التزام: الالتزام)."""
    if len(word) < 4:
        return False
    evidence = sum(frequency(head + word) for head in ("ال", "لل"))
    if evidence < _MIN_EVIDENCE or evidence * 50 < frequency(word):
        return True
    # Both readings attested (الغاز: the gas, or ألغاز: riddles): the commoner one wins.
    return _family_frequency(word[2:]) > evidence * 5


def _group_is_clitic(whole: str, article_at: int) -> bool:
    """و/ب/ك/ف + ال + rest (والعراق, بالعراق, وبالعراق): clitics unless the whole is a word
    of its own and the rest is not (والدته is not و + ال + دته).
    """
    with_article = whole[article_at:]
    if len(with_article) < 5:
        return False
    if frequency(whole) < 10:
        return True
    return bool(frequency(with_article) or frequency(with_article[2:]))


def _conjunction_is_clitic(word: str) -> bool:
    rest = word[1:]
    if rest.startswith("ال"):
        return _group_is_clitic(word, 1)
    if rest[0] in _PREPOSITIONS and rest[1:3] == "ال":
        return _group_is_clitic(word, 2)
    if rest.startswith("لل"):
        return len(rest) >= 4
    return _single_is_clitic(word)


def _proclitic_chain(word: str):
    """The word, then each form with one more proclitic removed, as far as usage allows."""
    yield word
    if word[0] in _CONJUNCTIONS and len(word) >= 4 and _conjunction_is_clitic(word):
        word = word[1:]
        yield word
    if word.startswith("لل") and len(word) >= 4:
        # ل + ال + X is written للX, and so is ل + لX (للجنة = ل + لجنة): usage decides.
        rest, with_lam = word[2:], word[1:]
        if _final(with_lam) is not None or _family_frequency(with_lam) > _family_frequency(rest):
            yield with_lam
            return
        word = "ال" + rest
        yield word
    elif word[0] in _PREPOSITIONS and len(word) >= 4:
        rest = word[1:]
        if rest.startswith("ال"):
            if not _group_is_clitic(word, 1):
                return
            word = rest
            yield word
        elif _single_is_clitic(word):
            yield rest
            return
    if word.startswith("ال") and _article_is_clitic(word):
        yield word[2:]


def _strip_proclitics_best(word: str) -> tuple[str, bool]:
    """The word without its proclitics, and whether it is final (protected or overridden).

    A protected form met on the way stops the stripping (الأسد is a name, أسد a lion).
    """
    form = word
    for form in _proclitic_chain(word):
        final = _final(form)
        if final is not None:
            return final, True
    return form, False


def strip_proclitics(folded: str) -> list[str]:
    """The folded word and its forms without proclitics, longest-stripped last.

    Every structurally possible reading is listed (no usage check): entity extraction keeps
    the one that is a known alias. A form never has fewer than two letters.

    >>> strip_proclitics("بموسكو")
    ['بموسكو', 'موسكو']
    >>> strip_proclitics("للعراق")
    ['للعراق', 'لعراق', 'العراق', 'عراق']
    """
    forms = [folded]
    if len(folded) < 3 or not is_arabic_letter(folded[0]):
        return forms

    def add(form: str) -> None:
        if len(form) >= 2 and form not in forms:
            forms.append(form)

    heads = [folded]
    if folded[0] in _CONJUNCTIONS:
        heads.append(folded[1:])
        add(folded[1:])
    for head in list(heads):
        if head.startswith("لل"):
            add(head[1:])
            add("ال" + head[2:])
            add(head[2:])
        elif head[:1] in _PREPOSITIONS:
            add(head[1:])
            if head[1:3] == "ال":
                add(head[3:])
        elif head.startswith("ال"):
            add(head[2:])
    return forms


# --- suffixes ---------------------------------------------------------------------------

# (pronoun, shortest base it may leave)
_PRONOUNS = (("هما", 3), ("كما", 4), ("هم", 3), ("كم", 4), ("ها", 3), ("نا", 3), ("ه", 3))
_LONG_VOWELS = frozenset("اوي")


def _restore_ta_marbuta(base: str) -> str:
    """ة is written ت before a pronoun or an ending (زيارته, فترتين, مدينتي): give it back,
    unless usage says the ت is the word's own (ثابتة = ثابت + ة, بيتها = بيت + ها).
    """
    if base.endswith("ت") and len(base) >= 3:
        with_ta_marbuta = base[:-1] + "ه"
        if frequency(base) < frequency(with_ta_marbuta):
            return with_ta_marbuta
    return base


def _strip_pronoun(word: str) -> str:
    for suffix, min_stem in _PRONOUNS:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            base = word[: -len(suffix)]
            if suffix == "نا" and frequency(word[:-1]) > frequency(base):
                # بيانا is بيان + accusative ا, not بيا + نا.
                return word
            if len(suffix) == 2 and len(base) == 3 and _family_frequency(base) < frequency(word):
                # A short base rarer than the whole: هم is the word's own (تفاهم, مساهم).
                return word
            return _restore_ta_marbuta(base)
    return word


def _plural_ok(word: str) -> bool:
    """Whether ون/ين end a plural or dual: not after a long vowel of the root (تعاون, ملايين,
    تعيين), and not when the rest is never written alone (فلسطين, تشرين, كلينتون).
    """
    stem_ = word[:-2]
    if len(stem_) < 3:
        return False
    last = stem_[-1]
    # A nisba ي before the ending (عراقيين, روسيون) is not a long vowel of the root.
    if last in _LONG_VOWELS and not (
        last == "ي" and len(stem_) >= 4 and stem_[-2] not in _LONG_VOWELS
    ):
        return False
    return _is_attested_base(stem_, word)


def _is_attested_base(stem_: str, word: str) -> bool:
    # An unknown word (a rare plural, a new name) gets the plain rule.
    return not frequency(word) or _family_frequency(_restore_ta_marbuta(stem_)) > 0


def _dual_ok(word: str) -> bool:
    """Whether ان ends a dual (الجانبان, الطرفان) rather than the word (لبنان, امتنان, مهرجان):
    the singular must be at least half as common as the whole.
    """
    stem_ = word[:-2]
    if len(stem_) < 3 or stem_[-1] in _LONG_VOWELS:
        return False
    return _family_frequency(_restore_ta_marbuta(stem_)) * 2 >= frequency(word)


def _strip_feminine(word: str) -> str:
    return word[:-1] if word.endswith("ه") and len(word) >= 4 else word


def _strip_ending(word: str) -> str:
    """One plural, dual or feminine ending, then a nisba ي."""
    if word.endswith("ات") and len(word) >= 5:
        word = word[:-2]
    elif word.endswith("ون") and _plural_ok(word):
        word = word[:-2]
    elif word.endswith("ين") and _plural_ok(word):
        word = _strip_feminine(_restore_ta_marbuta(word[:-2]))
    elif word.endswith("ان") and _dual_ok(word):
        word = _strip_feminine(_restore_ta_marbuta(word[:-2]))
    else:
        word = _strip_feminine(word)
    if word.endswith("ي") and len(word) >= 4:
        base = word[:-1]
        restored = _restore_ta_marbuta(base)
        word = _strip_feminine(restored) if restored != base else base
    return word


@lru_cache(maxsize=400_000)
def stem(folded_word: str) -> str:
    """The index term of one folded, non-stop word.

    >>> [stem(fold(w)) for w in ("بوتين", "تعاون", "شؤون", "العراقية", "بلد", "بغداد")]
    ['بوتين', 'تعاون', 'شءون', 'عراق', 'بلد', 'بغداد']
    """
    if len(folded_word) < 3 or not is_arabic_letter(folded_word[0]):
        return folded_word
    final = _final(folded_word)
    if final is not None:
        return final
    base, is_final = _strip_proclitics_best(folded_word)
    if is_final or len(base) < 4:
        return base
    reduced = _strip_ending(_strip_pronoun(base))
    final = _final(reduced)
    return final if final is not None else reduced


# --- tokens -----------------------------------------------------------------------------


class Token(NamedTuple):
    """One word of a text: its surface, offsets into the text, folded form and index term.

    ``term`` is None for a stop word. ``text[start:end] == surface`` always holds.
    """

    text: str
    start: int
    end: int
    folded: str
    term: str | None


@lru_cache(maxsize=300_000)
def word_term(surface: str) -> tuple[str, str | None]:
    """(folded, term) of one surface word; term is None for a stop word."""
    folded, term = _folded_word(surface)
    if term is None or not is_arabic_letter(folded[0]):
        return folded, term
    return folded, stem(folded)


@lru_cache(maxsize=300_000)
def _word_unstemmed(surface: str) -> tuple[str, str | None]:
    """(folded, folded) of one surface word, or (folded, None) for a stop word: no stemming."""
    return _folded_word(surface)


def _folded_word(surface: str) -> tuple[str, str | None]:
    # Not cached itself: the indexer's cache (word_term) and extraction's stay independent.
    folded = fold(surface)
    if not folded:
        return folded, None
    if is_arabic_letter(folded[0]) and (len(folded) == 1 or stop_key(surface) in STOP_WORDS):
        return folded, None
    return folded, folded


def spans(text: str):
    """(surface, start, end) of each word, invisible format characters trimmed off its edges."""
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        surface = match.group()
        if surface[0] in _LEADING_JUNK or surface[-1] in _EDGE_JUNK:
            while start < end and text[start] in _LEADING_JUNK:
                start += 1
            while end > start and text[end - 1] in _EDGE_JUNK:
                end -= 1
            if start == end:
                continue
            surface = text[start:end]
        yield surface, start, end


def surface_words(text: str) -> list[str]:
    """The words of a text as written (no folding, stop words included)."""
    return [surface for surface, _, _ in spans(text)]


def tokens(text: str, *, terms: bool = True) -> list[Token]:
    """All words of a text, stop words included (with ``term`` None), with offsets.

    ``terms=False`` skips stemming, for callers that only need to tell stop words from the
    rest (entity extraction): ``term`` is then the folded form, or None for a stop word.
    """
    word = word_term if terms else _word_unstemmed
    result = []
    new = tuple.__new__  # NamedTuple's own __new__ is Python code: 4x slower here.
    for surface, start, end in spans(text):
        folded, term = word(surface)
        if folded:
            result.append(new(Token, (surface, start, end, folded, term)))
    return result


class TokenColumns(NamedTuple):
    """The words of a text as parallel lists (see :func:`token_columns`)."""

    surfaces: list[str]
    starts: list[int]
    ends: list[int]
    folded: list[str]
    stop: list[bool]
    # gaps[i]: the text between word i and word i + 1.
    gaps: list[str]


def token_columns(text: str) -> TokenColumns:
    """The words of ``tokens(text, terms=False)``, column by column, and the text between them.

    For callers that walk every word of long texts but need the offsets of only a few (entity
    extraction): the common case is computed without one Python object per word.
    """
    pieces = _TOKEN_SPLIT_RE.split(text)
    surfaces = pieces[1::2]
    words = list(map(_word_unstemmed, surfaces))
    folded = [word[0] for word in words]
    trimmed = any(s[0] in _LEADING_JUNK or s[-1] in _EDGE_JUNK for s in surfaces)
    if trimmed or "" in folded:
        # Invisible characters on a word's edge, or a word that folds to nothing: the
        # general path trims and drops them.
        found = tokens(text, terms=False)
        return TokenColumns(
            [t.text for t in found],
            [t.start for t in found],
            [t.end for t in found],
            [t.folded for t in found],
            [t.term is None for t in found],
            [text[a.end : b.start] for a, b in pairwise(found)],
        )
    offsets = list(accumulate(map(len, pieces)))
    return TokenColumns(
        surfaces,
        offsets[0:-1:2],
        offsets[1::2],
        folded,
        [word[1] is None for word in words],
        pieces[2:-1:2],
    )


def analyze(text: str) -> list[str]:
    """The index terms of a text, in order: stop words removed, folded, stemmed."""
    # Junk on a word's edges needs no trimming here: folding removes it.
    word = word_term
    terms = []
    for surface in TOKEN_RE.findall(text):
        term = word(surface)[1]
        if term:
            terms.append(term)
    return terms
