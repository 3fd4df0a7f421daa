"""``make story-quality``: precision and recall of "same story" on the labelled pairs.

Usage (from the repository root)::

    .venv/bin/python bench/stories/evaluate.py [--pairs bench/stories/pairs.tsv]
        [--shingles 2,3,4,5] [--thresholds 0.3,0.35,…] [--no-window]

For each pair of ``pairs.tsv`` (labels read by hand: same, related, different) both texts
get the archive's fingerprint (``archive.stories``: analyzer terms, word shingles,
MinHash). A pair is predicted "same story" when the fingerprints are long enough, share
an LSH band at the threshold, their estimated Jaccard similarity reaches the threshold
and the dates are within ``WINDOW_DAYS`` (the rules the archive applies). "same" is the
positive class; "related" and "different" are negatives. Prints precision, recall and
the counts per shingle size and threshold; the chosen settings are marked with ``*``.
"""

import argparse
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpus import read_articles

from archive.stories import clusters, fingerprints

DATE_RE = (
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)"), (1, 2, 3)),
    (re.compile(r"(\d\d)/(\d\d)/(\d{4})"), (3, 2, 1)),
)


def corpus_date(value) -> date | None:
    for pattern, (y, m, d) in DATE_RE:
        found = pattern.match(str(value or ""))
        if found:
            return date(int(found[y]), int(found[m]), int(found[d]))
    return None


def read_pairs(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "corpus_a")):
            continue
        corpus_a, line_a, corpus_b, line_b, label, *_ = line.split("\t")
        rows.append({"a": (corpus_a, int(line_a)), "b": (corpus_b, int(line_b)), "label": label})
    return rows


def predict(a, b, *, threshold: float, window: bool) -> bool:
    (fa, da), (fb, db) = a, b
    if not (fa.joinable and fb.joinable):
        return False
    keys_a = set(fingerprints.band_keys(fa.signature, threshold=threshold))
    if keys_a.isdisjoint(fingerprints.band_keys(fb.signature, threshold=threshold)):
        return False
    if window and not clusters.within_window(da, db):
        return False
    return fingerprints.similarity(fa.signature, fb.signature) >= threshold


def scores(pairs, prints, *, threshold: float, window: bool) -> dict:
    tp = fp = fn = 0
    for pair in pairs:
        same = pair["label"] == "same"
        predicted = predict(
            prints[pair["a"]], prints[pair["b"]], threshold=threshold, window=window
        )
        tp += predicted and same
        fp += predicted and not same
        fn += same and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    return {
        "precision": precision,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=Path, default=Path(__file__).with_name("pairs.tsv"))
    parser.add_argument("--shingles", default="2,3,4,5")
    parser.add_argument("--thresholds", default="0.25,0.3,0.35,0.4,0.45,0.5,0.6")
    parser.add_argument("--no-window", action="store_true", help="Ignore publication dates.")
    parser.add_argument(
        "--errors", action="store_true", help="List the misjudged pairs at the chosen settings."
    )
    args = parser.parse_args()
    pairs = read_pairs(args.pairs)
    articles = read_articles({p["a"] for p in pairs} | {p["b"] for p in pairs})
    labels = [p["label"] for p in pairs]
    print(
        f"{len(pairs)} pairs: "
        + ", ".join(
            f"{n} {lab}" for lab in ("same", "related", "different") if (n := labels.count(lab))
        )
    )
    print("shingle  threshold  precision  recall   tp   fp   fn")
    errors = []
    for size in (int(s) for s in args.shingles.split(",")):
        prints = {
            key: (
                fingerprints.fingerprint(article.get("content") or "", shingle_words=size),
                corpus_date(article.get("date")),
            )
            for key, article in articles.items()
        }
        for threshold in (float(t) for t in args.thresholds.split(",")):
            s = scores(pairs, prints, threshold=threshold, window=not args.no_window)
            chosen = (
                "*"
                if (size, threshold) == (fingerprints.SHINGLE_WORDS, fingerprints.THRESHOLD)
                else " "
            )
            figures = f"{s['precision']:>9.3f}  {s['recall']:>6.3f}"
            counts = f"{s['tp']:>3}  {s['fp']:>3}  {s['fn']:>3}"
            print(f"{size:>7}{chosen} {threshold:>9.2f}  {figures}  {counts}")
            if args.errors and chosen == "*":
                errors.extend(_errors(pairs, prints, threshold, window=not args.no_window))
    for kind, pair, similarity in errors:
        a, b = (f"{c}:{n}" for c, n in (pair["a"], pair["b"]))
        print(f"{kind}  {a}  {b}  {pair['label']}  estimated {similarity:.2f}")


def _errors(pairs, prints, threshold, *, window):
    for pair in pairs:
        a, b = prints[pair["a"]], prints[pair["b"]]
        predicted = predict(a, b, threshold=threshold, window=window)
        if predicted != (pair["label"] == "same"):
            similarity = fingerprints.similarity(a[0].signature, b[0].signature)
            yield ("false positive" if predicted else "false negative"), pair, similarity


if __name__ == "__main__":
    main()
