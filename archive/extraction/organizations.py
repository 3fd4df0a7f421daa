"""Organizations no list holds, found by the shape of their names.

``وزارة الاقتصاد``, ``مجلس الأمن القومي``, ``منظمة حظر الأسلحة الكيميائية``: a head noun
(ministry, council, agency, party …) and the words that complete it, through a genitive
chain; ``الحزب الديمقراطي``, ``المفوضية الأوروبية``: a definite head and its adjectives;
then a purpose with لـ after an adjective (المرصد السوري لحقوق الإنسان) and an office's
posting (السفارة الأمريكية في القاهرة). ``صحيفة «الشرق الأوسط»``, ``جماعة "المرابطون"``: a
head and a quoted name; ``وكالة فرانس برس``, ``معهد ميلكين``: a head and foreign names;
``نظام الأسد``, ``النظام السوري``: a government by its leader or its country;
``التحالف الذي تقوده السعودية``: a coalition by who leads it. Foreign names, acronyms and
radios (``سي إن إن``, ``الجوهرة أف أم``) and the mined names (``رويترز``, ``فجر ليبيا``) are
``org_foreign``'s. The words these rules use are in ``org_words``, what they share in
``org_spans``. A name ends at a stop word, a punctuation mark, a word that moves the sentence
on or after ``MAX_WORDS`` words.
"""

from functools import cache, lru_cache

from archive.extraction import cues, org_words, shapes
from archive.extraction.document import Document, WordFilter
from archive.extraction.name_words import inflected_word
from archive.extraction.names import ARTICLE, first_token_keys
from archive.extraction.org_foreign import (
    acronym_starts,
    foreign,
    foreign_like,
    listed,
    listed_starts,
)
from archive.extraction.org_spans import (
    OrgSpan,
    explained,
    joined,
    led,
    name_ends,
    prefixed,
    without_led,
    word_keys,
)

MAX_WORDS = 5


@cache
def heads() -> frozenset[str]:
    return word_keys(tuple(org_words.HEADS))


@cache
def definite_heads() -> frozenset[str]:
    return word_keys(tuple(org_words.DEFINITE_HEADS))


@cache
def quoted_heads() -> frozenset[str]:
    return word_keys(tuple(org_words.QUOTED_HEADS))


def find_organizations(
    doc: Document,
    places: dict[int, int] | None = None,
    people: dict[int, int] | None = None,
    sure: set[int] | None = None,
) -> list[OrgSpan]:
    """Spans of organization names in ``doc``, left to right, never overlapping.

    ``places`` maps the first token of each place name found to its last: a government,
    presidency or embassy may be completed by one (حكومة مالي, رئاسة إقليم كردستان).
    ``people`` does the same for people's names: a government named by its leader
    (إدارة ترامب, نظام الأسد). ``sure`` holds the places' first tokens whose name needs no
    support: only they close a genitive chain (محكمة استئناف ديالى).
    """
    found, i, places, people = [], 0, places or {}, people or {}
    closing = {k: e for k, e in places.items() if sure is None or k in sure}
    folded, acronyms = doc.folded, acronym_starts(doc)
    for start in _may_start(folded, people, acronyms):
        if start < i:
            continue
        i = start
        role = _role(folded[i])
        span = _span_at(doc, i, role or (False, None, None), (places, closing), people)
        if span is None and i in acronyms and not explained(doc, found, i):
            span = acronyms[i]
        if span is None:
            i += 1
            continue
        if not in_title(doc, span.start, span.end):
            found.append(span)
        i = span.end + 1
    return without_led(found)


def _may_start(folded: list[str], people: dict[int, int], acronyms: dict) -> list[int]:
    """The words a name may start at, in order: a word with a role (``_role``), the word
    before a person's name, an acronym, a word after an era (م, ه). Most words are none:
    the words of the text are asked as a set, each distinct word once per process."""
    n = len(folded)
    starts = {k - 1 for k in people if 0 < k <= n} | acronyms.keys()
    playing = _WITH_ROLE(set(folded))
    if playing:
        starts.update(k for k, word in enumerate(folded) if word in playing)
    if not _ERAS.isdisjoint(folded):
        starts.update(k + 1 for k, word in enumerate(folded[:-1]) if k >= 1 and word in _ERAS)
    return sorted(starts)


