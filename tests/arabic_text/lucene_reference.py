"""A small re-implementation of Lucene's ArabicAnalyzer, the baseline our analyzer must beat.

Used only by tests and benchmarks, to show on real words where :mod:`arabic_text` joins
spellings that Lucene (and so Elasticsearch and Solr) keeps apart, and where it avoids
Lucene's over-stemming. Never used for the archive's index.

Lucene's chain (5.4 and later): StandardTokenizer → LowerCaseFilter → DecimalDigitFilter →
StopFilter (before normalization) → ArabicNormalizationFilter → ArabicStemFilter.

- ``ArabicNormalizer``: أ إ آ → ا, ى → ي, ة → ه; removes tatweel and the eight harakat
  (fathatan … sukun). Nothing else: no dagger alef, no NFKC, no ؤ ئ, no Persian letters.
- ``ArabicStemmer`` (Larkey's light10): removes the *first* matching prefix of
  ال وال بال كال فال لل و (و only when at least three letters remain, the others when at least
  two remain), then *every* matching suffix in the order ها ان ات ون ين يه ية ه ة ي, each when
  at least two letters remain.

Two approximations, both in Lucene's favour: words are split by our tokenizer (Lucene's
StandardTokenizer also keeps harakat inside words), and the stop list is ours.
"""

import unicodedata

from arabic_text import raw_stop_words, surface_words

_NORMALIZE = str.maketrans(
    {
        "آ": "ا",
        "أ": "ا",
        "إ": "ا",
        "ى": "ي",
        "ة": "ه",
        **dict.fromkeys(map(ord, "\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")),
    }
)
_PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")
_STOP_WORDS = frozenset(raw_stop_words())


def normalize(word: str) -> str:
    return word.translate(_NORMALIZE)


def _decimal_digits(word: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in word)


def stem(word: str) -> str:
    for prefix in _PREFIXES:
        minimum = 4 if len(prefix) == 1 else len(prefix) + 2
        if len(word) >= minimum and word.startswith(prefix):
            word = word[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if len(word) >= len(suffix) + 2 and word.endswith(suffix):
            word = word[: -len(suffix)]
    return word


def lucene_term(surface: str) -> str | None:
    """The term Lucene's ArabicAnalyzer gives one word, or None for a stop word."""
    word = _decimal_digits(surface.lower())
    if word in _STOP_WORDS:
        return None
    return stem(normalize(word))


def lucene_analyze(text: str) -> list[str]:
    """The terms Lucene's ArabicAnalyzer gives a text."""
    return [term for term in map(lucene_term, surface_words(text)) if term]
