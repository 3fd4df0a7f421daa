"""Organizations no list holds, found by the shape of their names.

``وزارة الاقتصاد``, ``مجلس الأمن القومي``, ``لوكالة المخابرات المركزية الأمريكية``: a head
noun (ministry, council, agency, party …) and the definite words that complete it;
``الحزب الديمقراطي``, ``المفوضية الأوروبية``: a definite head and its adjectives;
``صحيفة «الشرق الأوسط»``, ``وكالة "رويترز"``: a head and a quoted name. The name ends at
a stop word, a punctuation mark, an indefinite word or after ``MAX_WORDS`` words.
"""

from dataclasses import dataclass
from functools import cache

from archive.extraction import cues
from archive.extraction.document import Document
from archive.extraction.names import ARTICLE, first_token_keys, name_tokens

MAX_WORDS = 5

# Heads followed by the words that complete the name (وزارة الخارجية, حزب الدعوة).
_HEADS = """
وزارة مجلس هيئة وكالة صحيفة جريدة قناة شركة جامعة منظمة حركة ائتلاف تحالف حزب جبهة
اتحاد جمعية مؤسسة بنك مصرف صندوق لجنة مفوضية مديرية رئاسة محكمة نقابة غرفة منظومة
مركز معهد أكاديمية دائرة سلطة قيادة كتلة تيار مجموعة منتدى برلمان
""".split()
# Definite heads that name an organization only with an adjective (الحزب الديمقراطي).
_DEFINITE_HEADS = """
الحزب الحكومة المفوضية الجيش المجلس الاتحاد البرلمان الكونغرس الكونجرس الخارجية
""".split()
# Heads whose name may be a quoted or foreign name (صحيفة «الشرق الأوسط»).
_QUOTED_HEADS = "صحيفة جريدة وكالة قناة شركة مجلة موقع".split()
# Words that end a name even when definite (``مجلس الوزراء اليوم``).
_NAME_ENDS = """
اليوم الماضي الماضية المقبل المقبلة الحالي الحالية الجاري السابق السابقة الأخير الأخيرة
الأول الأولى الثاني الثانية نفسه نفسها ذاته ذاتها الذي التي الذين أمس التابع التابعة
المحظور المحظورة المعني المعنية المذكور المذكورة
""".split()
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


def heads() -> frozenset[str]:
    return _keys(tuple(_HEADS))


def definite_heads() -> frozenset[str]:
    return _keys(tuple(_DEFINITE_HEADS))


def quoted_heads() -> frozenset[str]:
    return _keys(tuple(_QUOTED_HEADS))


def name_ends() -> frozenset[str]:
    return _keys(tuple(_NAME_ENDS))


def find_organizations(doc: Document) -> list[OrgSpan]:
    """Spans of organization names in ``doc``, left to right, never overlapping."""
    found, i, n = [], 0, len(doc)
    head_keys, definite = heads(), definite_heads()
    while i < n:
        keys = first_token_keys(doc.folded[i])
        span = None
        head = next(iter(keys & head_keys), None)
        if head is not None:
            span = _quoted(doc, i, head) or _completed(doc, i, head, least=1)
        elif not _after_title(doc, i):
            head = next(iter(keys & definite), None)
            if head is not None:
                span = _completed(doc, i, head, least=1, adjectives_only=True)
        if span is None:
            i += 1
            continue
        found.append(span)
        i = span.end + 1
    return found


def _after_title(doc: Document, i: int) -> bool:
    """``وزير الخارجية``, ``رئيس الحكومة``: a definite head after a title is the title's."""
    if i == 0 or not doc.joined[i - 1]:
        return False
    return bool(first_token_keys(doc.folded[i - 1]) & _title_words())


@cache
def _title_words() -> frozenset[str]:
    return frozenset(p[-1] for p in cues.portfolio_heads()) | _keys(("باسم", "رئيس", "نائب"))


def _completed(doc: Document, i: int, head: str, *, least: int, adjectives_only=False):
    """The head and the definite words after it (only adjective-shaped ones if asked)."""
    end, n, ends = i, len(doc), name_ends()
    while end + 1 < n and end - i + 1 < MAX_WORDS and doc.joined[end]:
        word = doc.folded[end + 1]
        if doc.stop[end + 1] or not word.startswith(ARTICLE) or len(word) < 4 or word in ends:
            break
        if adjectives_only and not word.endswith(("ي", "يه")):
            break
        end += 1
    if end - i < least:
        return None
    return OrgSpan(i, end, head)


def _quoted(doc: Document, i: int, head: str):
    """``صحيفة «واشنطن بوست»``: a head, then one to four words in quotes."""
    if head not in quoted_heads() or i + 1 >= len(doc):
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
