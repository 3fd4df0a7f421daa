"""Propose unknown people introduced by a title cue, for editors to accept or reject.

``وزير الخارجية الروسي سيرغي لافروف``, ``السفير الروسي لدى بغداد إيلبروس
كوتراشيف``: a title, maybe a nationality, then two or three name-shaped words
that are not a known entity. A run is proposed only when it looks like a
name (a common given name, a Russian surname ending, a family nisba), so
``وزير الخارجية العراقي لترؤس وفد`` proposes nothing.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from arabic_text import frequency
from archive.extraction import (
    common_given,
    cues,
    foreign_people,
    role_phrases,
    shapes,
    titles,
    variants,
)
from archive.extraction import name_runs as runs
from archive.extraction import name_starts as starts
from archive.extraction import name_words as nw
from archive.extraction.document import Document, may_follow_cue
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.name_openings import may_start_name, openings
from archive.extraction.names import ARTICLE, first_token_keys, longest_first


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


def find_candidates(
    doc: Document, hits, gazetteer: Gazetteer, taken: set[int] = frozenset()
) -> list[FoundCandidate]:
    """People no known alias covers: after a title cue, or by the shape of their name.

    A one-word place is no obstacle past the name's first word: مايكل فلين is a name
    whatever town is called لين.
    """
    kinds = gazetteer.kinds
    covered = {
        i
        for hit in hits
        if hit.start != hit.end
        or (
            any(kinds[e.entity_id] != "place" for e in hit.entries)
            and not _in_name(doc, hit, gazetteer)
        )
        for i in range(hit.start, hit.end + 1)
    } | set(taken)
    starts = {hit.start for hit in hits if hit.start in covered}
    people = {hit.start for hit in hits if all(kinds[e.entity_id] == "person" for e in hit.entries)}
    found, seen, resume, folded = [], set(), 0, doc.folded
    surnames: set[str] = set()
    role_words = cues.role_nouns()
    roles = {j for j, word in enumerate(folded) if word in role_words}
    aged = titles.ages(doc)
    roles |= aged  # a name before its age too: صمويل دوبوسي (43 عاما)
    for k in openings(doc, covered, starts, roles):
        if k < resume:
            continue  # inside the name found last
        role = k + 2 in roles or k + 3 in roles  # a name may stand before its role
        candidate = (
            _after_cue(doc, k, covered, gazetteer)
            or _after_speech(doc, k, covered, gazetteer)
            or (_age_near(aged, k) and _before_age(doc, k, covered, gazetteer))
            or _by_shape(doc, k, covered, gazetteer)
            or (role and _before_role(doc, k, covered, gazetteer))
            or None
        )
        if candidate is None or _tanween(doc, candidate.tokens) or folded[k] in surnames:
            continue  # السفير ثومسون حرص after بيتر ثومسون: the surname, then a verb
        tail = foreign_people.syllable_tail(doc, candidate.tokens, covered)  # كيم جونغ أون
        if tail is not None:
            key = candidate.normalized.split()[0]
            candidate = _candidate(doc, candidate.tokens[0], tail, key, cue=candidate.cue)
        resume = candidate.tokens[-1] + 1
        key = candidate.normalized
        if resume in people and doc.joined[resume - 1]:
            continue  # عادل بن أحمد الجبير: the opening of a known person's longer name
        if key in gazetteer.rejected_keys or key in seen:
            continue
        if key in gazetteer.known_keys and not nw.known_person(key, gazetteer):
            continue
        seen.add(key)
        found = one_lineage(found, candidate)
        last = folded[candidate.tokens[-1]]
        if len(candidate.tokens) > 1 and nw.transliterated(last) and last not in cues.given_names():
            surnames.add(last)  # a foreign surname: later alone, it is this person
    in_orgs = foreign_people.organization_words(doc, hits, gazetteer) | {folded[i] for i in taken}
    taken = covered | {i for c in found for i in c.tokens}
    for start, end in foreign_people.foreign_runs(doc, taken, gazetteer):  # مايكل براون
        if folded[start] in in_orgs:
            continue  # هيومن رايتس after منظمة هيومن رايتس ووتش: an organization's words
        candidate = _candidate(doc, start, end, folded[start], cue="")
        if candidate.normalized not in seen | gazetteer.known_keys | gazetteer.rejected_keys:
            seen.add(candidate.normalized)
            found.append(candidate)
    anchors = [(h.start, h.end) for h in hits if h.start in people and h.end > h.start]
    for candidate in _listed_with(doc, found, anchors, covered, gazetteer):
        if candidate.normalized not in seen | gazetteer.known_keys | gazetteer.rejected_keys:
            seen.add(candidate.normalized)
            found.append(candidate)
    return found


# Tokens a parenthesis after a name may hold: ونور الدين المرابطي (الاتحاد الوطني الحر) وهيكل.
MAX_ASIDE = 6


def _listed_with(doc: Document, found, anchors, covered, gazetteer) -> list[FoundCandidate]:
    """Names joined by و to a person's name, in a list: ``ياسين إبراهيم ونعمان الفهري وخالد
    شوكات``, ``وأنس الحطاب (نداء تونس) وبسمة الجبالي``. Each word must carry a name."""
    taken = set(covered) | {i for c in found for i in c.tokens}
    queue = [*anchors, *((c.tokens[0], c.tokens[-1]) for c in found if c.kind == "person")]
    listed = []
    while queue:
        start, end = queue.pop()
        for candidate in (
            _next_in_list(doc, end, taken, gazetteer),
            _previous_in_list(doc, start, taken, gazetteer),
        ):
            if candidate is not None:
                listed.append(candidate)
                taken.update(candidate.tokens)
                queue.append((candidate.tokens[0], candidate.tokens[-1]))
    return listed


def _next_in_list(doc: Document, end: int, taken, gazetteer) -> FoundCandidate | None:
    j = end + 1
    if j >= len(doc):
        return None
    if not doc.joined[end]:
        j = _after_aside(doc, end)
    if j is None or not doc.folded[j].startswith("و"):
        return None
    return _conjunct(doc, j, taken, gazetteer)


def _after_aside(doc: Document, end: int) -> int | None:
    """The token after a parenthesis that follows token ``end``."""
    if not doc.text[doc.ends[end] : doc.starts[end + 1]].strip().startswith("("):
        return None
    for t in range(end + 2, min(len(doc), end + MAX_ASIDE + 2)):
        gap = doc.text[doc.ends[t - 1] : doc.starts[t]]
        if ")" in gap:
            return t if gap.strip() == ")" else None
    return None


def _previous_in_list(doc: Document, start: int, taken, gazetteer) -> FoundCandidate | None:
    """The name before ``و`` + a listed name: ياسين إبراهيم in ياسين إبراهيم ونعمان الفهري."""
    if not doc.folded[start].startswith("و") or start < 2 or not doc.joined[start - 1]:
        return None
    for first in (start - 2, start - 3):
        if first < 0 or first in taken:
            continue
        candidate = _conjunct(doc, first, taken, gazetteer)
        if candidate is not None and candidate.tokens[-1] == start - 1:
            return candidate
    return None


def _conjunct(doc: Document, j: int, taken, gazetteer) -> FoundCandidate | None:
    """A name of a list from token ``j`` (its و left out): a word that may be a given name
    and words that carry a name."""
    if j in taken or (doc.stop[j] and not runs.ali(doc, j)):
        return None
    word = doc.folded[j]
    key = word[1:] if word.startswith("و") and len(word) > 3 else word
    if j + 1 not in taken and common_given.in_list(doc, j, key):
        return _candidate(doc, j, j + 1, key, cue="")  # وبسمة الجبالي
    if not (may_start_name(key) or runs.ali(doc, j)) or not nw.listed_given(key):
        return None
    if doc.surfaces[j].endswith("ه"):
        return None  # وجيشه: a noun with its pronoun, not a name in ة
    end = runs.name_end(doc, j, taken, gazetteer)
    rest = doc.folded[j + 1 : end + 1] if end is not None else ()
    if end is None or not all(
        (nw.carries_name(w) or (i > j + 1 and runs.closing_family(doc, i)))
        and not (_plural(w) and not common_given.compound_tail(doc, i, j, end))
        for i, w in enumerate(rest, j + 1)
    ):
        return None
    return _candidate(doc, j, end, key, cue="")


def _plural(word: str) -> bool:
    """وسط المحتفلين: a definite plural is no family name."""
    return word.startswith(ARTICLE) and word.endswith(("ين", "ون", "ات"))


def one_lineage(found: list[FoundCandidate], candidate: FoundCandidate) -> list[FoundCandidate]:
    """Add ``candidate`` unless it names a person already found: the same words with عبد
    written apart or joined (ماجد بن عبد الله القصبي, ماجد بن عبدالله القصبي), or the
    opening of a lineage (عبدالله بن مساعد after عبدالله بن مساعد بن عبدالعزيز); a longer
    lineage replaces its opening found before."""
    if candidate.kind != "person":
        return [*found, candidate]
    words = _lineage_words(candidate)
    for i, other in enumerate(found):
        theirs = _lineage_words(other)
        if theirs[: len(words)] == words and (len(words) == len(theirs) or _lineage(words)):
            return found
        if words[: len(theirs)] == theirs and _lineage(theirs):
            return [*found[:i], *found[i + 1 :], candidate]
    return [*found, candidate]


def _lineage_words(candidate: FoundCandidate) -> list[str]:
    return variants.joined_abd(candidate.normalized.split())


def _lineage(words: list[str]) -> bool:
    """A given name and a father's at least: محمد بن سلمان."""
    return len(words) >= 3 and any(w in cues.lineage_words() for w in words[1:-1])


