"""Bylines of the JSON-lines corpora: the ``author`` field read down to the name.

Usage (from the repository root)::

    .venv/bin/python bench/pages/authors.py [--misses]

``authors_gold.json`` holds 36 ``author`` fields of ``saudinewsnet.jsonl.gz`` (three drawn
at random, seed 17, from each outlet that fills the field; corpus line given) with the
name a reader takes from each: the person, agency or outlet credited, without the place
(``الدمام - ظافر الدوسري:`` → ``ظافر الدوسري``), or nothing when the field holds only a
date. Prints how many ``clean_author`` gets exactly right (compared after folding).
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evaluate import django_setup, norm

GOLD = Path(__file__).resolve().parent / "authors_gold.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    django_setup()
    from archive.ingest.authors import clean_author

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    right = 0
    for entry in gold:
        found = clean_author(entry["author_field"])
        if norm(found) == norm(entry["expected"]):
            right += 1
        elif args.misses:
            field, expected = entry["author_field"], entry["expected"]
            print(f"line {entry['line']}: {field!r} → {found!r}, not {expected!r}")
    print(f"{right}/{len(gold)} author fields read right ({right / len(gold):.1%})")


if __name__ == "__main__":
    main()
