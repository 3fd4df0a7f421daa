"""The grammar of titles before a name: a cue (``document.cue_start``: وزير الخارجية الروسي,
السفير … لدى بغداد), or a cue and its complement (المفوض الأوروبي لشؤون التوسيع); and the
other sure positions around a name: quotation marks after a title, an age after the name,
the subject of a verb of saying."""

import re
from bisect import bisect_right
from functools import lru_cache

from arabic_text import frequency
from archive.extraction import cues, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document, cue_start
from archive.extraction.names import ARTICLE, first_token_keys

# Words of a title's complement between the title and the name.
MAX_COMPLEMENT = 4


def title_start(doc: Document, k: int) -> int | None:
    """Where the title before the name at ``k`` starts: a cue (``cue_start``), or a cue and
    its complement, a preposition and definite words or a place (المفوض الأوروبي لشؤون
    التوسيع يوهانس هان, الوزير التركي للشؤون الأوروبية فولكان بوزكير), or a head noun and
    its genitives (رئيس حركة النهضة راشد الغنوشي, رئيسة وزراء الدنمارك هيله …)."""
    start = cue_start(doc, k)
    if start is not None:
        return start
    folded = doc.folded
    if not plain_first_word(folded[k]):
        return None
    for j in range(k - 1, max(0, k - MAX_COMPLEMENT - 1), -1):
        if not doc.joined[j] or not doc.joined[j - 1]:
            return None
        word = folded[j]
        if complement_opener(word) or word == _TO:
            if not opens_title(folded[k]):
                return _cue_before_genitives(doc, j)
            # لدى جامعة الدول العربية عميد السلك: the next title, not a name
            return None if doc.stop[j] or word == _TO else cue_start(doc, j)
        if doc.stop[j]:
            return None  # لقائد الجيش الذي تنتهي ولايته
        if shapes.given_name_key(word) is not None:
            return None  # للحزب الجمهوري عصام الشابي ضيف: a name ends the title before it
        if first_token_keys(folded[j - 1]) & cues.head_nouns():
            return j - 1  # رئيس مجلس نواب الشعب محمد الناصر: a head and its genitives
        placed = folded[j - 1] in cues.posted_at()
        if not (word.startswith(ARTICLE) or placed or _genitive(doc, j)):
            return None
    return None


# "To": مبعوث الأمم المتحدة إلى اليمن, a complement like لدى المملكة.
_TO = "الي"


def _cue_before_genitives(doc: Document, j: int) -> int | None:
    """Where the title before the preposition at ``j`` starts: a cue right before it, or a
    cue and the genitives after it (سفير جمهورية البوسنة والهرسك لدى …, مبعوث الأمم المتحدة
    إلى …)."""
    for i in range(j, max(0, j - MAX_COMPLEMENT), -1):
        start = cue_start(doc, i)
        if start is not None:
            return start
        word = doc.folded[i - 1]
        if not doc.joined[i - 1] or doc.stop[i - 1]:
            return None
        if not (word.startswith((ARTICLE, "وال")) or _genitive(doc, i - 1)):
            return None
    return None


def after_complement(doc: Document, k: int) -> bool:
    """A cheap test before ``title_start``: a preposition's complement may end right before
    token ``k`` (للغابات الحبيب, لدى المملكة حارث)."""
    if k < 2 or not doc.joined[k - 1]:
        return False
    before, word = doc.folded[k - 2], doc.folded[k]
    if opens_title(word):
        return False  # لدى جامعة الدول العربية عميد السلك: the next title
    return complement_opener(doc.folded[k - 1]) or before == _TO or before in cues.posted_at()


@lru_cache(maxsize=100_000)
def opens_title(word: str) -> bool:
    """A head noun that no listed given name spells (عميد, رئيس): after a complement it
    opens the next title, not a name."""
    return bool(first_token_keys(word) & cues.head_nouns()) and word not in cues.given_names()


def _genitive(doc: Document, j: int) -> bool:
    """A noun of a title's genitive chain (مجلس, نواب, وزراء): no stop word, verb, title or
    word behind a preposition."""
    word = doc.folded[j]
    return not (word in cues.not_names() or nw.verb_shaped(word) or not nw.after_title(word))


@lru_cache(maxsize=100_000)
def plain_first_word(word: str) -> bool:
    """A name's first word after a complement, which says less than a title: a listed given
    name, or a word with no conjunction, preposition or verb's prefix before it (not بجازان,
    وفقدت)."""
    if word in cues.given_names():
        return True
    return (
        not word.startswith("و")
        and (shapes.given_name_key(word) is not None or not shapes.has_particle_reading(word))
        and not nw.clitic_or_prefix(word)
    )


@lru_cache(maxsize=100_000)
def complement_opener(word: str) -> bool:
    """A preposition that opens a title's complement: لشؤون, للأمم, لمجلس, لدى, في."""
    if word in cues.posted_at():
        return True
    return word.startswith("ل") and shapes.has_particle_reading(word)


_COMMAS = frozenset("،,")
# Quotation marks around a name (وأعلن "لي كيو تشول" المتحدث …): each opener and its closer.
_QUOTES = {'"': '"', "«": "»", "“": "”"}


