"""Regenerate ``data/people_names.txt``: full names the news writes after a title.

``python -m archive.extraction.people_names_mine [--exclude GOLD.json…] -- CORPUS.jsonl.gz…``
reads every title and text of the corpora twice (the articles of the ``--exclude`` files, the
entity gold set, left out). First it runs the people detection (``candidates``, with no known
names) and counts, per full name (its folded words, two or more), the distinct articles where
a title cue stands before it (``الرئيس الباكستاني نواز شريف``). Then, for the names cued in
``MIN_ARTICLES`` articles or more, it counts the articles that write the name at all
(``people_names.NameLexicon``, proclitics allowed on the first word, as extraction finds it).
A name is kept when a title stands before it in ``MIN_SHARE`` of those articles at least (a
sequence of ordinary words that a title sometimes precedes is written far more often alone)
and it is shaped like a name: no verb or word behind a proclitic opens it (``جدد خلاله``,
``بتأمين طائرات``), and one of its words is a name's or all are seldom words.

Deterministic (sorted output, no sampling); it uses the mined given and family names
(``people_mine``), so run that miner first. The whole corpora take a few minutes::

    python -m archive.extraction.people_mine --exclude bench/entities/gold/*.json -- CORPORA…
    python -m archive.extraction.people_names_mine --exclude bench/entities/gold/*.json -- CORPORA…
"""

from collections import Counter
from pathlib import Path

from archive.extraction import candidates, cues, organizations, people_names, shapes
from archive.extraction import name_runs as runs
from archive.extraction import name_words as nw
from archive.extraction.document import Document, cue_start, may_follow_cue
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.mining import arguments, corpus_texts, excluded_lines, write_list
from archive.extraction.names import first_token_keys

OUTPUT = people_names.NAMES_PATH
MIN_ARTICLES = 5
MIN_SHARE = 0.3
# Words of a title's complement between it and the name (للأمم المتحدة).
MAX_TITLE_GAP = 3
# A name one word longer than a listed name is kept when written so this often at least.
RUN_ON_SHARE = 0.2


def cued_names(doc: Document, empty: Gazetteer) -> set[str]:
    """Keys of the runs of name words (``candidates``) that a title stands before in one
    text, whatever their shape (``الرئيس المصري الأسبق حسني مبارك``), also across the title's
    complement (``الأمين العام للأمم المتحدة بان كي مون``). A run of ordinary words after a
    title (``رئيس الوزراء يستنكر الهجوم``) is left to the share of ``kept``."""
    found, folded, k = set(), doc.folded, 1
    while k < len(doc):
        if doc.stop[k] or not _may_open(folded[k]) or _title_gap(doc, k) is None:
            k += 1
            continue
        end = runs.name_end(doc, k, set(), empty)
        if end is None:
            k += 1
            continue
        if _name_words(folded[k : end + 1]):
            found.add(" ".join(folded[k : end + 1]))
        k = end + 1
    return found


def _title_gap(doc: Document, k: int) -> int | None:
    """How many words stand between word ``k`` and a title cue before it (at most
    ``MAX_TITLE_GAP``, none of them a stop word), or None when there is no such cue."""
    for gap in range(MAX_TITLE_GAP + 1):
        m = k - gap
        if m < 1 or (gap and (not doc.joined[m] or doc.stop[m])):
            return None
        if may_follow_cue(doc, m) and cue_start(doc, m) is not None:
            return gap
    return None


# A noun with its pronoun (سيارته "his car"): never a name's first word.
_PRONOUN_ENDINGS = ("ته", "تها", "ها", "هم", "هما", "كم")


def _may_open(word: str) -> bool:
    """A name's first word as ``candidates`` says (never definite nor a title word) and
    no noun with its pronoun."""
    return candidates.may_start_name(word) and not word.endswith(_PRONOUN_ENDINGS)


def _name_words(words: list[str]) -> bool:
    """No word of a name is a role, a title word or an organization's head (عضو مجلس)."""
    barred = cues.role_nouns() | cues.not_names() | organizations.heads()
    return not any(first_token_keys(w) & barred for w in words)


