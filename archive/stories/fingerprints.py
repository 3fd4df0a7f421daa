"""Near-duplicate fingerprints: MinHash signatures of word shingles, and their LSH bands.

A text is reduced to the analyzer's terms (``arabic_text.analyze``: stop words
dropped, spelling folded, light stems), so diacritics, hamza and ta marbuta
variants and clitics do not hide a copy. Runs of ``SHINGLE_WORDS`` terms are
hashed into a ``datasketch`` MinHash; its values, cut into ``BANDS`` bands of
``ROWS``, give the bucket keys under which near-duplicates meet. No database.
"""

import hashlib
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from arabic_text import analyze

SHINGLE_WORDS = 4
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
# Estimated Jaccard similarity of shingle sets from which two texts are one story.
THRESHOLD = 0.3
# How ``datasketch`` weighs missed pairs against proposed ones when it cuts the signature
# into bands (its default: equal weights); docs/stories.md measures the alternative.
FALSE_NEGATIVE_WEIGHT = 0.5
# Fewer distinct shingles than this (a headline and a line or two): never in a story.
MIN_SHINGLES = 25
# Bumped whenever anything above or the analyzer changes what a signature means.
VERSION = 1
_DTYPE = np.dtype("<u4")


@dataclass(frozen=True)
class Fingerprint:
    """What detection keeps of one text: ``digest`` of the text and settings, ``shingles``
    (distinct shingle count) and ``signature`` (MinHash values, little-endian uint32)."""

    digest: str
    shingles: int
    signature: bytes

    @property
    def joinable(self) -> bool:
        """Long enough to be compared at all (the minimum length rule)."""
        return self.shingles >= MIN_SHINGLES and bool(self.signature)


def text_digest(text: str, *, shingle_words: int = SHINGLE_WORDS) -> str:
    """Identifies a text and the settings its fingerprint was made with."""
    settings = f"{VERSION}:{shingle_words}:{NUM_PERM}:{SEED}:{SCHEME}\n"
    return hashlib.sha256((settings + text).encode("utf-8", "surrogatepass")).hexdigest()


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The distinct runs of ``size`` consecutive analyzer terms of ``text``."""
    terms = analyze(text)
    if len(terms) < size:
        return set()
    return {" ".join(terms[i : i + size]).encode() for i in range(len(terms) - size + 1)}


@cache
def _permutations():
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def fingerprint(text: str, *, shingle_words: int = SHINGLE_WORDS) -> Fingerprint:
    """The fingerprint of an article's text (its body)."""
    found = shingles(text, size=shingle_words)
    digest = text_digest(text, shingle_words=shingle_words)
    if not found:
        return Fingerprint(digest=digest, shingles=0, signature=b"")
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME)
    minhash.update_batch(found)
    signature = minhash.hashvalues.astype(_DTYPE).tobytes()
    return Fingerprint(digest=digest, shingles=len(found), signature=signature)


def signature_values(signature: bytes) -> np.ndarray:
    return np.frombuffer(signature, dtype=_DTYPE)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return float(np.count_nonzero(signature_values(a) == signature_values(b))) / NUM_PERM


@cache
def bands(threshold: float = THRESHOLD) -> tuple[int, int]:
    """(bands, rows per band) that ``datasketch`` finds best for ``threshold``."""
    return _optimal_param(threshold, NUM_PERM, 1 - FALSE_NEGATIVE_WEIGHT, FALSE_NEGATIVE_WEIGHT)


def band_keys(signature: bytes, *, threshold: float = THRESHOLD) -> list[int]:
    """The LSH bucket keys of a signature, as signed 64-bit integers (one per band)."""
    if not signature:
        return []
    count, rows = bands(threshold)
    values = signature_values(signature)
    keys = []
    for band in range(count):
        chunk = values[band * rows : (band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys
