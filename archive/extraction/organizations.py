"""Organizations no list holds, found by the shape of their names.

``وزارة الاقتصاد``, ``مجلس الأمن القومي``, ``لوكالة المخابرات المركزية الأمريكية``: a head
noun (ministry, council, agency, party …) and the definite words that complete it;
``الحزب الديمقراطي``, ``المفوضية الأوروبية``: a definite head and its adjectives;
``صحيفة «الشرق الأوسط»``, ``وكالة "رويترز"``: a head and a quoted name. The name ends at
a stop word, a punctuation mark, an indefinite word or after ``MAX_WORDS`` words.
"""

from dataclasses import dataclass
from functools import cache, lru_cache

from archive.extraction import cues, shapes
from archive.extraction.document import Document
from archive.extraction.names import ARTICLE, first_token_keys, name_tokens

MAX_WORDS = 5

# Heads followed by the words that complete the name (وزارة الخارجية, حزب الدعوة).
_HEADS = """
وزارة مجلس هيئة وكالة صحيفة جريدة قناة شركة جامعة منظمة حركة ائتلاف تحالف حزب جبهة
اتحاد جمعية مؤسسة بنك مصرف صندوق لجنة مفوضية مديرية رئاسة محكمة نقابة غرفة منظومة
مركز معهد أكاديمية دائرة سلطة كتلة تيار منتدى برلمان رابطة مجمع جماعة حكومة سفارة
قنصلية
""".split()
# Definite heads that name an organization only with an adjective (الحزب الديمقراطي).
_DEFINITE_HEADS = """
الحزب الحكومة المفوضية الجيش المجلس الاتحاد البرلمان الكونغرس الكونجرس الخارجية
السفارة القنصلية الديوان الحرس النيابة التحالف الجماعة المحكمة القوة الدرك الوقاية
المراسم الهيئة الوكالة المنظمة الرابطة الجامعة الائتلاف الحركة الجبهة المجمع الشرطة
""".split()
# Words before a quoted name that make it an organization: a kind of outlet or company
# (صحيفة «الشرق الأوسط», شركة «شل»), or an attribution (لـ"وات", بحسب "الفرنسية").
_QUOTED_HEADS = "صحيفة جريدة وكالة قناة شركة مجلة موقع ل بحسب حسب وفق وفقا نقلا".split()
# Adjectives of institutions' names without the relational ending (الجيش الحر).
_NAME_ADJECTIVES = """
العامة العام الحر المشتركة المشترك المتحدة المتحد الأعلى العليا المستقلة المستقل الموحد
الموحدة الكبرى الكبير الشعبي الشعبية الحرة الدائمة الدائم المركزي الاتحادية
""".split()
# Heads that a place name completes (حكومة مالي).
_PLACE_HEADS = "حكومة رئاسة سفارة قنصلية جامعة برلمان".split()
# Words that end a name even when definite (``مجلس الوزراء اليوم``).
_NAME_ENDS = """
اليوم الماضي الماضية المقبل المقبلة الحالي الحالية الجاري السابق السابقة الأخير الأخيرة
الأول الأولى الثاني الثانية نفسه نفسها ذاته ذاتها الذي التي الذين أمس التابع التابعة
المحظور المحظورة المعني المعنية المذكور المذكورة الجديد الجديدة الحاكم الحاكمة
الدكتور الدكتورة السيد السيدة الشيخ الأستاذ المهندس اللواء العميد الفريق العقيد المستشار
الأمير الملك الرئيس الوزير السفير
""".split()
# Titles after which a definite head is the portfolio (وزير الخارجية الروسي); after the
# other titles only the government is (رئيس الحكومة المغربية, but رئيس الديوان الملكي).
_MINISTER_TITLES = "وزير وزيرة الوزير وكيل".split()
_TITLE_ONLY_HEADS = "الحكومة".split()
# What completes the standard title of a head of government (رئيس مجلس الوزراء).
_TITLE_TAILS = ("مجلس الوزراء", "الوزراء", "الحكومة")
_QUOTES_OPEN = ("«", '"', "“")
_QUOTES_CLOSE = ("»", '"', "”")


@dataclass(frozen=True, slots=True)
class OrgSpan:
    start: int
    end: int  # inclusive
    head: str  # the head's key without proclitics ("" for a quoted name: no head)


@cache
def _keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(name_tokens(w)) for w in words)


@cache
def heads() -> frozenset[str]:
    return _keys(tuple(_HEADS))


@cache
def definite_heads() -> frozenset[str]:
    return _keys(tuple(_DEFINITE_HEADS))


@cache
def quoted_heads() -> frozenset[str]:
    return _keys(tuple(_QUOTED_HEADS))


@cache
def name_ends() -> frozenset[str]:
    return _keys(tuple(_NAME_ENDS))


def find_organizations(doc: Document, places: dict[int, int] | None = None) -> list[OrgSpan]:
    """Spans of organization names in ``doc``, left to right, never overlapping.

    ``places`` maps the first token of each place name found to its last: a government,
    presidency or embassy may be completed by one (حكومة مالي, رئاسة إقليم كردستان).
    """
    found, i, n, places = [], 0, len(doc), places or {}
    folded = doc.folded
    while i < n:
        quoting, head, definite = _role(folded[i])
        span = None
        if quoting:
            span = _quoted(doc, i)
        if span is None and head is not None:
            span = (
                _by_place(doc, i, head, places)
                or _completed(doc, i, head, least=1)
                or _foreign(doc, i, head)
            )
        elif span is None and definite is not None and not _after_title(doc, i, definite):
            span = _completed(doc, i, definite, least=1, adjectives=True)
        if span is None and folded[i - 1] in _ERAS and i >= 2:
            span = _dateline_credit(doc, i)
        if span is None:
            i += 1
            continue
        if not in_title(doc, span.start, span.end):
            found.append(span)
        i = span.end + 1
    return found


