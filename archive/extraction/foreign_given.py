"""Foreign given names mined from news (جون, جيسي, كيم, اندرياس): words that open a pair
with a plain transliteration (جيسي شاهين is not one, جيسي ويليامز is) often enough, before
enough different words, with a person's cue before the pair in some articles (a
nationality adjective, a verb of saying, a role: الأمريكي جون كيري), and that Arabic
morphology does not read (مدينة سان, جامعة هارفارد, يلعب: a noun with the article, a
verb, a word behind a prefix) unless the evidence is strong (ايثان, جوزيه). Written by
``python -m archive.extraction.foreign_mine --given``; ``foreign_people`` lets such a word
open a name."""

from collections import defaultdict

from arabic_text import frequency
from archive.extraction import cues, foreign, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document
from archive.extraction.foreign_people import PARTICLES, _arabic_noun
from archive.extraction.names import ARTICLE

# In this many articles at least the word opens a pair with a plain transliteration,
MIN_ARTICLES = 5
# before this many different words,
MIN_TAILS = 3
# in this share at least of the articles that write the word,
MIN_SHARE = 0.25
# with a person's cue before the pair in this many articles and this share of them.
MIN_CUED = 2
MIN_CUED_SHARE = 0.15
# Letters that read as Arabic this plainly (ضيف, عبدالحميد) make no foreign given name.
MIN_SCORE = -0.5
# A word Arabic also reads (الإيثان, جوزيه: جوز + يه) when it opens such a pair in this share
# of its articles and a cue stands before it in this share of those.
STRONG_SHARE = 0.5
# A plain transliteration: news writes it at most this often.
PLAIN_MAX = 2000


def mine_given(texts) -> list[str]:
    """The foreign given names of the ``texts``, sorted."""
    tails = defaultdict(set)
    pairs, cued, seen = defaultdict(int), defaultdict(int), defaultdict(int)
    for text in texts:
        doc = Document(text)
        opened, with_cue = set(), set()
        for k, word in enumerate(doc.folded[:-1]):
            if doc.joined[k] and _opener(doc, k) and _plain(doc.folded[k + 1]):
                opened.add(word)
                tails[word].add(doc.folded[k + 1])
                if k > 0 and doc.joined[k - 1] and _cue(doc.folded[k - 1]):
                    with_cue.add(word)
        for word in set(doc.folded):
            seen[word] += 1
        for word in opened:
            pairs[word] += 1
        for word in with_cue:
            cued[word] += 1
    return sorted(
        word
        for word, count in pairs.items()
        if count >= MIN_ARTICLES
        and len(tails[word]) >= MIN_TAILS
        and count >= MIN_SHARE * seen[word]
        and cued[word] >= max(MIN_CUED, MIN_CUED_SHARE * count)
        and foreign.score(word) >= MIN_SCORE
        and (not _arabic(word) or min(count / seen[word], cued[word] / count) >= STRONG_SHARE)
    )


def _opener(doc: Document, k: int) -> bool:
    word = doc.folded[k]
    return (
        not doc.stop[k]
        and word.isalpha()
        and not word.startswith((ARTICLE, "و"))
        and word not in PARTICLES  # رونالدو ديل كارمن: inside a name
    )


_PLAIN: dict[str, bool] = {}


def _plain(word: str) -> bool:
    known = _PLAIN.get(word)
    if known is None:
        known = _PLAIN[word] = (
            len(word) >= 3
            and word.isalpha()
            and not word.startswith(ARTICLE)
            and frequency(word) <= PLAIN_MAX
            and foreign.score(word) >= foreign.THRESHOLD
        )
    return known


_CUE: dict[str, bool] = {}


def _cue(word: str) -> bool:
    known = _CUE.get(word)
    if known is None:
        known = _CUE[word] = bool(
            cues.is_nationality_adjective(word) or nw.speech_verb(word) or word in cues.role_nouns()
        )
    return known


def _arabic(word: str) -> bool:
    """A word Arabic morphology reads: a noun news writes with the article, a verb, an
    inflection, a word behind a prefix or a clitic, a word that is never a name."""
    return (
        _arabic_noun(word)
        or nw.verb_shaped(word)
        or shapes.inflected_ending(word)
        or shapes.has_prefix_reading(word)
        or shapes.has_clitic_reading(word)
        or word in cues.not_names()
    )
