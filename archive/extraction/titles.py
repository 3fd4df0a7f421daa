"""The grammar of titles before a name: a cue (``document.cue_start``: وزير الخارجية الروسي,
السفير … لدى بغداد), or a cue and its complement (المفوض الأوروبي لشؤون التوسيع)."""

from functools import lru_cache

from archive.extraction import cues, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document, cue_start
from archive.extraction.names import ARTICLE

# Words of a title's complement between the title and the name.
MAX_COMPLEMENT = 4


def title_start(doc: Document, k: int) -> int | None:
    """Where the title before the name at ``k`` starts: a cue (``cue_start``), or a cue and
    its complement, a preposition and definite words or a place (المفوض الأوروبي لشؤون
    التوسيع يوهانس هان, الوزير التركي للشؤون الأوروبية فولكان بوزكير)."""
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
        if complement_opener(word):
            return cue_start(doc, j)
        placed = folded[j - 1] in cues.posted_at()
        if not (word.startswith(ARTICLE) or placed):
            return None
    return None


@lru_cache(maxsize=100_000)
def plain_first_word(word: str) -> bool:
    """A name's first word after a complement, which says less than a title: a listed given
    name, or a word with no conjunction, preposition or verb's prefix before it (not بجازان,
    وفقدت)."""
    if shapes.given_name_key(word):
        return True
    return (
        not word.startswith("و")
        and not shapes.has_particle_reading(word)
        and not nw.clitic_or_prefix(word)
    )


@lru_cache(maxsize=100_000)
def complement_opener(word: str) -> bool:
    """A preposition that opens a title's complement: لشؤون, للأمم, لمجلس, لدى, في."""
    if word in cues.posted_at():
        return True
    return word.startswith("ل") and shapes.has_particle_reading(word)
