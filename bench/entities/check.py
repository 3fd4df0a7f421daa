"""Check the gold files against the corpora, for whoever annotates more articles.

Usage (from the repository root)::

    .venv/bin/python bench/entities/check.py [--split dev|heldout|all]

For every article: the corpus line is still the annotated text (SHA-1), every surface form
is written in the title or text as given, and no occurrence of an annotated name is left
out: a word sequence that folds to one of an entity's surface forms, proclitics allowed on
its first word (``لروسيا`` beside ``روسيا``), but is listed under no entity of the article is
printed for the annotator to add or to judge another sense. The exit status is 1 when
anything is printed.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from gold import CORPORA, SPLITS, GoldArticle, corpus_records, gold_read

from arabic_text import token_columns
from archive.extraction.names import first_token_keys, name_normalize, name_tokens


def occurrences(text: str, surface: str) -> list[str]:
    """The spans of ``text`` written like ``surface``, proclitics allowed on the first word."""
    return [text[start:end] for start, end in _positions(text, surface)]


def _positions(text: str, surface: str) -> list[tuple[int, int]]:
    wanted = name_tokens(surface)
    if not wanted:
        return []
    columns = token_columns(text)
    folded, size = columns.folded, len(wanted)
    first = first_token_keys(wanted[0])
    return [
        (columns.starts[i], columns.ends[i + size - 1])
        for i in range(len(folded) - size + 1)
        if folded[i + 1 : i + size] == wanted[1:] and first & first_token_keys(folded[i])
    ]


def article_problems(article: GoldArticle, record: dict) -> list[str]:
    text = f"{record.get('title') or ''}\n\n{record['content']}"
    problems = []
    # A form listed under another entity of the article is that entity's (تونس the country
    # beside بتونس the city): it is not reported as missing here.
    claimed = {name_normalize(s) for entity in article.entities for s in entity.surfaces}
    for entity in article.entities:
        listed = {name_normalize(s) for s in entity.surfaces}
        for surface in entity.surfaces:
            if surface not in text:
                problems.append(f"{entity.name}: {surface!r} is not written in the article")
        # A span inside a longer form of another entity is that entity's (يوسف in هالة يوسف).
        others = [
            position
            for other in article.entities
            if other is not entity
            for surface in other.surfaces
            if " " in surface.strip()
            for position in _positions(text, surface)
        ]
        unlisted = {
            text[start:end]
            for surface in entity.surfaces
            for start, end in _positions(text, surface)
            if name_normalize(text[start:end]) not in listed | claimed
            and not any(a <= start and end <= b for a, b in others)
        }
        for span in sorted(unlisted):
            problems.append(f"{entity.name}: {span!r} is written but not listed")
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    args = parser.parse_args(argv)
    names = SPLITS if args.split == "all" else (args.split,)
    articles = [article for name in names for article in gold_read(name)]
    records = corpus_records(articles, args.corpora)
    status = 0
    for article in articles:
        for problem in article_problems(article, records[article.key]):
            print(f"{article.key}  {problem}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
