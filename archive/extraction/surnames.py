"""People named by one word: a family name alone, of a person the archive already knows.

News that has named a person in full many times names him by his family name alone, often
with no full name in the article (الرئيس هادي, حكومة الشاهد, وأضاف عسيري). A word is such
a mention when it ends the full name of exactly one person the archive knows (the authority
file's people, or the full names mined from the corpora, ``data/people_names.txt``) and the
article gives it what a name needs:

- a title right before it (``cue_start``) or a government named by it (حكومة الشاهد,
  نظام الأسد): enough for any such word;
- a verb of saying right before it (وقال عسيري): only for a word that is neither a given
  name nor an ordinary word too (صالح "valid", الشاهد "the witness" need a title).

A word that opens or ends the name of a person the article names otherwise is left to that
person (``detection.count_occurrences``).
"""

from dataclasses import dataclass
from functools import cache

from arabic_text import frequency
from archive.extraction import cues, people_names, shapes, short_grammar
from archive.extraction.candidates import FoundCandidate
from archive.extraction.document import Document, cue_start, may_follow_cue
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.name_words import speech_verb
from archive.extraction.names import ARTICLE, first_token_keys, name_tokens
from archive.extraction.org_words import LEADER_HEADS
from archive.extraction.variants import (
    FAMILY,
    joined_abd,
    person_identity,
    surname_of,
    transliterated,
)

_TANWEEN = shapes.TANWEEN


@dataclass(frozen=True, slots=True)
class ShortMention:
    """One word at ``index`` naming a known person: an entity id, or a listed full name."""

    index: int
    key: str
    owner: int | str


_LISTED: list = [None, {}]


def listed_index() -> dict[str, dict[tuple, str]]:
    """``listed_surnames`` of the mined full names in use (none when they are left out)."""
    lexicon = people_names.listed_names()
    if _LISTED[0] is not lexicon:
        names = people_names.read_names(people_names.NAMES_PATH) if len(lexicon) else []
        _LISTED[:] = [lexicon, listed_surnames(names)]
    return _LISTED[1]


def listed_surnames(names) -> dict[str, dict[tuple, str]]:
    """Family name → {person identity → one listed full name of that person}."""
    found: dict[str, dict[tuple, str]] = {}
    for words in sorted(names):
        surname = surname_of(words)
        if surname:
            found.setdefault(surname, {}).setdefault(person_identity(words), " ".join(words))
    return found


def owner_of(key: str, gazetteer: Gazetteer, listed: dict) -> int | str | None:
    """Whom a family name alone names: the one known person whose full name ends in ``key``
    (an entity id, or a listed full name that no entity has); the family name itself when
    several people have it (عسيري: أحمد عسيري, مبارك عسيري); None when nobody does. One
    person is one ``person_identity``, whatever the spellings of his name."""
    people = {who: min(ids) for who, ids in gazetteer.variants.surnames.get(key, {}).items()}
    for who, name in listed.get(key, {}).items():
        if who not in people and name not in gazetteer.rejected_keys:
            people[who] = name
    if len(people) == 1:
        return next(iter(people.values()))
    return key if people and key not in gazetteer.rejected_keys else None


def short_mentions(doc: Document, taken: set[int], named: set[str], gazetteer, listed, starts=()):
    """The one-word mentions of known people among the words outside ``taken``; ``named``
    holds the first and last words of the people the article names otherwise, ``starts``
    where their names start."""
    found, memo, after_given = [], {}, None
    for i in range(1, len(doc)):
        if i in taken or doc.stop[i] or not doc.joined[i - 1]:
            continue
        word = doc.folded[i]
        owner = memo.get(word, False)
        if owner is False:
            owner = memo[word] = _owner(word, gazetteer, listed)
        if owner is None or word in named or _TANWEEN.intersection(doc.surfaces[i]):
            continue
        if i + 1 in starts and doc.joined[i]:
            continue  # الرئيس بارك أوباما: the opening of a name found
        if not supported(doc, i, word, gazetteer):
            continue
        if after_given is None:
            after_given = after_given_names(doc)
        if owner == word or word not in after_given:
            found.append(ShortMention(i, word, owner))
    return found


