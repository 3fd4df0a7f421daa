"""Words the stemmer never reduces, and spelling variants that share one term.

Names and words whose letters look like clitics or endings (بوتين, لافروف, موسكو, كانون) are
listed in ``arabic_text/data/protected.txt``; a few variant spellings map to one term
(سورية → سوريا).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from arabic_text.letters import fold

PROTECTED_PATH = Path(__file__).resolve().parent / "data" / "protected.txt"


@cache
def protected_words() -> frozenset[str]:
    """The folded words of ``protected.txt`` (whitespace-separated, ``#`` starts a comment).

    >>> sorted(w for w in protected_words() if w.startswith("لافرو"))
    ['لافروف']
    """
    words: set[str] = set()
    for line in PROTECTED_PATH.read_text(encoding="utf-8").splitlines():
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


def final_term(word: str) -> str | None:
    """The term of a folded word that must not be reduced further, or None."""
    override = _OVERRIDES.get(word)
    if override is not None:
        return override
    if word in protected_words():
        return word
    return None
