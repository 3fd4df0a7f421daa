"""Arabic text for the archive: normalization, tokens, light stemming, stop words, lexicon.

One pipeline serves indexing, querying, highlighting, entity extraction and duplicate
hashing, so a query finds an article whatever spelling either of them uses. Pure Python:
this package imports nothing from the project, from Django or from a search engine.
Consumers import from here, never from the modules inside.
"""

from arabic_text.letters import fold, is_arabic_letter, stop_key
from arabic_text.lexicon import frequency, lexicon_counts
from arabic_text.protected import protected_words
from arabic_text.stemmer import stem, strip_proclitics
from arabic_text.stopwords import STOP_WORDS, raw_stop_words
from arabic_text.tokenizer import (
    TOKEN_RE,
    Token,
    TokenColumns,
    analyze,
    spans,
    surface_words,
    token_columns,
    tokens,
    word_term,
)

__all__ = [
    "STOP_WORDS",
    "TOKEN_RE",
    "Token",
    "TokenColumns",
    "analyze",
    "fold",
    "frequency",
    "is_arabic_letter",
    "lexicon_counts",
    "protected_words",
    "raw_stop_words",
    "spans",
    "stem",
    "stop_key",
    "strip_proclitics",
    "surface_words",
    "token_columns",
    "tokens",
    "word_term",
]