def after_given_names(doc: Document) -> set[str]:
    """Words the article writes right after a given name: the family name of someone it
    names in full (خليفة الشيباني), whoever else the lists know by it."""
    given = cues.given_names()
    return {
        doc.folded[j]
        for j in range(1, len(doc))
        if doc.joined[j - 1] and doc.folded[j - 1] in given
    }


def _owner(word: str, gazetteer: Gazetteer, listed) -> int | str | None:
    """``owner_of`` a word written without proclitics (a name after its cue takes none)."""
    if word not in listed and word not in gazetteer.variants.surnames:
        return None
    return None if _never_alone(word, gazetteer) else owner_of(word, gazetteer, listed)


def _never_alone(key: str, gazetteer: Gazetteer) -> bool:
    """A people's adjective or a title's word is never a person's name alone (السوري,
    الأمير, ولي)."""
    return gazetteer.people_adjective(key) or key in title_words()


def supported(doc: Document, i: int, key: str, gazetteer: Gazetteer) -> bool:
    """A government named by the word (حكومة الشاهد); a title before a word that reads as a
    family name, or a president's or a prime minister's before a given name (الرئيس هادي);
    a verb of saying before a family name that is no ordinary word too (وأضاف لافروف)."""
    if key != doc.folded[i] or _adjective(key):
        return False  # لاستقبال, ورحلته: a name after its cue takes no proclitic
    before = doc.folded[i - 1]
    if before in cues.given_names() or shapes.is_proper_word(before):
        return False  # خليفة الشيباني, اليزابيث أوزبورن: the end of a name the word closes
    nxt = i + 1
    joined = nxt < len(doc) and doc.joined[i] and not doc.stop[nxt]
    given = key in cues.given_names() or key in gazetteer.person_given_names
    if given and joined and _may_go_on(doc.folded[nxt]):
        return False  # حكومة الحبيب الصيد: a given name that a name goes on from
    if first_token_keys(doc.folded[i - 1]) & leader_heads():  # لحكومة هادي
        # حكومة الشاهد المستقيلة; not حكومة الحبيب الصيد, where the name goes on.
        return not (joined and _definite_noun(doc.folded[nxt], gazetteer))
    if joined and doc.folded[nxt].startswith(ARTICLE):
        return False  # ولي العهد, وقال الشاهد العيان: a noun taking a definite complement
    if may_follow_cue(doc, i):
        start = cue_start(doc, i)
        if start is not None:
            return _head_of_government(doc, start) if given else _family_like(key)
    if not speech_verb(doc.folded[i - 1]) or given:
        return False
    return _nisba(key, gazetteer) or (_family_like(key) and not shapes.is_common_word(key))


def _definite_noun(word: str, gazetteer: Gazetteer) -> bool:
    """A definite word that is no adjective: it goes on a name or takes a complement."""
    return word.startswith(ARTICLE) and not (
        _adjective(word)
        or shapes.is_feminine_adjective(word)
        or (word.endswith("ه") and _adjective(word[:-1]))  # الجديدة, المستقيلة
        or gazetteer.people_adjective(word)
        or word in cues.modifiers()
    )


def _may_go_on(word: str) -> bool:
    """A word that may continue a name: not one behind a conjunction or a preposition
    (والتحالف)."""
    return not shapes.has_clitic_reading(word)


def _nisba(key: str, gazetteer: Gazetteer) -> bool:
    """An indefinite nisba that is no people's adjective (عسيري, not عراقي): a family."""
    return (
        len(key) >= 5
        and key.endswith("ي")
        and not key.startswith(ARTICLE)
        and not gazetteer.people_adjective(ARTICLE + key)
    )


