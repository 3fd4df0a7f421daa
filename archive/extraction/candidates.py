"""Propose unknown people introduced by a title cue, for editors to accept or reject.

``وزير الخارجية الروسي سيرغي لافروف``, ``السفير الروسي لدى بغداد إيلبروس
كوتراشيف``: a title, maybe a nationality, then two or three name-shaped words
that are not a known entity. A run is proposed only when it looks like a
name (a common given name, a Russian surname ending, a family nisba), so
``وزير الخارجية العراقي لترؤس وفد`` proposes nothing.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from archive.extraction import cues
from archive.extraction.document import Document, cue_start, may_follow_cue
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.names import ARTICLE, first_token_keys

MAX_NAME_WORDS = 4


@dataclass(slots=True)
class FoundCandidate:
    """A name no list holds (after a title cue, or an organization's shape): a proposal."""

    name: str
    normalized: str
    cue: str
    offset: int
    kind: str = "person"
    count: int = 1
    forms: list[str] = field(default_factory=list)
    tokens: tuple[int, ...] = ()  # where the name was first found


def find_candidates(doc: Document, hits, gazetteer: Gazetteer) -> list[FoundCandidate]:
    """Names after a title cue that no known alias covers.

    A one-word place is no obstacle past the name's first word: مايكل فلين is a name
    whatever town is called لين.
    """
    kinds = gazetteer.kinds
    covered = {
        i
        for hit in hits
        if hit.start != hit.end or any(kinds[e.entity_id] != "place" for e in hit.entries)
        for i in range(hit.start, hit.end + 1)
    }
    starts = {hit.start for hit in hits}
    found, seen = [], set()
    for k in range(1, len(doc)):
        # Cheap checks first (most words are ruled out by the word before them); the
        # title cue itself is looked for only before a name.
        if k in covered or k in starts or doc.stop[k] or not _may_start_name(doc.folded[k]):
            continue
        if not may_follow_cue(doc, k):
            continue
        end = _name_end(doc, k, covered, gazetteer)
        if end is None or not _looks_like_name(doc.folded[k : end + 1], gazetteer):
            continue
        normalized = " ".join(doc.folded[k : end + 1])
        if normalized in gazetteer.known_keys or normalized in seen:
            continue
        if normalized in gazetteer.rejected_keys:
            continue
        start = cue_start(doc, k)
        if start is None:
            continue
        seen.add(normalized)
        found.append(
            FoundCandidate(
                name=doc.span(k, end),
                normalized=normalized,
                cue=doc.span(start, k - 1),
                offset=doc.starts[k],
                tokens=tuple(range(k, end + 1)),
            )
        )
    return found


@lru_cache(maxsize=100_000)
def _may_start_name(folded: str) -> bool:
    """A given name is never definite nor a title, even behind a clitic (للرئيس, بالوفد)."""
    if len(folded) < 2 or not folded.isalpha():
        return False
    keys = first_token_keys(folded)
    return not any(key.startswith(ARTICLE) or key in cues.not_names() for key in keys)


def _may_continue_name(folded: str, gazetteer: Gazetteer) -> bool:
    if len(folded) < 2 or not folded.isalpha():
        return False
    if folded in cues.not_names() or folded in gazetteer.nationality_adjectives:
        return False
    # الكاظمي may be a family name; للفيفا (li + al-FIFA) may not.
    return folded.startswith(ARTICLE) or not any(
        key.startswith(ARTICLE) for key in first_token_keys(folded)
    )


def _name_end(doc: Document, k: int, covered: set[int], gazetteer: Gazetteer) -> int | None:
    """Last token of the name run starting at ``k``: two words, more after عبد/أبو/بن."""
    least = 3 if doc.folded[k] in cues.compound_given_heads() else 2
    end = k
    while end + 1 < len(doc) and end - k + 1 < MAX_NAME_WORDS:
        nxt = end + 1
        if not doc.joined[end] or nxt in covered:
            break
        if not _may_continue_name(doc.folded[nxt], gazetteer):
            break
        end = nxt
        if end - k + 1 >= least and not _name_goes_on(doc, end):
            break
    if end - k + 1 < least or doc.folded[end] in cues.name_joiners():
        return None
    return end


def _name_goes_on(doc: Document, end: int) -> bool:
    """After عبد / بن the name needs another word; before الدين / الله it has one."""
    if doc.folded[end] in cues.name_joiners():
        return True
    nxt = end + 1
    return nxt < len(doc) and doc.joined[end] and doc.folded[nxt] in cues.compound_tails()


def _looks_like_name(words: list[str], gazetteer: Gazetteer) -> bool:
    first, last = words[0], words[-1]
    if first in cues.given_names() or first in gazetteer.person_given_names:
        return True
    russian = last.endswith(cues.russian_surname_endings())
    if russian and len(last) >= 5 and not last.startswith(("و", ARTICLE)):
        return True
    # Family nisba: الكاظمي, الجعفري.
    return last.startswith(ARTICLE) and last.endswith("ي") and len(last) >= 5
