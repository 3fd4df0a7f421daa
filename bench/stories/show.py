"""Print labelled or candidate pairs for reading: outlet, date, title and text of each side.

Usage::

    .venv/bin/python bench/stories/show.py PAIRS.tsv [--from N] [--count N] [--chars N]

The similarity figures are not shown, so that the reader judges the texts alone.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import read_articles


def _excerpt(text: str, chars: int) -> str:
    text = " ".join(text.split())
    if len(text) <= chars:
        return text
    head = chars * 2 // 3
    return f"{text[:head]} […] {text[-(chars - head) :]}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pairs")
    parser.add_argument("--from", dest="start", type=int, default=0)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--chars", type=int, default=700)
    args = parser.parse_args()
    rows = [
        line.rstrip("\n").split("\t")
        for line in open(args.pairs, encoding="utf-8")
        if line.strip() and not line.startswith(("#", "corpus"))
    ]
    rows = rows[args.start : args.start + args.count]
    articles = read_articles({(r[0], int(r[1])) for r in rows} | {(r[2], int(r[3])) for r in rows})
    for number, row in enumerate(rows, start=args.start):
        print(f"=== pair {number}")
        for corpus, line in ((row[0], int(row[1])), (row[2], int(row[3]))):
            article = articles[(corpus, line)]
            body = article.get("content") or ""
            print(
                f"-- {corpus}:{line} {article.get('source')} {str(article.get('date'))[:10]}"
                f" words={len(body.split())} | {article.get('title')}"
            )
            print(_excerpt(body, args.chars))


if __name__ == "__main__":
    main()
