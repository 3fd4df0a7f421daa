"""Where a person's name starts without a title: a given name the lists hold, or a word that
the words after it make a given name (بن and a given name, عبد and its tail, a rare family
nisba), never a noun of action or a noun with its pronoun; and ``على`` that is the name علي."""

from functools import lru_cache

from arabic_text import frequency
from archive.extraction import cues, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document, cue_start
from archive.extraction.names import ARTICLE, first_token_keys

_ALI = "علي"
_COMMAS = frozenset("،,")
_VOWELS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0652"


def ali(doc: Document, i: int) -> bool:
    """``علي`` the name, which folds like the preposition ``على``: written with ي in an
    article that writes ى elsewhere (an outlet that tells them apart)."""
    if not _may_be_ali(doc.folded[i]):
        return False
    if not doc.surfaces[i].endswith("ي"):
        return _ali_before_compound(doc, i)
    writes = getattr(doc, "_writes_maqsura", None)
    if writes is None:
        writes = doc._writes_maqsura = any(w.endswith("ى") for w in doc.surfaces)
    return writes


@lru_cache(maxsize=100_000)
def _may_be_ali(folded: str) -> bool:
    """The word is علي or على behind its proclitics (asked of every word of a text)."""
    return folded == _ALI or _ALI in first_token_keys(folded)


# The word-only half of ``ali``, for a scan that reads each word once (``name_openings``).
may_be_ali = _may_be_ali


def _ali_before_compound(doc: Document, i: int) -> bool:
    """``المخلوع، على عبدالله صالح``: على opening a clause (after a comma, a line's start or a
    title) before a compound given name and another name word is the name علي misspelt; the
    preposition does not open an apposition."""
    if doc.surfaces[i] != "على" or i + 2 >= len(doc) or not doc.linked(i, i + 2):
        return False
    nxt = doc.folded[i + 1]
    if not (shapes.joined_compound(nxt) or nxt in cues.compound_given_heads()):
        return False
    gap = doc.text[doc.ends[i - 1] : doc.starts[i]] if i else "\n"
    return "\n" in gap or gap.strip() in _COMMAS or cue_start(doc, i) is not None


def given_before(doc: Document, k: int) -> bool:
    """A listed given name (even one that is an ordinary word: عمر) right before token
    ``k``, on its line: عمر عبد الوهاب."""
    before = k - 1
    if before < 0 or not doc.joined[before] or doc.stop[before]:
        return False
    if "\n" in doc.text[doc.ends[before] : doc.starts[k]]:
        return False
    return shapes.without_conjunction(doc.folded[before]) in cues.given_names()


def common_noun(doc: Document, k: int, feminine: bool = False) -> bool:
    """Token ``k`` is a noun no listed given name spells: a noun of action in ء (باستثناء,
    إنشاء), a noun and its pronoun ه (اتصاله); with ``feminine``, also a feminine noun with
    a plural in ات (برقية: برقيات), which names such as حبيبة share, so only for a run that
    needs no other shape."""
    word = shapes.without_conjunction(doc.folded[k])
    if word in cues.given_names():
        return False
    surface = doc.surfaces[k].rstrip(_VOWELS)
    if surface.endswith("ء"):
        return True
    if surface.endswith("ه") and frequency(word[:-1]) >= max(
        shapes.CLITIC_WORD_MIN, frequency(word)
    ):
        return True  # اتصاله اللاسلكي: a noun and its pronoun
    return (
        feminine
        and word.endswith(nw.TAA_MARBUTA)
        and frequency(word[:-1] + "ات") >= shapes.PLURAL_MIN
    )


def before_family_name(doc: Document, k: int) -> bool:
    """``صابرين القوبنطيني``: a name word before a rare family nisba is a given name."""
    word = doc.folded[k]
    return (
        k + 1 < len(doc)
        and doc.joined[k]
        and shapes.rare_family_name(doc.folded[k + 1])
        and not word.startswith((ARTICLE, "و"))
        and len(word) >= 3
        and shapes.is_name_word(word, most=shapes.GIVEN_NAME_MAX)
        and not shapes.has_particle_reading(word)  # لدوره المحوري: "to its pivotal role"
        and not (word.endswith(nw.PRONOUNS) and word not in cues.given_names())
        and not nw.verb_shaped(word)  # يهدف التموي: a verb and a misspelt word
        and not common_noun(doc, k)  # باستثناء المصلى
    )


def abd_follows(doc: Document, k: int) -> bool:
    """``فوزي عبد الرحمان``: a rare word before عبد and a definite tail is a given name."""
    if k + 2 >= len(doc) or doc.folded[k + 1] != "عبد" or not doc.linked(k, k + 2):
        return False
    word = shapes.without_conjunction(doc.folded[k])
    return (
        doc.folded[k + 2].startswith(ARTICLE)
        and not shapes.inflected_ending(word)
        and shapes.is_name_word(word, most=shapes.GIVEN_NAME_MAX)
    )


def _full_lineage(doc: Document, k: int) -> bool:
    """``سعيد بن محمد مخايش``: a listed given name that is an ordinary word too (سعيد, خميس)
    opens a lineage when a listed father's name and a family name follow."""
    word, last = shapes.without_conjunction(doc.folded[k]), k + 3
    if word not in cues.given_names() or doc.folded[k + 2] not in cues.given_names():
        return False
    if last >= len(doc) or not doc.joined[k + 2] or doc.stop[last]:
        return False
    return nw.carries_name(doc.folded[last]) or doc.folded[last] in cues.family_joiners()


def lineage_follows(doc: Document, k: int) -> bool:
    """``حمد بن محمد``: a word before بن and a given name is a given name."""
    if k + 2 >= len(doc) or doc.folded[k + 1] not in cues.lineage_words():
        return False
    if not doc.linked(k, k + 2):
        return False
    father = doc.folded[k + 2]
    if shapes.is_common_word(doc.folded[k]) and not _full_lineage(doc, k):
        return False
    # After بن a listed given name is one even when it is a common word too (علي).
    return bool(
        father in cues.given_names()
        or shapes.given_name_key(father)
        or father in cues.name_joiners()
    )
