"""How far a person's name runs from its first word: two words, more after عبد, أبو or بن,
a family after آل, a foreign name of three words, a family name after the given names (a
mined family name, a transliteration, أبو and its word, a Persian … زاده, a plain word that
closes the clause, a Gulf chain of definite names before a role, the word an age follows);
a stop word, a role, an adjective describing the person (a nisba adjective: البطولية), a
word with tanween, an accusative, a verb, a eulogy, a preposition and a place or a
preposition and its noun ends it. Where a name may start is ``name_starts``."""

from arabic_text import frequency
from archive.extraction import cues, shapes, titles
from archive.extraction import name_words as nw
from archive.extraction.document import Document
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.name_starts import ali, common_noun
from archive.extraction.names import ARTICLE, first_token_keys

MAX_NAME_WORDS = 4


# Each بن / ابن adds a generation: خالد بن سلمان بن عبدالعزيز.
MAX_LINEAGE_WORDS = 8


_TANWEEN = shapes.TANWEEN


def name_end(doc: Document, k: int, covered: set[int], gazetteer: Gazetteer) -> int | None:
    """Last token of the name run starting at ``k``: two words, more after عبد/أبو/بن."""
    least = 3 if first_token_keys(doc.folded[k]) & cues.compound_given_heads() else 2
    end, n = k, len(doc)
    while end + 1 < n and end - k + 1 < _most_words(doc, k, end):
        nxt = end + 1
        if (
            not doc.joined[end]
            or nxt in covered
            or "\n" in doc.text[doc.ends[end] : doc.starts[nxt]]
        ):
            break  # a name never runs on to the next line
        if behind_preposition(doc.folded[nxt], gazetteer):
            break  # الملك عبدالعزيز بجدة: a preposition and a place end the name
        if not _TANWEEN.isdisjoint(doc.surfaces[nxt]):
            break  # آل سعود سفيراً: a word with tanween is no name's
        if _eulogy(doc, nxt):
            break  # سعيد بن زيد رضي الله عنه: a formula after the name
        if shapes.is_nisba_adjective(doc.folded[nxt]):
            break  # مواقف الملك سلمان بن عبدالعزيز البطولية: an adjective of the noun before
        if _particle_noun(doc.folded[nxt]):
            break  # الملك عبدالعزيز لتخفيف الزحام: a preposition and its noun
        is_ali = ali(doc, nxt)
        father = _father_after_lineage(doc, end, nxt) or _ould(doc, end, nxt)
        if doc.stop[nxt] and doc.folded[nxt] not in cues.name_joiners() and not (is_ali or father):
            break  # ذاك, يسمى: a stop word ends a name
        if not (
            is_ali
            or father
            or _joiner_takes(doc.folded[end], doc.folded[nxt])
            or nw.may_continue_name(doc.folded[nxt], gazetteer)
        ):
            break
        if end > k and _qualifies_name(doc, k, nxt):
            break
        if _sentence_goes_on(doc.folded[nxt]) and not _before_persian_tail(doc, nxt):
            break
        end = nxt
        if end - k + 1 >= least and not (
            _name_goes_on(doc, end, gazetteer) or set_off_goes_on(doc, k, end)
        ):
            break
    if end - k + 1 < least or doc.folded[end] in cues.name_joiners() or doc.folded[end] == OULD:
        return None
    return end


_COMMAS = frozenset("،,")


def set_off_goes_on(doc: Document, k: int, end: int) -> bool:
    """A name set off by commas runs to the closing comma: the word after ``end`` is still
    the name's when the comma before ``k`` closes right after it (وزيرة الطاقة،
    هالة شيخ روحه، اليوم: روحه reads "his soul" to a reader who ignores the commas)."""
    if k == 0 or doc.text[doc.ends[k - 1] : doc.starts[k]].strip() not in _COMMAS:
        return False
    j = end + 1
    if j + 1 >= len(doc) or j - k >= MAX_NAME_WORDS or doc.joined[j]:
        return False
    return doc.text[doc.ends[j] : doc.starts[j + 1]].strip() in _COMMAS


