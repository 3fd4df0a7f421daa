"""Regenerate ``data/people_given_cued.txt``: given names that news also writes as ordinary
or definite words (``خميس``, ``الهادي``, ``الطيب``), mined by their position.

``python -m archive.extraction.cued_given_mine [--exclude GOLD.json…] CORPUS.jsonl.gz…``
counts, per word, the articles where it opens a name after a title cue
(``people_mine.cued_runs``: ``رئيس الحكومة الحبيب الصيد``), the articles where it stands
right before a family name of a sure shape (a rare definite nisba or a mined family name:
``الحبيب الجملي``), how often it is written at all and how often before a listed given name
(then it is a title: ``الجنرال``). A word is kept when it opens a name after a title in
``MIN_ARTICLES`` articles and ``MIN_SHARE`` of its uses, stands before a sure family name in
``MIN_ARTICLES`` articles and ``FAMILY_SHARE`` of its uses, stands before a given name less
often, is no listed given name already, and no reading explains it as a word of the title (a
head noun, a role, a modifier, a definite adjective or a place's nisba, a word behind a
clitic, with a pronoun or with a frequent plural). Extraction reads a listed word as a given
name only right after a title (``name_words.looks_like_name``). The counts are taken with the
hand lists alone, as ``people_mine``'s; articles of the ``--exclude`` files (the entity gold
set) are skipped.
"""

from collections import Counter
from pathlib import Path

from arabic_text import frequency
from archive.extraction import cues, organizations, shapes
from archive.extraction import name_words as nw
from archive.extraction import people_mine as pm
from archive.extraction.document import Document
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.mining import arguments, corpus_texts, excluded_lines, write_list
from archive.extraction.names import ARTICLE, first_token_keys

OUTPUT = cues.PEOPLE_GIVEN_CUED_PATH
MIN_ARTICLES = 3
MIN_SHARE = 0.01
FAMILY_SHARE = 0.03


def _words(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


class Counts:
    """Per word: articles where it opens a name after a title, and where it stands before a
    sure family name; times it opens one, is written, stands before a given name."""

    def __init__(self):
        self.cued_articles: Counter[str] = Counter()
        self.cued_uses: Counter[str] = Counter()
        self.family_articles: Counter[str] = Counter()
        self.words: Counter[str] = Counter()
        self.before_given: Counter[str] = Counter()
        self.family = _words(cues.PEOPLE_FAMILY_PATH)

    def add(self, doc: Document, empty: Gazetteer) -> None:
        folded, listed = doc.folded, cues.given_names()
        runs = list(pm.cued_runs(doc, empty))
        opening = {k for k, _ in runs if not folded[k].startswith(ARTICLE)}
        self.words.update(folded)
        self.before_given.update(
            w
            for i, w in enumerate(folded[:-1])
            if doc.joined[i] and (folded[i + 1] in listed or i + 1 in opening)
        )
        self.cued_uses.update(folded[k] for k, _ in runs)
        self.cued_articles.update({folded[k] for k, _ in runs})
        self.family_articles.update(
            {w for i, w in enumerate(folded[:-1]) if doc.joined[i] and self._sure(folded[i + 1])}
        )

    def _sure(self, word: str) -> bool:
        return word in self.family or shapes.rare_family_name(word)


def count(texts) -> Counts:
    counts, empty = Counts(), Gazetteer([], [])
    for text in texts:
        counts.add(Document(text), empty)
    return counts


def plain_word_reading(word: str) -> bool:
    """A word of the title rather than a name: a head or a role (نادي, مدير), a modifier, a
    word behind a clitic (لجنة after ل), with a pronoun (رحمه) or a frequent plural (بلدية)."""
    heads = cues.head_nouns() | organizations.heads() | organizations.definite_heads()
    if word in cues.not_names() or word in cues.modifiers() or len(word) < 3:
        return True
    if not shapes.is_arabic_word(word) or first_token_keys(word) & (heads | cues.role_nouns()):
        return True
    if word.endswith(pm._PRONOUN_ENDINGS) or (
        word.endswith("ه") and frequency(word[:-1]) > frequency(word)
    ):
        return True
    if word.startswith(ARTICLE):
        return not pm.definite_shaped(word)
    if word[0] in "وبلف" and frequency(word[1:]) >= frequency(word):
        return True
    if shapes.has_particle_reading(word) or nw.verb_shaped(word):
        return True
    plural = word.endswith("ه") and frequency(word[:-1] + "ات") >= shapes.PLURAL_MIN
    return plural


def kept(c: Counts, n: int, share: float, family_share: float) -> list[str]:
    listed = cues.given_names() | _words(cues.PEOPLE_GIVEN_PATH)
    return sorted(
        w
        for w, articles in c.cued_articles.items()
        if articles >= n
        and w not in listed
        and c.cued_uses[w] >= share * c.words[w]
        and c.family_articles[w] >= max(n, family_share * c.words[w])
        and max(c.cued_uses[w], c.family_articles[w]) > c.before_given[w]
        and not plain_word_reading(w)
    )


def main(argv=None) -> None:
    parser = arguments(__doc__, min_articles=MIN_ARTICLES, min_share=MIN_SHARE)
    parser.add_argument("--family-share", type=float, default=FAMILY_SHARE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    cues.leave_out_mined_lists()
    c = count(corpus_texts(args.corpora, excluded_lines(args.exclude)))
    words = kept(c, args.min_articles, args.min_share, args.family_share)
    header = (
        "# Given names that are ordinary or definite words too, mined from news corpora by\n"
        "# python -m archive.extraction.cued_given_mine (see its docstring): opening a name\n"
        f"# after a title in >= {args.min_articles} articles and >= {args.min_share} of the\n"
        f"# word's uses, before a sure family name in >= {args.family_share} of them; the gold\n"
        "# set's articles left out. Read as a given name only right after a title.\n"
    )
    write_list(args.output, header, words)
    print(f"{len(words)} given names written")


if __name__ == "__main__":
    main()
