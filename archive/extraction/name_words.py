"""Words of a person's name, judged one at a time: whether a word may follow a title, carry a
name on, or be the evidence that a run after a title is a name at all.

Arabic news writes most words of names as ordinary words too; word counts of news
(``arabic_text.frequency``) and the shape of a word (``shapes``) tell a name's word from a verb,
an inflected word or a word behind a clitic.
"""

from functools import lru_cache

from arabic_text import frequency
from archive.extraction import cues, shapes
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.names import ARTICLE, first_token_keys

# ة folded: family names end in it (الربيعة, زحالقة) as nouns do.
TAA_MARBUTA = "ه"


# Pronouns after a noun: no name ends so.
PRONOUNS = ("ها", "هم", "هما", "كم")


# A verb's prefix or a preposition joined to the word.
_PREFIX_LETTERS = frozenset("يتنبلك")


def known_alone(folded: str, gazetteer: Gazetteer) -> bool:
    """The word alone is a known name (a place: لحلب, تركمانستان)."""
    return any(node.entries for _key, node in gazetteer.roots(folded))


def known_person(key: str, gazetteer: Gazetteer) -> bool:
    """A known person's name that no hit covers here (``الملك سلمان`` gave way to the
    lineage ``سلمان بن عبدالعزيز``): proposed, it resolves to the person (matcher's
    ``_variants``)."""
    entity_id = gazetteer.variants.resolve(key.split())
    return entity_id is not None and gazetteer.kinds[entity_id] == "person"


def clitic_or_prefix(word: str) -> bool:
    return shapes.has_clitic_reading(word) or shapes.has_prefix_reading(word)


@lru_cache(maxsize=100_000)
def after_title(word: str) -> bool:
    """The second word of a name after a title: not a verb with its prefix, a word behind a
    clitic or an inflected word (a listed name or a joiner always is)."""
    if word in cues.given_names() or word in cues.name_joiners() or word in cues.abd_tails():
        return True
    return not (
        (shapes.inflected_ending(word) and not word.endswith(TAA_MARBUTA))
        or clitic_or_prefix(word)
        or shapes.has_particle_reading(word)
    )


@lru_cache(maxsize=100_000)
def speech_verb(folded: str) -> bool:
    return bool(first_token_keys(folded) & cues.speech_verbs())


@lru_cache(maxsize=100_000)
def carries_name(word: str) -> bool:
    """A word that may follow a given name in a name without a title before it."""
    if shapes.has_particle_reading(word):
        return False  # بترحيب, لضغوط: the sentence goes on
    if word.endswith(PRONOUNS) and word not in cues.family_names():
        return False  # بوصفها, بلادهم: a noun with its pronoun
    return (
        word in cues.given_names()
        or word in cues.family_names()
        or word in cues.name_joiners()
        or word in cues.compound_tails()
        or shapes.is_family_name(word)
        or shapes.is_name_word(word)
        or (shapes.is_proper_word(word) and shapes.is_name_like(word))
    )


@lru_cache(maxsize=100_000)
def transliterated(word: str) -> bool:
    return shapes.is_name_like(word) and (
        shapes.is_foreign_word(word) or shapes.is_proper_word(word)
    )


def may_continue_name(folded: str, gazetteer: Gazetteer) -> bool:
    if len(folded) < 2 or not folded.isalpha():
        return False
    if folded in cues.not_names():
        return False
    if folded in gazetteer.nationality_adjectives and frequency(folded) > shapes.FAMILY_NAME_MAX:
        return False  # الروسي; a rare one is a family name too (فؤاد العماري)
    # الكاظمي may be a family name; للفيفا (li + al-FIFA) may not, فالون (Fallon) may.
    return folded.startswith(ARTICLE) or not shapes.behind_article(folded)


def looks_like_name(words: list[str], gazetteer: Gazetteer) -> bool:
    first, last = words[0], words[-1]
    if first in cues.given_names() or first in gazetteer.person_given_names:
        return True
    if first in cues.cued_given_names():
        return True  # رئيس الحكومة الحبيب الصيد: looks_like_name is asked after a title
    inner = cues.long_name_heads()
    if shapes.given_name_key(first) or any(w in inner for w in words[1:-1]):
        return True
    if all(shapes.is_name_like(w) or shapes.is_family_name(w) for w in words):
        return True
    if one_name_word(words, gazetteer):
        return True
    russian = last.endswith(cues.russian_surname_endings())
    if russian and len(last) >= 5 and not last.startswith(("و", ARTICLE)):
        return True
    # Family nisba: الكاظمي, الجعفري.
    return last.startswith(ARTICLE) and last.endswith("ي") and len(last) >= 5


def one_name_word(words: list[str], gazetteer: Gazetteer) -> bool:
    """After a title one word that only a name explains is enough (جيفري ويب, عيسى حياتو,
    جيل بارنيو), or a last word rare enough for a family name (تيسير المفرج, حميد قرين),
    when the others are words news seldom writes and none reads as a verb, an inflected
    word or a word behind a clitic."""
    last = words[-1]
    family = shapes.is_name_like(last) or (last.startswith(ARTICLE) and shapes.is_family_name(last))
    family = (
        family
        and len(words) == 2
        and not known_alone(last, gazetteer)
        and not verb_shaped(words[0])
        and not shapes.has_particle_reading(words[0])  # لصوامع الغلال
    )
    evidence = family or any(name_evidence(w, gazetteer) for w in words)
    return evidence and all(seldom_word(w) for w in words)