def _span_at(doc: Document, i: int, role, places, people) -> OrgSpan | None:
    """The organization's name that starts at word ``i``, if any (``places``: every place
    found, and those that need no support)."""
    quoting, head, definite = role
    places, closing = places
    span = _quoted(doc, i) if quoting else None
    if span is None:
        span = _by_leader(doc, i, people)
    if span is None and head is not None:
        span = (
            _by_place(doc, i, head, places)
            or _completed(doc, i, head, least=1)
            or foreign(doc, i, head)
            or _chain_to_place(doc, i, head, closing)
        )
    elif span is None and definite is not None and not _after_title(doc, i, definite):
        span = _completed(doc, i, definite, least=1, adjectives=True) or led(doc, i, definite)
        if span is not None and definite in word_keys(tuple(org_words.NATIONAL_HEADS)):
            span = _national(doc, span)
    if span is not None and span.head:
        span = _complemented(doc, span, places)
        if span.head in word_keys(tuple(org_words.WEAK_HEADS)) and span.end - span.start < 2:
            span = None  # اللجنة التنفيذية: one adjective names no committee
    if span is not None and span.head and span.label < 0 and span.end > span.start:
        span = _named(doc, span)
    if span is None and i >= 2 and doc.folded[i - 1] in _ERAS:
        span = _dateline_credit(doc, i)
    if span is None and listed_starts(doc.folded[i]):
        span = listed(doc, i)
    return span


_ERAS = frozenset(("م", "ه"))
# The words of a text that play a part in an organization's name (``_role``).
_WITH_ROLE = WordFilter(lambda word: _role(word) is not None)


def _named(doc: Document, span: OrgSpan) -> OrgSpan:
    """``حركة نداء تونس``: a head before a name of the mined list is shown with it, but the
    name alone is the key, so that the article's later ``نداء تونس`` is the same one."""
    if not listed_starts(doc.folded[span.start + 1]):
        return span
    name = listed(doc, span.start + 1)
    if name is None or name.end != span.end:
        return span
    return OrgSpan(name.start, name.end, name.head, label=span.start)


@lru_cache(maxsize=200_000)
def _role(folded: str) -> tuple[bool, str | None, str | None] | None:
    """What a word may be to an organization's name: (before a quoted name, head, definite
    head), proclitics allowed (لوكالة, والحزب); None for a word that plays no part (nor
    opens a listed outlet)."""
    keys = first_token_keys(folded)
    head = _longest(keys & heads())
    definite = _longest(keys & definite_heads())
    quoting = bool(keys & quoted_heads())
    if not (quoting or head or definite or listed_starts(folded)):
        return None
    return quoting, head, definite


def _longest(keys: frozenset[str]) -> str | None:
    """One key in every process: ``للجنة`` is ``اللجنة`` (لـ + the article), not ``لجنة``."""
    return max(keys, key=lambda k: (len(k), k)) if keys else None


def _after_title(doc: Document, i: int, head: str) -> bool:
    """``وزير الخارجية``, ``رئيس الحكومة``: a definite head after a minister's title, and
    the government after any title, is the title's (``رئيس الديوان الملكي`` is not)."""
    if i == 0 or not doc.joined[i - 1]:
        return False
    before = first_token_keys(doc.folded[i - 1])
    if before & word_keys(tuple(org_words.MINISTER_TITLES)):
        return True
    return head in word_keys(tuple(org_words.TITLE_ONLY_HEADS)) and bool(before & _title_words())


def in_title(doc: Document, start: int, end: int) -> bool:
    """``رئيس مجلس الوزراء``: a known name that completes the standard title of a head of
    government names no organization."""
    if start == 0 or not doc.joined[start - 1]:
        return False
    words = " ".join(doc.folded[start + 1 : end + 1])
    tails = word_keys(org_words.TITLE_TAILS)
    if not any(
        " ".join(filter(None, (key, words))) in tails for key in first_token_keys(doc.folded[start])
    ):
        return False
    return bool(first_token_keys(doc.folded[start - 1]) & word_keys(("رئيس", "رئيسة", "عضو")))