def apposed(doc: Document, i: int) -> bool:
    """Only a comma or an opening quotation mark stands between tokens ``i`` and ``i + 1``."""
    gap = _gap(doc, i)
    return gap in _COMMAS or gap in _QUOTES


def _gap(doc: Document, i: int) -> str:
    if i + 1 >= len(doc):
        return ""
    return doc.text[doc.ends[i] : doc.starts[i + 1]].strip()


def apposed_start(doc: Document, k: int, end: int) -> int | None:
    """``رئيس حركة النهضة، راشد الغنوشي،``, ``الأمريكي "جايمس فولي"``: a title, then the name
    between commas (or closing the text) or in quotation marks; where the title starts, as
    if nothing stood before the name."""
    opening = _gap(doc, k - 1)
    closing = _gap(doc, end)
    if opening in _QUOTES:
        if not closing.startswith(_QUOTES[opening]):
            return None
    elif end + 1 < len(doc) and closing not in _COMMAS:
        return None
    doc.joined[k - 1] = True
    try:
        return title_start(doc, k)
    finally:
        doc.joined[k - 1] = False


# An age right after a name: صمويل دوبوسي (43 عاما), أحمد علي، 27 عاما، … .
_AGE_TEXT = r"[(،,]\s*[0-9\u0660-\u0669]{1,3}\s*(?:عاما|عامًا|عامــا|سنة|عام)\b"
_AGE = re.compile(r"\s*" + _AGE_TEXT)
_AGE_ANYWHERE = re.compile(_AGE_TEXT)


def ages(doc: Document) -> set[int]:
    """The tokens right after a name an age follows (``aged``): one scan of the text for an
    age, each mapped to the token it follows."""
    found = set()
    for match in _AGE_ANYWHERE.finditer(doc.text):
        end = bisect_right(doc.ends, match.start()) - 1
        if end >= 0 and not doc.text[doc.ends[end] : match.start()].strip():
            found.add(end + 1)
    return found


def aged(doc: Document, end: int) -> bool:
    """An age in years follows token ``end`` (in brackets or between commas): what comes
    before it is a person's name."""
    return _AGE.match(doc.text, doc.ends[end]) is not None


def quoted(doc: Document, k: int, end: int) -> bool:
    """Tokens ``k``..``end`` stand between an opening and its closing quotation mark."""
    opening = _gap(doc, k - 1)
    return opening in _QUOTES and _gap(doc, end).startswith(_QUOTES[opening])


# ``كل من`` ("each of") between a verb of saying and the names it lists.
_EACH_OF = ("كل", "من")


def speech_subject(doc: Document, k: int) -> int | None:
    """Where the verb of saying whose subject starts at token ``k`` stands: right before it
    (وقال روبيرت فورد) or before ``كل من`` (قال كل من فايز محمد وحسين محمد)."""
    verb = k - 3 if k >= 3 and tuple(doc.folded[k - 2 : k]) == _EACH_OF else k - 1
    if verb < 0 or not doc.linked(verb, k) or not nw.speech_verb(doc.folded[verb]):
        return None
    return verb


def quoted_name(words: list[str]) -> bool:
    """Words in quotation marks after a title (الأمريكي "جايمس فولي") are a name when none
    reads as a verb, a definite or a word frequent in news; the marks end the name, so a
    particle's reading (فولي, "and a guardian") says nothing."""
    return all(
        frequency(w) <= shapes.GIVEN_NAME_MAX
        and w not in cues.not_names()
        and not w.startswith(ARTICLE)
        and not nw.verb_shaped(w)
        for w in words
    )


# A definite word written without the article at most this share of the time is a name's.
_DEFINITE_NAME_SHARE = 10
# An adjective's feminine is seen at least this often, and this share of the masculine.
_FEMININE_MIN = 5
_FEMININE_SHARE = 20


def definite_given(doc: Document, k: int, gazetteer) -> bool:
    """``الرئيس الباجي قائد السبسي``: the definite word between a title and the name at
    ``k`` is the name's first word when news almost never writes it without the article
    (no adjective: السابق, الدولي; no nationality: التونسي; no known place) and a title stands
    before it."""
    j = k - 1
    if j < 1 or not doc.joined[j] or doc.stop[j]:
        return False
    word = doc.folded[j]
    if not word.startswith(ARTICLE) or len(word) < 5 or not word[2:].isalpha():
        return False
    if word.endswith(nw.TAA_MARBUTA):
        return False  # وزير الصحة العمومية سعيد العائدي: a feminine adjective
    if word in cues.modifiers() or word in gazetteer.nationality_adjectives:
        return False
    if (word,) in cues.cue_phrases() or word in cues.role_nouns():
        return False
    count = frequency(word)
    if frequency(word[2:]) * _DEFINITE_NAME_SHARE > count:
        return False
    if frequency(word + "ه") * _FEMININE_SHARE >= max(_FEMININE_MIN * _FEMININE_SHARE, count):
        return False  # الدولي, الأحسائي: an adjective has a feminine (الدولية)
    if any(node.entries for _key, node in gazetteer.roots(word)):
        return False  # رئيس الصومال حسن شيخ محمود: a known place
    return not shapes.is_definite_adjective(word) and cue_start(doc, j) is not None
