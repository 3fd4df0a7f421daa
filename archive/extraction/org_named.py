"""Regenerate ``data/org_named.txt``: names an organization's head introduces elsewhere in the
corpora that an article may write without it (``فجر ليبيا`` after ``قوات``, ``آفاق تونس``
after ``حزب``).

``python -m archive.extraction.org_named [--exclude GOLD.json…] CORPUS.jsonl.gz…`` reads every
title and text twice. First it collects the words after a head (``org_words.HEADS`` and the
heads of armed groups, ``MINING_HEADS``) up to a punctuation mark, a stop word or a word that
ends a name, three words at most, whole (a name, not the sentence running on). It keeps the
name when it is shaped like a proper one: two words or more, the first with no article, no
proclitic, no given name and no head or place noun, the last one that hardly ever takes the
article (a proper noun: ليبيا, تونس, ستانلي). Then it counts every occurrence of those names:
a name is kept when a head introduces it in ``MIN_ARTICLES`` articles at least, the corpora
also write it ``MIN_BARE`` times without a head, and a head stands before ``MIN_SHARE`` of its
occurrences at least (an ordinary phrase is seldom introduced so). Articles of the
``--exclude`` files (the entity gold set) are skipped.
"""

from collections import Counter
from pathlib import Path

from archive.extraction import cues, org_words
from archive.extraction.document import Document
from archive.extraction.mining import arguments, corpus_texts, excluded_lines, write_list
from archive.extraction.name_words import inflected_word, verb_shaped
from archive.extraction.names import first_token_keys
from archive.extraction.org_foreign import foreign_like
from archive.extraction.org_spans import definite, joined, name_ends, prefixed, word_keys

NAMED_PATH = Path(__file__).resolve().parent / "data" / "org_named.txt"
MIN_ARTICLES = 5
MIN_BARE = 3
MIN_SHARE = 0.15
MAX_WORDS = 3
MINING_HEADS = "تنظيم ميليشيات مليشيات ميليشيا مليشيا مجموعة ألوية لواء".split()


def _heads() -> frozenset[str]:
    return word_keys(tuple(org_words.HEADS + MINING_HEADS))


def headed_names(doc: Document, heads: frozenset[str]) -> dict[int, tuple[str, ...]]:
    """Start index → the whole name after each head of ``doc`` (its folded words)."""
    found, n, ends = {}, len(doc), name_ends()
    for i in range(n - 1):
        if not first_token_keys(doc.folded[i]) & heads or not joined(doc, i):
            continue
        k, closed = i + 1, False
        while k < n and k - i <= MAX_WORDS:
            if doc.stop[k] or doc.folded[k] in ends or not doc.folded[k].isalpha():
                closed = True  # a word no name takes
                break
            k += 1
            if k == n or not joined(doc, k - 1):
                closed = True  # a punctuation mark or the end of the line
                break
        if closed and k - i - 1 >= 2:
            found[i + 1] = tuple(doc.folded[i + 1 : k])
    return found


def _shaped(name: tuple[str, ...]) -> bool:
    """A proper name: an indefinite first word that is no given name, head or place noun,
    and a last word that hardly ever takes the article."""
    first, last = name[0], name[-1]
    return (
        len(name) >= 2
        and not definite(first)
        and not prefixed(first)
        and not first.endswith(("ي", "يه"))  # جماعة إرهابية: an adjective
        and first not in cues.given_names() | cues.lineage_words()
        and not any(word in cues.place_words() for word in name)  # طوارئ منطقة عسير
        and first not in word_keys(tuple(org_words.HEADS + MINING_HEADS))
        and not any(verb_shaped(word) or inflected_word(word) for word in name)
        and not any(prefixed(word) or word.startswith("لل") for word in name[1:])
        and foreign_like(last)
    )


def mine(paths, skip) -> dict[str, tuple[int, int, int]]:
    """Each name kept → (articles a head introduces it in, its occurrences, those after a
    head)."""
    heads = _heads()
    articles: Counter[tuple[str, ...]] = Counter()
    for text in corpus_texts(paths, skip):
        articles.update({n for n in headed_names(Document(text), heads).values() if _shaped(n)})
    wanted = {name for name, count in articles.items() if count >= MIN_ARTICLES}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in wanted:
        by_first.setdefault(name[0], []).append(name)
    total, headed = Counter(), Counter()
    for text in corpus_texts(paths, skip):
        doc = Document(text)
        introduced = headed_names(doc, heads)
        for i, word in enumerate(doc.folded):
            for name in by_first.get(word, ()):
                end = i + len(name) - 1
                if tuple(doc.folded[i : end + 1]) == name and doc.linked(i, end):
                    total[name] += 1
                    headed[name] += introduced.get(i) == name
    return {
        " ".join(name): (articles[name], total[name], headed[name])
        for name in wanted
        if total[name] - headed[name] >= MIN_BARE and headed[name] >= MIN_SHARE * total[name]
    }


def main(argv=None) -> None:
    parser = arguments(__doc__)
    parser.add_argument("--output", type=Path, default=NAMED_PATH)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    found = mine(args.corpora, excluded_lines(args.exclude))
    names = sorted(found)
    if args.verbose:
        for name in names:
            print(*found[name], name)
    header = (
        "# Organizations' names a head introduces, written also without it, mined from news\n"
        "# corpora by python -m archive.extraction.org_named (see its docstring).\n"
    )
    write_list(args.output, header, names)
    print(f"{len(names)} names written to {args.output}")


if __name__ == "__main__":
    main()
