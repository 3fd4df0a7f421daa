"""Light stemming: proclitics and suffixes stripped on evidence from real usage.

After Larkey's light stemmer (Lucene's ArabicStemmer), with guards: a letter that may be a
clitic (و ف ب ك ل, ال) is stripped only when the word counts of :mod:`arabic_text.lexicon`
say so, suffix stripping keeps three letters, and protected words are never reduced. The
rules, with examples, are in ``docs/analysis.md``; changing them changes index terms.
"""

from __future__ import annotations

from functools import lru_cache

from arabic_text.letters import is_arabic_letter
from arabic_text.lexicon import frequency
from arabic_text.protected import final_term
from arabic_text.stopwords import folded_stop_words

# --- proclitics -----------------------------------------------------------------------
#
# A lone و ف ب ك ل, and ال, are stripped on evidence from real usage (arabic_text.lexicon): the
# form without them must be a word, and the whole must not behave as a word of its own.

_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ك", "ل")
_MIN_EVIDENCE = 3
_PRONOUN_ENDINGS = ("هما", "هم", "ها", "نا", "كم", "ه")
_INFLECTION_ENDINGS = ("وا", "ون", "ين", "ات", "ت", "ا", "ي", *_PRONOUN_ENDINGS)


def _family(word: str, endings: tuple[str, ...] = _PRONOUN_ENDINGS) -> list[str]:
    """The word and its bases without one ending (ة restored before a pronoun)."""
    forms = [word]
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            forms.append(base)
            if base.endswith("ت"):
                forms.append(base[:-1] + "ه")
    return forms


def _family_frequency(word: str) -> int:
    """How often the word occurs with or without an attached pronoun (صفتها counts صفة)."""
    return sum(frequency(form) for form in _family(word))


def _lexical_evidence(whole: str) -> int:
    """How often ``whole`` itself takes a clitic that could not precede a clitic.

    The article or a preposition cannot come before a preposition, nor a conjunction before a
    conjunction, so الوزير, بوزير, ووافق, ببغداد and للبنان show that the first letter of
    وزير, وافق, بغداد and لبنان is the word's own. وقال, بموسكو and لتعزيز never take them.
    Inflected forms count with their base (بحثت with البحث, كاملا with الكامل).
    """
    heads = ["ال", "ب", "ك", "لل"]
    if whole[0] != "ل":
        # ل + لX is written للX, like ل + ال + X: no evidence either way.
        heads.append("ل")
    if whole[0] in _CONJUNCTIONS:
        heads.extend(_CONJUNCTIONS)
    forms = _family(whole, _INFLECTION_ENDINGS)
    return sum(frequency(head + form) for head in heads for form in forms)


def _single_is_clitic(whole: str) -> bool:
    """Whether the first letter of ``whole`` (و ف ب ك ل) is a clitic rather than its own."""
    rest = whole[1:]
    if len(rest) < 3:
        return False
    rest_is_final = final_term(rest) is not None
    if rest in folded_stop_words() and not rest_is_final:
        # بلديهما is بلدي + هما, not ب + لديهما.
        return False
    if rest_is_final and len(rest) >= 4:
        # A protected name after the letter: وروسيا, بموسكو (even though بوروسيا, Borussia,
        # would count as evidence below). Short ones need the evidence: فعلي is not ف + علي.
        return True
    whole_count = frequency(whole)
    evidence = _lexical_evidence(whole)
    family_count = sum(frequency(form) for form in _family(whole, _INFLECTION_ENDINGS))
    # Evidence is weighed against the word's own frequency: a few typos (ووأكد) prove nothing.
    if evidence >= _MIN_EVIDENCE and evidence * (10 if rest_is_final else 50) >= family_count:
        return False
    if rest_is_final:
        return True
    rest_count = _family_frequency(rest)
    if rest_count:
        # A remainder seen only a handful of times against a frequent whole is a typo.
        return rest_count * 100 >= whole_count
    # An unattested word after و is far more often و + a rare word (a name) than a rare word
    # beginning with و.
    return whole[0] == "و" and len(rest) >= 4 and not whole_count