@cache
def _title_words() -> frozenset[str]:
    return frozenset(p[-1] for p in cues.portfolio_heads() if len(p) == 1) | word_keys(
        ("رئيس", "نائب")
    )


def _completed(doc: Document, i: int, head: str, *, least: int, adjectives: bool = False):
    """The head and the definite words after it; after an adjective only adjectives
    (الحكومة العراقية, not الحكومة العراقية الغارات). With ``adjectives`` (a definite
    head) every word must be one. Without, a genitive chain may pass through indefinite
    nouns that a definite word completes (منظمة حظر الأسلحة الكيميائية)."""
    end, n, ends = i, len(doc), name_ends()
    while end + 1 < n and end - i + 1 < MAX_WORDS and joined(doc, end):
        word = doc.folded[end + 1]
        if (
            not adjectives
            and head not in word_keys(tuple(org_words.NO_CHAIN_HEADS))
            and _chain_link(doc, i, end + 1)
        ):
            end += 1
            continue
        if doc.stop[end + 1] or not word.startswith(ARTICLE) or len(word) < 4 or word in ends:
            break
        # After a (definite) adjective only adjectives: not الحكومة العراقية الغارات.
        last = doc.folded[end]
        after_adjective = end > i and last.startswith(ARTICLE) and _adjective(last)
        if (adjectives or after_adjective) and not _adjective(word):
            break
        end += 1
    while end > i and not doc.folded[end].startswith(ARTICLE):
        end -= 1  # a chain ends on a definite word
    if end - i < least or _generic(doc, i, end, head):
        return None
    return OrgSpan(i, end, head)


def _chain_link(doc: Document, i: int, k: int, *, lam: bool = False) -> bool:
    """Word ``k`` is an indefinite noun inside a genitive chain: right after the head or
    another such noun, and followed by a definite word (حظر in منظمة حظر الأسلحة)."""
    if (
        k + 1 >= len(doc)
        or not joined(doc, k)
        or (k - 1 > i and doc.folded[k - 1].startswith(ARTICLE))
    ):
        return False
    word, after = doc.folded[k], doc.folded[k + 1]
    if doc.stop[k] or len(word) < 3 or not word.isalpha() or word.startswith(ARTICLE):
        return False
    if _TANWEEN.intersection(doc.surfaces[k]) or word in name_ends():
        return False
    if prefixed(word) and not (lam and k == i + 1):
        return False
    return (
        not doc.stop[k + 1]
        and after.startswith(ARTICLE)
        and len(after) >= 4
        and after not in name_ends()
        and not _adjective(after)
    )


_TANWEEN = shapes.TANWEEN


def _generic(doc: Document, i: int, end: int, head: str) -> bool:
    """``قوات الأمن``, ``قوات الأسد``, ``وحدات الجيش``: forces named by what they are or by
    whom they serve; a named force takes two words at least (قوات الدفاع الوطني).
    ``مجلس الإدارة``, ``مجلس إدارة النادي``: a company's or a club's board."""
    if head in word_keys(("مجلس",)) and first_token_keys(doc.folded[i + 1]) & word_keys(
        ("الإدارة", "إدارة")
    ):
        return True
    if head not in word_keys(tuple(org_words.TWO_WORD_HEADS)):
        return False
    if end - i < 2:
        return True
    generic = word_keys(tuple(org_words.GENERIC_FORCES))
    return head in word_keys(tuple(org_words.FORCE_HEADS)) and doc.folded[i + 1] in generic


def leader_head(head: str) -> bool:
    """A head that a government's leader may complete (إدارة, نظام, حكومة)."""
    return head in word_keys(tuple(org_words.LEADER_HEADS))


def _by_leader(doc: Document, i: int, people: dict[int, int]):
    """``إدارة ترامب``, ``نظام بشار الأسد``: a government and the person who leads it."""
    if i + 1 not in people or not joined(doc, i):
        return None
    head = next(
        iter(first_token_keys(doc.folded[i]) & word_keys(tuple(org_words.LEADER_HEADS))), None
    )
    return OrgSpan(i, people[i + 1], head) if head else None


def _national(doc: Document, span: OrgSpan):
    """``النظام السوري``: the regime of a country, named by the country's adjective only."""
    word = doc.folded[span.end]
    if span.end != span.start + 1 or not cues.is_nationality_adjective(word):
        return None
    return None if word in word_keys(tuple(org_words.NOT_NATIONAL)) else span


