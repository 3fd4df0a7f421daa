"""Texts and helpers shared by the Arabic analyzer's tests."""

from arabic_text import analyze
from tests.conftest import SEEDS_DIR

SEED_NUMBERS = ["000", "001", "002", "003", "004"]


def seed(number: str) -> str:
    (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def term_of(word: str) -> str:
    """The one index term of a word (fails if it is a stop word or splits)."""
    (term,) = analyze(word)
    return term


# The Russia entity's names in the authority file (fixtures/entities.json).
RUSSIA_NAMES = [
    "روسيا",
    "Russia",
    "Россия",
    "روسيا الاتحادية",
    "الاتحاد الروسي",
    "جمهورية روسيا الاتحادية",
    "Russian Federation",
    "Российская Федерация",
    "РФ",
]
