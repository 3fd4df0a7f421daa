"""Folding: spellings that must meet, and the folding held against pyarabic's own functions."""

import unicodedata

import pytest
from pyarabic import araby

from arabic_text import analyze, fold, is_arabic_letter, stop_key
from tests.arabic_text.samples import term_of

SAME_SPELLING = {
    "shadda inside the word": ["تطلّع", "تطلع"],
    "dateline with and without hamza": ["إيلاف", "ايلاف"],
    "hamza on waw or on yeh": ["مسؤول", "مسئول"],
    "hamza seat in a plural": ["شؤون", "شئون"],
    "Arabic-Indic and Persian digits": ["٢٠٢١", "2021", "۲۰۲۱"],
    "presentation forms": ["ﺍﻟﻌﺮﺍﻕ", "العراق"],
    "lam-alef ligature": ["ﻻفروف", "لافروف"],
    "dagger alef": ["الرحمٰن", "الرحمن"],
    "Persian yeh and keheh": ["کرکوک", "كركوك"],
    "final hamza after alef": ["كربلاء", "كربلا"],
    "name with a bidi mark and zero-width joiner inside": ["بوتين", "بو\u200dتين\u200f"],
}


@pytest.mark.parametrize("forms", SAME_SPELLING.values(), ids=SAME_SPELLING.keys())
def test_spellings_of_one_word_share_one_term(forms):
    assert {term_of(form) for form in forms} == {term_of(forms[0])}


def test_latin_and_cyrillic_words_are_lowercased_and_indexed():
    assert analyze("Lavrov وLAVROV Лавров ЛАВРОВ") == ["lavrov", "lavrov", "лавров", "лавров"]


def test_fold_normalizes_without_stemming_or_dropping_words():
    assert fold("وأكّد الكاظميُّ على") == "واكد الكاظمي علي"
    assert fold("ﷲ ﻻ") == "الله لا"
    assert fold("ی ک گ") == "ي ك ك"


def test_stop_key_removes_marks_and_hamza_on_alef_but_keeps_alef_maksura():
    assert stop_key("إلَى") == stop_key("الى") == "الى"
    assert stop_key("على") != stop_key("علي")
    assert stop_key("مسؤولـة ٢٠") == "مسؤولة 20"


def test_arabic_letters_are_the_alphabet_with_hamza_forms_and_not_tatweel_or_marks():
    alphabet = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
    assert all(map(is_arabic_letter, alphabet))
    assert not any(map(is_arabic_letter, "ـ\u064e\u0651٠ab یک"))


# --- the folding against pyarabic, code point by code point ----------------------------

ARABIC_BLOCKS = [
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
]
CODE_POINTS = [chr(code) for first, last in ARABIC_BLOCKS for code in range(first, last + 1)]


def pyarabic_fold(text: str) -> str:
    """pyarabic's own normalizations, in the order that matches the archive's folding."""
    text = araby.normalize_ligature(text)
    text = araby.strip_tatweel(araby.strip_small(araby.strip_diacritics(text)))
    text = araby.normalize_hamza(araby.normalize_alef(text))
    return araby.normalize_teh(text)


# What the archive folds beyond pyarabic (docs/analysis.md lists the same, with the reasons).
BEYOND_PYARABIC = {
    # pyarabic's normalize_alef writes ى as ا; the archive writes it ي.
    "ى": "ي",
    # Alef with wavy hamza, and the high hamza.
    "ٲ": "ا",
    "ٳ": "ا",
    "ٴ": "ء",
    # Persian, Urdu and Kurdish letters.
    **dict.fromkeys("یېێۍ", "ي"),
    **dict.fromkeys("کڪگڭ", "ك"),
    "پ": "ب",
    **dict.fromkeys("ڤڥ", "ف"),
    **dict.fromkeys("چژ", "ج"),
    **dict.fromkeys("ھەۀۂۃ", "ه"),
    **dict.fromkeys("ۆۇۈۋ", "و"),
    "ں": "ن",
    # Arabic-Indic and Persian digits.
    **dict(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2, strict=True)),
    # Quranic marks of Arabic Extended-A, the Arabic letter mark and the byte order mark.
    **dict.fromkeys(map(chr, [*range(0x08D3, 0x08E2), *range(0x08E3, 0x0900)]), ""),
    "\u061c": "",
    "\ufeff": "",
}
BEYOND_TABLE = str.maketrans(BEYOND_PYARABIC)


def expected_fold(char: str) -> str:
    """NFKC, the archive's additions, pyarabic's normalizations, then no final hamza after
    alef: the archive's folding, written with pyarabic's functions wherever they apply."""
    text = unicodedata.normalize("NFKC", char).translate(BEYOND_TABLE)
    text = pyarabic_fold(text)
    return text[:-1] if text.endswith("اء") else text


def test_folding_is_pyarabic_plus_the_listed_additions_on_every_arabic_code_point():
    wrong = {
        f"U+{ord(c):04X}": (fold(c), expected_fold(c))
        for c in CODE_POINTS
        if fold(c) != expected_fold(c)
    }
    assert wrong == {}


def test_every_listed_addition_is_a_real_difference_from_pyarabic():
    same = [f"U+{ord(c):04X}" for c in BEYOND_PYARABIC if fold(c) == pyarabic_fold(c)]
    assert same == []


def test_the_folding_differs_from_pyarabic_only_on_compatibility_forms_and_listed_letters():
    differing = {c for c in CODE_POINTS if fold(c) != pyarabic_fold(c)}
    # Presentation forms and ligatures (ﺍ, ﷲ …): pyarabic leaves them as they are, bar its four
    # lam-alef ligatures; the archive reads them through NFKC.
    compatibility = {c for c in differing if unicodedata.normalize("NFKC", c) != c}
    assert differing - compatibility == set(BEYOND_PYARABIC)
    assert "ﺍ" in compatibility and "ﻻ" not in differing


@pytest.mark.parametrize("ligature", araby.LIGUATURES)
def test_lam_alef_ligatures_fold_as_pyarabic_splits_them(ligature):
    assert fold(ligature) == fold(araby.normalize_ligature(ligature)) == "لا"


def test_stop_key_is_a_step_towards_folding_on_every_arabic_code_point():
    wrong = [f"U+{ord(c):04X}" for c in CODE_POINTS if fold(stop_key(c)) != fold(c)]
    assert wrong == []


def test_stop_key_keeps_the_letters_that_folding_changes_further():
    kept = "ىةؤئیکگپ"
    assert stop_key(kept) == kept
    assert fold(kept) != kept
