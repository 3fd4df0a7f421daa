"""A family name alone where the grammar makes it a person (``surnames``'s other contexts).

News names a leader by his family name alone, with no full name and no title, in a few
constructions: the possessor of a noun of followers or forces (قوات صالح, أنصار صالح,
ميليشيات صالح, فلول الأسد), after an epithet (المخلوع صالح), and coordinated with a person
or a group the article names (الحوثيين وصالح, صالح والحوثي). There a word that ends the full
name of a known person is that person even when it is an ordinary word or a given name too
(صالح "valid"); elsewhere it needs what ``surnames.supported`` asks.
"""

from functools import cache

from archive.extraction import cues
from archive.extraction.names import name_tokens
from archive.extraction.org_words import LEADER_HEADS

# Nouns whose possessor is the leader the followers or forces belong to.
_FOLLOWERS = """
قوات أنصار ميليشيا ميليشيات مليشيا مليشيات فلول أتباع مؤيدي موالي الموالين جماعة
كتائب عناصر مسلحي
""".split()
# Epithets written before the name of a deposed or late leader (المخلوع صالح).
_EPITHETS = "المخلوع المعزول الراحل".split()
# The conjunction that coordinates two names.
AND = "و"


@cache
def followers() -> frozenset[str]:
    return frozenset(name_tokens(word)[0] for word in _FOLLOWERS)


@cache
def heads() -> frozenset[str]:
    """The nouns of followers, the governments (``LEADER_HEADS``) and the epithets."""
    words = [*_FOLLOWERS, *LEADER_HEADS, *_EPITHETS]
    return frozenset(name_tokens(word)[0] for word in words)


@cache
def head_forms() -> frozenset[str]:
    """``heads`` as the text writes them, bare or behind a proclitic (وقوات, لنظام)."""
    return heads() | {clitic + word for word in heads() for clitic in "وفبل"}


def places(doc, ends: set[int], starts: set[int]) -> list[int]:
    """The words worth asking about: after a head, after a name's end, before a name's
    start; in order."""
    folded, n = doc.folded, len(doc)
    found = {e + 1 for e in ends if e + 1 < n} | {s - 1 for s in starts if s > 1}
    forms = head_forms()
    if not forms.isdisjoint(folded):
        found.update(j + 1 for j, word in enumerate(folded) if word in forms and j + 1 < n)
    found.discard(0)
    return sorted(found)


def after_noun(doc, i: int) -> bool:
    """The word at ``i`` is the possessor of a noun of followers (مليشيا صالح, أنصار صالح),
    or follows an epithet (المخلوع صالح); the noun itself may take a proclitic."""
    if not doc.joined[i - 1]:
        return False
    before = doc.folded[i - 1]
    nouns = heads()
    return before in nouns or (before[:1] in "وفبل" and before[1:] in nouns)


def coordinated(doc, i: int, ends: set[int], starts: set[int]) -> str | None:
    """The word at ``i`` coordinated with a name the article names: after it as ``وصالح``
    (``ends`` holds where names end), or before it when nothing before the word may be
    part of its name (``starts``: ضد صالح والحوثي). The word without its conjunction, or
    None."""
    word = doc.folded[i]
    if word.startswith(AND) and i - 1 in ends and doc.joined[i - 1] and len(word) > 3:
        return word[1:]
    nxt = i + 1
    opens = not doc.joined[i - 1] or doc.stop[i - 1]  # not وموسى الشمري وعبدالوهاب …
    if opens and nxt in starts and doc.joined[i] and doc.folded[nxt].startswith(AND):
        return word
    return None


def free_position(doc, i: int) -> bool:
    """No given name before the word makes it the end of a longer name (محمد صالح,
    وموسى الشمري)."""
    before = doc.folded[i - 1]
    given = cues.given_names()
    return before not in given and not (before[:1] in "وف" and before[1:] in given)


def neighbours(doc, hits, candidates, kinds):
    """Where names of people and groups start behind a و and where they end before one
    (known, proposed or undecided)."""
    folded, n = doc.folded, len(doc)
    starts, ends = set(), set()
    for start, end, key, entries in _spans(hits, candidates):
        opens = folded[start][:1] == AND and folded[start] != key
        closes = end + 1 < n and folded[end + 1][:1] == AND
        if (opens or closes) and _names_kind(entries, kinds):
            if opens:
                starts.add(start)  # والحوثي, not وزارة: the name behind its و
            if closes:
                ends.add(end)
    return starts, ends


def _spans(hits, candidates):
    """(start, end, first word's key, entries or kind) of every hit and candidate."""
    for hit in hits:
        yield hit.start, hit.end, hit.key, hit.entries
    for candidate in candidates:
        head = candidate.normalized.split(" ", 1)[0]
        yield candidate.tokens[0], candidate.tokens[-1], head, candidate.kind


def _names_kind(entries, kinds) -> bool:
    """A person or an organization: a candidate's kind, or one of a hit's entities'."""
    if isinstance(entries, str):
        return entries in _NAMED_KINDS
    return any(kinds[e.entity_id] in _NAMED_KINDS for e in entries)


_NAMED_KINDS = ("person", "organization")