def listed_end(doc: Document, start: int, end: int, covered, gazetteer: Gazetteer) -> int | None:
    """Where a listed name (``people_names``) ends in this text: its last word, or further
    when its run of name words goes on (خالد محفوظ بحاح after the listed خالد محفوظ); None
    when one of its words is a preposition and a place (عبدالعزيز بجدة)."""
    if any(behind_preposition(doc.folded[i], gazetteer) for i in range(start + 1, end + 1)):
        return None
    if common_noun(doc, start, feminine=True):
        return None  # برقية شكر: a noun opens the run
    run = name_end(doc, start, covered, gazetteer)
    return run if run is not None and run > end else end


def other_of_family(doc: Document, i: int, gazetteer: Gazetteer) -> bool:
    """``ميشيل أوباما``, ``عبد الخالق الحوثي``: a known person's surname (token ``i``, matched
    alone) right after a given name is another person of the family, unless a word shortly
    before and the surname are that person's name (عادل بن أحمد الجبير, رمضان أحمد قاديروف)."""
    before = i - 1
    if before < 0 or not doc.joined[before] or doc.stop[before]:
        return False
    if not compound_end(doc, before):
        word = doc.folded[before]
        if word in cues.name_joiners() or word.startswith(ARTICLE):
            return False
        if not (word in cues.given_names() or shapes.given_name_key(word) == word):
            return False
    for j in range(before, max(-1, i - 4), -1):
        if any(
            f"{key} {doc.folded[i]}" in gazetteer.known_keys
            for key in first_token_keys(doc.folded[j])
        ):
            return False
        if j > 0 and not doc.joined[j - 1]:
            break
    return True


def compound_end(doc: Document, i: int) -> bool:
    """Token ``i`` closes a compound given name: عبد and its tail (عبد الخالق, عبد الله)."""
    return (
        i > 0
        and doc.joined[i - 1]
        and doc.folded[i] in cues.abd_tails()
        and bool(first_token_keys(doc.folded[i - 1]) & cues.compound_given_heads())
    )


def family_surname(doc: Document, i: int, gazetteer: Gazetteer) -> bool:
    """Token ``i`` is a known person's one-word name after another given name of the
    family (``other_of_family``): it closes that person's name."""
    if not other_of_family(doc, i, gazetteer):
        return False
    kinds = gazetteer.kinds
    return any(
        key == doc.folded[i]
        and node.entries
        and all(kinds[e.entity_id] == "person" and not e.ambiguous for e in node.entries)
        for key, node in gazetteer.roots(doc.folded[i])
    )


def _father_after_lineage(doc: Document, end: int, nxt: int) -> bool:
    """``فواز بن خلف المطيري``: after بن the father's name, even a word that is a stop word
    elsewhere (خلف, "behind"), when a name word follows it."""
    if doc.folded[end] not in cues.lineage_words() or nxt + 1 >= len(doc):
        return False
    word, after = doc.folded[nxt], doc.folded[nxt + 1]
    return (
        doc.joined[nxt]
        and len(word) >= 3
        and word.isalpha()
        and not word.startswith(ARTICLE)
        and (nw.carries_name(after) or after in cues.lineage_words())
    )


# ``ولد`` ("son of") in Mauritanian names: محمد ولد عبد العزيز, إسماعيل ولد الشيخ أحمد.
OULD = "ولد"


def _ould(doc: Document, end: int, nxt: int) -> bool:
    """``ولد`` after a name word and before a given name or a definite name word is the
    Mauritanian "son of" (إسماعيل ولد الشيخ أحمد), not the verb "was born" (ولد في …);
    the word after ``ولد`` itself."""
    if doc.folded[end] == OULD:
        word = doc.folded[nxt]
        return (
            word in cues.given_names()
            or word in cues.compound_given_heads()
            or (word.startswith(ARTICLE) and not doc.stop[nxt] and len(word) >= 5)
        )
    if doc.folded[nxt] != OULD or nxt + 1 >= len(doc) or not doc.joined[nxt]:
        return False
    if doc.folded[end] in cues.lineage_words() or doc.stop[end]:
        return False
    return _ould(doc, nxt, nxt + 1)


def lineage_family(doc: Document, end: int) -> bool:
    """A known lineage (عبدالله بن عبدالعزيز, ending at token ``end``) followed by a definite
    family name that closes the clause is another person's longer name (… الربيعة)."""
    after = end + 1
    return (
        after < len(doc)
        and doc.joined[end]
        and doc.folded[after].startswith(ARTICLE)
        and closing_family(doc, after)
    )