def _article_is_clitic(word: str) -> bool:
    """ال + rest: the article, unless the word takes an article itself (التزام: الالتزام)."""
    if len(word) < 4:
        return False
    evidence = sum(frequency(head + word) for head in ("ال", "لل"))
    if evidence < _MIN_EVIDENCE or evidence * 50 < frequency(word):
        return True
    # Both readings attested (الغاز: the gas, or ألغاز: riddles): the commoner one wins.
    return _family_frequency(word[2:]) > evidence * 5


def _group_is_clitic(whole: str, article_at: int) -> bool:
    """و/ب/ك/ف + ال + rest (والعراق, بالعراق, وبالعراق): clitics unless the whole is a word
    of its own and the rest is not (والدته is not و + ال + دته).
    """
    with_article = whole[article_at:]
    if len(with_article) < 5:
        return False
    if frequency(whole) < 10:
        return True
    return bool(frequency(with_article) or frequency(with_article[2:]))


def _conjunction_is_clitic(word: str) -> bool:
    rest = word[1:]
    if rest.startswith("ال"):
        return _group_is_clitic(word, 1)
    if rest[0] in _PREPOSITIONS and rest[1:3] == "ال":
        return _group_is_clitic(word, 2)
    if rest.startswith("لل"):
        return len(rest) >= 4
    return _single_is_clitic(word)


def _proclitic_chain(word: str):
    """The word, then each form with one more proclitic removed, as far as usage allows."""
    yield word
    if word[0] in _CONJUNCTIONS and len(word) >= 4 and _conjunction_is_clitic(word):
        word = word[1:]
        yield word
    if word.startswith("لل") and len(word) >= 4:
        # ل + ال + X is written للX, and so is ل + لX (للجنة = ل + لجنة): usage decides.
        rest, with_lam = word[2:], word[1:]
        if final_term(with_lam) is not None or _family_frequency(with_lam) > _family_frequency(
            rest
        ):
            yield with_lam
            return
        word = "ال" + rest
        yield word
    elif word[0] in _PREPOSITIONS and len(word) >= 4:
        rest = word[1:]
        if rest.startswith("ال"):
            if not _group_is_clitic(word, 1):
                return
            word = rest
            yield word
        elif _single_is_clitic(word):
            yield rest
            return
    if word.startswith("ال") and _article_is_clitic(word):
        yield word[2:]


def _strip_proclitics_best(word: str) -> tuple[str, bool]:
    """The word without its proclitics, and whether it is final (protected or overridden).

    A protected form met on the way stops the stripping (الأسد is a name, أسد a lion).
    """
    form = word
    for form in _proclitic_chain(word):
        final = final_term(form)
        if final is not None:
            return final, True
    return form, False


def strip_proclitics(folded: str) -> list[str]:
    """The folded word and its forms without proclitics, longest-stripped last.

    Every structurally possible reading is listed (no usage check): entity extraction keeps
    the one that is a known alias. A form never has fewer than two letters.

    >>> strip_proclitics("بموسكو")
    ['بموسكو', 'موسكو']
    >>> strip_proclitics("للعراق")
    ['للعراق', 'لعراق', 'العراق', 'عراق']
    """
    forms = [folded]
    if len(folded) < 3 or not is_arabic_letter(folded[0]):
        return forms

    def add(form: str) -> None:
        if len(form) >= 2 and form not in forms:
            forms.append(form)

    heads = [folded]
    if folded[0] in _CONJUNCTIONS:
        heads.append(folded[1:])
        add(folded[1:])
    for head in list(heads):
        if head.startswith("لل"):
            add(head[1:])
            add("ال" + head[2:])
            add(head[2:])
        elif head[:1] in _PREPOSITIONS:
            add(head[1:])
            if head[1:3] == "ال":
                add(head[3:])
        elif head.startswith("ال"):
            add(head[2:])
    return forms


# --- suffixes ---------------------------------------------------------------------------

# (pronoun, shortest base it may leave)
_PRONOUNS = (("هما", 3), ("كما", 4), ("هم", 3), ("كم", 4), ("ها", 3), ("نا", 3), ("ه", 3))
_LONG_VOWELS = frozenset("اوي")


