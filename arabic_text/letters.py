"""Letters and marks: which characters a word is made of, and how spellings are folded.

The Arabic classes (diacritics, small letters, tatweel, alef and hamza forms, the alphabet)
come from :mod:`pyarabic.araby`; what the archive folds beyond pyarabic is listed below with
the reason. The translate tables are built once, at import. See ``docs/analysis.md``.
"""

from __future__ import annotations

import re
import unicodedata

from pyarabic import araby

# --- character classes ------------------------------------------------------------------


def _chars(*ranges: tuple[int, int]) -> frozenset[str]:
    return frozenset(chr(code) for first, last in ranges for code in range(first, last + 1))


# pyarabic's diacritics: harakat, tanwin, shadda, sukun, Quranic marks, and the small
# letters (dagger alef, small waw, small yeh).
_ARABIC_MARKS = frozenset(araby.DIACRITICS) | frozenset(araby.SMALL)
# Beyond pyarabic: Quranic marks of the Arabic Extended-A block, and the combining accents
# of Latin and Cyrillic names (Lavrov with a stress mark is still Lavrov).
_OTHER_MARKS = _chars(
    (0x08D3, 0x08E1), (0x08E3, 0x08FF), (0x0300, 0x036F), (0x0483, 0x0489), (0xFE20, 0xFE2F)
)
# Marks that live inside a word.
MARKS = _ARABIC_MARKS | _OTHER_MARKS
# Invisible format characters that may sit inside a word, copied from web pages: soft
# hyphen, Arabic letter mark, zero-width joiners, bidi marks, embeddings and isolates, word
# joiner, byte order mark.
FORMAT_CHARS = frozenset(
    "\u00ad\u061c\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069" + araby.BYTE_ORDER_MARK
)
# A zero-width space separates words (the tokenizer splits there); folding removes it.
_ZERO_WIDTH_SPACE = "\u200b"
_DELETED = MARKS | FORMAT_CHARS | {araby.TATWEEL, _ZERO_WIDTH_SPACE}

# pyarabic's 36 letters (the alphabet, ة, ى, hamza and its seats), and ػ ؼ ؽ ؾ ؿ: keheh and
# Farsi yeh variants that Unicode places inside the alphabet's range (ء to ي): words that
# begin with them are stemmed like Arabic words.
ARABIC_LETTERS = frozenset(araby.LETTERS) | frozenset("\u063b\u063c\u063d\u063e\u063f")


def char_class(chars: frozenset[str]) -> str:
    """The body of a regex character class matching ``chars`` (runs written as ranges)."""
    codes = sorted(map(ord, chars))
    parts = []
    start = previous = codes[0]
    for code in [*codes[1:], None]:
        if code is not None and code == previous + 1:
            previous = code
            continue
        parts.append(chr(start) if start == previous else f"{chr(start)}-{chr(previous)}")
        if code is not None:
            start = previous = code
    return "".join(parts)


# --- folding tables ---------------------------------------------------------------------

# Alef with hamza, madda or wasla becomes a bare alef: pyarabic's ALEFAT less ى (folded to
# ي below) and the dagger alef (a mark, removed); beyond pyarabic, the wavy-hamza alefs.
_ALEF_FORMS = [
    alef for alef in araby.ALEFAT if alef not in (araby.ALEF, araby.ALEF_MAKSURA, araby.MINI_ALEF)
] + ["\u0672", "\u0673"]
_ALEF_MAP = dict.fromkeys(_ALEF_FORMS, araby.ALEF)
_LETTER_MAP = {
    **_ALEF_MAP,
    # One spelling for hamza on a seat: مسؤول / مسئول, شؤون / شئون, رئيس / رءيس meet (as
    # pyarabic's normalize_hamza does). Beyond pyarabic: the high hamza ٴ (ٵ ٶ ٸ decompose
    # under NFKC to a letter and ٴ).
    araby.WAW_HAMZA: araby.HAMZA,
    araby.YEH_HAMZA: araby.HAMZA,
    "\u0674": araby.HAMZA,
    # ى and ي are swapped freely in news text (على is often typed علي): both become ي.
    araby.ALEF_MAKSURA: araby.YEH,
    araby.TEH_MARBUTA: araby.HEH,
    # Beyond pyarabic: Persian, Urdu and Kurdish letters to their Arabic counterparts, as
    # names from Iran, Kurdistan and Central Asia are spelled both ways.
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
    # Cyrillic ё is written е in most Russian text.
    "ё": "е",
}
# Beyond pyarabic: Arabic-Indic and Persian digits are written as ASCII digits.
_DIGITS = dict(zip(araby.NUMBERS_EAST + araby.NUMBERS_PERS, araby.NUMBERS_WEST * 2, strict=True))

_FOLD_TABLE = str.maketrans({**dict.fromkeys(_DELETED), **_LETTER_MAP, **_DIGITS})
_STOP_KEY_TABLE = str.maketrans({**dict.fromkeys(_DELETED), **_ALEF_MAP, **_DIGITS})
# A final hamza after alef is often left out (كربلا, وزرا): drop it everywhere.
_FINAL_HAMZA_RE = re.compile(r"اء(?![^\W\d_])")


def fold(text: str) -> str:
    """Full normalization without stemming or stop-word removal (``docs/analysis.md``).

    NFKC first (presentation forms and ligatures such as ﻻ and ﷲ), then the tables above.
    Works on a word or a whole text; used for index terms, duplicate hashing and entity
    matching.

    >>> fold("مسؤول") == fold("مسئول")
    True
    >>> fold("ﺍﻟﻌﺮﺍﻕ ٢٠٢١ Лавров")
    'العراق 2021 лавров'
    >>> fold("الإرهابُ العراقـية ﻻ")
    'الارهاب العراقيه لا'
    """
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)
    if "ء" in folded:
        folded = _FINAL_HAMZA_RE.sub("ا", folded)
    return folded


def stop_key(surface: str) -> str:
    """The form stop words are matched in: marks and tatweel removed, alef with hamza or
    madda written bare, digits in ASCII; ى ة ؤ ئ kept, so على stays apart from علي.

    >>> stop_key("إلى"), stop_key("على"), stop_key("علي")
    ('الى', 'على', 'علي')
    """
    return unicodedata.normalize("NFKC", surface).casefold().translate(_STOP_KEY_TABLE)


def is_arabic_letter(char: str) -> bool:
    """Whether ``char`` is a letter of the Arabic alphabet (hamza forms, ة and ى included).

    >>> is_arabic_letter("ب"), is_arabic_letter("ـ"), is_arabic_letter("b")
    (True, False, False)
    """
    return char in ARABIC_LETTERS
