"""Regenerate ``arabic_text/data/lexicon.tsv.gz`` from JSON-lines news corpora.

``python -m arabic_text.build_lexicon CORPUS.jsonl.gz…`` counts the folded Arabic-script word
forms of every title and text and keeps those seen at least ``MIN_COUNT`` times. Changing the
lexicon changes index terms: rebuild the search index afterwards.
"""

import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from arabic_text.letters import fold, is_arabic_letter
from arabic_text.lexicon import LEXICON_PATH, MIN_COUNT
from arabic_text.tokenizer import surface_words


def count_words(texts: Iterable[str]) -> Counter[str]:
    """Folded Arabic-script word forms of the texts, counted (no stop-word removal)."""
    counter: Counter[str] = Counter()
    for text in texts:
        counter.update(
            folded
            for folded in map(fold, surface_words(text))
            if folded and is_arabic_letter(folded[0])
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
        sys.exit("usage: python -m arabic_text.build_lexicon CORPUS.jsonl.gz [CORPUS.jsonl.gz …]")
    written = write_lexicon(count_words(_corpus_texts(sys.argv[1:])))
    print(f"{written} word forms written to {LEXICON_PATH}")
