"""Cities found through their country: every decision the support changes, on the corpora.

Usage (from the repository root)::

    .venv/bin/python bench/places/country_support.py [--workdir DIR] [--list]

A city whose name news mostly uses for something else (``data/places_other_words.txt``) is
found after ``في`` when the article names its country (``Gazetteer.supported_by_country``).
In a throwaway archive (authority file and gazetteers, as ``bench/entities/evaluate.py``
builds it), every article of ``../shared/corpora`` that writes one of these names (the
entity gold set's articles left out) is extracted twice, with and without that support;
each occurrence whose entity differs is a decision of the support. ``labels.tsv`` holds
the reader's verdict on each (corpus, line, city): 1 when the article means the city, 0
when it means something else. Prints the decisions, how many are labelled, and the share
that is right; ``--list`` prints each with its context (unlabelled ones marked ``?``).
"""

import argparse
import csv
import gzip
import json
import sys
import tempfile
from pathlib import Path

# bench/entities (gold.py, evaluate.py) and bench (run.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "entities"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gold import CORPORA, ROOT

LABELS = Path(__file__).resolve().parent / "labels.tsv"
GOLD = [ROOT / "bench" / "entities" / "gold" / f"{split}.json" for split in ("dev", "heldout")]


def decisions(corpora: Path) -> list[dict]:
    """Each occurrence whose entity the country's support changes, with its context."""
    from archive.extraction import extract, matcher
    from archive.extraction.gazetteer import Gazetteer
    from archive.extraction.mining import excluded_lines
    from archive.models import Entity, EntityAlias
    from archive.services.gazetteer import gazetteer_get

    gazetteer = gazetteer_get()
    names = dict(Entity.objects.values_list("pk", "name_en"))
    written = set(
        EntityAlias.objects.filter(normalized__in=gazetteer.other_words).values_list(
            "name", flat=True
        )
    )
    written |= {w.replace("ة", "ه") for w in written} | {w.replace("اء", "ا") for w in written}
    resolve, support = matcher._entity_of, Gazetteer.supported_by_country
    found, where = [], {}

    def entity_of(doc, hit, full, gaz):
        new = resolve(doc, hit, full, gaz)
        Gazetteer.supported_by_country = lambda self, *args: None
        try:
            old = resolve(doc, hit, full, gaz)
        finally:
            Gazetteer.supported_by_country = support
        if new != old:
            start, end = doc.starts[hit.start], doc.ends[hit.end]
            context = doc.text[max(0, start - 70) : end + 50].replace("\n", " ")
            found.append({**where, "city": names.get(new, ""), "context": context})
        return new

    skip = excluded_lines([str(path) for path in GOLD])
    matcher._entity_of = entity_of
    try:
        for path in sorted(corpora.glob("*.jsonl.gz")):
            corpus = path.name.removesuffix(".jsonl.gz")
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                for number, line in enumerate(handle, start=1):
                    if (corpus, number) in skip or not line.strip():
                        continue
                    record = json.loads(line)
                    text = (record.get("title") or "") + "\n\n" + (record.get("content") or "")
                    if any(name in text for name in written):
                        where.update(corpus=corpus, line=number)
                        extract(text, gazetteer)
    finally:
        matcher._entity_of = resolve
    return found


def labels_read(path: Path = LABELS) -> dict[tuple[str, int, str], int]:
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(r["corpus"], int(r["line"]), r["city"]): int(r["right"]) for r in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="keep the throwaway archive here")
    parser.add_argument("--list", action="store_true", help="print every decision")
    args = parser.parse_args()
    from evaluate import setup_archive  # bench/entities/evaluate.py

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="country-support-"))
    workdir.mkdir(parents=True, exist_ok=True)
    setup_archive(workdir, ROOT / "fixtures" / "entities.json")
    found = decisions(CORPORA)
    labels = labels_read()
    pairs = {(d["corpus"], d["line"], d["city"]) for d in found}
    judged = [labels[p] for p in pairs if p in labels]
    if args.list:
        for d in found:
            verdict = labels.get((d["corpus"], d["line"], d["city"]), "?")
            print(f"{verdict}\t{d['corpus']}:{d['line']}\t{d['city']}\t{d['context']}")
    right = sum(judged)
    share = f"{right / len(judged):.2f}" if judged else "-"
    print(
        f"decisions {len(found)}, article-city pairs {len(pairs)}, labelled {len(judged)}, "
        f"right {right} ({share})"
    )


if __name__ == "__main__":
    main()
