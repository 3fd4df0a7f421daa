"""Draw the candidate pairs to label (``pairs.tsv``): near and far, across outlets.

Usage (from the repository root)::

    .venv/bin/python bench/stories/candidates.py [--per-bin 22] [--out FILE]

Every article of the corpora is reduced to its analyzer terms. Candidates come
from two MinHash LSH indexes (``datasketch``): one over three-term shingles at a
low threshold (copies and partial copies), one over word sets (same subject,
other words: the "related" cases). Each candidate's exact Jaccard similarity of
three-term shingles puts it in a bin; the same number of pairs is drawn from each
bin (fixed seed), so the sample covers the whole range rather than the obvious
copies only. Prints ``corpus, line, corpus, line, jaccard, same outlet`` rows.
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpus import CORPORA, read_corpus
from datasketch import MinHash, MinHashLSH

from arabic_text import analyze

BINS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
NUM_PERM = 64


def _minhash(items, permutations):
    minhash = MinHash(num_perm=NUM_PERM, permutations=permutations, scheme="affine32")
    minhash.update_batch(items)
    return minhash


def _shingles(terms, size):
    return {" ".join(terms[i : i + size]).encode() for i in range(len(terms) - size + 1)}


def load():
    keys, outlets, shingle_sets, word_sets = [], [], [], []
    for corpus in CORPORA:
        for line, article in read_corpus(corpus):
            terms = analyze(article.get("content") or "")
            if len(terms) < 30:
                continue
            keys.append((corpus, line))
            outlets.append(article.get("source") or "")
            shingle_sets.append(_shingles(terms, 3))
            word_sets.append({t.encode() for t in terms})
    return keys, outlets, shingle_sets, word_sets


def candidate_pairs(sets, threshold):
    permutations = MinHash(num_perm=NUM_PERM, scheme="affine32").permutations
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = [_minhash(s, permutations) for s in sets]
    for i, minhash in enumerate(hashes):
        lsh.insert(i, minhash)
    pairs = set()
    for i, minhash in enumerate(hashes):
        pairs.update((min(i, j), max(i, j)) for j in lsh.query(minhash) if j != i)
    return pairs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-bin", type=int, default=22)
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    keys, outlets, shingle_sets, word_sets = load()
    pairs = candidate_pairs(shingle_sets, 0.2) | candidate_pairs(word_sets, 0.45)
    binned = {b: [] for b in range(len(BINS) - 1)}
    for i, j in sorted(pairs):
        a, b = shingle_sets[i], shingle_sets[j]
        jaccard = len(a & b) / len(a | b)
        slot = next(n for n in range(len(BINS) - 1) if jaccard < BINS[n + 1])
        binned[slot].append((i, j, jaccard))
    rng = random.Random(args.seed)
    for slot, found in binned.items():
        # Prefer pairs across outlets (two thirds of each bin), as copies of agency news are.
        across = [p for p in found if outlets[p[0]] != outlets[p[1]]]
        within = [p for p in found if outlets[p[0]] == outlets[p[1]]]
        n_across = min(len(across), round(args.per_bin * 2 / 3))
        chosen = rng.sample(across, n_across)
        chosen += rng.sample(within, min(len(within), args.per_bin - n_across))
        print(f"# bin {BINS[slot]:.2f}: {len(found)} candidates", file=sys.stderr)
        for i, j, jaccard in chosen:
            same = int(outlets[i] == outlets[j])
            print(*keys[i], *keys[j], f"{jaccard:.3f}", same, sep="\t")


if __name__ == "__main__":
    main()
