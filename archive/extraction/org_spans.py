"""What the organization rules share: the span of a name, the words' keys, the words that
end a name, and the tests of one word (a proclitic on a noun, the article)."""

from dataclasses import dataclass
from functools import cache, lru_cache

from archive.extraction import org_words, shapes
from archive.extraction.document import Document
from archive.extraction.names import ARTICLE, first_token_keys, name_tokens


@dataclass(frozen=True, slots=True)
class OrgSpan:
    start: int
    end: int  # inclusive
    head: str  # the head's key without proclitics ("" for a quoted name: no head)
    label: int = -1  # an outlet's head before a foreign name, shown with it (وكالة دوغان)


@cache
def word_keys(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(name_tokens(w)) for w in words)


@cache
def name_ends() -> frozenset[str]:
    return word_keys(tuple(org_words.NAME_ENDS))


def joined(doc: Document, k: int) -> bool:
    """Words ``k`` and ``k + 1`` are on one line with only spaces between them: a name
    never runs from a title or a paragraph into the next."""
    return doc.joined[k] and "\n" not in doc.text[doc.ends[k] : doc.starts[k + 1]]


@lru_cache(maxsize=50_000)
def prefixed(word: str) -> bool:
    """``لتشكيل``, ``بقيادة``: a preposition or conjunction on a noun, which no genitive
    chain takes (the word without its first letter is the more frequent)."""
    return word[0] in "لبكوف" and shapes.frequency(word[1:]) > shapes.frequency(word)


@lru_cache(maxsize=50_000)
def definite(word: str) -> bool:
    """``الجهة``, ``بالجهة``, ``للأبحاث``: the article, proclitics allowed."""
    return any(key.startswith(ARTICLE) for key in first_token_keys(word))
