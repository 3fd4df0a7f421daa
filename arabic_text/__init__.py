"""Arabic text for the archive: normalization, tokens, light stemming, stop words, lexicon,
and marking the words and phrases a reader looked for.

One pipeline serves indexing, querying, highlighting, entity extraction and duplicate
hashing, so a query finds an article whatever spelling either of them uses. Pure Python:
this package imports nothing from the project, from Django or from a search engine.
Consumers import from here, never from the modules inside.
"""

from arabic_text.highlight import (
    Highlight,
    MarkMatch,
    Marks,
    Segment,
    find_marks,
    highlight_full,
    join_segments,
    mark_items,
    marks_of,
    marks_text,
    parse_marks,
    segments_between,
    word_form,
)
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
    "Highlight",
    "MarkMatch",
    "Marks",
    "Segment",
    "Token",
    "TokenColumns",
    "analyze",
    "find_marks",
    "fold",
    "frequency",
    "highlight_full",
    "is_arabic_letter",
    "join_segments",
    "lexicon_counts",
    "mark_items",
    "marks_of",
    "marks_text",
    "parse_marks",
    "protected_words",
    "raw_stop_words",
    "segments_between",
    "spans",
    "stem",
    "stop_key",
    "strip_proclitics",
    "surface_words",
    "token_columns",
    "tokens",
    "word_form",
    "word_term",
]
