"""Organizations named by foreign words: after a head (``شركة لوكهيد مارتن``, ``وكالة
فرانس برس``) or alone, as the outlets of ``data/org_outlets.txt`` (``رويترز``, ``تويتر``,
written by ``org_mine``) and the names of ``data/org_named.txt`` (``فجر ليبيا``, written by
``org_named``); acronyms written in Arabic letters (``سي إن إن``) and radios named with their
band (``الجوهرة أف أم``)."""

from functools import cache, lru_cache
from pathlib import Path

from archive.extraction import cues, org_words, shapes
from archive.extraction.document import Document
from archive.extraction.name_words import inflected_word, verb_shaped
from archive.extraction.names import ARTICLE, first_token_keys
from archive.extraction.org_spans import (
    OrgSpan,
    definite,
    joined,
    name_ends,
    prefixed,
    word_keys,
)

OUTLETS_PATH = Path(__file__).resolve().parent / "data" / "org_outlets.txt"
# Names a head introduces elsewhere (فجر ليبيا), written by ``org_named``.
NAMED_PATH = OUTLETS_PATH.with_name("org_named.txt")


def foreign(doc: Document, i: int, head: str):
    """``شركة لوكهيد مارتن``, ``وكالة أنباء ريا نوفوستي``, ``معهد ميلكين``: a head and the
    foreign proper names after it, one of them at least a sure one. After an outlet or a
    company the name is the foreign words, shown with the head, so that the words alone
    name it later in the article (فرانس برس after وكالة فرانس برس)."""
    if head in word_keys(tuple(org_words.TWO_WORD_HEADS)):
        return None  # سلاح كلاشنيكوف is a weapon
    first = i + 1
    if (
        first < len(doc)
        and joined(doc, i)
        and head in word_keys(("وكالة",))
        and doc.folded[first] in word_keys(("أنباء",))
    ):
        first += 1  # وكالة أنباء …
    end, sure = first - 1, False
    while end + 1 < len(doc) and end - first < 2 and joined(doc, end):
        word = doc.folded[end + 1]
        if doc.stop[end + 1] or word in name_ends() or definite(word):
            break
        strict = shapes.is_proper_word(word)
        if not strict and not _foreign_like(word) and not _opening(doc, first, end + 1):
            break
        sure, end = sure or strict, end + 1
    if end < first or not sure:
        return None
    if head in word_keys(tuple(org_words.OUTLET_HEADS)):
        return OrgSpan(first, end, "", label=i)
    return OrgSpan(i, end, head)


def _opening(doc: Document, first: int, k: int) -> bool:
    """``جنرال`` in ``شركة جنرال داينميكس``, ``فايننشال`` in ``صحيفة فايننشال تايمز``: the
    first word of the name, Arabic news writes otherwise too, before a sure foreign word."""
    if k != first or k + 1 >= len(doc) or not joined(doc, k) or doc.stop[k + 1]:
        return False
    word, after = doc.folded[k], doc.folded[k + 1]
    return (
        len(word) >= 3
        and word.isalpha()
        and not word.startswith(("ي", "ت"))  # تقدم دروسا: a verb
        and not word.endswith(("ه", "ي", "ا"))  # لجنة عليا, حركة رمزية: the head's adjective
        and not prefixed(word)
        and word not in word_keys(tuple(org_words.HEADS))  # مركز جامعة فاندربيلت
        and word not in cues.given_names()  # برئاسة جواد ظريف: a person
        and not after.endswith(("ون", "ين", "وا", "ها"))  # خبراء سيكلفون, أبل ساعتها
        and not prefixed(after)
        and shapes.is_proper_word(after)
        and _foreign_like(after)
    )


def foreign_like(word: str) -> bool:
    """A word that may be part of a foreign name: a sure one or one that never takes the
    article."""
    return shapes.is_proper_word(word) or _foreign_like(word)


@cache
def outlet_heads() -> frozenset[str]:
    return word_keys(tuple(org_words.OUTLET_HEADS))


@cache
def _listed_names() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word → the other words of each name in ``data/org_outlets.txt`` and
    ``data/org_named.txt``, longest first (``org_mine`` and ``org_named`` write them)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for path in (OUTLETS_PATH, NAMED_PATH):
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else ()
        for line in lines:
            words = line.split()
            if words and not line.startswith("#"):
                by_first.setdefault(words[0], []).append(tuple(words[1:]))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


def listed(doc: Document, i: int):
    """``رويترز``, ``لتويتر``, ``فجر ليبيا``: a name of the mined lists, proclitics allowed."""
    for key, rests in listed_starts(doc.folded[i]):
        for rest in rests:
            end = i + len(rest)
            if end < len(doc) and doc.linked(i, end) and tuple(doc.folded[i + 1 : end + 1]) == rest:
                return OrgSpan(i, end, key)
    return None


