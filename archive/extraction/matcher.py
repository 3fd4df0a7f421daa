"""Find entity mentions in a text: one pass over its tokens through the gazetteer trie.

Rules (issue 4): the longest alias wins (فلاديمير بوتين over بوتين, and
اللجنة العراقية الروسية المشتركة is one organization, not the place العراق);
proclitics are allowed on an alias's first word only (والكاظمي, بالعراق,
لروسيا); matching is by whole tokens, so a name is never found inside
another word (صالح in مصالح); an ambiguous alias counts only with support
(a title cue right before it, or the same entity's full name in the text)
and never in a common-word construction (في صالح التهدئة, لصالح العراق).
"""

from dataclasses import dataclass, field

from arabic_text import frequency
from archive.extraction import cues, name_runs, people_names, shapes, surnames, variants
from archive.extraction.candidates import FoundCandidate, find_candidates
from archive.extraction.detection import (
    count_occurrences,
    organization_candidates,
    with_bylines,
)
from archive.extraction.document import Document, cue_start
from archive.extraction.gazetteer import AliasEntry, Gazetteer
from archive.extraction.honours import honoured, opens_with_head
from archive.extraction.names import ARTICLE, first_token_keys
from archive.extraction.person_guards import phrase
from archive.extraction.places import in_place_list
from archive.extraction.variants import variant_hits


@dataclass(slots=True)
class FoundEntity:
    """An entity found in a text: how often, in which spellings, where first."""

    entity_id: int
    count: int = 0
    forms: list[str] = field(default_factory=list)
    first_offset: int = 0


@dataclass(slots=True)
class Extraction:
    entities: list[FoundEntity]
    candidates: list[FoundCandidate]

    def by_entity(self) -> dict[int, FoundEntity]:
        return {found.entity_id: found for found in self.entities}


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int  # first token index
    end: int  # last token index (inclusive)
    key: str  # the alias key the first token matched
    entries: tuple[AliasEntry, ...]


_TANWEEN = shapes.TANWEEN


def extract(text: str, gazetteer: Gazetteer, *, detect: bool = True) -> Extraction:
    """Entities and candidates in ``text`` among the names of ``gazetteer``.

    With ``detect``, names no list holds are proposed too (``detection``): organizations
    by their shape, people after a title cue, each counted wherever the article repeats
    it, a person's surname alone included.
    """
    doc = Document(text or "")
    hits = _scan(doc, gazetteer, 0, len(doc))
    candidates = []
    if detect:
        hits = _outside_longer_names(doc, hits, gazetteer)
        organizations, hits = organization_candidates(doc, hits, gazetteer, _known_hit(doc))
        hits = [hit for hit in hits if not _honoured_person(doc, hit, gazetteer)]
        in_organizations = {i for c in organizations for i in c.tokens}
        listed, hits = people_names.listed_people(doc, hits, gazetteer, in_organizations)
        taken = in_organizations | people_names.tokens_of(listed)
        people = people_names.joined(listed, find_candidates(doc, hits, gazetteer, taken))
        people = with_bylines(doc, people, hits, taken)
        people = [
            c
            for c in people
            if c.kind != "person"
            or not (_not_person(doc, c.tokens[0], c.tokens[-1]) or phrase(doc, c))
        ]
        hits = _without_titles(doc, hits, people, gazetteer)
        hits = _without_surnames(doc, hits, people, gazetteer)
        people, variants = _variants(doc, people, gazetteer)
        hits = sorted(hits + variants, key=lambda h: h.start)
        taken = {i for hit in hits for i in range(hit.start, hit.end + 1)}
        candidates = surnames.one_person_per_name(
            count_occurrences(doc, organizations + people, taken)
        )
        hits += _known_surnames(doc, hits, taken, gazetteer)
        taken = {i for hit in hits for i in range(hit.start, hit.end + 1)}
        hits += [
            _Hit(start, end, doc.folded[start], (AliasEntry(entity_id, False),))
            for start, end, entity_id in variant_hits(
                doc.folded, taken, gazetteer.variants, doc.joined
            )
        ]
        make = _known_hit(doc)
        hits, candidates = surnames.short_people(doc, hits, candidates, gazetteer, make)
        hits, candidates = surnames.known_lineages(doc, hits, candidates, gazetteer, make)
    entities = _resolve(doc, hits + _nested_places(doc, hits, gazetteer), gazetteer)
    return Extraction(entities=entities, candidates=candidates)


