"""Open-set detection: names no list holds, and names written short within one article.

Organizations come from ``organizations`` (a head and the words that complete it), people
from ``candidates`` (a title cue and a name-shaped run). Each name found is a proposal
(``FoundCandidate``) that the archive turns into an unreviewed entity. Within the article,
every other occurrence of the same name counts, and so does a later surname alone
(``فلين`` after ``مايكل فلين``) when exactly one person of the article has that surname.
"""

from archive.extraction.bylines import byline_people
from archive.extraction.candidates import FoundCandidate
from archive.extraction.document import Document
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.names import ARTICLE, first_token_keys, longest_first
from archive.extraction.organizations import (
    OrgSpan,
    find_organizations,
    heads,
    in_title,
    leader_head,
    sport_body,
)

# A surname this short (or a joiner) is too common to stand for a person alone.
MIN_SURNAME = 3


def organization_candidates(doc: Document, hits: list, gazetteer: Gazetteer, make_hit):
    """Organizations found by shape, and the known hits they replace (a longer name wins:
    ``مجلس الأمن القومي`` is not ``مجلس الأمن``). Places named inside stay. A short form
    that opens the name of one known organization only is that organization
    (``دول مجلس التعاون``); ``make_hit(start, end, entity_id)`` writes its hit."""
    kinds = gazetteer.kinds
    found, replaced, short = [], set(), []
    hits = [h for h in hits if not _title_tail(doc, h, kinds)]
    places = {h.start: h.end for h in hits if all(kinds[e.entity_id] == "place" for e in h.entries)}
    people = {
        h.start: h.end for h in hits if all(kinds[e.entity_id] == "person" for e in h.entries)
    }
    sure = {h.start for h in hits if h.start in places and not any(e.ambiguous for e in h.entries)}
    spans = find_organizations(doc, places, people, sure)
    for span in spans:
        inside = [h for h in hits if span.start <= h.start and h.end <= span.end]
        outlet = _outlet_named_as_place(doc, span, gazetteer)
        exact = [h for h in inside if h.start == span.start and h.end == span.end]
        if exact and not outlet:
            # A known name, exactly; quoted after an outlet word (شركة «شل») it is the
            # organization, even when the name alone would need support.
            ids = {e.entity_id for e in exact[0].entries if kinds[e.entity_id] == "organization"}
            if not span.head and len(ids) == 1:
                replaced.add(id(exact[0]))
                short.append(make_hit(span.start, span.end, ids.pop()))
            continue
        if any(h.start < span.start <= h.end or h.start <= span.end < h.end for h in hits):
            continue  # overlaps a known name: the known name wins
        qualified = _qualified_known(doc, span, inside, gazetteer)
        if qualified is not None:
            # قوات البيشمركة الكردية: the known organization, its adjective in the form.
            replaced.update(id(h) for h in inside)
            short.append(make_hit(span.start, span.end, qualified))
            continue
        normalized = _normalized(doc, span)
        if leader_head(span.head) and people.get(span.start + 1) == span.end:
            # نظام الأسد and نظام بشار الأسد: one government, keyed by the leader's surname.
            normalized = f"{span.head} {doc.folded[span.end]}"
        if normalized in gazetteer.rejected_keys or (
            normalized in gazetteer.known_keys and not outlet
        ):
            continue
        owners = gazetteer.org_prefixes.get(normalized, ())
        if len(owners) == 1 and not inside:
            short.append(make_hit(span.start, span.end, next(iter(owners))))
            continue
        # A quoted name is one name (صحيفة «واشنطن بوست»); elsewhere places inside stay.
        replaced.update(id(h) for h in inside if not _named_inside(doc, span, h, kinds))
        found.append(
            FoundCandidate(
                name=_display(doc, span if span.label < 0 else _labelled(doc, span)),
                normalized=normalized,
                cue="",
                offset=doc.starts[span.start],
                kind="organization",
                tokens=tuple(range(span.start, span.end + 1)),
            )
        )
    # الاتحاد الأوروبي after الاتحاد الأوروبي لكرة القدم is the sport's body (UEFA), not the EU.
    sport = {sport_body(doc, span) for span in spans} - {None}
    if sport:
        replaced.update(
            id(h) for h in hits + short if _named_by(doc, h, sport) and _organization(h, kinds)
        )
    kept = [h for h in hits + short if id(h) not in replaced]
    return found, sorted(kept, key=lambda h: h.start)


