"""The index settings: an Elasticsearch-native Arabic analyzer that folds as the archive does.

``arabic_archive`` uses built-in components only (no plugins) and is generated from
:mod:`arabic_text` (``stop_key``, ``fold``, ``stem``, the stop list, the protected words),
so that haystack's own ``SearchQuerySet`` API and direct queries see the archive's spelling
rules. ``archive_terms`` splits the pre-analyzed ``*_terms`` fields at spaces and does nothing
else. docs/deploy.md describes the chain and how to print the settings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache

from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend

from arabic_text import STOP_WORDS, fold, is_arabic_letter, protected_words, stem, stop_key

ARABIC_ANALYZER = "arabic_archive"
TERMS_ANALYZER = "archive_terms"
# Deep pages: Elasticsearch refuses from + size beyond the index's max_result_window.
MAX_RESULT_WINDOW = 100_000

# Code points whose folding the analyzer must reproduce: the Arabic blocks, presentation forms,
# invisible format characters and Cyrillic ё.
_FOLD_RANGES = (
    (0x00AD, 0x00AD),
    (0x0401, 0x0401),
    (0x0451, 0x0451),
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x08A0, 0x08FF),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2060),
    (0x2066, 0x2069),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
_ALEF = "ا"
# Proclitics before a protected word, for the stemmer overrides (وبوتين, للكاظمي …).
_PROCLITICS = (
    "",
    "و",
    "ف",
    "ب",
    "ك",
    "ل",
    "ال",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "ولل",
    "فلل",
    "وبال",
    "فبال",
    "وب",
    "ول",
    "فب",
    "فل",
)


def covered_codepoints() -> Iterator[str]:
    """Every assigned character of the ranges the char filter and the fold filters cover."""
    for first, last in _FOLD_RANGES:
        for code in range(first, last + 1):
            char = chr(code)
            if unicodedata.category(char) != "Cn":
                yield char


def _escape(text: str) -> str:
    # Mapping rules accept \uXXXX escapes: plain ASCII rules survive every editor and log.
    return "".join(f"\\u{ord(char):04x}" for char in text)


@cache
def char_mappings() -> dict[str, str]:
    """``{character: replacement}`` of the mapping char filter: :func:`arabic_text.stop_key`.

    Characters that only change case are left to the ``lowercase`` filter.
    """
    mappings = {}
    for char in covered_codepoints():
        key = stop_key(char)
        if key != char and key != char.casefold():
            mappings[char] = key
    return mappings


@cache
def token_folds() -> dict[str, str]:
    """``{target: characters}``: what :func:`fold` still changes after :func:`stop_key`."""
    groups: dict[str, set[str]] = {}
    for char in covered_codepoints():
        for keyed in stop_key(char):
            target = fold(keyed)
            if target != keyed and len(target) == 1 and target != _ALEF:
                groups.setdefault(target, set()).add(keyed)
    return {target: "".join(sorted(chars)) for target, chars in sorted(groups.items())}


@cache
def es_stop_words() -> list[str]:
    """The archive's stop words in stop-key form, and every token that folds to one letter.

    The stop filter sees tokens in stop-key form (after the char filter); the archive drops a
    token whose folded form is a single Arabic letter.
    """
    letters = set()
    for char in covered_codepoints():
        folded = fold(char)
        if len(folded) == 1 and is_arabic_letter(folded):
            letters.add(stop_key(char))
    return sorted({stop_key(word) for word in STOP_WORDS} | letters)


@cache
def stemmer_overrides() -> list[str]:
    """``"form, form => stem"`` rules: protected words with their proclitics, as the archive
    stems them. Forms are folded (the stream is folded by the time the rule applies).
    """
    by_stem: dict[str, set[str]] = {}
    for word in sorted(protected_words()):
        if len(word) < 2:
            continue
        for head in _PROCLITICS:
            form = head + word
            by_stem.setdefault(stem(form), set()).add(form)
    return [f"{', '.join(sorted(forms))} => {term}" for term, forms in sorted(by_stem.items())]


def _fold_filters() -> dict[str, dict]:
    return {
        f"archive_fold_{index}": {
            "type": "pattern_replace",
            "pattern": f"[{chars}]",
            "replacement": target,
        }
        for index, (target, chars) in enumerate(token_folds().items())
    }


def _char_filters() -> dict[str, dict]:
    rules = [f"{_escape(char)}=>{_escape(key)}" for char, key in char_mappings().items()]
    return {"archive_arabic_chars": {"type": "mapping", "mappings": rules}}


def _token_filters(fold_filters: dict[str, dict]) -> dict[str, dict]:
    return {
        "archive_arabic_stop": {"type": "stop", "stopwords": es_stop_words()},
        **fold_filters,
        "archive_final_hamza": {"type": "pattern_replace", "pattern": "اء$", "replacement": "ا"},
        "archive_protected": {"type": "stemmer_override", "rules": stemmer_overrides()},
    }


def _analyzers(fold_filters: dict[str, dict]) -> dict[str, dict]:
    arabic_chain = [
        "lowercase",
        "decimal_digit",
        "archive_arabic_stop",
        *fold_filters,
        "arabic_normalization",
        "archive_final_hamza",
        "archive_protected",
        "arabic_stem",
    ]
    return {
        ARABIC_ANALYZER: {
            "type": "custom",
            "char_filter": ["archive_arabic_chars"],
            "tokenizer": "standard",
            "filter": arabic_chain,
        },
        # Terms that arabic_text.analyze already produced: split at spaces, nothing else.
        TERMS_ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": []},
    }


def analysis_settings() -> dict:
    """The ``index.analysis`` settings: the Arabic analyzer and the pre-analyzed terms one."""
    fold_filters = _fold_filters()
    return {
        "char_filter": _char_filters(),
        "filter": _token_filters(fold_filters),
        "analyzer": _analyzers(fold_filters),
    }


def index_settings() -> dict:
    """The body that creates the index: haystack's n-gram analyzers plus ours."""
    base = Elasticsearch7SearchBackend.DEFAULT_SETTINGS["settings"]
    analysis = analysis_settings()
    merged = {
        section: {**base["analysis"].get(section, {}), **analysis.get(section, {})}
        for section in ("char_filter", "filter", "analyzer")
    }
    return {
        "settings": {
            "index": {**base.get("index", {}), "max_result_window": MAX_RESULT_WINDOW},
            "analysis": merged,
        }
    }
