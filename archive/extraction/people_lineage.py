"""Given names mined from lineages: in ``مساعد بن محمد العيبان`` and ``نوف بنت عبدالله``
the words on either side of ``بن``/``بنت`` are a person's given name and their father's.

``people_mine`` counts, per word, the distinct articles where it stands right before or
right after a lineage word (whitespace only between them) and how often it is so written.
A word is kept when it is so written in ``MIN_ARTICLES`` articles, in ``MIN_SHARE`` of its
occurrences in the corpora, and in both places at least once: a town (``بن قردان``) or a
family (``بن لادن``) only ever follows the lineage word, a club before a town (``سبورتنغ
بن عروس``) only ever precedes it. A word that is an ordinary word
too (``مساعد`` "assistant", ``تركي`` "Turkish") needs ``COMMON_SHARE`` of its uses in a
lineage; extraction then treats it as a name that needs support (``shapes.given_name_key``
leaves such a word out). ``ابن`` is left out: ``ابن عم`` ("cousin") is no lineage.
"""

from collections import Counter

from arabic_text import frequency
from archive.extraction import candidates, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document

MIN_ARTICLES = 5
MIN_SHARE = 0.2
COMMON_SHARE = 0.25
LINEAGE = frozenset({"بن", "بنت"})


class LineageCounts:
    """Per word: articles and uses before and after a lineage word."""

    def __init__(self):
        self.before_articles: Counter[str] = Counter()
        self.after_articles: Counter[str] = Counter()
        self.articles: Counter[str] = Counter()
        self.uses: Counter[str] = Counter()

    def add(self, doc: Document) -> None:
        folded, joined = doc.folded, doc.joined
        before, after = set(), set()
        for i in range(1, len(folded) - 1):
            if folded[i] in LINEAGE and joined[i - 1] and joined[i]:
                before.add(folded[i - 1])
                after.add(folded[i + 1])
                self.uses[folded[i - 1]] += 1
                self.uses[folded[i + 1]] += 1
        self.before_articles.update(before)
        self.after_articles.update(after)
        self.articles.update(before | after)


def kept(c: LineageCounts, words: Counter[str], name_shaped) -> list[str]:
    """Words a lineage surrounds often enough (see the module's docstring)."""
    return sorted(
        w
        for w in c.before_articles
        if c.articles[w] >= MIN_ARTICLES
        and c.after_articles[w] >= 1
        and _lineage_share(c, words, w, name_shaped)
        and candidates.may_start_name(w)
        and not nw.transliterated(w)
        and not _conjunction_reading(w)
    )


def _lineage_share(c: LineageCounts, words: Counter[str], w: str, name_shaped) -> bool:
    """A name's share of uses; an ordinary word too must be a name more often."""
    if name_shaped(w):
        return c.uses[w] >= MIN_SHARE * words[w]
    return (
        shapes.is_common_word(w)
        and len(w) > 2
        and shapes.is_arabic_word(w)
        and not shapes.has_particle_reading(w)
        and not shapes.has_prefix_reading(w)
        and not shapes.has_clitic_reading(w)
        and c.uses[w] >= COMMON_SHARE * words[w]
    )


def _conjunction_reading(word: str) -> bool:
    """ومركزات, ولفظ: و before a word that news writes more often alone."""
    return word.startswith("و") and frequency(word[1:]) >= frequency(word)
