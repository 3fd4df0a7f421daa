"""Whether a word is a foreign word transliterated into Arabic letters (مايكل, براون,
يونغ), by its letters alone: a character n-gram model (``data/foreign_ngrams.tsv``,
written by ``python -m archive.extraction.foreign_mine``) that scores the word's n-grams
as seen in foreign place names or in ordinary Arabic words."""

from functools import cache, lru_cache
from pathlib import Path

from archive.extraction import cues

MODEL_PATH = Path(__file__).resolve().parent / "data" / "foreign_ngrams.tsv"
# A word scoring at least this (summed log-odds per n-gram) reads as foreign.
THRESHOLD = 0.5
# Character n-grams of these lengths, the word framed by ^ and $.
ORDERS = (2, 3)


def grams(word: str) -> list[str]:
    framed = f"^{word}$"
    return [framed[i : i + n] for n in ORDERS for i in range(len(framed) - n + 1)]


def score_with(table: dict[str, float], word: str) -> float:
    """The mean log-odds of the word's n-grams (unknown n-grams count as 0)."""
    parts = grams(word)
    return sum(table.get(g, 0.0) for g in parts) / max(1, len(parts))


@cache
def model() -> dict[str, float]:
    table = {}
    for line in MODEL_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            gram, value = line.split("\t")
            table[gram] = float(value)
    return table


@lru_cache(maxsize=100_000)
def score(folded: str) -> float:
    return score_with(model(), folded)


@lru_cache(maxsize=100_000)
def looks_foreign(folded: str) -> bool:
    """A word of three letters or more whose letters read as a transliteration."""
    return len(folded) >= 3 and folded.isalpha() and score(folded) >= THRESHOLD


GIVEN_PATH = cues.FOREIGN_GIVEN_PATH


def given_names() -> frozenset[str]:
    """Foreign given names mined from the corpora (جون, جيسي, كيم): ``foreign_given``."""
    return cues.foreign_given_names()


# A given name's skeleton: its first and last letters and the consonants between (ارثر,
# ارثور); a shorter skeleton than this says too little.
SKELETON_MIN = 4


def skeleton(word: str) -> str:
    inner = "".join(c for c in word[1:-1] if c not in "اوي")
    return word[:1] + inner + word[-1:] if len(word) > 1 else word


@cache
def _given_skeletons() -> dict[str, tuple[str, ...]]:
    by_shape: dict[str, list[str]] = {}
    for name in given_names():
        shape = skeleton(name)
        if len(shape) >= SKELETON_MIN:
            by_shape.setdefault(shape, []).append(name)
    return {shape: tuple(names) for shape, names in by_shape.items()}


def _vowels_added(short: str, long: str) -> bool:
    """``long`` is ``short`` with long vowels written in (ارثر → ارثور)."""
    rest = iter(long)
    return all(letter in rest for letter in short)


@lru_cache(maxsize=100_000)
def given_name(folded: str) -> bool:
    """A mined foreign given name, or another spelling of one that only writes more or
    fewer inner long vowels (ارثور for ارثر, مركوس for ماركوس; not ستريت for ستيوارت)."""
    if folded in given_names():
        return True
    shape = skeleton(folded)
    if len(shape) < SKELETON_MIN:
        return False
    return any(
        _vowels_added(*sorted((folded, name), key=len))
        for name in _given_skeletons().get(shape, ())
    )
