"""How fast arabic_text.analyze() runs on real Arabic news, with a cold and a warm cache.

    .venv/bin/python bench/analysis_speed.py [--articles 2000] [--corpus PATH]

Reads the first N articles (title and body) of SaudiNewsNet (M. Alhagri, 2015), then times:
analyze() with empty caches (cold) and again (warm), tokens(), the Whoosh analyzer, and the
Lucene reference for comparison; and prints the vocabulary each analyzer makes of the text.
"""

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The Whoosh analyzer's package imports haystack, which reads Django settings on import.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from arabic_text import analyze, fold, lexicon_counts, stem, surface_words, tokens, word_term  # noqa: E402
from search.backends.whoosh.analyzer import ArabicAnalyzer  # noqa: E402
from tests.arabic_text.lucene_reference import lucene_analyze  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet.jsonl.gz"


def load(path: Path, limit: int) -> list[str]:
    texts = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            texts.append(f"{article.get('title') or ''}\n{article.get('content') or ''}")
            if len(texts) == limit:
                break
    return texts


def timed(label: str, function, texts: list[str], words: int, keep: bool = False):
    """CPU seconds (other processes on the machine barely move them) and words per second."""
    results = []
    start = time.process_time()
    for text in texts:
        result = function(text)
        if keep:
            results.append(result)
    seconds = time.process_time() - start
    print(f"{label:<34} {seconds:7.3f} s CPU  {words / seconds:>12,.0f} words/s")
    return results


def clear_caches() -> None:
    stem.cache_clear()
    word_term.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    options = parser.parse_args()

    start = time.perf_counter()
    lexicon_counts()
    print(f"lexicon load: {time.perf_counter() - start:.3f} s")

    texts = load(options.corpus, options.articles)
    words = sum(len(surface_words(text)) for text in texts)
    chars = sum(map(len, texts))
    print(f"{len(texts)} articles, {words:,} words, {chars:,} characters\n")

    clear_caches()
    ours = timed("analyze() cold cache", analyze, texts, words, keep=True)
    timed("analyze() warm cache", analyze, texts, words)
    timed("tokens() warm cache", tokens, texts, words)
    whoosh = ArabicAnalyzer()
    timed(
        "Whoosh ArabicAnalyzer (pos+chars)",
        lambda text: [t.text for t in whoosh(text, positions=True, chars=True)],
        texts,
        words,
    )
    lucene = timed("Lucene reference (no cache)", lucene_analyze, texts, words, keep=True)
    terms = sum(map(len, ours))
    print(f"\nterms kept: {terms:,} of {words:,} words ({terms / words:.0%}; rest stop words)")
    print(f"stem cache: {stem.cache_info()}")
    folded = {fold(w) for text in texts for w in surface_words(text)}
    print(
        f"distinct terms: ours {len({t for r in ours for t in r}):,}, "
        f"Lucene {len({t for r in lucene for t in r}):,} "
        f"(distinct folded words: {len(folded):,})"
    )


if __name__ == "__main__":
    main()