def _family_like(key: str) -> bool:
    """A word read as a family name: a definite nisba or rare definite word (السبسي,
    البار), a mined family name, a word news writes like a foreign name (كيري); not a
    word news uses otherwise (حرص, شيخ)."""
    if key.startswith(ARTICLE):
        return shapes.is_family_name(key) or key in cues.family_names()
    return key in cues.family_names() or shapes.is_proper_word(key) or shapes.is_rare_word(key)


# Titles of heads of state and government, who are named by their family name alone even
# when it is a given name too (الرئيس هادي, الرئيس الأسبق مبارك).
_HEADS_OF_GOVERNMENT = ["الرئيس", "رئيس الوزراء", "رئيس الحكومة", "رئيس الجمهورية"]


def _head_of_government(doc: Document, start: int) -> bool:
    words = doc.folded[start : start + 2]
    return any(tuple(words[: len(title)]) == title for title in _heads_of_government())


# An adjective's feminine is written at least this often, and this share as often as it.
FEMININE_MIN = 10
FEMININE_SHARE = 4


def _adjective(key: str) -> bool:
    """``الثاني``, ``المكلف``: a definite adjective (it has a sound plural or a frequent
    feminine); a family name has neither (الشاهد, الجبير, المالكي)."""
    if not key.startswith(ARTICLE):
        return False
    if key.endswith("يه"):
        return True  # الأمنية, الاقتصادية: the feminine of a nisba
    feminine = frequency(key + "ه")
    return shapes.is_definite_adjective(key) or (
        feminine >= FEMININE_MIN and feminine * FEMININE_SHARE >= frequency(key)
    )


@cache
def _heads_of_government() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(name_tokens(title)) for title in _HEADS_OF_GOVERNMENT)


@cache
def title_words() -> frozenset[str]:
    """Every word that opens a title (ولي in ولي العهد), and the role nouns."""
    return frozenset(phrase[0] for phrase in cues.cue_phrases()) | cues.role_nouns()


@cache
def leader_heads() -> frozenset[str]:
    """حكومة, إدارة, نظام, folded: a government named by its leader."""
    return frozenset(name_tokens(word)[0] for word in LEADER_HEADS)


def one_person_per_name(candidates: list) -> list:
    """The people proposed, each once: a shorter name that is the given and the family name
    of a longer one in the same article is that person (عبدالرحمن الوابل after عبدالرحمن
    بن عبدالله الوابل), counted with him; not when two longer names could be meant."""
    groups: dict[tuple[str, str], list] = {}
    for candidate in candidates:
        words = joined_abd(candidate.normalized.split())
        if candidate.kind == "person" and surname_of(words):
            groups.setdefault(person_identity(words), []).append((words, candidate))
    merged = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda item: -len(item[0]))
        (longest, person), rest = group[0], group[1:]
        if len(rest[0][0]) == len(longest) or not all(_inside(w, longest) for w, _ in rest):
            continue
        for _words, other in rest:
            person.count += other.count
            person.offset = min(person.offset, other.offset)
            person.forms.extend(form for form in other.forms if form not in person.forms)
            merged.add(id(other))
    return [c for c in candidates if id(c) not in merged]


def pure_lineage(words: list[str]) -> bool:
    """Given names joined by بن, perhaps closed by آل and a family (محمد بن سلمان بن
    عبدالعزيز), folded with عبد joined: no family name of its own (محمد بن عبدالرحمن
    المخرج is someone else than محمد بن عبدالرحمن)."""
    if words[-2:-1] == [FAMILY]:
        words = words[:-2]
    return len(words) >= 3 and all(
        (w in cues.lineage_words()) == (k % 2 == 1) for k, w in enumerate(words)
    )


def _inside(words: list[str], longer: list[str]) -> bool:
    """Every word of ``words`` in ``longer``, in order."""
    rest = iter(longer)
    return all(word in rest for word in words)


