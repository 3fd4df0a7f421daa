"""People named without a title: full names that the news often writes after one.

A reader knows ``حسني مبارك`` or ``بان كي مون`` without a title before them because the news
names them so often, usually with one somewhere. ``data/people_names.txt`` holds that
knowledge: full names of two words or more that the cue-based detection found after a title
in many articles of the corpora, and that are seldom ordinary text (written by
``python -m archive.extraction.people_names_mine``). An occurrence of a listed name anywhere
in an article (proclitics allowed on its first word) is a person proposal like a cued one;
known names, organizations and places that overlap it win.
"""

from functools import cache
from pathlib import Path

from archive.extraction import cues, name_runs
from archive.extraction.candidates import FoundCandidate, one_lineage
from archive.extraction.document import Document, WordFilter
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.names import first_token_keys

NAMES_PATH = Path(__file__).resolve().parent / "data" / "people_names.txt"

# Distinct words whose listed openings a lexicon remembers; past this it starts again.
_MEMO_MAX = 500_000


class NameLexicon:
    """Full names (tuples of folded words), looked up by their first word: one look-up per
    word of a text, remembered per distinct word."""

    def __init__(self, names):
        by_first: dict[str, set[tuple[str, ...]]] = {}
        for words in names:
            if len(words) >= 2:
                by_first.setdefault(words[0], set()).add(tuple(words[1:]))
        # Longest first: the longest listed name wins where two start at one word.
        self._rests = {
            first: tuple(sorted(rests, key=lambda r: (-len(r), r)))
            for first, rests in by_first.items()
        }
        self._memo: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        self._size = sum(len(rests) for rests in self._rests.values())
        self._opening = WordFilter(self.openings)

    def __len__(self) -> int:
        return self._size

    def __contains__(self, key: str) -> bool:
        words = key.split()
        return tuple(words[1:]) in self._rests.get(words[0], ())

    def openings(self, folded: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(first word, rest of a name) of every listed name this word may open, its
        proclitics taken off (وبان → بان), longest first."""
        found = self._memo.get(folded)
        if found is None:
            keys = sorted(first_token_keys(folded), key=lambda k: (k != folded, -len(k), k))
            found = tuple(
                (key, rest) for key in keys if key in self._rests for rest in self._rests[key]
            )
            found = tuple(sorted(found, key=lambda item: -len(item[1])))
            if len(self._memo) >= _MEMO_MAX:
                self._memo.clear()
            self._memo[folded] = found
        return found

    def find(self, folded: list[str], joined: list[bool]):
        """(start, end, key) of every listed name in a text's folded words, left to right,
        the longest where names overlap; a name never spans punctuation."""
        found, i = [], 0
        # Most words open no listed name: the text's words are asked as a set.
        opening = self._opening(set(folded))
        if not opening:
            return found
        for start in [k for k, word in enumerate(folded) if word in opening]:
            if start < i:
                continue
            match = self.match_at(folded, joined, start)
            if match is None:
                i = start + 1
                continue
            found.append(match)
            i = match[1] + 1
        return found

    def match_at(self, folded: list[str], joined: list[bool], i: int):
        """The longest listed name starting at word ``i``: (start, end, key), or None."""
        for first, rest in self.openings(folded[i]):
            end = i + len(rest)
            if end < len(folded) and all(joined[i:end]) and tuple(folded[i + 1 : end + 1]) == rest:
                return i, end, " ".join((first, *rest))
        return None


def read_names(path: Path) -> list[tuple[str, ...]]:
    """The names of a list file (``#`` comments left out); none when there is no file."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")]


_USED = {"listed": True}


def leave_out_listed_names() -> None:
    """Extract without the list (what its miner does, so that it never feeds its own
    making); call before any extraction runs."""
    _USED["listed"] = False
    listed_names.cache_clear()


@cache
def listed_names() -> NameLexicon:
    """The lexicon of ``data/people_names.txt``."""
    return NameLexicon(read_names(NAMES_PATH) if _USED["listed"] else [])


def listed_people(doc: Document, hits, gazetteer: Gazetteer, taken: set[int], lexicon=None):
    """A proposal for each listed name the article writes where no other name stands, and
    the known hits that give way to them. A known name (``hits``) or an organization's words
    (``taken``) win; a one-word name that needs support gives way (``مون`` in ``بان كي مون``,
    ``حسني`` in ``حسني مبارك``). A name known or rejected already is not proposed."""
    lexicon = listed_names() if lexicon is None else lexicon
    found: list[FoundCandidate] = []
    if not len(lexicon):
        return found, hits
    blocked, kinds = set(taken), gazetteer.kinds
    for hit in hits:
        if hit.start != hit.end or not all(e.ambiguous for e in hit.entries):
            blocked.update(range(hit.start, hit.end + 1))
    people = {h.start for h in hits if any(kinds[e.entity_id] == "person" for e in h.entries)}
    seen = set()
    for start, end, key in lexicon.find(doc.folded, doc.joined):
        if key in seen or key in gazetteer.known_keys or key in gazetteer.rejected_keys:
            continue
        if any(i in blocked for i in range(start, end + 1)) or _in_longer_name(doc, start, end):
            continue
        if end + 1 in people and doc.joined[end]:
            continue  # عادل بن أحمد الجبير: the opening of a known person's longer name
        longer = name_runs.listed_end(doc, start, end, blocked, gazetteer)
        if longer is None:
            continue
        key = " ".join((key, *doc.folded[end + 1 : longer + 1]))
        end = longer
        if key in seen or key in gazetteer.known_keys or key in gazetteer.rejected_keys:
            continue
        seen.add(key)
        found.append(
            FoundCandidate(
                name=_display(doc, start, end, key.split(" ", 1)[0]),
                normalized=key,
                cue="",
                offset=doc.starts[start],
                tokens=tuple(range(start, end + 1)),
            )
        )
    inside = {i for c in found for i in c.tokens}
    return found, [h for h in hits if h.start not in inside]


def _in_longer_name(doc: Document, start: int, end: int) -> bool:
    """The name goes on before its first word: a given name or ``بن`` stands right before
    it (حافظ قايد السبسي, خالد بن محمد بن سلمان)."""
    before = start - 1
    if before < 0 or not doc.joined[before]:
        return False
    word = doc.folded[before]
    return word in cues.lineage_words() or bool(first_token_keys(word) & cues.given_names())


def tokens_of(found: list[FoundCandidate]) -> set[int]:
    return {i for c in found for i in c.tokens}


def joined(listed: list[FoundCandidate], others: list[FoundCandidate]) -> list[FoundCandidate]:
    """The listed people, then the others proposed under another name; one person per
    lineage among them (``candidates.one_lineage``)."""
    keys = {c.normalized for c in listed}
    people: list[FoundCandidate] = []
    for candidate in [*listed, *(c for c in others if c.normalized not in keys)]:
        people = one_lineage(people, candidate)
    return people


def _display(doc: Document, start: int, end: int, first: str) -> str:
    """The name as written, without the proclitics of its first word (وبان كي مون)."""
    surface, folded = doc.span(start, end), doc.folded[start]
    if first == folded or not folded.endswith(first):
        return surface
    letters, cut = len(folded) - len(first), 0
    while letters and cut < len(surface):
        letters -= surface[cut].isalpha()
        cut += 1
    while cut < len(surface) and not surface[cut].isalpha():
        cut += 1  # a diacritic on the proclitic
    return surface[cut:]
