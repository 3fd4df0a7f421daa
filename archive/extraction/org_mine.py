"""Regenerate ``data/org_outlets.txt``: outlets and companies named without their head.

``python -m archive.extraction.org_mine [--exclude GOLD.json…] CORPUS.jsonl.gz…`` reads every
title and text, finds the names that ``organizations`` gives an outlet or company head
(``وكالة رويترز``, ``موقع تويتر``, ``شركة «بوينغ»``) and the agencies that end a dateline
(``… م واس``), and keeps those written in at least ``MIN_ARTICLES`` articles whose every
word is foreign-shaped (a word that hardly ever takes the article); a single word must also
be written so in ``MIN_SHARE`` of its uses at least, so that an ordinary Arabic word
(``سبق``) or a city (``مكة``) is never named alone. Articles of the ``--exclude`` files (the
entity gold set: ``{"articles": [{"corpus", "line"}…]}``) are skipped.
"""

from collections import Counter
from pathlib import Path

from arabic_text import frequency
from archive.extraction import org_foreign, org_spans
from archive.extraction import organizations as orgs
from archive.extraction.document import Document
from archive.extraction.mining import arguments, corpus_texts, excluded_lines
from archive.extraction.names import first_token_keys

MIN_ARTICLES = 5
# A one-word name: the share of the word's occurrences in the corpora that must be this use.
MIN_SHARE = 0.04


def outlet_names(doc: Document) -> set[str]:
    """Folded names the article gives an outlet or company head, or a dateline's end."""
    names = set()
    for span in orgs.find_organizations(doc):
        if span.head:
            continue
        before = doc.folded[span.start - 1] if span.start else ""
        credit = before in ("م", "ه")
        outlet = first_token_keys(before) & org_foreign.outlet_heads()
        if span.label < 0 and not credit and not outlet:
            continue  # a quoted name after an attribution or another head
        words = doc.folded[span.start : span.end + 1]
        if all(org_foreign.foreign_like(w) for w in words):
            names.add(" ".join(words))
    return names


def _kept(name: str, count: int) -> bool:
    """Named in enough articles; a single word also long enough, no conjunction or
    preposition on another word (واستقرت), and named so in a fair share of its uses (not
    ``سبق`` "preceded", ``مكة`` the city)."""
    if count < MIN_ARTICLES:
        return False
    if " " in name:
        return True
    return len(name) >= 3 and not org_spans.prefixed(name) and count >= MIN_SHARE * frequency(name)


def mine(texts) -> Counter[str]:
    """Name → number of articles that name it after an outlet head or in a credit."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(outlet_names(Document(text)))
    return counts


def main(argv=None) -> None:
    parser = arguments(__doc__)
    parser.add_argument("--output", type=Path, default=org_foreign.OUTLETS_PATH)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    counts = mine(corpus_texts(args.corpora, excluded_lines(args.exclude)))
    kept = sorted(name for name, count in counts.items() if _kept(name, count))
    if args.verbose:
        for name in kept:
            print(counts[name], frequency(name.split()[0]), name)
    header = (
        "# Outlets and companies named without their head, mined from news corpora by\n"
        "# python -m archive.extraction.org_mine (see its docstring); one folded name a line.\n"
    )
    args.output.write_text(header + "".join(f"{name}\n" for name in kept), encoding="utf-8")
    print(f"{len(kept)} names written to {args.output}")


if __name__ == "__main__":
    main()
