"""Given names that are ordinary words too (خميس, مساعد, بسمة, البشير), which open a name
only when the word after them is a family name of a sure shape: a definite nisba that news
seldom writes (``الذويبي``, ``الجبالي``), an adjective of no country or field, or a family
name mined from the corpora (``الشمراني``)."""

from archive.extraction import cues, shapes
from archive.extraction import name_words as nw
from archive.extraction.document import Document
from archive.extraction.names import ARTICLE


def family_name(folded: str) -> bool:
    """A family name of a sure shape: a rare definite nisba or a mined family name."""
    return shapes.rare_family_name(folded) or folded in cues.family_names()


def _before_rare_nisba(doc: Document, k: int) -> bool:
    return k + 1 < len(doc) and doc.joined[k] and shapes.rare_family_name(doc.folded[k + 1])


def before_family(doc: Document, k: int) -> bool:
    """``سعيد الذويبي``, ``ومساعد القريشي``, ``ناصر الشمراني``: a listed given name that is
    also an ordinary word (its definite form is frequent) opens a name before a rare family
    nisba or a family name mined from the corpora."""
    if doc.stop[k] or k + 1 >= len(doc) or not doc.joined[k]:
        return False
    if not family_name(doc.folded[k + 1]):
        return False
    word = shapes.without_conjunction(doc.folded[k])
    return word in cues.given_names() and not word.startswith(ARTICLE)


def in_list(doc: Document, j: int, key: str) -> bool:
    """``وأنس الحطاب (نداء تونس) وبسمة الجبالي والبشير الخليفي``: in a list of people, any
    noun after its و (a woman's name in ة) or a listed given name with the article before a
    rare family nisba is a given name; a verb or a preposition and its noun is not."""
    if doc.stop[j] or key == doc.folded[j] or not _before_rare_nisba(doc, j):
        return False  # only a word after its و: الدين in ونور الدين البحيري opens nothing
    if key.startswith(ARTICLE):  # والمنجي الشملي, not والكاليماري المشوي (a dish)
        return key[2:] in cues.given_names()
    return (
        len(key) >= 3
        and key.isalpha()
        and not nw.verb_shaped(key)
        and not shapes.has_particle_reading(key)
        and not doc.surfaces[j].endswith("ه")  # وجيشه: a noun and its pronoun
    )


# The tail of compound given names (نور الدين, عز الدين): a definite word in ين, no plural.
COMPOUND_TAIL = "الدين"


def compound_tail(doc: Document, i: int, start: int, end: int) -> bool:
    """``ونور الدين المرابطي``: token ``i`` is الدين right after the name's first word,
    and a family name follows it (``ورجال الدين`` stays a plural's phrase)."""
    return i == start + 1 < end and doc.folded[i] == COMPOUND_TAIL
