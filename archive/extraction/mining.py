"""What the word-list miners (``org_mine``, ``people_mine``, ``place_mine``) share: the
corpora's texts, without the articles of the entity gold set."""

import gzip
import json
from pathlib import Path


def excluded_lines(paths: list[str]) -> set[tuple[str, int]]:
    """(corpus, line) of every article the gold files list."""
    lines = set()
    for path in paths:
        for article in json.loads(Path(path).read_text(encoding="utf-8"))["articles"]:
            lines.add((article["corpus"], int(article["line"])))
    return lines


def corpus_texts(paths: list[str], skip: set[tuple[str, int]]):
    """Title and text of each corpus article, the ``skip`` lines left out."""
    for path in paths:
        corpus = Path(path).name.removesuffix(".jsonl.gz")
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if (corpus, number) in skip or not line.strip():
                    continue
                article = json.loads(line)
                yield (article.get("title") or "") + "\n\n" + (article.get("content") or "")