def short_people(doc: Document, hits: list, candidates, gazetteer: Gazetteer, make_hit):
    """A known person named by the family name alone (``surnames``): a hit for an entity,
    a proposal counted at each such word for a mined full name."""
    kinds, named, starts = gazetteer.kinds, set(), set()
    taken = {i for hit in hits for i in range(hit.start, hit.end + 1)}
    named_sure = set()
    for hit in hits:
        if any(kinds[e.entity_id] == "person" for e in hit.entries):
            named.update((doc.folded[hit.start], doc.folded[hit.end]))
            starts.add(hit.start)
            if hit.end > hit.start or not _undecided_person(hit, kinds):
                named_sure.update((doc.folded[hit.start], doc.folded[hit.end]))
    for candidate in candidates:
        words = candidate.normalized.split()
        if candidate.kind == "person":
            named.update((words[0], words[-1]))
            named_sure.update((words[0], words[-1]))
            starts.add(candidate.tokens[0])
        # حكومة الشاهد names a government and the person who leads it.
        if candidate.kind == "person" or not _names_leader(words[0]):
            taken.update(candidate.tokens)
    proposed: dict[str, FoundCandidate] = {}
    listed = listed_index()
    mentions = short_mentions(doc, taken, named, gazetteer, listed, starts)
    skip = {found.index for found in mentions}
    grammar = grammar_mentions(doc, hits, candidates, named_sure, gazetteer, listed, skip)
    if grammar:
        at = {found.index for found in grammar}
        hits = [hit for hit in hits if hit.start not in at]  # the alias left undecided
        mentions = sorted(mentions + grammar, key=lambda found: found.index)
    for found in mentions:
        i, owner = found.index, found.owner
        if isinstance(owner, int):
            hits.append(make_hit(i, i, owner))
            continue
        candidate = proposed.get(owner)
        if candidate is None:
            candidate = proposed[owner] = FoundCandidate(
                name=doc.span(i, i) if owner == found.key else owner,
                normalized=owner,
                cue="",
                offset=doc.starts[i],
                count=0,
                tokens=(i,),
            )
        candidate.count += 1
        form = doc.span(i, i)
        if form not in candidate.forms:
            candidate.forms.append(form)
    return hits, candidates + list(proposed.values())


def _names_leader(word: str) -> bool:
    """حكومة, نظام, قوات, أنصار: a noun whose complement names the person who leads."""
    return word in leader_heads() or word in short_grammar.followers()


def _taken(hits, candidates, gazetteer):
    """The words no grammar rule may take (all but the one-word aliases of people left
    undecided, صالح, and a government's or a force's leader), and the undecided aliases
    of one person."""
    kinds, sure, single = gazetteer.kinds, set(), set()
    for hit in hits:
        if hit.start < hit.end or not _undecided_person(hit, kinds):
            sure.update(range(hit.start, hit.end + 1))
        elif len(hit.entries) == 1:
            single.add(hit.start)
    for candidate in candidates:
        head = candidate.normalized.split(" ", 1)[0]
        if candidate.kind == "person" or not _names_leader(head):
            sure.update(candidate.tokens)
    return sure, single


def grammar_mentions(doc: Document, hits, candidates, named, gazetteer, listed, skip=()):
    """Family names alone that the grammar makes people (``short_grammar``): the possessor
    of قوات or أنصار, after المخلوع, coordinated with a name (الحوثيين وصالح); an alias of
    a person left undecided there is decided so. Not the words in ``skip``."""
    starts, ends = short_grammar.neighbours(doc, hits, candidates, gazetteer.kinds)
    places = short_grammar.places(doc, ends, starts)
    if not places:
        return []
    sure, single = _taken(hits, candidates, gazetteer)
    found, after_given = [], None
    for i in places:
        if i in sure or i in skip or doc.stop[i]:
            continue
        key = doc.folded[i] if short_grammar.after_noun(doc, i) else None
        linked = key is None  # coordinated: only a word that reads as a family name
        key = key or short_grammar.coordinated(doc, i, ends, starts)
        if key is None or key in named or not short_grammar.free_position(doc, i):
            continue
        if not _name_alone(doc, i, key, gazetteer, shape_only=linked):
            continue
        owner = _owner(key, gazetteer, listed)
        if owner is None or _goes_on(doc, i, key, gazetteer):
            continue
        if i in single and supported(doc, i, key, gazetteer):
            continue  # حكومة العبادي: the alias's own rule (``_person_named_short``) decides
        if key in cues.given_names() or key in gazetteer.person_given_names:
            owner = key  # قوات صالح: many people share a given name; the word is proposed
        if after_given is None:
            after_given = after_given_names(doc)
        if owner == key or key not in after_given:
            found.append(ShortMention(i, key, owner))
    return found


