"""People named by two or three transliterated words (مايكل براون, ثريا ساينث دي
سانتاماريا, كيم يونغ أون). The run opens with a word the letter model of ``foreign`` reads
as foreign; each other word is a plain transliteration (no known name alone, stop word,
article, inflection or Arabic word behind a clitic or a prefix) or a rare foreign-looking
word that Arabic morphology also reads (كانتي: الكانتي; ينس: a verb's prefix), one word at
least plain. A cue supports the run: a title or a nationality adjective before it (also
before its quotation marks or its apposition's comma), a verb of saying before or after
it, its role or an age after it, or, when every word is plain, its last word written alone
elsewhere in the article (براون … وقال براون). A run that opens with a surname already
found (وقدم نولز اندرسن) or follows a bare place noun (بلدة لوار ليك) is no new person."""

from functools import lru_cache

from arabic_text import fold, frequency
from archive.extraction import cues, foreign, places, shapes, titles
from archive.extraction import name_words as nw
from archive.extraction.document import Document, cue_start
from archive.extraction.gazetteer import Gazetteer
from archive.extraction.names import ARTICLE, first_token_keys

# Words news writes more often than this are ordinary words whatever their letters.
FOREIGN_MAX = 2000
# The longest run read as one foreign name.
MAX_WORDS = 3
# An Arabic noun: news writes it with the article at least this often (برج: البرج).
DEFINITE_MIN = 20
# ... or at least a fifth as often as without it.
DEFINITE_SHARE = 5
# Particles inside European names (ثريا ساينث دي سانتاماريا, فان, فون).
PARTICLES = frozenset(fold(w) for w in "دي دا دو دوس ديل فان فون".split())
# East Asian names: three syllables of at most this many letters (بان جي مون, لي باو دونغ).
SYLLABLE_LETTERS = 4
# The first word reads as foreign, each plain word at least this, the run on average
# foreign (``foreign.THRESHOLD``, which a rare word with an Arabic reading must reach alone).
WORD_FLOOR = 0.0
FIRST_MIN = 0.3
# A last word written alone again supports the name when news writes it at most this often.
RECURRING_MAX = 200
# An age follows (مايكل براون البالغ من العمر 18 عاما) when ``titles.aged`` does not say so.
_AGED = frozenset(fold(w) for w in ("البالغ", "البالغة"))


@lru_cache(maxsize=100_000)
def name_word(word: str) -> bool:
    """A word that may be part of a transliterated name: letters not plainly Arabic, no
    article, no و (in a run of names it is the conjunction: جاسون بيتمان وريبيكا هول), no
    suffix of an inflected word, no Arabic word behind a clitic or a prefix, no month."""
    return (
        len(word) >= 3
        and foreign.score(word) >= WORD_FLOOR
        and not word.startswith((ARTICLE, "و"))
        and frequency(word) <= FOREIGN_MAX
        and word not in cues.not_names()
        and bool(places.arabic_names([word]))  # no month, no weekday
        and not _arabic_noun(word)
        and not shapes.inflected_ending(word)
        and not nw.verb_shaped(word)
        and not shapes.has_clitic_reading(word)
        and not shapes.has_prefix_reading(word)
        and not shapes.has_particle_reading(word)
    )


def _arabic_noun(word: str) -> bool:
    """برج (البرج), بريف (ب + ريف): a noun news writes with the article, or behind a
    preposition."""
    count = max(DEFINITE_MIN, frequency(word))
    bare = word[1:] if word[0] in "بلك" and len(word) >= 4 else ""
    definite = frequency(ARTICLE + word) * DEFINITE_SHARE >= count
    stem = word[:-1]
    if word.endswith("ا") and frequency(stem) >= count and frequency(ARTICLE + stem) >= count:
        return True  # يوميا, قريبا: the accusative of an Arabic word
    return definite or bool(bare and frequency(bare) + frequency(ARTICLE + bare) >= count)


