"""Regenerate ``data/people_given.txt`` and ``data/people_family.txt`` from news corpora.

``python -m archive.extraction.people_mine [--exclude GOLD.json…] CORPUS.jsonl.gz…`` reads
every title and text and, wherever a title cue (``cues``, ``document.cue_start``) stands
before a name of two words or more (``الرئيس الفرنسي إيمانويل ماكرون``), counts the name's
first word as a given name and its last word as a family name. A word is kept when it is
written so in at least ``MIN_ARTICLES`` distinct articles and in at least ``MIN_SHARE`` of
all its occurrences in the corpora: an ordinary word that sometimes starts a name after a
title (``مجلس``, ``عام``) is written far more often elsewhere. A transliterated given name
(``ديلان``, ``برنارد``) is seldom an ordinary word: ``FOREIGN_MIN_ARTICLES`` suffice. A
definite first word (``الهادي``, ``المنصف`` in Maghrebi news) must open a name in
``DEFINITE_SHARE`` of its uses, be no adjective of a place (``الباكستاني``) or with a
plural (``المعتقل``), follow a title rather than a noun of standing (``اللاعب الأوروغوياني
لويس سواريز``: a nationality) and stand before a given name (a listed one, or a word that
opens a cued name itself) less often than it opens a name (a title does: ``الجنرال``).
A noun of standing (``الناشطة``, ``المحامي``) is a cue like a title. Articles of the
``--exclude`` files (the entity gold set) are skipped.
"""

from collections import Counter
from pathlib import Path

from arabic_text import frequency
from archive.extraction import (
    candidates,
    cues,
    name_runs,
    name_words,
    organizations,
    shapes,
    titles,
)
from archive.extraction import people_lineage as lineage
from archive.extraction.document import Document, may_follow_cue
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.mining import arguments, corpus_texts, excluded_lines, write_list
from archive.extraction.names import ARTICLE

GIVEN_PATH = cues.PEOPLE_GIVEN_PATH
FAMILY_PATH = cues.PEOPLE_FAMILY_PATH
MIN_ARTICLES = 5
MIN_SHARE = 0.03
FOREIGN_MIN_ARTICLES = 3
DEFINITE_SHARE = 0.1
# A nisba of a place: its stem (باكستان, لندن), or the stem with ا or يا, is this frequent.
PLACE_STEM_MIN = 50
# A word behind ل is a noun when its definite form is this many times as frequent.
CLITIC_RATIO = 5


class Counts:
    """Per word: articles where it opens (or closes) a cued name, times it is so written,
    times it is written at all."""

    def __init__(self):
        self.given_articles: Counter[str] = Counter()
        self.given_uses: Counter[str] = Counter()
        self.family_articles: Counter[str] = Counter()
        self.family_uses: Counter[str] = Counter()
        self.words: Counter[str] = Counter()
        self.before_given: Counter[str] = Counter()
        self.lineage = lineage.LineageCounts()

    def add(self, doc: Document, empty: Gazetteer) -> None:
        folded, listed = doc.folded, cues.given_names()
        runs = list(cued_runs(doc, empty))
        # A word before a given name: a listed one, or a word that opens a cued name itself
        # (اللاعب الأوروغوياني لويس سواريز: the adjective, then the name).
        opening = {k for k, _ in runs if not folded[k].startswith(ARTICLE)}
        self.words.update(folded)
        self.lineage.add(doc)
        self.before_given.update(
            w
            for i, w in enumerate(folded[:-1])
            if doc.joined[i] and (folded[i + 1] in listed or i + 1 in opening)
        )
        given, family = set(), set()
        for k, end in runs:
            first, last = folded[k], folded[end]
            self.given_uses[first] += 1
            given.add(first)
            if _name_shaped(first) and candidates.may_start_name(first):  # رئيس مجلس الشورى
                self.family_uses[last] += 1
                family.add(last)
        self.given_articles.update(given)
        self.family_articles.update(family)


def cued_names(doc: Document, empty: Gazetteer):
    """(first word, last word) of every run of name words after a title cue."""
    for k, end in cued_runs(doc, empty):
        yield doc.folded[k], doc.folded[end]


def cued_runs(doc: Document, empty: Gazetteer):
    """(first token, last token) of every run of name words after a title cue; a definite
    first word (``رئيس الحكومة الحبيب الصيد``) gives its run, then the run after it is read
    as before (extraction opens no name with it unless it is listed)."""
    folded, k = doc.folded, 1
    while k < len(doc):
        definite = not candidates.may_start_name(folded[k])
        if doc.stop[k] or not (not definite or _may_open_definite(doc, k)):
            k += 1
            continue
        if not may_follow_cue(doc, k):
            k += 1
            continue
        end = name_runs.name_end(doc, k, set(), empty)
        start = titles.title_start(doc, k) if end is not None else None
        if start is None or (definite and folded[start] in cues.standing_nouns()):
            k += 1  # اللاعب الأوروغوياني لويس سواريز: a nationality, not a definite name
            continue
        if not all(name_words.carries_name(w) for w in folded[k + 1 : end + 1]):
            k = k + 1 if definite else end + 1  # رئيس الوزراء يستنكر الهجوم: no name
            continue
        yield k, end
        k = k + 1 if definite else end + 1


def _may_open_definite(doc: Document, k: int) -> bool:
    """A definite word of a name's shape that stands before no listed given name here."""
    nxt = doc.folded[k + 1] if k + 1 < len(doc) else ""
    return definite_shaped(doc.folded[k]) and nxt not in cues.given_names()