def count_cued(texts) -> Counter[str]:
    """Per name key: the articles where a title cue stands before it."""
    counts, empty = Counter(), Gazetteer([], [])
    for text in texts:
        counts.update(cued_names(Document(text), empty))
    return counts


def count_written(texts, lexicon: people_names.NameLexicon) -> Counter[str]:
    """Per listed name key: the articles that write it, with a title or without."""
    counts = Counter()
    for text in texts:
        doc = Document(text)
        counts.update({key for _start, _end, key in lexicon.find(doc.folded, doc.joined)})
    return counts


def kept(cued: Counter[str], written: Counter[str], share: float) -> list[str]:
    """Names cued in ``share`` of the articles that write them at all, less the run-ons: a
    listed name and one word more (``محمد مرسي المنتمي``, ``ركن نبيل العايد``) that is
    written far less often than the name alone."""
    names = {
        key
        for key, count in cued.items()
        if count >= share * written[key] and not _behind_particle(key) and _name_shaped(key)
    }
    return sorted(key for key in names if not _run_on(key, names, written))


def _behind_particle(key: str) -> bool:
    """A word after the first read as a preposition and a word (خالد بحائل, "Khalid in
    Hail"): the title's sentence, not a name."""
    return any(shapes.has_particle_reading(word) for word in key.split()[1:])


def _name_shaped(key: str) -> bool:
    """A name opens with no verb and no word behind a proclitic (بتأمين طائرات, جدد خلاله),
    and one of its words is a name's (a mined given or family name, a transliteration) or
    every word is as seldom as a name's after a title (حسني مبارك)."""
    words = key.split()
    first = words[0]
    if nw.verb_shaped(first) or any(
        reading(first)
        for reading in (
            shapes.has_particle_reading,
            shapes.has_prefix_reading,
            shapes.has_clitic_reading,
        )
    ):
        return False
    return any(_name_evidence(w) for w in words) or all(nw.seldom_word(w) for w in words)


def _name_evidence(word: str) -> bool:
    return (
        word in cues.given_names()
        or word in cues.family_names()
        or shapes.given_name_key(word) is not None
        or shapes.rare_family_name(word)
        or nw.transliterated(word)
    )


def _run_on(key: str, names: set[str], written: Counter[str]) -> bool:
    """A listed name with one word more at either end (a title word before it: ركن),
    written far less often than the name alone."""
    for shorter in (key.rsplit(" ", 1)[0], key.split(" ", 1)[1]):
        if " " in shorter and shorter in names:
            if written[key] < RUN_ON_SHARE * (written[key] + written[shorter]):
                return True
    return False


def _write(path: Path, names: list[str], n: int, share: float) -> None:
    header = (
        "# Full names of people mined from news corpora by python -m\n"
        "# archive.extraction.people_names_mine (see its docstring): found after a title cue\n"
        f"# in >= {n} articles and in >= {share} of the articles that write the name; the gold\n"
        "# set's articles left out. Folded words, one name a line.\n"
    )
    write_list(path, header, names)


def main(argv=None) -> None:
    parser = arguments(__doc__, min_articles=MIN_ARTICLES, min_share=MIN_SHARE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--counts", type=Path, help="also write every cued name's counts (TSV)")
    args = parser.parse_args(argv)
    people_names.leave_out_listed_names()
    skip = excluded_lines(args.exclude)
    cued = count_cued(corpus_texts(args.corpora, skip))
    cued = Counter({key: n for key, n in cued.items() if n >= args.min_articles})
    lexicon = people_names.NameLexicon(key.split() for key in cued)
    written = count_written(corpus_texts(args.corpora, skip), lexicon)
    names = kept(cued, written, args.min_share)
    if args.counts:
        rows = sorted(cued.items(), key=lambda item: (-item[1], item[0]))
        lines = [f"{key}\t{n}\t{written[key]}\n" for key, n in rows]
        args.counts.write_text("name\tcued\twritten\n" + "".join(lines), encoding="utf-8")
    _write(args.output, names, args.min_articles, args.min_share)
    print(f"{len(names)} names written ({len(cued)} cued in {args.min_articles} articles or more)")


if __name__ == "__main__":
    main()