def foreign_runs(doc: Document, taken, gazetteer: Gazetteer):
    """(first, last) token of each foreign name outside the ``taken`` tokens, in order."""
    kinds = [_KINDS.get(word) or _kind(word) for word in doc.folded]
    surnames = {doc.folded[i] for i in taken if i - 1 in taken and i + 1 not in taken}
    after, last = -1, len(kinds) - 1
    for k, kind in enumerate(kinds):
        if k <= after or k in taken:
            continue
        # Two syllables after this one (the test inline: it is asked of most words).
        syllables = k + 2 <= last and kinds[k + 1] & kinds[k + 2] & SYLLABLE
        if kind & FIRST or (kind & SYLLABLE and syllables):
            end = person_end(doc, k, taken, gazetteer)
            if end is None or (doc.folded[k] in surnames and not _twice(doc, k)):
                continue  # وقدم نولز اندرسن after جيمس نولز: a surname, then another name
            yield k, end
            after = end
            surnames.add(doc.folded[end])


def _twice(doc: Document, k: int) -> bool:
    """Tokens ``k`` and ``k + 1`` are written together elsewhere in the article too."""
    pair = doc.folded[k : k + 2]
    return any(
        doc.folded[j : j + 2] == pair for j in range(len(doc) - 1) if j != k and doc.joined[j]
    )


def organization_words(doc: Document, hits, gazetteer: Gazetteer) -> set[str]:
    """The words of the known organizations the article names (the detected ones and the
    listed people are among the tokens the caller has ``taken``)."""
    kinds = gazetteer.kinds
    return {
        doc.folded[i]
        for hit in hits
        if any(kinds[e.entity_id] == "organization" for e in hit.entries)
        for i in range(hit.start, hit.end + 1)
    }


# What a word may be in a foreign name: its first word, an East Asian syllable (bit flags;
# NEITHER keeps the cache's look-up truthy).
NEITHER, FIRST, SYLLABLE = 4, 1, 2
_KINDS: dict[str, int] = {}


def _kind(word: str) -> int:
    if len(_KINDS) > 200_000:
        _KINDS.clear()
    strong = foreign.score(word) >= FIRST_MIN and name_word(word)
    kind = FIRST if strong or weak_shape(word) or foreign.given_name(word) else 0
    kind |= SYLLABLE if _syllable(word) else 0
    _KINDS[word] = kind or NEITHER
    return _KINDS[word]


def person_end(doc: Document, k: int, covered, gazetteer: Gazetteer) -> int | None:
    """The last token of a foreign name opening at ``k``, when a cue supports it."""
    end = _syllables_end(doc, k, covered, gazetteer)
    if end is not None:
        return end
    folded, n = doc.folded, len(doc)
    first = folded[k]
    given = foreign.given_name(first) and not doc.stop[k]
    if not given and (doc.stop[k] or foreign.score(first) < FIRST_MIN or first.startswith("و")):
        return None  # اخيسار سبور, غازينتاب سبور: a name opens with a foreign word
    if not given and not _run_word(first, gazetteer):
        return None
    end, words = k, [folded[k]]
    while end + 1 < n and len(words) < MAX_WORDS and doc.joined[end] and end + 1 not in covered:
        nxt = end + 1
        if folded[nxt] in PARTICLES and nxt + 1 < n and doc.joined[nxt]:
            nxt += 1
        waw = given and len(words) == 1 and _waw_surname(folded[nxt], gazetteer)
        if nxt in covered or doc.stop[nxt] or not (waw or _run_word(folded[nxt], gazetteer)):
            break
        end = nxt
        words.append(folded[nxt])
        if folded[nxt].startswith("و"):
            break
    if folded[end].startswith("و") and not _conjunction_free(doc, k, end, gazetteer):
        return None
    given = given and _given_run(words, gazetteer)
    if end == k or not (given or _foreign_run(words, gazetteer)):
        return None
    if any(map(shapes.has_tanween, doc.surfaces[k : end + 1])):
        return None  # بلاغاً, مديرًا: Arabic case endings
    if _after_place_word(doc, k) or _opened_by_syllable(doc, k, gazetteer):
        return None
    firm = all(_name_word(w, gazetteer) for w in words)
    return end if given or _supported(doc, k, end, gazetteer, firm) else None