def _qualifies_name(doc: Document, k: int, i: int) -> bool:
    """``محمد مرسي المنتمي لها``, ``ذاكر قيوم المعتقل السابق``: after a name of two words, a
    definite adjective (one with a plural: المنتمين) followed by a preposition or a modifier
    describes the person, after a compound given name too (عبد ربه منصور هادي المقيم في);
    after a lineage it is the family name (ظافر بن علي الشهري)."""
    folded = doc.folded
    if not shapes.is_definite_adjective(folded[i]) or folded[i] in cues.family_names():
        return False
    if any(w in cues.lineage_words() or w in cues.family_joiners() for w in folded[k:i]):
        return False  # after a lineage or آل a definite word is the family name
    after = i + 1
    if after >= len(doc) or not doc.joined[i]:
        return False
    word = folded[after]
    return doc.stop[after] or word in cues.modifiers() or shapes.has_particle_reading(word)


def _joiner_takes(joiner: str, word: str) -> bool:
    """Any word follows آل (آل ثاني), a listed given name follows بن even when it is a
    word too (بن علي)."""
    if joiner in cues.family_joiners():
        return word.isalpha()
    return joiner in cues.lineage_words() and word in cues.given_names()


def _most_words(doc: Document, k: int, end: int) -> int:
    """Four words, each عبد, أبو or آل adding one (عمر عبد الوهاب آل عيسى التميمي); a
    lineage runs longer, two words a generation (فيصل بن فهد بن مساعد بن سعود بن عبدالعزيز)."""
    words = doc.folded[k : end + 1]
    generations = sum(1 for w in words if w in cues.lineage_words())
    if generations:
        return max(MAX_LINEAGE_WORDS, MAX_NAME_WORDS + 2 * generations)
    heads = cues.compound_given_heads() | cues.family_joiners()
    return MAX_NAME_WORDS + sum(1 for w in words if first_token_keys(w) & heads)


def _name_goes_on(doc: Document, end: int, gazetteer: Gazetteer) -> bool:
    """After عبد / بن the name needs another word; before الدين / الله it has one; a
    further generation (بن …) or a family name (العوهلي) goes on too."""
    if doc.folded[end] in cues.name_joiners() or doc.folded[end] == OULD:
        return True
    nxt = end + 1
    if nxt >= len(doc) or not doc.joined[end]:
        return False
    word = doc.folded[nxt]
    if word in cues.continuing_words():
        return True
    if _generation_follows(doc, end, nxt):
        return True
    if doc.folded[end] in cues.given_names() and _aged_word(doc, nxt):
        return True  # الشرطي صالح حسين بارجه (22 عاما): the word its age follows
    if nw.inflected_word(word) or doc.surfaces[nxt].endswith("ء"):
        # مارتن ديمبسي رافعا, جلال كريفة لمبعوثنا, محمد مساعد ابتداء (folding drops the ء):
        # an accusative, a noun with its pronoun, a noun of action; the sentence goes on.
        return False
    if doc.folded[end - 1] == OULD and word in cues.given_names():
        return True  # إسماعيل ولد الشيخ أحمد
    if word.startswith(ARTICLE) and _definite_chain(doc, end):
        return True
    if doc.folded[end].startswith(ARTICLE) and doc.folded[end] not in cues.abd_tails():
        return False
    if (
        shapes.is_name_like(doc.folded[end])
        and shapes.is_proper_word(word)
        and shapes.is_name_like(word)
    ):
        return True  # انريكي بينا نيتو: a foreign name of three words
    if shapes.is_family_name(word):
        return True
    # عبد ربه منصور هادي, حازم بن مصطفى زقزوق: after a compound given name or a generation,
    # one more given name or a word rare enough to be a family name.
    if in_long_name(doc, end) and (word in cues.given_names() or shapes.is_name_like(word)):
        return True
    return _family_follows(doc, end, gazetteer)


# Definite names after a given name in a Gulf chain: the father's, the grandfather's, the family.
_CHAIN_WORDS = 3


def _definite_chain(doc: Document, end: int) -> bool:
    """``الشيخ محمد الخالد الحمد الصباح نائب رئيس``, ``محمد خالد الحمد الصباح نائب``: given
    names and definite names (no adjective, no plural, no stop word) up to the role that
    follows them in apposition."""
    first, given = end, cues.given_names()
    while first > 0 and doc.joined[first - 1] and end - first < _CHAIN_WORDS:
        if not (doc.folded[first].startswith(ARTICLE) or doc.folded[first - 1] in given):
            break
        first -= 1
    if doc.folded[first] not in given:
        return False
    j = end + 1
    while j < len(doc) and doc.joined[j - 1] and j - first <= _CHAIN_WORDS + 1:
        word = doc.folded[j]
        if word in cues.role_nouns():
            return j > end + 1
        if not word.startswith(ARTICLE) or doc.stop[j] or _plural(word):
            return False
        if shapes.is_definite_adjective(word) or shapes.is_nisba_adjective(word):
            return False
        j += 1
    return False