@lru_cache(maxsize=200_000)
def listed_starts(folded: str) -> tuple:
    """The listed names a word may open: (its key, the other words of each)."""
    listed = _listed_names()
    return tuple((key, listed[key]) for key in first_token_keys(folded) if key in listed)


@lru_cache(maxsize=50_000)
def _foreign_like(word: str) -> bool:
    """A word that hardly ever takes the article (فرانس, هيومن), beside a sure foreign name."""
    if len(word) < 2 or not word.isalpha() or word.startswith((ARTICLE, "لل")):
        return False
    return shapes.frequency(ARTICLE + word) * 10 <= shapes.frequency(word) and not prefixed(word)


@cache
def _letters() -> frozenset[str]:
    return frozenset(org_words.LETTER_NAMES)


def acronym_starts(doc: Document) -> dict[int, OrgSpan]:
    """Acronyms written as the names of Latin letters (``سي إن إن``, ``بي بي سي``, ``سي إم
    سي ماركتس`` with the foreign words after them) and radios named with their band
    (``الجوهرة أف أم``), by the index they start at."""
    found, n, letters, folded = {}, len(doc), _letters(), doc.folded
    if _strong().isdisjoint(folded):
        return found  # most articles: every letter name there is a function word (في, أو)
    done = -1
    for k in [k for k, word in enumerate(folded) if word in _strong()]:
        if k <= done:
            continue
        i = k
        while i > 0 and i - 1 > done and doc.joined[i - 1] and folded[i - 1] in letters:
            i -= 1
        while i < k and doc.surfaces[i] in org_words.LETTER_NAMES_WEAK:
            i += 1  # أن سي إن إن, في أف أم: the conjunction or preposition before it
        end = k
        while end + 1 < n and doc.joined[end] and folded[end + 1] in letters:
            end += 1
        span = _radio(doc, i) or _acronym(doc, i, end)
        if span is not None:
            found[span.start] = span
        done = end
    return found


@cache
def _strong() -> frozenset[str]:
    """Letter names one of which every acronym holds (the folded forms of the weak ones
    but إم's)."""
    return _letters() - {"في", "او", "ان", "اي"}


def _radio(doc: Document, i: int):
    """``للجوهرة أف أم``: the word before the band is the radio's name."""
    if tuple(doc.folded[i : i + 2]) != org_words.FM or i == 0 or not joined(doc, i - 1):
        return None
    word = doc.folded[i - 1]
    if doc.stop[i - 1] or not word.isalpha() or len(word) < 3 or word in name_ends():
        return None
    key = max(first_token_keys(word), key=lambda k: (shapes.frequency(k), k))
    return OrgSpan(i - 1, i + 1, key)


def _acronym(doc: Document, i: int, end: int):
    """Letters ``i..end``, the weak ones (أو, في) trimmed at the end unless a foreign word
    follows, two strong ones at least or three letters; not a model's number (إم إتش 370).
    The foreign words after them are the name's (سي إم سي ماركتس); without any, a head or
    an attribution before them (شركة إل جي) tells an organization from a product."""
    weak, n = org_words.LETTER_NAMES_WEAK, len(doc)
    named = end + 1 < n and joined(doc, end) and foreign_like(doc.folded[end + 1])
    while end > i and doc.surfaces[end] in weak and not named:
        end -= 1
    strong = sum(doc.surfaces[k] not in weak for k in range(i, end + 1))
    if end == i or not (strong >= 2 or (end - i >= 2 and strong)):
        return None
    if end + 1 < n and joined(doc, end) and doc.folded[end + 1].isdigit():
        return None
    last = end
    while end + 1 < n and end - last < 2 and joined(doc, end) and not doc.stop[end + 1]:
        word = doc.folded[end + 1]
        if not foreign_like(word) or verb_shaped(word) or inflected_word(word):
            break  # إل جي تكشف: a verb
        end += 1
    return OrgSpan(i, end, "") if end > last or _acronym_cue(doc, i) else None


def _acronym_cue(doc: Document, i: int) -> bool:
    """The word before the acronym (a quote or bracket between allowed) names what kind of
    organization it is: an outlet's or company's head, or an attribution."""
    if i == 0 or "\n" in doc.text[doc.ends[i - 1] : doc.starts[i]]:
        return False
    keys = first_token_keys(doc.folded[i - 1])
    return bool(keys & (_cue_heads() | word_keys(tuple(org_words.ACRONYM_CUES))))


@cache
def _cue_heads() -> frozenset[str]:
    return word_keys(tuple(org_words.HEADS + org_words.QUOTED_HEADS))