def _in_name(doc: Document, hit, gazetteer) -> bool:
    """A one-word name that needs support, after بن or a (compound) given name: a father's or
    family name (خالد بن صالح العباد, سليمان الأسد), not the known person صالح or الأسد;
    before a word that carries a name, a given name (حسني مبارك is not حاجم الحسني)."""
    if hit.start != hit.end:
        return False
    kinds = gazetteer.kinds
    if all(kinds[e.entity_id] == "person" for e in hit.entries) and runs.other_of_family(
        doc, hit.start, gazetteer
    ):
        return True  # ميشيل أوباما: another person of the family
    if not all(e.ambiguous for e in hit.entries):
        return False
    before, after = hit.start - 1, hit.end + 1
    if before >= 0 and doc.joined[before]:
        word = doc.folded[before]
        if word in cues.lineage_words() or first_token_keys(word) & cues.given_names():
            return True
        if runs.compound_end(doc, before):
            return True  # علي عبد الله صالح
        if before > 0 and doc.joined[before - 1] and doc.folded[before - 1] in cues.lineage_words():
            return True  # مروان بن رشاد زبيدي: the family name after a father's name
    word = doc.folded[hit.start]
    return (
        after < len(doc)
        and doc.joined[hit.end]
        and not word.startswith(ARTICLE)
        and nw.carries_name(doc.folded[after])
        and not doc.folded[after].startswith(ARTICLE)
    )