def _opened_by_syllable(doc: Document, k: int, gazetteer: Gazetteer) -> bool:
    """A stop word that is a syllable (لي) opens the name when a quotation mark or a cue
    stands before it (``"لي كيو تشول"``, ``الدولية لي جونهوا``): not a name from ``k``."""
    j = k - 1
    if j < 0 or not doc.joined[j] or not doc.stop[j] or not _syllable(doc.folded[j]):
        return False
    opening = doc.text[doc.ends[j - 1] : doc.starts[j]].strip() if j > 0 else ""
    return opening in _OPENERS or _cue_before(doc, j, k, gazetteer)


def _after_place_word(doc: Document, k: int) -> bool:
    """``بلدة لوار ليك``, ``مدينة بيونغ تشانغ``: a place noun names a place, not a person
    (a definite one, العاصمة, may end a title: حاكم منطقة العاصمة إيفانز كيديرو)."""
    before = doc.folded[k - 1] if k > 0 and doc.joined[k - 1] else ARTICLE
    return not before.startswith(ARTICLE) and bool(first_token_keys(before) & cues.place_words())


def _conjunction_free(doc: Document, k: int, end: int, gazetteer: Gazetteer) -> bool:
    """A surname written with و (دارن ولسن) ends a two-word name that nothing continues;
    otherwise the و is the conjunction before the next name (جاسون بيتمان وريبيكا هول)."""
    nxt = end + 1
    return (
        end == k + 1
        and not doc.folded[k].startswith("و")
        and (nxt >= len(doc) or not doc.joined[end] or not _run_word(doc.folded[nxt], gazetteer))
    )


def _foreign_run(words: list[str], gazetteer: Gazetteer) -> bool:
    """The run reads as foreign on average, and one word at least is a plain transliteration
    (not only words that Arabic morphology reads too: ينس, يونغ)."""
    mean = sum(foreign.score(w) for w in words) / len(words)
    return mean >= foreign.THRESHOLD and any(
        foreign.score(w) >= FIRST_MIN and _name_word(w, gazetteer) for w in words
    )


def _given_run(words: list[str], gazetteer: Gazetteer) -> bool:
    """A mined foreign given name (``foreign.given_names``: جيسي, اندرياس) before plain
    transliterations (جيسي ويليامز): a name whatever cue stands near, the given name read
    as foreign whatever its letters (جوزيه)."""
    return all(_given_tail(w, gazetteer) or _waw_surname(w, gazetteer) for w in words[1:])


def _given_tail(word: str, gazetteer: Gazetteer) -> bool:
    """A plain transliteration news writes seldom (not سيتي: اورلاندو سيتي, a club)."""
    return (
        foreign.score(word) >= foreign.THRESHOLD
        and frequency(word) <= RECURRING_MAX
        and _name_word(word, gazetteer)
    )


def _waw_surname(word: str, gazetteer: Gazetteer) -> bool:
    """A surname whose و is its own letter (ويليامز, ولسن after a foreign given name): the
    word reads as foreign and news writes it more often than what follows its و, which is
    no given name (جون وماري: the conjunction)."""
    bare = word[1:]
    return (
        word.startswith("و")
        and len(bare) >= 3
        and foreign.score(word) >= FIRST_MIN
        and frequency(bare) < frequency(word) <= RECURRING_MAX
        and bare not in foreign.given_names()
        and bare not in cues.given_names()
        and not nw.known_alone(word, gazetteer)
        and not shapes.inflected_ending(word)
    )


def _run_word(word: str, gazetteer: Gazetteer) -> bool:
    return _name_word(word, gazetteer) or _weak_word(word, gazetteer)