def _named_by(doc: Document, hit, names: set[tuple[str, ...]]) -> bool:
    """The hit's words open with one of ``names`` (its first word's key first)."""
    first, rest = first_token_keys(doc.folded[hit.start]), doc.folded[hit.start + 1 : hit.end + 1]
    return any(name[0] in first and tuple(rest[: len(name) - 1]) == name[1:] for name in names)


def _organization(hit, kinds) -> bool:
    return all(kinds[e.entity_id] == "organization" for e in hit.entries)


def _qualified_known(doc: Document, span: OrgSpan, inside: list, gazetteer: Gazetteer):
    """The known organization that opens ``span`` when only adjectives of peoples follow it
    (``Gazetteer.qualified_organization``), else None."""
    first = next((h for h in inside if h.start == span.start and h.end < span.end), None)
    if first is None or any(e.ambiguous for e in first.entries):
        return None  # a name that needs support gets none from an adjective
    alias = (first.key, *doc.folded[first.start + 1 : first.end + 1])
    ids = {e.entity_id for e in first.entries}
    return gazetteer.qualified_organization(alias, ids, doc.folded[first.end + 1 : span.end + 1])


def _outlet_named_as_place(doc: Document, span: OrgSpan, gazetteer: Gazetteer) -> bool:
    """``لـ«الشرق الأوسط»``, ``ل"الرياض"``: a quoted name after an outlet word or an
    attribution is the outlet, though a place has that name."""
    if span.head or span.label >= 0 or span.start == 0:
        return False
    if not doc.text[doc.ends[span.start - 1] : doc.starts[span.start]].strip():
        return False  # not quoted: a dateline's agency
    node_kinds = set()
    for _key, node in gazetteer.roots(doc.folded[span.start]):
        for k in range(span.start + 1, span.end + 1):
            node = node.children.get(doc.folded[k]) if node is not None else None
        if node is not None:
            node_kinds.update(gazetteer.kinds[e.entity_id] for e in node.entries)
    return node_kinds == {"place"}


def _named_inside(doc: Document, span: OrgSpan, hit, kinds) -> bool:
    """A known name inside an organization's name that is mentioned too: a place (not as an
    adjective), an organization after the head (الأمم المتحدة in بعثة الأمم المتحدة), the
    leader a government is named by (إدارة ترامب). A quoted name is one name."""
    if not span.head:
        return False
    hit_kinds = {kinds[e.entity_id] for e in hit.entries}
    if hit_kinds == {"place"}:
        return not _adjective_inside(doc, span, hit)
    if hit_kinds == {"organization"}:
        return hit.start == span.start + 1
    return hit_kinds == {"person"} and leader_head(span.head)


def _title_tail(doc: Document, hit, kinds) -> bool:
    """``مجلس الوزراء`` in ``رئيس مجلس الوزراء`` is part of a title."""
    return all(kinds[e.entity_id] == "organization" for e in hit.entries) and in_title(
        doc, hit.start, hit.end
    )


def _adjective_inside(doc: Document, span: OrgSpan, hit) -> bool:
    """``السعودية`` in ``السفارة السعودية`` is the adjective, not the country."""
    word = doc.folded[hit.start]
    return (
        hit.start == hit.end
        and hit.start > span.start
        and word.startswith(ARTICLE)
        and word.endswith(("ي", "يه"))
    )


def _labelled(doc: Document, span: OrgSpan) -> OrgSpan:
    """The outlet's name shown with its head (وكالة دوغان), its key the name alone."""
    head = next(iter(longest_first(first_token_keys(doc.folded[span.label]) & heads())), "")
    return OrgSpan(span.label, span.end, head)


