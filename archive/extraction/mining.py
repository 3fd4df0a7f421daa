"""What the word-list miners (``org_mine``, ``people_mine``, ``people_names_mine``,
``place_mine``) share: their command line, the corpora's texts without the articles of the
entity gold set, and how a list is written."""

import argparse
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


def arguments(doc: str, *, min_articles: int | None = None, min_share: float | None = None):
    """A miner's parser: the corpora, the gold files to leave out, and its thresholds."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("corpora", nargs="+")
    parser.add_argument("--exclude", nargs="*", default=[])
    if min_articles is not None:
        parser.add_argument("--min-articles", type=int, default=min_articles)
    if min_share is not None:
        parser.add_argument("--min-share", type=float, default=min_share)
    return parser


def write_list(path: Path, header: str, items) -> None:
    """A mined list: its header (how it was made), then one item a line."""
    path.write_text(header + "".join(f"{item}\n" for item in items), encoding="utf-8")