def _weak_word(word: str, gazetteer: Gazetteer) -> bool:
    return (
        weak_shape(word)
        and word not in gazetteer.nationality_adjectives
        and not nw.known_alone(word, gazetteer)
    )


@lru_cache(maxsize=100_000)
def weak_shape(word: str) -> bool:
    """A rare word whose letters read as foreign though Arabic morphology also reads it
    (كانتي: الكانتي; ينس, يونغ: a verb's prefix; كيلي: ك + يلي): a name's word only in a
    run with a plain transliteration."""
    return (
        len(word) >= 3
        and word.isalpha()
        and foreign.score(word) >= foreign.THRESHOLD
        and frequency(word) <= RECURRING_MAX
        and not word.startswith(ARTICLE)
        and word not in cues.not_names()
        and bool(places.arabic_names([word]))
        and not shapes.inflected_ending(word)
    )


def _name_word(word: str, gazetteer: Gazetteer) -> bool:
    return (
        name_word(word)
        and word not in gazetteer.nationality_adjectives
        and not nw.known_alone(word, gazetteer)
    )


def _syllables_end(doc: Document, k: int, covered, gazetteer: Gazetteer) -> int | None:
    """``الصيني لي باو دونغ``: three short syllables after a cue, foreign as a whole; with
    a stop word inside (بان كي مون) only before the name's role."""
    end = k + 2
    if end >= len(doc) or not all(map(_syllable, doc.folded[k : end + 1])):
        return None
    inside = any(doc.stop[k + 1 : end + 1])
    if any(i in covered for i in range(k, end + 1)) or doc.stop[end]:
        return None  # جرت في مايو: a sentence, not a name
    if not doc.linked(k, end) or any(map(shapes.has_tanween, doc.surfaces[k : end + 1])):
        return None  # لا تألو جهداً
    words = doc.folded[k : end + 1]
    given = foreign.given_name(words[0])
    for i, word in enumerate(words[1:], k + 1):
        foreign_word = foreign.score(word) >= foreign.THRESHOLD
        if given and not foreign_word:
            return None  # توني أبوت أمس: a given name before an Arabic word
        if (nw.verb_shaped(word) and not given) or not (doc.stop[i] or places.arabic_names([word])):
            return None  # جرت في مايو: a verb (يونغ after كيم reads as a name), a month
    mean = sum(foreign.score(w) for w in words) / len(words)
    if mean < foreign.THRESHOLD or not _closed(doc, end):
        return None
    if inside:
        return end if _role_after(doc, end) else None
    if given:
        return end  # كيم يونغ أون: a mined given name (a family name first) opens it
    return end if _cue_before(doc, k, end, gazetteer) or _role_after(doc, end) else None


def syllable_tail(doc: Document, tokens: tuple[int, ...], covered) -> int | None:
    """A third syllable that completes a two-word name another rule found into an East
    Asian name (``كيم جونغ`` + ``أون``): its token, or None."""
    if len(tokens) != 2:
        return None
    end = tokens[-1] + 1
    if end >= len(doc) or not doc.joined[end - 1] or end in covered or doc.stop[end]:
        return None
    words = doc.folded[tokens[0] : end + 1]
    last = words[-1]
    if not all(map(_syllable, words)) or foreign.score(last) < foreign.THRESHOLD:
        return None
    if frequency(last) > FOREIGN_MAX or not places.arabic_names([last]):
        return None  # a frequent word, a month
    mean = sum(foreign.score(w) for w in words) / len(words)
    if mean < foreign.THRESHOLD or shapes.has_tanween(doc.surfaces[end]):
        return None
    return end if _closed(doc, end) else None


@lru_cache(maxsize=100_000)
def _syllable(word: str) -> bool:
    return (
        2 <= len(word) <= SYLLABLE_LETTERS
        and word.isalpha()
        and not word.startswith(ARTICLE)
        and not (len(word) > 2 and _arabic_noun(word))  # الي is إلى, not the article and لي
    )


