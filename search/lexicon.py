"""Word frequencies that let the stemmer tell a clitic from a root letter.

A lone و ف ب ك ل before a word is either a clitic (بموسكو = ب + موسكو, وقال = و + قال,
لتعزيز = ل + تعزيز) or the word's own first letter (بغداد, وزير, لبنان, كبير). Length rules
cannot tell them apart, real usage can: the stemmer strips the letter only when the rest is a
word attested in Arabic news at least as often as the whole form (see ``search.analysis``).

``search/data/lexicon.tsv.gz`` holds ``folded_word<TAB>count`` for the folded word forms seen
at least ``MIN_COUNT`` times in two public corpora of Arabic news articles: SaudiNewsNet
(M. Alhagri, 2015) and ANT Corpus v1.1 (A. Chouigui, O. Ben Khiroun, B. Elayeb, AICCSA 2017).
Regenerate it with ``python -m search.lexicon CORPUS.jsonl.gz…``; changing it changes index
terms, so rebuild the search index afterwards.
"""

import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parent / "data" / "lexicon.tsv.gz"
MIN_COUNT = 3


@cache
def _counts() -> dict[str, int]:
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
    return _counts().get(folded_word, 0)


def count_words(texts: Iterable[str]) -> Counter[str]:
    """Folded Arabic-script word forms of the texts, counted (no stop-word removal)."""
    from search.analysis import fold, surface_words

    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(
            folded
            for folded in map(fold, surface_words(text))
            if folded and "\u0621" <= folded[0] <= "\u064a"
        )
    return counter


def _corpus_texts(paths: Iterable[str]) -> Iterable[str]:
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                article = json.loads(line)
                yield article.get("title") or ""
                yield article.get("content") or ""


def write_lexicon(counter: Counter[str], path: Path = LEXICON_PATH) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted((w, n) for w, n in counter.items() if n >= MIN_COUNT)
    # mtime=0 keeps the file byte-identical between regenerations of the same data.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write("".join(f"{w}\t{n}\n" for w, n in rows).encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: python -m search.lexicon CORPUS.jsonl.gz [CORPUS.jsonl.gz …]")
    written = write_lexicon(count_words(_corpus_texts(sys.argv[1:])))
    print(f"{written} word forms written to {LEXICON_PATH}")