def definite_shaped(word: str) -> bool:
    """No modifier, title, adjective with a plural or adjective of a place."""
    return (
        word.startswith(ARTICLE)
        and len(word) >= 5
        and word not in cues.modifiers()
        and word not in cues.not_names()
        and (word,) not in cues.cue_phrases()
        and word not in organizations.definite_heads()
        and not shapes.is_definite_adjective(word)
        and not _place_nisba(word)
        and shapes.is_arabic_word(word)
        and not word.endswith(_PRONOUN_ENDINGS)
    )


def _place_nisba(word: str) -> bool:
    """الباكستاني, اللندني, الاسترالي: the adjective of a place news names often."""
    if not word.endswith(("ي", "يه")):
        return False
    stem = word[2:].removesuffix("ه").removesuffix("ي")
    return max(frequency(stem + end) for end in ("", "ا", "يا")) >= PLACE_STEM_MIN


def kept_definite(c: "Counts", n: int) -> list[str]:
    """Definite words that open a cued name in ``DEFINITE_SHARE`` of their uses, and more
    often than they stand before a listed given name."""
    return sorted(
        w
        for w, count in c.given_articles.items()
        if w.startswith(ARTICLE)
        and count >= n
        and c.given_uses[w] >= DEFINITE_SHARE * c.words[w]
        and c.given_uses[w] > c.before_given[w] + c.before_given[_masculine(w)]
        and definite_shaped(w)
    )


def _masculine(word: str) -> str:
    """الاستاذه → الاستاذ: a feminine title is a title too."""
    return word[:-1] if word.endswith("ه") else ""


def kept_foreign(c: "Counts", share: float) -> list[str]:
    """Transliterated given names in ``FOREIGN_MIN_ARTICLES`` articles (ديلان, برنارد)."""
    return sorted(
        w
        for w, count in c.given_articles.items()
        if count >= FOREIGN_MIN_ARTICLES
        and c.given_uses[w] >= share * c.words[w]
        and c.given_uses[w] > c.before_given[w]  # no place: رئيسة وزراء نيوزيلندا جون كي
        and not w.startswith(ARTICLE)
        and name_words.transliterated(w)
        and not name_words.verb_shaped(w)
        and _name_shaped(w)
    )


def kept(articles: Counter[str], uses: Counter[str], words: Counter[str], n: int, share: float):
    """Words named so in ``n`` articles and in ``share`` of their occurrences, that no
    reading as an ordinary word explains (``shapes``: a frequent definite form, a
    preposition, a verb's prefix or a conjunction before a frequent word)."""
    return sorted(
        w
        for w, count in articles.items()
        if count >= n and uses[w] >= share * words[w] and _name_shaped(w)
    )


# A pronoun after a noun (ولايته "his term"): never a name's ending.
_PRONOUN_ENDINGS = ("ته", "تها", "ها", "هم", "هما", "كم")


def _name_shaped(word: str) -> bool:
    return (
        len(word) >= 2
        and shapes.is_arabic_word(word)  # next, previous: a page's links, not a name
        and not word.endswith(_PRONOUN_ENDINGS)
        and not shapes.is_common_word(word)
        and not shapes.has_particle_reading(word)
        and not shapes.has_prefix_reading(word)
        and not shapes.has_clitic_reading(word)
        and not _inflected_reading(word)
    )


def _inflected_reading(word: str) -> bool:
    """An accusative noun (قرارا, اتصالا: the word without its alif is as frequent), a noun
    with the pronoun ه (برنامجه), a noun behind ل (لأبحاث) or a verb of three letters with
    its prefix (يكلف, ينفي), not a name (رضا, ياسر, أسامة)."""
    if word.endswith(("ا", "ه")) and frequency(word[:-1]) >= frequency(word):
        return True
    if word.startswith("ل") and frequency(ARTICLE + word[1:]) >= CLITIC_RATIO * (
        frequency(word) + 1
    ):
        return True  # لأبحاث, لصوامع: a preposition before a noun
    return len(word) == 4 and word[0] == "ي" and frequency(word[1:]) >= frequency(word)


def mine(texts) -> Counts:
    counts, empty = Counts(), Gazetteer([], [])
    for text in texts:
        counts.add(Document(text), empty)
    return counts


def _write(path: Path, words: list[str], what: str, n: int, share: float) -> None:
    header = (
        f"# {what} mined from news corpora by python -m archive.extraction.people_mine\n"
        f"# (see its docstring): written so after a title cue in >= {n} articles and in\n"
        f"# >= {share} of the word's occurrences; the gold set's articles left out.\n"
    )
    write_list(path, header, words)


def main(argv=None) -> None:
    parser = arguments(__doc__, min_articles=MIN_ARTICLES, min_share=MIN_SHARE)
    parser.add_argument("--given-output", type=Path, default=GIVEN_PATH)
    parser.add_argument("--family-output", type=Path, default=FAMILY_PATH)
    args = parser.parse_args(argv)
    cues.leave_out_mined_lists()
    c = mine(corpus_texts(args.corpora, excluded_lines(args.exclude)))
    n, share = args.min_articles, args.min_share
    given = sorted(
        {
            w
            for w in kept(c.given_articles, c.given_uses, c.words, n, share)
            if candidates.may_start_name(w)
        }
        | set(kept_definite(c, n))
        | set(kept_foreign(c, share))
        | set(lineage.kept(c.lineage, c.words, _name_shaped))
    )
    family = [
        w
        for w in kept(c.family_articles, c.family_uses, c.words, n, share)
        if w not in set(given) or w.startswith(ARTICLE)
    ]
    _write(
        args.given_output, given, "Given names (the first word of a name after a title)", n, share
    )
    _write(
        args.family_output, family, "Family names (the last word of a name after a title)", n, share
    )
    print(f"{len(given)} given names, {len(family)} family names written")


if __name__ == "__main__":
    main()