def _complemented(doc: Document, span: OrgSpan, places: dict[int, int]) -> OrgSpan:
    """The name with its complement: after an adjective or an institute's foreign name, a
    purpose with ``لـ`` (المرصد السوري لحقوق الإنسان, معهد ليبنيز للأبحاث الاقتصادية),
    then for an office its posting (السفارة الأمريكية في القاهرة, المحكمة الابتدائية
    بتونس)."""
    k = span.end + 1
    if k >= len(doc) or not joined(doc, span.end):
        return span
    word, last = doc.folded[k], doc.folded[span.end]
    named = span.head in word_keys(tuple(org_words.STUDY_HEADS)) and _foreign_name(last)
    if (_adjective(last) or named) and word.startswith("ل") and not doc.stop[k]:
        if (
            span.head in word_keys(tuple(org_words.GOVERNMENT_HEADS + org_words.NO_PURPOSE_HEADS))
            or first_token_keys(word) & _place_nouns()
        ):
            return span  # a government has no purpose; لمدينة is a place word
        if k in places and len(word) > 3:
            return OrgSpan(span.start, places[k], span.head)  # الجماعة الحضرية لطنجة
        end = _purpose(doc, k)
        if end is None:
            return span
        span = OrgSpan(span.start, end, span.head)
        k = end + 1
        if k >= len(doc) or not joined(doc, end):
            return span
        word = doc.folded[k]
    if span.head in word_keys(tuple(org_words.POSTED_HEADS)):
        if word in word_keys(tuple(org_words.POSTED_AT)) and k + 1 in places and joined(doc, k):
            return OrgSpan(span.start, places[k + 1], span.head)
        if k in places and word.startswith("ب") and word[1:2] != "ب":
            return OrgSpan(span.start, places[k], span.head)
    return span


def _foreign_name(word: str) -> bool:
    """A foreign name's word (ليبنيز), not an accusative (تذكاريا)."""
    return foreign_like(word) and not inflected_word(word)


@cache
def _place_nouns() -> frozenset[str]:
    return cues.place_words() | frozenset(ARTICLE + w for w in cues.place_words())


def _purpose(doc: Document, k: int) -> int | None:
    """The end of a purpose complement at ``k``: ``للأبحاث الاقتصادية``, ``لحقوق الإنسان``,
    ``لصياغة مشروع الدستور``: a definite noun or a genitive chain, then adjectives."""
    word, ends = doc.folded[k], name_ends()
    if (
        _sport(word)
        and k + 1 < len(doc)
        and joined(doc, k)
        and doc.folded[k + 1].startswith(ARTICLE)
    ):
        return k + 1  # لكرة القدم, لألعاب القوى
    if word.startswith("لل"):
        noun = ARTICLE + word[2:]
        if len(noun) < 5 or noun in ends or noun.endswith(("ين", "ون")):
            return None
        end = k
    else:
        end = k - 1
        while end + 1 < len(doc) and end - k < 2 and _chain_link(doc, k - 1, end + 1, lam=True):
            end += 1
        if end < k or end + 1 >= len(doc) or not joined(doc, end):
            return None
        end += 1  # the definite word that closes the chain
    while end + 1 < len(doc) and end - k < 4 and joined(doc, end):
        nxt = doc.folded[end + 1]
        if doc.stop[end + 1] or nxt in ends or not (nxt.startswith(ARTICLE) and _adjective(nxt)):
            break
        end += 1
    return end


@lru_cache(maxsize=50_000)
def _sport(word: str) -> bool:
    """``لكرة``, ``لألعاب``: a sport's noun with ``لـ``, which a definite word completes."""
    return word.startswith("ل") and bool(first_token_keys(word) & _sport_nouns())


@cache
def _sport_nouns() -> frozenset[str]:
    return word_keys(tuple(org_words.SPORT_NOUNS))


def sport_body(doc: Document, span: OrgSpan) -> tuple[str, ...] | None:
    """``الاتحاد الأوروبي لكرة القدم``: the folded words before a sport's complement (the
    head's key first). In that article the words alone name the sport's body too, not the
    organization a list gives them to (the European Union)."""
    if not span.head:
        return None
    for j in range(span.start + 1, span.end + 1):
        if _sport(doc.folded[j]) or doc.folded[j].removeprefix("لل") in _sport_definite():
            return (span.head, *doc.folded[span.start + 1 : j])
    return None