def _restore_ta_marbuta(base: str) -> str:
    """ة is written ت before a pronoun or an ending (زيارته, فترتين, مدينتي): give it back,
    unless usage says the ت is the word's own (ثابتة = ثابت + ة, بيتها = بيت + ها).
    """
    if base.endswith("ت") and len(base) >= 3:
        with_ta_marbuta = base[:-1] + "ه"
        if frequency(base) < frequency(with_ta_marbuta):
            return with_ta_marbuta
    return base


def _strip_pronoun(word: str) -> str:
    for suffix, min_stem in _PRONOUNS:
        if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
            base = word[: -len(suffix)]
            if suffix == "نا" and frequency(word[:-1]) > frequency(base):
                # بيانا is بيان + accusative ا, not بيا + نا.
                return word
            if len(suffix) == 2 and len(base) == 3 and _family_frequency(base) < frequency(word):
                # A short base rarer than the whole: هم is the word's own (تفاهم, مساهم).
                return word
            return _restore_ta_marbuta(base)
    return word


def _plural_ok(word: str) -> bool:
    """Whether ون/ين end a plural or dual: not after a long vowel of the root (تعاون, ملايين,
    تعيين), and not when the rest is never written alone (فلسطين, تشرين, كلينتون).
    """
    stem_ = word[:-2]
    if len(stem_) < 3:
        return False
    last = stem_[-1]
    # A nisba ي before the ending (عراقيين, روسيون) is not a long vowel of the root.
    if last in _LONG_VOWELS and not (
        last == "ي" and len(stem_) >= 4 and stem_[-2] not in _LONG_VOWELS
    ):
        return False
    return _is_attested_base(stem_, word)


def _is_attested_base(stem_: str, word: str) -> bool:
    # An unknown word (a rare plural, a new name) gets the plain rule.
    return not frequency(word) or _family_frequency(_restore_ta_marbuta(stem_)) > 0


def _dual_ok(word: str) -> bool:
    """Whether ان ends a dual (الجانبان, الطرفان) rather than the word (لبنان, امتنان, مهرجان):
    the singular must be at least half as common as the whole.
    """
    stem_ = word[:-2]
    if len(stem_) < 3 or stem_[-1] in _LONG_VOWELS:
        return False
    return _family_frequency(_restore_ta_marbuta(stem_)) * 2 >= frequency(word)


def _strip_feminine(word: str) -> str:
    return word[:-1] if word.endswith("ه") and len(word) >= 4 else word


def _strip_ending(word: str) -> str:
    """One plural, dual or feminine ending, then a nisba ي."""
    if word.endswith("ات") and len(word) >= 5:
        word = word[:-2]
    elif word.endswith("ون") and _plural_ok(word):
        word = word[:-2]
    elif word.endswith("ين") and _plural_ok(word):
        word = _strip_feminine(_restore_ta_marbuta(word[:-2]))
    elif word.endswith("ان") and _dual_ok(word):
        word = _strip_feminine(_restore_ta_marbuta(word[:-2]))
    else:
        word = _strip_feminine(word)
    if word.endswith("ي") and len(word) >= 4:
        base = word[:-1]
        restored = _restore_ta_marbuta(base)
        word = _strip_feminine(restored) if restored != base else base
    return word


# A module-level cache: a Whoosh schema pickles its analyzer, never this cache.
@lru_cache(maxsize=400_000)
def stem(folded_word: str) -> str:
    """The index term of one folded, non-stop word.

    >>> from arabic_text.letters import fold
    >>> [stem(fold(w)) for w in ("بوتين", "تعاون", "شؤون", "العراقية", "بلد", "بغداد")]
    ['بوتين', 'تعاون', 'شءون', 'عراق', 'بلد', 'بغداد']
    """
    if len(folded_word) < 3 or not is_arabic_letter(folded_word[0]):
        return folded_word
    final = final_term(folded_word)
    if final is not None:
        return final
    base, is_final = _strip_proclitics_best(folded_word)
    if is_final or len(base) < 4:
        return base
    reduced = _strip_ending(_strip_pronoun(base))
    final = final_term(reduced)
    return final if final is not None else reduced
