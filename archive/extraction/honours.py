"""Names that honour a person: ``مركز الملك سلمان للإغاثة``, ``دوري عبد اللطيف جميل``,
``مطار الملك خالد``, ``شركة سعد إبراهيم الهداب وأولاده``. A person's name as the complement
of the head noun of a facility, an institution, a company, a prize or an event names that
thing, and the person is not mentioned (docs/entities.md); nor is a name in quotes after a
place word with the article and its adjective (المدينة الجديدة "علي منجلي"), the name of a
district."""

from functools import cache

from archive.extraction import cues, org_words
from archive.extraction.document import Document, cue_start
from archive.extraction.names import ARTICLE, first_token_keys, name_normalize

# Heads of the things named after people: institutions, facilities, prizes, events, places
# within a city. Heads that a leader names (حكومة, إدارة, نظام) or that belong to a person
# (مكتب, منزل) are not among them: those mention him.
_HONOUR_HEADS = """
مركز جامعة مؤسسة مستشفى مدينة جائزة كأس دوري بطولة مطار شارع جسر مسجد جامع ميدان
ساحة مستديرة دوار حي قاعة ملعب استاد مدرسة كلية معهد أكاديمية مكتبة متحف قاعدة مجمع
كرسي وسام قلادة مهرجان منحة مستوصف حديقة منتزه ضاحية بوابة صالة ثانوية شركة مجموعة مصنع طريق
""".split()
# Heads that open no person's name: of organizations (org_words) and these.
_OTHER_HEADS = ["ديوان"]
# Quote marks and the spaces around them, between a head and the name it heads.
_QUOTE_GAP = frozenset(' "«»“”')


@cache
def honour_heads() -> frozenset[str]:
    return frozenset(name_normalize(word) for word in _HONOUR_HEADS)


@cache
def _opening_heads() -> frozenset[str]:
    return honour_heads() | {name_normalize(w) for w in (*org_words.HEADS, *_OTHER_HEADS)}


def opens_with_head(doc: Document, start: int) -> bool:
    """``مستديرة الأزهري``, ``ديوان المظالم``: a head noun (behind its proclitics) opens the
    name of a thing, never a person's; after a personal title (الدكتور شارع البقمي) the
    word is a given name."""
    if not first_token_keys(doc.folded[start]) & _opening_heads():
        return False
    before = doc.folded[start - 1] if start and doc.joined[start - 1] else ""
    return not (before.startswith(ARTICLE) and (before,) in cues.cue_phrases())


def honoured(doc: Document, start: int) -> bool:
    """The person's name opening at token ``start`` (after any title: الملك, الأمير) is the
    complement of an honour head: a word, behind its proclitics, of ``honour_heads``."""
    title = cue_start(doc, start)
    for first in {start} if title is None else {start, title}:
        head = first - 1
        if (
            head >= 0
            and _gap(doc, head).isspace()
            and _head(doc.folded[head])
            and not _phrase(doc, head)
        ):
            return True
        # المدينة الجديدة "علي منجلي": a head, its adjective and the quoted name.
        if (
            head >= 1
            and set(_gap(doc, head)) <= _QUOTE_GAP
            and set(_gap(doc, head)) & (_QUOTE_GAP - {" "})
            and doc.folded[head].startswith(ARTICLE)
            and doc.joined[head - 1]
            and _place_word(doc.folded[head - 1])
        ):
            return True
    return False


def _gap(doc: Document, i: int) -> str:
    """The text between token ``i`` and the next."""
    return doc.text[doc.ends[i] : doc.starts[i + 1]]


# A preposition and a head that together mean something else: عن طريق ("by way of").
_PHRASES = frozenset({("عن", "طريق")})


def _phrase(doc: Document, head: int) -> bool:
    return head > 0 and (doc.folded[head - 1], doc.folded[head]) in _PHRASES


def _head(folded: str) -> bool:
    return bool(first_token_keys(folded) & honour_heads())


def _place_word(folded: str) -> bool:
    """``المدينة``, ``بالمدينة``: a place word (``cues.place_words``) with its article."""
    words = cues.place_words()
    return any(
        key.removeprefix(ARTICLE) in words
        for key in first_token_keys(folded)
        if key.startswith(ARTICLE)
    )