@cache
def _sport_definite() -> frozenset[str]:
    return frozenset(w.removeprefix(ARTICLE) for w in word_keys(tuple(org_words.SPORTS)))


def _dateline_credit(doc: Document, i: int):
    """``موسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس``: the agency that ends a
    dateline (after the date's era letter), at the end of its line."""
    if i < 2 or doc.folded[i - 1] not in ("م", "ه") or not doc.folded[i - 2].isdigit():
        return None
    after = doc.text[doc.ends[i] : doc.starts[i + 1]] if i + 1 < len(doc) else "\n"
    if "\n" not in after or doc.stop[i] or len(doc.folded[i]) < 2:
        return None
    return OrgSpan(i, i, "")


def _adjective(word: str) -> bool:
    """A relational adjective (الدولي, العربية) or one of the usual adjectives of names."""
    return word.endswith(("ي", "يه")) or word in _name_adjectives()


@cache
def _name_adjectives() -> frozenset[str]:
    return word_keys(tuple(org_words.NAME_ADJECTIVES))


def _by_place(doc: Document, i: int, head: str, places: dict[int, int]):
    """``حكومة مالي``, ``رئاسة إقليم كردستان``: a head of state bodies and a place name."""
    if head not in place_heads() or i + 1 not in places or not joined(doc, i):
        return None
    return OrgSpan(i, places[i + 1], head)


def _chain_to_place(doc: Document, i: int, head: str, places: dict[int, int]):
    """``محكمة استئناف ديالى``, ``حزب حركة نداء تونس``: a genitive chain of one or two
    indefinite nouns that a place's name closes (the place stays a mention of its own)."""
    if head in word_keys(tuple(org_words.TWO_WORD_HEADS + org_words.NO_CHAIN_HEADS)):
        return None  # برئاسة جواد ظريف: "chaired by"
    k = i + 1
    while k < len(doc) and k - i <= 2 and joined(doc, k - 1) and _bare_noun(doc, k):
        if k + 1 in places and joined(doc, k) and not _with_proclitic(doc.folded[k + 1]):
            return (
                None if _generic(doc, i, places[k + 1], head) else OrgSpan(i, places[k + 1], head)
            )
        k += 1
    return None


def _with_proclitic(word: str) -> bool:
    """``بخميس مشيط``, ``بالمنستير``: a place after a preposition is where, not whose."""
    return word.startswith(("بال", "لل", "وال")) or prefixed(word)


def _bare_noun(doc: Document, k: int) -> bool:
    """Word ``k`` may be an indefinite noun of a chain: a plain word, no given name (شركة
    محمد بن …), no compass word (مجمع سكني غرب باريس), no name end, no tanween, no
    proclitic before it."""
    word = doc.folded[k]
    return not (
        doc.stop[k]
        or word in word_keys(tuple(org_words.WHERE_WORDS))
        or word in cues.given_names()
        or len(word) < 3
        or not word.isalpha()
        or word.startswith(ARTICLE)
        or word in name_ends()
        or _TANWEEN.intersection(doc.surfaces[k])
        or prefixed(word)
    )


@cache
def place_heads() -> frozenset[str]:
    return word_keys(tuple(org_words.PLACE_HEADS))


def _quoted(doc: Document, i: int):
    """``صحيفة «واشنطن بوست»``, ``لـ"وات"``: a head or attribution, then one to four words
    in quotes (the name is the quoted words)."""
    if i + 1 >= len(doc):
        return None
    gap = doc.text[doc.ends[i] : doc.starts[i + 1]]
    if not any(q in gap for q in org_words.QUOTES_OPEN):
        return None
    for end in range(i + 1, min(i + 5, len(doc))):
        after = doc.text[doc.ends[end] : doc.starts[end + 1]] if end + 1 < len(doc) else ""
        if any(q in after for q in org_words.QUOTES_CLOSE):
            return OrgSpan(i + 1, end, "")
        if end + 1 < len(doc) and not doc.joined[end]:
            return None
    return None