def _normalized(doc: Document, span: OrgSpan) -> str:
    if not span.head:
        return " ".join(doc.folded[span.start : span.end + 1])
    return " ".join([span.head, *doc.folded[span.start + 1 : span.end + 1]])


def _display(doc: Document, span: OrgSpan) -> str:
    """The name as written, without the head's proclitics (لوكالة → وكالة)."""
    text = doc.span(span.start, span.end)
    folded = doc.folded[span.start]
    if not span.head or folded == span.head:
        return text
    if span.head.startswith(ARTICLE) and folded.startswith("لل") and folded.endswith(span.head[2:]):
        return "ال" + text[len(folded) - len(span.head) + 2 :]
    return text[len(folded) - len(span.head) :]


def with_bylines(doc: Document, people: list[FoundCandidate], hits: list, taken: set[int]):
    """The people proposed so far and the reporters a byline names (``bylines``), where no
    other name covers the byline's words."""
    covered = set(taken).union(*(c.tokens for c in people))
    covered.update(i for h in hits for i in range(h.start, h.end + 1))
    return people + byline_people(doc, covered)


def count_occurrences(doc: Document, candidates: list[FoundCandidate], taken: set[int]):
    """Count every occurrence of each proposed name in the article, and later surnames alone.

    ``taken`` holds the token indices known names already cover; they are never counted.
    """
    by_first: dict[str, list[tuple[list[str], FoundCandidate]]] = {}
    for candidate in candidates:
        words = candidate.normalized.split()
        by_first.setdefault(words[0], []).append((words, candidate))
        candidate.count, candidate.forms = 0, []
    surnames = _surnames(candidates)
    wanted = by_first.keys() | surnames.keys()
    i = 0
    for start in _may_start(doc.folded, wanted):
        # Words between the ones that may start a proposed name are passed over one by one.
        if start < i or start in taken or first_token_keys(doc.folded[start]).isdisjoint(wanted):
            continue
        end = _occurrence(doc, start, by_first, surnames)
        i = end + 1 if end is not None else start + 1
    return [c for c in candidates if c.count]


def _may_start(folded: list[str], keys) -> list[int]:
    """Indices of the words that may stand for one of ``keys`` once proclitics are removed.

    A word's keys (``first_token_keys``) are its own ending, the article put back at most
    (``للعراق`` → ``العراق``): a word stands for ``key`` only if it ends with ``key[2:]``.
    One C-level test per word rules out most words without the keys' look-up.
    """
    endings = tuple({key[2:] for key in keys})
    return [i for i, word in enumerate(folded) if word.endswith(endings)]


def _occurrence(doc: Document, i: int, by_first, surnames) -> int | None:
    # The longest reading first, in every process (للجنة: اللجنة before لجنة).
    keys = sorted(first_token_keys(doc.folded[i]), key=lambda k: (-len(k), k))
    for key in keys:
        for words, candidate in by_first.get(key, ()):
            end = i + len(words) - 1
            if end < len(doc) and doc.linked(i, end) and doc.folded[i + 1 : end + 1] == words[1:]:
                _count(doc, candidate, i, end)
                return end
    if doc.stop[i]:
        return None
    for key in keys:
        candidate = surnames.get(key)
        if candidate is not None and doc.starts[i] > candidate.offset:
            _count(doc, candidate, i, i)
            return i
    return None


def _count(doc: Document, candidate: FoundCandidate, start: int, end: int) -> None:
    candidate.count += 1
    form = doc.span(start, end)
    if form not in candidate.forms:
        candidate.forms.append(form)


def _surnames(candidates: list[FoundCandidate]) -> dict[str, FoundCandidate]:
    """Last word of each proposed person's name → that person, when only one has it."""
    owners: dict[str, list[FoundCandidate]] = {}
    for candidate in candidates:
        words = candidate.normalized.split()
        if candidate.kind == "person" and len(words) >= 2 and len(words[-1]) >= MIN_SURNAME:
            owners.setdefault(words[-1], []).append(candidate)
    return {key: found[0] for key, found in owners.items() if len(found) == 1}
