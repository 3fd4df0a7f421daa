"""Read the shared corpora by (corpus, line): the articles labelled pairs refer to."""

import gzip
import json
from pathlib import Path

CORPORA_DIR = Path(__file__).resolve().parents[3] / "shared" / "corpora"
CORPORA = ("saudinewsnet", "antcorpus")


def corpus_path(name: str) -> Path:
    return CORPORA_DIR / f"{name}.jsonl.gz"


def read_corpus(name: str, *, lines: set[int] | None = None):
    """(line, article) of a corpus, lines numbered from 1; only ``lines`` when given."""
    with gzip.open(corpus_path(name), "rt", encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if lines is None or number in lines:
                yield number, json.loads(raw)


def read_articles(keys) -> dict[tuple[str, int], dict]:
    """``{(corpus, line): article}`` for the given keys."""
    wanted: dict[str, set[int]] = {}
    for corpus, line in keys:
        wanted.setdefault(corpus, set()).add(int(line))
    found = {}
    for corpus, lines in wanted.items():
        for number, article in read_corpus(corpus, lines=lines):
            found[(corpus, number)] = article
    return found