def _honoured_person(doc: Document, hit: _Hit, gazetteer: Gazetteer) -> bool:
    """``الملك سلمان`` in ``مركز الملك سلمان للإغاثة``: a name a facility honours."""
    kinds = gazetteer.kinds
    return all(kinds[e.entity_id] == "person" for e in hit.entries) and honoured(doc, hit.start)


def _not_person(doc: Document, start: int, end: int) -> bool:
    """A proposed name that a facility honours, that a head noun opens, or that ends in a
    feminine adjective (طائرات شحن تابعة لقيادة …)."""
    if honoured(doc, start) or opens_with_head(doc, start):
        return True
    return end > start and shapes.is_feminine_adjective(doc.folded[end])


def _known_hit(doc: Document):
    def make(start: int, end: int, entity_id: int) -> _Hit:
        return _Hit(start, end, doc.folded[start], (AliasEntry(entity_id, False),))

    return make


def _variants(doc: Document, people, gazetteer: Gazetteer):
    """Proposed people who are known people spelled otherwise (ميخائيل بوغدانوف)."""
    kept, hits = [], []
    for candidate in people:
        entity_id = gazetteer.variants.resolve(candidate.normalized.split())
        if entity_id is None:
            kept.append(candidate)
            continue
        start, end = candidate.tokens[0], candidate.tokens[-1]
        hits.append(_Hit(start, end, doc.folded[start], (AliasEntry(entity_id, False),)))
    return kept, hits


def _known_surnames(doc: Document, hits: list[_Hit], taken: set[int], gazetteer) -> list[_Hit]:
    """A known person's surname alone after the full name (الأسد after بشار الأسد), when
    no other person of the article has that surname."""
    kinds, owners = gazetteer.kinds, {}
    for hit in hits:
        ids = {e.entity_id for e in hit.entries}
        if (
            hit.end > hit.start
            and len(ids) == 1
            and kinds[next(iter(ids))] == "person"
            # عبدالعزيز in سلمان بن عبدالعزيز names the father, not a family
            and doc.folded[hit.end - 1] not in cues.lineage_words()
            and doc.folded[hit.end - 1] != variants.FAMILY  # سعود in … آل سعود: the family's
        ):
            owners.setdefault(doc.folded[hit.end], set()).update(ids)
    surnames = {
        key: (next(iter(ids)), min(h.end for h in hits if doc.folded[h.end] == key))
        for key, ids in owners.items()
        if len(ids) == 1 and len(key) >= 3
    }
    found = []
    if not surnames:
        return found
    # A word stands for a key only if it ends with the key less its article (``_may_start``).
    endings = tuple({key[2:] for key in surnames})
    for i in [k for k, word in enumerate(doc.folded) if word.endswith(endings)]:
        if i in taken or doc.stop[i]:
            continue
        for key in first_token_keys(doc.folded[i]) & surnames.keys():
            entity_id, first_end = surnames[key]
            if i > first_end:
                found.append(_Hit(i, i, key, (AliasEntry(entity_id, False),)))
                break
    return found


# Tokens a known name may run past a title alias that a lineage continues.
_MAX_NAME = 8