_TANWEEN = shapes.TANWEEN


def _tanween(doc: Document, tokens: tuple[int, ...]) -> bool:
    """Names never take tanween: متكرراً, معبراً are adjectives and adverbs."""
    return any(_TANWEEN.intersection(doc.surfaces[i]) for i in tokens)


def _before_role(doc: Document, k: int, covered, gazetteer) -> FoundCandidate | None:
    """``ومحمد يعقوبي والي طنجة``, ``روبيرت فورد، السفير``, ``نجم الدين كريم محافظ``: two or
    three name words right before a role (after a comma at most)."""
    folded = doc.folded
    # A listed name that is an ordinary word too (جمعة, صالح) needs more than a role.
    given = {g for g in first_token_keys(folded[k]) & cues.given_names() if _plain_name(g)}
    compound = k + 1 < len(doc) and folded[k + 1] in cues.compound_tails()
    key = longest_first(given)[0] if given else shapes.without_conjunction(folded[k], least=2)
    if not (given or compound or shapes.is_name_like(key)):
        return None
    if nw.known_alone(folded[k], gazetteer):
        return None  # تركمانستان أبلغت رئيس …: a known name alone is no given name here
    for end in (k + 1, k + 2):
        if end + 1 >= len(doc) or not doc.linked(k, end) or end in covered:
            return None
        word = folded[end]
        if not nw.may_continue_name(word, gazetteer) or not _role_name_word(word, end == k + 1):
            return None
        if word in cues.name_joiners():
            continue  # عبدالعزيز بن …: the name goes on
        if folded[end + 1] in cues.role_nouns() and _apposed(doc, end):
            return _candidate(doc, k, end, key, cue="")
        if not (given or compound):
            return None  # three words need a given name first: not ويحتل دانييل سكيولي
        if word.startswith(ARTICLE) and word not in cues.compound_tails():
            return None  # a family name ends the name
    return None