def _plural(word: str) -> bool:
    return word.endswith(("ين", "ون", "ات"))


def _aged_word(doc: Document, i: int) -> bool:
    """Token ``i`` is a plain name word that an age follows (بارجه (22 عاما)): after a
    father's given name, the family name."""
    word = doc.folded[i]
    return (
        not doc.stop[i]
        and not word.startswith(ARTICLE)
        and nw.after_title(word)
        and not nw.verb_shaped(word)
        and titles.aged(doc, i)
    )


def _generation_follows(doc: Document, end: int, nxt: int) -> bool:
    """``تركي بن عبدالله الفيصل بن عبدالعزيز``: inside a lineage, a word that another
    generation (بن) follows is the name's."""
    after = nxt + 1
    return (
        after < len(doc)
        and doc.joined[nxt]
        and doc.folded[after] in cues.lineage_words()
        and not doc.stop[nxt]
        and any(w in cues.lineage_words() for w in doc.folded[max(0, end - 2) : end + 1])
    )


def _family_follows(doc: Document, end: int, gazetteer: Gazetteer) -> bool:
    """After given names, the family name: a Persian one in two words (محمد رضا نعمت زاده),
    أبو and its word (هاني بن محمد أبو راس), a mined family name or a transliteration (خالد
    محفوظ بحاح), or a word that closes the clause (``closing_family``)."""
    nxt = end + 1
    word = doc.folded[nxt]
    if word in _PERSIAN_TAILS or _before_persian_tail(doc, nxt):
        return True  # محمد رضا نعمت زاده
    if word in cues.compound_given_heads():
        return _given_end(doc, end) and _abu_family(doc, nxt)
    if nw.verb_shaped(word) or word in cues.not_names() or word in cues.role_nouns():
        return False
    if nw.name_evidence(word, gazetteer):
        return True
    return closing_family(doc, nxt)


def _definite_family(doc: Document, i: int) -> bool:
    """``عبد اللطيف يوسف الحمد بقيمة``: after a compound given name or a generation, a
    definite word with no plural and no feminine (no adjective: المتواصل) that closes the
    clause is the family name."""
    word = doc.folded[i]
    feminine = frequency(word + nw.TAA_MARBUTA)
    return (
        not shapes.is_definite_adjective(word)
        and not shapes.is_nisba_adjective(word)
        and feminine < max(shapes.PLURAL_MIN, frequency(word) / shapes.PLURAL_SHARE)
        and not (shapes.inflected_ending(word) and not _family_in_taa(word))
        and word not in cues.modifiers()
        and frequency(word) <= nw.FAMILY_WORD_MAX
        and _clause_ends(doc, i)
    )


def _family_in_taa(word: str) -> bool:
    """``الربيعة``: a definite word in ة with no plural in ات (not الجلسة) whose masculine news
    writes less often (not المتوسطة, the feminine of an adjective)."""
    if not word.endswith(nw.TAA_MARBUTA):
        return False
    stem = word[:-1]
    return frequency(stem + "ات") < shapes.PLURAL_MIN and frequency(stem) <= frequency(word)


# Persian family names end in a word of their own: نعمت زاده, أخند زاده.
_PERSIAN_TAILS = frozenset({"زاده"})


def _before_persian_tail(doc: Document, i: int) -> bool:
    after = i + 1
    return after < len(doc) and doc.joined[i] and doc.folded[after] in _PERSIAN_TAILS


def closing_family(doc: Document, i: int) -> bool:
    """Token ``i`` is a word closing a name at the end of its clause: a plain word after a
    given name or a generation (نزار بن عبيد مدني.), a definite one after a compound given
    name or a generation; callers ask it of a name's third word or later."""
    if doc.surfaces[i].endswith("ء"):
        return False
    if doc.folded[i].startswith(ARTICLE):
        return in_long_name(doc, i - 1) and _definite_family(doc, i)
    return (
        _given_end(doc, i - 1)
        and nw.family_word(doc.folded[i])
        and not _behind_particle(doc.folded[i])
        and _clause_ends(doc, i)
    )