def _outside_longer_names(doc: Document, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Hits that are not part of a longer name; a title alias that a lineage continues
    (``الملك سلمان`` in ``الملك سلمان بن عبدالعزيز``) gives way to the name after the title."""
    kept, covered = [], -1
    for hit in hits:
        if hit.start <= covered:
            continue  # inside the name found after a title
        if not _inside_longer_name(doc, hit, gazetteer):
            kept.append(hit)
        elif hit.end > hit.start and (doc.folded[hit.start],) in cues.cue_phrases():
            after = _scan(doc, gazetteer, hit.start + 1, min(len(doc), hit.end + _MAX_NAME))
            for h in after[:1]:
                if h.start <= hit.end and not _inside_longer_name(doc, h, gazetteer):
                    kept.append(h)
                    covered = h.end
    return kept


# بن, ابن, بنت and آل (folded ال): a name goes on after them.
_CONTINUING = frozenset(("بن", "ابن", "بنت", variants.FAMILY))


def _inside_longer_name(doc: Document, hit: _Hit, gazetteer: Gazetteer) -> bool:
    """``محمد بن عبد الرحمن`` in ``محمد بن عبد الرحمن بن عبدالعزيز``, ``بن سلمان`` in
    ``خالد بن سلمان``: a person's name that another generation continues or that follows
    a given name is part of a longer name."""
    if not all(gazetteer.kinds[e.entity_id] == "person" for e in hit.entries):
        return False
    after, before = hit.end + 1, hit.start - 1
    if after < len(doc) and doc.joined[hit.end] and doc.folded[after] in _CONTINUING:
        return True  # صالح in الشيخ صالح آل الشيخ
    if hit.end > hit.start and name_runs.lineage_family(doc, hit.end):
        return True  # عبدالله بن عبدالعزيز الربيعة: a family name follows the lineage
    return (
        before >= 0
        and doc.joined[before]
        and doc.folded[hit.start] in cues.lineage_words()
        and not doc.stop[before]
    )


def _without_titles(doc: Document, hits: list[_Hit], people, gazetteer) -> list[_Hit]:
    """A one-word name that needs support, right before a person's name, is a title: the
    engineer in ``نائب الرئيس اليمني المهندس خالد محفوظ بحاح``."""
    kinds = gazetteer.kinds
    starts = {c.tokens[0] for c in people if c.kind == "person"} | {
        hit.start for hit in hits if all(kinds[e.entity_id] == "person" for e in hit.entries)
    }
    return [
        hit
        for hit in hits
        if hit.start != hit.end
        or not all(e.ambiguous for e in hit.entries)
        or not (hit.end + 1 in starts and doc.joined[hit.end])
    ]


def _without_surnames(doc: Document, hits: list[_Hit], people, gazetteer) -> list[_Hit]:
    """A one-word hit that is the surname of a person the article names in full is that
    person (``فلين`` after ``مايكل فلين`` is no town; ``الشيباني`` after ``خليفة الشيباني``
    is no other known الشيباني, unless the article names that one in full too)."""
    family = {c.normalized.split()[-1] for c in people if " " in c.normalized}
    inside = {i for c in people for i in c.tokens}
    kinds = gazetteer.kinds
    full = {e.entity_id for hit in hits for e in hit.entries if not e.ambiguous}
    return [
        hit
        for hit in hits
        if hit.start != hit.end
        # حسني in حسني مبارك: an ambiguous person's name inside a proposed name is not his;
        # nor is أوباما in ميشيل أوباما.
        or (
            any(kinds[e.entity_id] == "person" for e in hit.entries)
            and not (
                hit.start in inside
                and (hit.start - 1 in inside or all(e.ambiguous for e in hit.entries))
            )
            and not (
                all(e.ambiguous and e.entity_id not in full for e in hit.entries)
                and first_token_keys(doc.folded[hit.start]) & family
            )
        )
        or (hit.start not in inside and not first_token_keys(doc.folded[hit.start]) & family)
    ]


def _scan(doc: Document, gazetteer: Gazetteer, i: int, n: int) -> list[_Hit]:
    """Longest alias matches among tokens ``i`` … ``n - 1``, left to right."""
    roots, folded, joined = gazetteer.roots, doc.folded, doc.joined
    hits = []
    stop = doc.stop
    # Most words start no name: only those that may are visited.
    starting = gazetteer.starting(set(folded[i:n]))
    for start in [k for k, word in enumerate(folded[i:n], i) if word in starting]:
        if start < i:
            continue
        i, best = start, None
        for key, node in roots(folded[i]):
            j = i
            while node is not None:
                if node.entries and (best is None or j > best.end):
                    best = _Hit(i, j, key, node.entries)
                if j + 1 >= n or not joined[j]:
                    break
                j += 1
                node = node.children.get(folded[j])
        if best is not None and best.end == i and (stop[i] or _clitic_misread(folded[i], best)):
            best = None  # وأن, فإن, كان: a stop word alone is no name (towns share them)
        if best is None:
            i += 1
        else:
            hits.append(best)
            i = best.end + 1
    return hits


def _clitic_misread(token: str, hit: _Hit) -> bool:
    """A one-word name reached by taking a proclitic off a word that Arabic news writes
    more often whole: ``وكيل`` (an under-secretary) is not و + ``كيل`` (Kiel)."""
    return token != hit.key and frequency(token) > frequency(hit.key)


def _nested_places(doc: Document, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Places named inside a longer organization or place name.

    ``مؤتمر الكويت الدولي`` mentions Kuwait and ``السفارة الروسية في بغداد``
    Baghdad; ``اللجنة العراقية الروسية`` mentions no place (adjectives only).
    People's names are never searched inside: بوتين in فلاديمير بوتين is no
    second mention.
    """
    kind = gazetteer.kinds
    nested = []
    for outer in hits:
        if outer.end == outer.start or any(kind[e.entity_id] == "person" for e in outer.entries):
            continue
        outer_ids = {e.entity_id for e in outer.entries}
        for inner in _scan(doc, gazetteer, outer.start + 1, outer.end + 1):
            entries = tuple(
                e
                for e in inner.entries
                if kind[e.entity_id] == "place" and not e.ambiguous and e.entity_id not in outer_ids
            )
            if entries:
                nested.append(_Hit(inner.start, inner.end, inner.key, entries))
    return nested


def _resolve(doc: Document, hits: list[_Hit], gazetteer: Gazetteer) -> list[FoundEntity]:
    # An entity is "named in full" when some hit can only be it, unambiguously.
    full = {
        hit.entries[0].entity_id
        for hit in hits
        if len(hit.entries) == 1 and not hit.entries[0].ambiguous
    }
    sure = {h.start: h.end for h in hits if _sure_place(h, gazetteer)}
    found: dict[int, FoundEntity] = {}
    for hit in hits:
        if _TANWEEN.intersection(doc.surfaces[hit.end]):
            # روسياً in "مسؤولاً روسياً" is the adjective "Russian": names never take tanween.
            continue
        entity_id = _entity_of(doc, hit, full, gazetteer, sure)
        if entity_id is None:
            continue
        item = found.get(entity_id)
        if item is None:
            item = found[entity_id] = FoundEntity(entity_id, first_offset=doc.starts[hit.start])
        item.count += 1
        form = doc.span(hit.start, hit.end)
        if form not in item.forms:
            item.forms.append(form)
    return sorted(found.values(), key=lambda f: f.first_offset)


def _after_place_word(doc: Document, hit: _Hit) -> bool:
    """``مدينة صور``, ``محافظة المثنى``: a place word right before the name."""
    before = hit.start - 1
    if before < 0 or not doc.joined[before]:
        return False
    return bool(first_token_keys(doc.folded[before]) & cues.place_words())


def _sure_place(hit: _Hit, gazetteer: Gazetteer) -> bool:
    entry = hit.entries[0]
    return (
        len(hit.entries) == 1
        and not entry.ambiguous
        and gazetteer.kinds[entry.entity_id] == "place"
    )


def _listed_place(doc: Document, hit: _Hit, gazetteer: Gazetteer, sure) -> bool:
    """A place in a list beside places named plainly (``places.in_place_list``); not a
    people's adjective (رانشي، الهندية), nor a word read whole where the list's ``و``
    opens it (وجدة in مكة، وجدة is و + جدة)."""
    word = doc.folded[hit.start]
    if gazetteer.people_adjective(word) or (word == hit.key and word.startswith("و")):
        return False
    return in_place_list(doc, hit.start, hit.end, sure)


def _entity_of(doc, hit: _Hit, full: set[int], gazetteer: Gazetteer, sure=None) -> int | None:
    ids, kinds = list(dict.fromkeys(entry.entity_id for entry in hit.entries)), gazetteer.kinds
    if len(ids) == 1 and not hit.entries[0].ambiguous:
        return ids[0]
    if _after_place_word(doc, hit) or _listed_place(doc, hit, gazetteer, sure or {}):
        places = [i for i in ids if kinds.get(i) == "place"]
        if len(places) == 1:
            return places[0]
    if cue_start(doc, hit.start) is not None:
        ids = [i for i in ids if kinds.get(i) != "place"]  # a title names no place
        supported = [i for i in ids if i in full]
        if len(supported) == 1:
            return supported[0]
        if _title_word(doc, hit, gazetteer):
            return None
        return ids[0] if len(ids) == 1 else None
    if _person_named_short(doc, hit, ids, gazetteer):
        return ids[0]
    name = " ".join((hit.key, *doc.folded[hit.start + 1 : hit.end + 1]))
    before = doc.folded[hit.start - 1] if hit.start and doc.joined[hit.start - 1] else ""
    if hit.end + 1 < len(doc) and doc.joined[hit.end] and doc.stop[hit.end + 1]:
        before = ""  # جاء في الخبر أن: a noun taking a complement is an ordinary word
    by_country = gazetteer.supported_by_country(name, before, ids, full)
    if _common_word_context(doc, hit, in_place=by_country is not None):
        return None
    supported = [i for i in ids if i in full]
    return supported[0] if len(supported) == 1 else by_country


def _person_named_short(doc: Document, hit: _Hit, ids: list[int], gazetteer) -> bool:
    """A family name that only one known person has, named alone where a government is
    named by it or after a verb of saying (حكومة العبادي, وقال العامري): ``surnames``."""
    return (
        hit.start == hit.end
        and hit.start > 0
        and doc.joined[hit.start - 1]
        and len(ids) == 1
        and gazetteer.kinds.get(ids[0]) == "person"
        and surnames.supported(doc, hit.start, hit.key, gazetteer)
        and hit.key not in surnames.after_given_names(doc)  # وأضاف الشيباني after خليفة الشيباني
    )


def _title_word(doc: Document, hit: _Hit, gazetteer: Gazetteer) -> bool:
    """``الرئيس السوداني``, ``العقيد المهندس``: after a title, a one-word name that is a
    people's adjective or a title itself belongs to the title (the person it may name is
    named in full nowhere in the article)."""
    if hit.end != hit.start:
        return False
    word = doc.folded[hit.start]
    return (
        gazetteer.people_adjective(word)
        or (word,) in cues.cue_phrases()
        or word in cues.role_nouns()
    )


def _common_word_context(doc: Document, hit: _Hit, *, in_place: bool = False) -> bool:
    """Constructions where an ambiguous name is an ordinary word.

    ``صالح التهدئة`` (a noun before a definite noun: "in favour of calm"),
    ``في صالح`` and ``لصالح`` ("in favour of"); with ``in_place`` (a city whose
    country the article names) ``في`` is "in" that city.
    """
    folded = doc.folded
    nxt = hit.end + 1
    if nxt < len(doc) and doc.joined[hit.end] and folded[nxt].startswith(ARTICLE):
        return True
    if (
        not in_place
        and hit.start > 0
        and doc.joined[hit.start - 1]
        and folded[hit.start - 1] in cues.in_favour()
    ):
        return True
    token = folded[hit.start]
    if token != hit.key and token.endswith(hit.key) and not hit.key.startswith(ARTICLE):
        prefix = token[: len(token) - len(hit.key)]
        return "ل" in prefix or "ك" in prefix
    return False