_ERAS = frozenset(("م", "ه"))


@lru_cache(maxsize=200_000)
def _role(folded: str) -> tuple[bool, str | None, str | None]:
    """What a word may be to an organization's name: (before a quoted name, head, definite
    head), proclitics allowed (لوكالة, والحزب)."""
    keys = first_token_keys(folded)
    head = next(iter(keys & heads()), None)
    definite = next(iter(keys & definite_heads()), None)
    return bool(keys & quoted_heads()), head, definite


def _after_title(doc: Document, i: int, head: str) -> bool:
    """``وزير الخارجية``, ``رئيس الحكومة``: a definite head after a minister's title, and
    the government after any title, is the title's (``رئيس الديوان الملكي`` is not)."""
    if i == 0 or not doc.joined[i - 1]:
        return False
    before = first_token_keys(doc.folded[i - 1])
    if before & _keys(tuple(_MINISTER_TITLES)):
        return True
    return head in _keys(tuple(_TITLE_ONLY_HEADS)) and bool(before & _title_words())


def in_title(doc: Document, start: int, end: int) -> bool:
    """``رئيس مجلس الوزراء``: a known name that completes the standard title of a head of
    government names no organization."""
    if start == 0 or not doc.joined[start - 1]:
        return False
    words = " ".join(doc.folded[start + 1 : end + 1])
    tails = _keys(_TITLE_TAILS)
    if not any(
        " ".join(filter(None, (key, words))) in tails for key in first_token_keys(doc.folded[start])
    ):
        return False
    return bool(first_token_keys(doc.folded[start - 1]) & _keys(("رئيس", "رئيسة", "عضو")))


@cache
def _title_words() -> frozenset[str]:
    return frozenset(p[-1] for p in cues.portfolio_heads() if len(p) == 1) | _keys(("رئيس", "نائب"))


def _completed(doc: Document, i: int, head: str, *, least: int, adjectives: bool = False):
    """The head and the definite words after it; after an adjective only adjectives
    (الحكومة العراقية, not الحكومة العراقية الغارات). With ``adjectives`` (a definite
    head) every word must be one."""
    end, n, ends = i, len(doc), name_ends()
    while end + 1 < n and end - i + 1 < MAX_WORDS and doc.joined[end]:
        word = doc.folded[end + 1]
        if doc.stop[end + 1] or not word.startswith(ARTICLE) or len(word) < 4 or word in ends:
            break
        if (adjectives or (end > i and _adjective(doc.folded[end]))) and not _adjective(word):
            break
        end += 1
    if end - i < least:
        return None
    return OrgSpan(i, end, head)


def _dateline_credit(doc: Document, i: int):
    """``موسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس``: the agency that ends a
    dateline (after the date's era letter), at the end of its line."""
    if i < 2 or doc.folded[i - 1] not in ("م", "ه") or not doc.folded[i - 2].isdigit():
        return None
    after = doc.text[doc.ends[i] : doc.starts[i + 1]] if i + 1 < len(doc) else "\n"
    if "\n" not in after or doc.stop[i] or len(doc.folded[i]) < 2:
        return None
    return OrgSpan(i, i, "")


def _foreign(doc: Document, i: int, head: str):
    """``شركة لوكهيد مارتن``, ``وكالة فرانس برس``: an outlet or company head and the
    foreign proper names after it (the name is the foreign words)."""
    if head not in quoted_heads():
        return None
    end = i
    while end + 1 < len(doc) and end - i < 3 and doc.joined[end]:
        if not shapes.is_proper_word(doc.folded[end + 1]):
            break
        end += 1
    return OrgSpan(i + 1, end, "") if end > i else None


def _adjective(word: str) -> bool:
    """A relational adjective (الدولي, العربية) or one of the usual adjectives of names."""
    return word.endswith(("ي", "يه")) or word in _name_adjectives()


@cache
def _name_adjectives() -> frozenset[str]:
    return _keys(tuple(_NAME_ADJECTIVES))


def _by_place(doc: Document, i: int, head: str, places: dict[int, int]):
    """``حكومة مالي``, ``رئاسة إقليم كردستان``: a head of state bodies and a place name."""
    if head not in place_heads() or i + 1 not in places or not doc.joined[i]:
        return None
    return OrgSpan(i, places[i + 1], head)


@cache
def place_heads() -> frozenset[str]:
    return _keys(tuple(_PLACE_HEADS))


def _quoted(doc: Document, i: int):
    """``صحيفة «واشنطن بوست»``, ``لـ"وات"``: a head or attribution, then one to four words
    in quotes (the name is the quoted words)."""
    if i + 1 >= len(doc):
        return None
    gap = doc.text[doc.ends[i] : doc.starts[i + 1]]
    if not any(q in gap for q in _QUOTES_OPEN):
        return None
    for end in range(i + 1, min(i + 5, len(doc))):
        after = doc.text[doc.ends[end] : doc.starts[end + 1]] if end + 1 < len(doc) else ""
        if any(q in after for q in _QUOTES_CLOSE):
            return OrgSpan(i + 1, end, "")
        if end + 1 < len(doc) and not doc.joined[end]:
            return None
    return None