def _role_name_word(word: str, second: bool) -> bool:
    """A word of a name before its role: a name word, or one news seldom writes."""
    if second and word in cues.compound_tails():
        return True
    if (
        shapes.has_clitic_reading(word, conjunction=False)
        or shapes.has_prefix_reading(word)
        or shapes.has_particle_reading(word)
    ):
        return False  # جمعه بنائب رئيس: a preposition and a title, not a name (فورد is one)
    # A noun of action or a feminine word (ملاحقة) is no rare name word.
    return nw.carries_name(word) or (
        not word.startswith(ARTICLE)
        and not word.endswith("ه")
        and frequency(word) <= shapes.FAMILY_NAME_MAX
    )


@lru_cache(maxsize=10_000)
def _plain_name(given: str) -> bool:
    """جمعة and صالح are ordinary words too: before a role they are no given name."""
    return not shapes.is_common_word(given)


def _apposed(doc: Document, end: int) -> bool:
    """The role follows the name directly or after a comma."""
    if doc.joined[end]:
        return True
    return doc.text[doc.ends[end] : doc.starts[end + 1]].strip() in {"،", ","}


def _name_end(doc: Document, k: int, covered, gazetteer) -> int | None:
    """``name_runs.name_end`` once per token of the scan: its cue, speech, age and shape
    readings all ask it, with the same ``covered`` set (never changed during the scan)."""
    memo = getattr(doc, "_name_ends", None)
    if memo is None or memo[0] is not covered:
        memo = doc._name_ends = (covered, {})
    ends = memo[1]
    if k not in ends:
        ends[k] = runs.name_end(doc, k, covered, gazetteer)
    return ends[k]


def _after_cue(doc: Document, k: int, covered, gazetteer) -> FoundCandidate | None:
    if k == 0:
        return None
    apposed = titles.apposed(doc, k - 1)
    if not (apposed or may_follow_cue(doc, k) or titles.after_complement(doc, k)):
        return None
    if doc.folded[k].endswith(nw.PRONOUNS) and doc.folded[k] not in cues.given_names():
        return None  # رئيس مكتبها السياسي: a noun with its pronoun
    end = _name_end(doc, k, covered, gazetteer)
    if end is None:
        return None
    quoted = apposed and titles.quoted(doc, k, end)
    words = doc.folded[k : end + 1]
    if not (nw.looks_like_name(words, gazetteer) or (quoted and titles.quoted_name(words))):
        return None
    if end == k + 1 and not nw.after_title(doc.folded[end]) and not quoted:
        return None  # الملك سعود يهنئ, الملك سعود هنأه: the sentence goes on
    start = titles.apposed_start(doc, k, end) if apposed else titles.title_start(doc, k)
    if start is None and not apposed and role_phrases.given_first(words):
        start = role_phrases.long_title_start(doc, k)  # القيادي في جبهة الإنقاذ رضا بالحاج
    if start is None:
        return None
    if not apposed and k - 1 not in covered and titles.definite_given(doc, k, gazetteer):
        k -= 1  # الرئيس الباجي قائد السبسي: the name opens with the definite word
    return _candidate(doc, k, end, doc.folded[k], cue=doc.span(start, k - 1))


def _after_speech(doc: Document, k: int, covered, gazetteer) -> FoundCandidate | None:
    """``وقال روبيرت فورد``, ``قال كل من فايز محمد``: the subject of a verb of saying, when
    it looks like a name."""
    verb = titles.speech_subject(doc, k)
    if verb is None:
        return None
    end = _name_end(doc, k, covered, gazetteer)
    if end is None or not (_said_by(doc, k, end) or _said_by_role(doc, k, end)):
        return None
    return _candidate(doc, k, end, doc.folded[k], cue=doc.span(verb, k - 1))


# Past the longest name a run may take (a lineage of several generations).
_AGE_REACH = 12


def _age_near(aged: set[int], k: int) -> bool:
    """An age follows one of the few words a name starting at token ``k`` may run to."""
    return bool(aged) and any(j in aged for j in range(k + 1, k + _AGE_REACH + 1))