def _closed(doc: Document, end: int) -> bool:
    """The run ends the name: punctuation, a stop word or a word with the article follows."""
    nxt = end + 1
    return (
        nxt >= len(doc)
        or not doc.joined[end]
        or doc.stop[nxt]
        or doc.folded[nxt].startswith((ARTICLE, "و"))
    )


def _cue_before(doc: Document, k: int, end: int, gazetteer: Gazetteer) -> bool:
    """A title (``السفيرة الأميركية``), a verb of saying or a nationality adjective
    (``الأرجنتيني``) right before the name, or before its opening quotation mark
    (``الأمريكي "جايمس فولي"``, ``وأعلن "لي كيو تشول"``)."""
    if k == 0:
        return False
    if doc.joined[k - 1]:
        return _cue_word_before(doc, k, None)
    gap = doc.text[doc.ends[k - 1] : doc.starts[k]].strip()
    if gap in _COMMAS:  # منسق الشؤون الإنسانية لدى الوكالة، بوب ويلسون،
        return titles.apposed_start(doc, k, end) is not None
    if not titles.quoted(doc, k, end):
        return False
    doc.joined[k - 1] = True
    try:
        return _cue_word_before(doc, k, gazetteer)
    finally:
        doc.joined[k - 1] = False


def _cue_word_before(doc: Document, k: int, quoted: Gazetteer | None) -> bool:
    """Before quotation marks an adjective of a people must be one the gazetteer knows
    (الأمريكي), not any nisba (المبنى الأصلي «باكنغهام هاوس», الآلي «نيو هورايزونز»), and
    stand for a person, not qualify a noun (الدوري الأوروبي «يوروبا ليغ»)."""
    before = doc.folded[k - 1]
    if quoted is None:
        nationality = cues.is_nationality_adjective(before)
    else:
        nationality = quoted.people_adjective(before) and not _attribute(doc, k - 1)
    return nw.speech_verb(before) or nationality or cue_start(doc, k) is not None


def _attribute(doc: Document, j: int) -> bool:
    """Token ``j`` follows a definite noun it may qualify."""
    return j > 0 and doc.joined[j - 1] and doc.folded[j - 1].startswith(ARTICLE)


def _supported(doc: Document, k: int, end: int, gazetteer: Gazetteer, firm: bool) -> bool:
    """A cue before or after the run, or its last word written again alone when every word
    is a plain transliteration (``firm``: not «هوت كوتير» … كوتير, لوري تريلا … تريلا)."""
    folded = doc.folded
    if _cue_before(doc, k, end, gazetteer):
        return True
    if end + 1 < len(doc) and doc.joined[end] and nw.speech_verb(folded[end + 1]):
        return True
    if titles.aged(doc, end) or (end + 1 < len(doc) and folded[end + 1] in _AGED):
        return True
    if _role_after(doc, end):
        return True
    last = folded[end]
    if not firm or frequency(last) > RECURRING_MAX:
        return False  # يورو, سيتي: a frequent word recurs whatever it is
    return any(
        word == last and not (j > 0 and folded[j - 1] == folded[end - 1])
        for j, word in enumerate(folded)
        if j < k or j > end
    )


_OPENERS = frozenset('"«“')
_COMMAS = frozenset("،,")
# What may stand between a name and the role after it: nothing, a comma, a closing quote.
_BEFORE_ROLE = frozenset(("", "،", ",", '"', "»", "”", '"،', "»،", "”،"))


def _role_after(doc: Document, end: int) -> bool:
    """A role right after the name (``ابن رودس نائب مستشار``, ``"لي كيو تشول" المتحدث``)."""
    nxt = end + 1
    if nxt >= len(doc) or doc.folded[nxt] not in cues.role_nouns():
        return False
    return doc.text[doc.ends[end] : doc.starts[nxt]].strip() in _BEFORE_ROLE