def name_evidence(word: str, gazetteer: Gazetteer) -> bool:
    """A transliteration or a mined family name that is no known place (نيوزيلندا) and no
    Arabic word behind a verb's prefix or a preposition (يرعى, تتجاوز, بوضوح)."""
    if not (transliterated(word) or word in cues.family_names()):
        return False
    if word[0] in _PREFIX_LETTERS and frequency(word[1:]) >= shapes.CLITIC_WORD_MIN:
        return False
    return not known_alone(word, gazetteer)


# The prefixes of a present tense's persons (يفعل, تفعل, نفعل), and how often news must write
# the other persons of a word for it to be a verb: at least this often, and a tenth as often.
_PERSON_PREFIXES = "يتن"
VERB_FORMS_MIN = 3
VERB_FORMS_SHARE = 10


@lru_cache(maxsize=100_000)
def verb_shaped(word: str) -> bool:
    """A word that may be a verb (يدشن, تضمنت): a present tense that news writes with both
    ي and ت (يدشن, تدشن; not نعمان, ياسين, تيونج), or a past tense's ت after a frequent
    word; a listed given name never is."""
    if word in cues.given_names() or len(word) < 3:
        return False
    if len(word) >= 5 and word[0] == "س" and word[1] in _PERSON_PREFIXES:
        return verb_shaped(word[1:])  # سنقيم, سيدشن: the future of a verb
    if word[0] in _PERSON_PREFIXES:
        rest = word[1:]
        he, she = frequency("ي" + rest), frequency("ت" + rest)
        forms = he + she + frequency("ن" + rest) - frequency(word)
        if min(he, she) >= VERB_FORMS_MIN and forms >= frequency(word) / VERB_FORMS_SHARE:
            return True
    if word.endswith("وا") and len(word) >= 5:
        # قصفوا, أكدوا: a past tense of "they", whose stem and "she" form news writes.
        stem = word[:-2]
        return min(frequency(stem), frequency(stem + "ت")) >= max(
            shapes.CLITIC_WORD_MIN, frequency(word)
        )
    stem = word[:-1]
    return word.endswith("ت") and frequency(stem) >= max(shapes.CLITIC_WORD_MIN, frequency(word))


@lru_cache(maxsize=100_000)
def seldom_word(word: str) -> bool:
    """A word of a name after a title: not frequent, not a noun with a pronoun (دعمه), not
    definite unless a family name could be (الاعتماد is none)."""
    if not after_title(word) or frequency(word) > shapes.GIVEN_NAME_MAX:
        return False
    if word.endswith("ه") and frequency(word[:-1]) > frequency(word):
        return False
    return not word.startswith(ARTICLE) or shapes.is_family_name(word)


@lru_cache(maxsize=100_000)
def inflected_word(word: str) -> bool:
    """An accusative or an adverb (وفدا, ممثلا, رافعا: the word without its ا is frequent), or
    a noun with the pronoun نا behind a preposition (لمبعوثنا): no family name."""
    accusative = word.endswith("ا") and not word.startswith(ARTICLE)  # العقلا is a family
    if accusative and frequency(word[:-1]) >= max(shapes.CLITIC_WORD_MIN, frequency(word) // 5):
        return True
    stems = (word[:-2], word[1:-2]) if word.endswith("نا") else ()
    if any(len(s) >= 3 and frequency(s) >= shapes.CLITIC_WORD_MIN for s in stems):
        return True
    return dual_noun(word)


def dual_noun(word: str) -> bool:
    """A dual of a feminine noun (ركعتين, ساعتين: the noun ركعة is written too); بوتين and
    باكستان have no such noun."""
    if len(word) < 5 or not word.endswith(("تين", "تان")) or word.startswith(ARTICLE):
        return False
    single = frequency(word[:-3] + "ه")
    return single > 0 and single >= frequency(word) // 2


# A word the news writes at most this often may be a family name closing a name (مدني).
FAMILY_WORD_MAX = 1000


@lru_cache(maxsize=100_000)
def family_word(word: str) -> bool:
    """A plain indefinite word that may end a name as its family name: no verb, no word
    behind a clitic or a verb's prefix, no inflected or accusative word (وفدا), not frequent."""
    if len(word) < 3 or not shapes.is_arabic_word(word) or word.startswith((ARTICLE, "و")):
        return False
    if word in cues.modifiers() or word in cues.head_nouns():
        return False
    if inflected_word(word):
        return False
    if shapes.inflected_ending(word) or word.endswith(("ون", "ين")):
        return False
    return after_title(word) and not verb_shaped(word) and frequency(word) <= FAMILY_WORD_MAX


@lru_cache(maxsize=100_000)
def listed_given(word: str) -> bool:
    """A given name in a list: a listed one, or a word that reads as no verb, no inflected
    word and no preposition before a noun (نعمان, سعيد, هيكل)."""
    if word in cues.given_names() or shapes.given_name_key(word):
        return True
    return not (
        word.startswith(ARTICLE)
        or verb_shaped(word)
        or (shapes.inflected_ending(word) and not feminine_name(word))
        or shapes.has_particle_reading(word)
    )


def feminine_name(word: str) -> bool:
    """بسمة, سيدة: ة ends women's names; ته ends a noun with its pronoun (وزوجته)."""
    return (
        word.endswith(TAA_MARBUTA)
        and not word.endswith(("ته", "يه"))
        and not shapes.is_common_word(word)  # بطولة, مؤسسة, أسرة: nouns
    )


def listed_name(word: str) -> bool:
    """A mined given or family name, or a joiner of names (بن, بدر, بشير, بحاح)."""
    return word in cues.given_names() or word in cues.family_names() or word in cues.name_joiners()