def _before_age(doc: Document, k: int, covered, gazetteer) -> FoundCandidate | None:
    """``صمويل دوبوسي (43 عاما)``: a name run its age follows, when it looks like a name."""
    end = _name_end(doc, k, covered, gazetteer)
    if end is None or not titles.aged(doc, end) or not _said_by(doc, k, end):
        return None
    return _candidate(doc, k, end, doc.folded[k], cue="")


def _said_by_role(doc: Document, k: int, end: int) -> bool:
    """``وقالت علياء عودة مديرة المؤسسة``, ``قال دليل آمد، عضو``: a subject of two words that
    its role follows is a name when no word reads as a verb, a definite or an ordinary word
    frequent in news."""
    words = doc.folded[k : end + 1]
    role = end + 1 < len(doc) and doc.folded[end + 1] in cues.role_nouns()
    return (
        role
        and len(words) == 2
        and _apposed(doc, end)
        and not nw.verb_shaped(words[0])
        and all(nw.seldom_word(w) and not w.startswith(ARTICLE) for w in words)
    )


def _said_by(doc: Document, k: int, end: int) -> bool:
    """After a verb of saying (وقال روبيرت فورد) the subject is a name only when every word
    looks like one: a given name or a transliteration first, name words after it."""
    first, rest = doc.folded[k], doc.folded[k + 1 : end + 1]
    if not (first in cues.given_names() or nw.transliterated(first)):
        return False
    return all(nw.carries_name(w) for w in rest)


def _by_shape(doc: Document, k: int, covered, gazetteer) -> FoundCandidate | None:
    """``ومحمد الغربي``, ``كيث كيلوج``: a given name or a foreign word, and a name run."""
    if k > 0 and doc.joined[k - 1] and doc.folded[k - 1] in cues.lineage_words():
        return None  # inside a name: سعود in طلال بن سعود
    folded = doc.folded[k]
    key = shapes.given_name_key(folded)
    if key is None and starts.lineage_follows(doc, k):
        key = shapes.without_conjunction(folded)  # حمد بن محمد: a word, بن and a given name
    if key is None and (starts.before_family_name(doc, k) or common_given.before_family(doc, k)):
        key = shapes.without_conjunction(folded)  # صابرين القوبنطيني: a word and a rare nisba
    if key is None and starts.abd_follows(doc, k):
        key = shapes.without_conjunction(folded)  # فوزي عبد الرحمان: a word and عبد …
    foreign = (
        key is None
        and shapes.is_foreign_word(folded)
        and nw.transliterated(folded)
        and not nw.known_alone(folded, gazetteer)
    )
    if key is None and not foreign:
        return None
    end = _name_end(doc, k, covered, gazetteer)
    if end is None:
        return None
    rest = doc.folded[k + 1 : end + 1]
    if foreign and not all(nw.transliterated(w) for w in rest):
        return None
    abd = first_token_keys(folded) & cues.compound_given_heads()
    if not foreign and not all(
        nw.carries_name(w)
        or (i == 0 and abd and w in cues.abd_tails())
        or (i > 0 and runs.closing_family(doc, k + 1 + i))
        or runs.family_surname(doc, k + 1 + i, gazetteer)
        or (i > 0 and rest[i - 1] in cues.family_joiners())  # آل الشيخ
        for i, w in enumerate(rest)
    ):
        return None
    if abd and key == folded and k - 1 not in covered and starts.given_before(doc, k):
        k -= 1  # عمر عبد الوهاب …: a listed given name before عبد (no و) opens the name
        key = shapes.without_conjunction(doc.folded[k])
    return _candidate(doc, k, end, key or folded, cue="")


def _candidate(doc: Document, k: int, end: int, key: str, *, cue: str) -> FoundCandidate:
    """The name from token ``k`` (its proclitics left out) to ``end``."""
    surface = doc.span(k, end)
    folded = doc.folded[k]
    if key != folded and folded.endswith(key):
        surface = surface[len(folded) - len(key) :]
    return FoundCandidate(
        name=surface,
        normalized=" ".join([key, *doc.folded[k + 1 : end + 1]]),
        cue=cue,
        offset=doc.starts[k],
        tokens=tuple(range(k, end + 1)),
    )