# A word behind ب or ل is a preposition's noun when news writes the noun this much more often.
_PARTICLE_SHARE = 3


def _behind_particle(word: str) -> bool:
    """``بدعم`` ("with the support of"): ب or ل and a noun news writes far more often alone;
    a family name (بدوي, بحاح) is not."""
    if not word.startswith(("ب", "ل")):
        return False
    noun = frequency(word[1:])
    return noun >= max(shapes.CLITIC_WORD_MIN, _PARTICLE_SHARE * frequency(word))


# The pronouns of a eulogy after a name: رضي الله عنه, صلى الله عليه وسلم.
_EULOGY_ENDS = frozenset({"عنه", "عنها", "عنهما", "عنهم", "عليه", "عليها", "عليهم"})


def _eulogy(doc: Document, i: int) -> bool:
    """Token ``i`` opens a eulogy: a verb, الله and a preposition's pronoun."""
    return (
        i + 2 < len(doc)
        and doc.folded[i + 1] == "الله"  # the rarest test first: asked of every name word
        and doc.linked(i, i + 2)
        and doc.folded[i + 2] in _EULOGY_ENDS
    )


def _particle_noun(word: str) -> bool:
    """``لتخفيف``, ``باستسلام``: ب or ل before a noun that news writes far more often alone
    (not a short one that a name may spell: باري, لام); a listed name (بدر, بحاح) is not."""
    if not _behind_particle(word) or nw.listed_name(word) or word.startswith("بو"):
        return False  # بوسريع, بوتفليقة: بو opens Maghrebi and Gulf family names
    return len(word) > _PARTICLE_NOUN_LETTERS or shapes.has_particle_reading(word)


# A noun this long behind ب or ل is the preposition's whatever letter it opens with (باستسلام).
_PARTICLE_NOUN_LETTERS = 5


def _given_end(doc: Document, end: int) -> bool:
    """The name so far ends in a listed given name or is a lineage or compound given name."""
    return doc.folded[end] in cues.given_names() or in_long_name(doc, end)


def _abu_family(doc: Document, i: int) -> bool:
    """``أبو راس``: أبو and a word of the name after it, in one run."""
    after = i + 1
    return (
        after < len(doc) and doc.joined[i] and not doc.stop[after] and _name_word(doc.folded[after])
    )


def _name_word(word: str) -> bool:
    """A word that may follow أبو in a name: no verb, no inflected word, no stop word."""
    return nw.after_title(word) and not nw.verb_shaped(word) and word not in cues.not_names()


def _clause_ends(doc: Document, i: int) -> bool:
    """Token ``i`` closes its clause: punctuation, the text's end, a stop word, a verb, a
    preposition's word or a role follows it."""
    after = i + 1
    if after >= len(doc) or not doc.joined[i]:
        return True
    word = doc.folded[after]
    return (
        doc.stop[after]
        or word in cues.role_nouns()
        or nw.verb_shaped(word)
        or shapes.has_particle_reading(word)
    )


def behind_preposition(word: str, gazetteer: Gazetteer) -> bool:
    """``بجدة``, ``لموسكو``: ب or ل before a known place, not a name of its own."""
    if not word.startswith(("ب", "ل")) or len(word) < 4:
        return False
    place = word[1:]
    if frequency(place) < max(shapes.CLITIC_WORD_MIN, 2 * frequency(word)):
        return False  # بديرة: a name, whatever village is called ديرة
    keys = {key for key, node in gazetteer.roots(word) if node.entries}
    return word not in keys and place in keys


def in_long_name(doc: Document, end: int) -> bool:
    """The name so far is a compound given name (عبد ربه …) or a lineage (… بن مصطفى)."""
    heads = cues.long_name_heads()
    return any(
        first_token_keys(w) & heads or shapes.joined_compound(w)
        for w in doc.folded[max(0, end - 2) : end + 1]
    )


def _sentence_goes_on(word: str) -> bool:
    """A verb (فيصل بن تركي تعتزم, علي يهاجم) or a word behind the conjunction (فيصل
    ومشاهد): the sentence goes on after the name."""
    if word in cues.given_names() or word in cues.name_joiners():
        return False
    return nw.verb_shaped(word) or shapes.without_conjunction(word) != word
