"""Word frequencies that let the stemmer tell a clitic from a root letter.

A lone و ف ب ك ل before a word is either a clitic (بموسكو = ب + موسكو, وقال = و + قال,
لتعزيز = ل + تعزيز) or the word's own first letter (بغداد, وزير, لبنان, كبير). Length rules
cannot tell them apart, real usage can: the stemmer strips the letter only when the rest is a
word attested in Arabic news at least as often as the whole form
(see :mod:`arabic_text.stemmer`).

``arabic_text/data/lexicon.tsv.gz`` holds ``folded_word<TAB>count`` for the folded word forms seen
at least ``MIN_COUNT`` times in two public corpora of Arabic news articles: SaudiNewsNet
(M. Alhagri, 2015) and ANT Corpus v1.1 (A. Chouigui, O. Ben Khiroun, B. Elayeb, AICCSA 2017).
Regenerate it with ``python -m arabic_text.build_lexicon CORPUS.jsonl.gz…``; changing it
changes index terms, so rebuild the search index afterwards.
"""

import gzip
from functools import cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.tsv.gz"
MIN_COUNT = 3


@cache
def lexicon_counts() -> dict[str, int]:
    """Every folded word form of the lexicon with its count (read once)."""
    counts: dict[str, int] = {}
    if not LEXICON_PATH.exists():
        return counts
    with gzip.open(LEXICON_PATH, "rt", encoding="utf-8") as handle:
        for line in handle:
            word, _, number = line.rstrip("\n").partition("\t")
            if number:
                counts[word] = int(number)
    return counts


def frequency(folded_word: str) -> int:
    """How often the folded word form occurs in the reference corpora (0 when unseen)."""
    return lexicon_counts().get(folded_word, 0)