def _goes_on(doc: Document, i: int, key: str, gazetteer: Gazetteer) -> bool:
    """The word after ``i`` continues a phrase: a definite noun (صالح العام) or a name
    (وإبراهيم غالب, وجونسون آند جونسون)."""
    nxt = i + 1
    if nxt >= len(doc) or not doc.joined[i] or doc.stop[nxt]:
        return False
    word = doc.folded[nxt]
    if _definite_noun(word, gazetteer):
        return True
    if shapes.is_proper_word(key) and transliterated(word):
        return True  # جونسون آند جونسون: a foreign name goes on with a rare word
    return (
        word in cues.given_names()
        or word in cues.family_names()
        or (shapes.is_proper_word(word) and not shapes.has_clitic_reading(word))
    )


def _name_alone(
    doc: Document, i: int, key: str, gazetteer: Gazetteer, *, shape_only: bool = False
) -> bool:
    """A word the grammar may make a person alone: the family name of a person of the
    authority file (صالح, الأسد), or a word read as a family name and seldom otherwise
    (the mined names hold phrases: قصيده وطنيه); no adjective, no الله or الدين, no
    tanween, no title before it (مركز الملك سلمان ومنظمة: the title's rule decides).
    With ``shape_only`` (a name coordinated with another) only the second: a listed name
    that is an ordinary word too (زاد, العلوم) needs a noun before it."""
    if _adjective(key) or key in cues.compound_tails() or _TANWEEN.intersection(doc.surfaces[i]):
        return False  # أنصار الله: the second half of a compound (نصر الله) is no family
    if doc.folded[i - 1] in title_words() or cue_start(doc, i) is not None:
        return False
    if shape_only and (key in cues.given_names() or key in gazetteer.person_given_names):
        return False  # وإسماعيل مغربي: a given name in a list opens the next name
    if key in gazetteer.variants.surnames and not shape_only:
        return True
    return _family_like(key) and not shapes.is_common_word(key)


def _undecided_person(hit, kinds) -> bool:
    """An alias that needs support and names people only (صالح, الأسد)."""
    return hit.entries[0].ambiguous and all(kinds[e.entity_id] == "person" for e in hit.entries)


def known_lineages(doc: Document, hits: list, candidates, gazetteer: Gazetteer, make_hit):
    """A proposed lineage that opens with the name of a known person the article names
    alone too is that person (الأمير محمد بن سلمان بن عبد العزيز, then الأمير محمد بن
    سلمان): one person per name in an article."""
    known = {}
    for hit in hits:
        ids = {e.entity_id for e in hit.entries}
        if hit.end > hit.start and len(ids) == 1 and gazetteer.kinds[next(iter(ids))] == "person":
            words = joined_abd([hit.key, *doc.folded[hit.start + 1 : hit.end + 1]])
            known[tuple(words)] = next(iter(ids))
            if words[0] in title_words():  # الأمير محمد بن سلمان: a royal's title
                known[tuple(words[1:])] = next(iter(ids))
    if not known:
        return hits, candidates
    kept = []
    for candidate in candidates:
        words = joined_abd(candidate.normalized.split())
        entity_id = next(
            (
                known[tuple(words[:n])]
                for n in range(len(words) - 1, 2, -1)
                if tuple(words[:n]) in known
            ),
            None,
        )
        if candidate.kind != "person" or entity_id is None or not pure_lineage(words):
            kept.append(candidate)
            continue
        start, end = candidate.tokens[0], candidate.tokens[-1]
        hits.append(make_hit(start, end, entity_id))
    return hits, kept
