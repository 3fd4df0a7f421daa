"""Which tokens the candidate scan (``candidates.find_candidates``) tries as a name's first
word: a word that may start a name (no definite, title or modifier behind its clitics; the
name علي; or a given name only a title introduces), no stop word, and a hint that a name
is there: a given name or a foreign word, a cue or a verb of saying before it, a word after
it that makes a name of it, or a role soon after it.

Every test on a word alone is read once per word (a bit set, remembered across articles),
so the scan asks each token one dictionary look-up instead of several cached calls."""

from functools import lru_cache

from archive.extraction import common_given, cues, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document
from archive.extraction.name_starts import ali, may_be_ali
from archive.extraction.names import ARTICLE, first_token_keys

# What a word is to the scan (bit flags; _SEEN keeps the remembered value truthy).
_START, _ALI, _SHAPE, _CUE_BEFORE, _MAKES_NAME, _CUED, _SEEN = 1, 2, 4, 8, 16, 32, 64
_FLAGS: dict[str, int] = {}
# Words remembered at most (the look-up is forgotten, not the answer, past it).
_MAX_WORDS = 200_000


def openings(doc: Document, covered, starts, roles) -> list[int]:
    """The tokens, in order, that may open a person's name no known name ``covered``:
    ``starts`` are known names' first tokens, ``roles`` the tokens of role nouns (a name
    may stand two or three words before its role)."""
    if len(_FLAGS) > _MAX_WORDS:
        _FLAGS.clear()
    flags = [_FLAGS.get(word) or _word_flags(word) for word in doc.folded]
    stop, last = doc.stop, len(flags) - 1
    found = []
    for k, flag in enumerate(flags):
        if not flag & (_START | _ALI | _CUED) or k in covered or k in starts:
            continue
        if not (flag & (_START | _CUED) or (flag & _ALI and ali(doc, k))):
            continue
        if stop[k] and not (flag & _ALI and ali(doc, k)):
            continue
        if (
            k + 2 in roles
            or k + 3 in roles
            or flag & (_SHAPE | _CUED)
            or (k > 0 and flags[k - 1] & _CUE_BEFORE)
            or (k < last and flags[k + 1] & _MAKES_NAME)
        ):
            found.append(k)
    return found


def _word_flags(word: str) -> int:
    flag = _SEEN
    if may_start_name(word):
        flag |= _START
    if may_be_ali(word):
        flag |= _ALI
    if flag & (_START | _ALI) and _may_start_by_shape(word):
        flag |= _SHAPE
    if word in cues.cued_given_names():
        flag |= _CUED  # الحبيب, تيسير: a given name only a title introduces
    if _cue_before(word):
        flag |= _CUE_BEFORE
    if _makes_name_of_previous(word):
        flag |= _MAKES_NAME
    _FLAGS[word] = flag
    return flag


def _may_start_by_shape(folded: str) -> bool:
    return shapes.given_name_key(folded) is not None or shapes.is_foreign_word(folded)


def _makes_name_of_previous(nxt: str) -> bool:
    """The next word makes a name of this one: بن (a lineage), عبد, a family name."""
    return nxt in cues.lineage_words() or nxt == "عبد" or common_given.family_name(nxt)


def _cue_before(previous: str) -> bool:
    """A title cue or a verb of saying may end with the word before."""
    return cues.may_end_cue(previous) or nw.speech_verb(previous)


@lru_cache(maxsize=100_000)
def may_start_name(folded: str) -> bool:
    """A given name is never definite nor a title, even behind a clitic (للرئيس, بالوفد);
    a listed given name is read whole (فيصل is no ف + يصل)."""
    if len(folded) < 2 or not folded.isalpha():
        return False
    if folded in cues.given_names():
        return True
    keys = first_token_keys(folded)
    return not any(
        key.startswith(ARTICLE) or key in cues.not_names() or key in cues.modifiers()
        for key in keys
    )
