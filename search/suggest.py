"""“Did you mean …?”: a corrected query for a query with no or few hits.

Each query word whose index term is absent from the vocabulary, or rare beside a near term far
commoner, is replaced by the nearest well-attested spelling: index terms and lexicon words one
edit away (two for long words), swapped neighbouring letters counting as one edit and the first
letter trusted, as in Lucene's and Whoosh's spellers. Hamza seats, ة/ه and ى/ي are folded by
the analyzer and are never typos; what the researcher typed around a correction stays as typed
(بموسكوا → بموسكو, الإرهب → الإرهاب). Phrases, operators, excluded words and field prefixes are
kept as written, the query cut as the parser cuts it (:func:`search.query.query_lexemes`).
A word over ``MAX_LETTERS`` letters is kept as typed without being looked at, and two edits away
only words up to ``MAX_FAR_LETTERS`` are searched. The work of one query is bounded whatever its
length: its first ``MAX_WORDS`` words at most, and ``MAX_PROBES`` strings looked up in the
vocabulary in all; once they are spent the remaining words are kept as typed. :func:`suggestions`
also gives, one word at a time, the other spellings as near as the best, for the caller to try
against the index. The index's terms come through a :class:`Vocabulary` (the Whoosh backend's is in
:mod:`search.backends.whoosh.vocabulary`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from difflib import SequenceMatcher

from arabic_text import analyze, fold, frequency, is_arabic_letter, strip_proclitics, tokens
from search.query import (
    AND_WORDS,
    FIELD_ALIASES,
    MAX_QUERY_CHARS,
    NOT_WORDS,
    OR_WORDS,
    query_lexemes,
)
from search.spelling import (
    FAR_PREFIX,
    LexiconVocabulary,
    Vocabulary,
    alphabet,
    distance,
    edits1,
    lexicon_near,
    probe_count,
    transpositions,
)

__all__ = [
    "FAR_PREFIX",
    "MAX_FAR_LETTERS",
    "MAX_LETTERS",
    "MAX_PROBES",
    "MAX_WORDS",
    "LexiconVocabulary",
    "Vocabulary",
    "edits1",
    "likeliest",
    "probe_count",
    "suggest",
    "suggestions",
]

LONG_WORD = 7
MIN_LETTERS = 3
# A longer word is no typo of a real one (a pasted string, a URL): it is never corrected, and
# never compared letter by letter, whose cost grows with the square of its length.
MAX_LETTERS = 30
# A term in this many documents or fewer is replaced by a near term ten times commoner; one in
# up to COMMON_DF documents only by a near term a hundred times commoner (a typo repeated in a
# few articles, استراتجية beside استراتيجية), and a commoner one is never replaced (قطار stays
# beside قطر).
RARE_DF = 2
RARE_RATIO = 10
COMMON_DF = 50
COMMON_RATIO = 100
# Spellings proposed for one word at most (the best and as near ones), and queries at most.
ALTERNATIVES = 3
# A pasted paragraph is not a query with typos; a query's first words are corrected at most.
MAX_WORDS = 12
# Two edits away, only words up to this long are searched (the automaton grows with the word).
MAX_FAR_LETTERS = 20
# Strings one query may look up in the vocabulary (each a term-table probe in the index): enough
# for a dozen misspelt words. Past it, the remaining words are kept as typed.
MAX_PROBES = 4000
_OPERATORS = frozenset(OR_WORDS | AND_WORDS | NOT_WORDS)


class _Exhausted(Exception):
    """The query's budget of vocabulary probes is spent."""


class _Budget:
    """What one query may still cost: words to look at, and strings to look up (probes).

    A probe is charged before it is made, so the work never passes the budget; a word seen
    before in the same query costs nothing more.
    """

    def __init__(self, words: int = MAX_WORDS, probes: int = MAX_PROBES):
        self.words = words
        self.probes = probes
        self.options: dict[tuple[str, str], list[str]] = {}

    def spend(self, probes: int) -> None:
        if probes > self.probes:
            self.probes = 0
            raise _Exhausted
        self.probes -= probes


def _term(word: str) -> str | None:
    terms = analyze(word)
    return terms[0] if len(terms) == 1 else None


def _readings(folded: str) -> list[tuple[str, str]]:
    """(proclitics, rest) for each way of reading the word's first letters as proclitics."""
    return [(folded[: len(folded) - len(rest)], rest) for rest in strip_proclitics(folded)]


def _spliced(prefix: str, rest: str, rest_term: str, candidate: str) -> Iterator[str]:
    """Spellings of ``candidate`` that keep what the researcher typed around the term."""
    index = rest.find(rest_term)
    if index >= 0:
        yield prefix + rest[:index] + candidate + rest[index + len(rest_term) :]
    yield prefix + candidate


def _unseen_penalty(spelling: str, term: str) -> int:
    """Extra distance for a spelling never seen in the lexicon of a word it knows: built by
    putting a near term into the typed word, it may be a non-word (الاسترتجيات gives
    الاستنتجيات, one edit away, where الاستراتيجيات is two). Names the lexicon has never seen
    (ميشوستين) are not penalized: their spelling can only be built.
    """
    if frequency(spelling) or not (frequency(term) or frequency("ال" + term)):
        return 0
    return 2


class _Best:
    """The best candidate spelling of one word: nearest to what was typed (spellings seen in
    real text first), then whose term is nearest to the word's term (لافرف: لافروف, not
    لاعرف, a spelling of عرف), then the commonest. It is proposed only if its term is common
    enough next to the word's own.
    """

    def __init__(self, folded: str, term: str, vocabulary: Vocabulary, budget: _Budget):
        self.folded = folded
        self.term = term
        self.vocabulary = vocabulary
        self.budget = budget
        self.documents = vocabulary.doc_frequency(term)
        self.key: tuple | None = None
        self.spelling: str | None = None
        self.spelling_documents = 0
        self._seen: set[str] = set()
        # The nearest spelling of each other term: (key, spelling, documents).
        self._by_term: dict[str, tuple] = {}

    def consider(self, spelling: str) -> None:
        if spelling in self._seen or spelling == self.folded:
            return
        self._seen.add(spelling)
        term = _term(spelling)
        if term is None or term == self.term:
            return
        documents = self.vocabulary.doc_frequency(term)
        if documents <= self.documents:
            return
        key = (
            distance(self.folded, spelling) + _unseen_penalty(spelling, term),
            distance(self.term, term),
            -documents,
            -frequency(spelling),
            spelling,
        )
        if term not in self._by_term or key < self._by_term[term][0]:
            self._by_term[term] = (key, spelling, documents)
        if self.key is None or key < self.key:
            self.key, self.spelling, self.spelling_documents = key, spelling, documents

    @property
    def close(self) -> bool:
        """Whether a candidate one edit away was found."""
        return self.key is not None and self.key[0] <= 1

    def accepted(self) -> str | None:
        if self.key is None:
            return None
        return self.spelling if self._common_enough(self.spelling_documents) else None

    def alternatives(self) -> list[str]:
        """Other accepted spellings as near as the best (another term each), best first:
        الموصول is one edit from الوصول and from الموصل, and only the query's other words
        can tell which was meant."""
        if self.accepted() is None:
            return []
        ties = sorted(found for found in self._by_term.values() if found[0][0] == self.key[0])
        return [
            spelling
            for _key, spelling, documents in ties
            if spelling != self.spelling and self._common_enough(documents)
        ][: ALTERNATIVES - 1]

    def _common_enough(self, documents: int) -> bool:
        ratio = RARE_RATIO if self.documents <= RARE_DF else COMMON_RATIO
        return documents >= ratio * self.documents


def _candidates(best: _Best, maxdist: int) -> None:
    """Spellings within ``maxdist`` edits, for each reading of the word's proclitics: near
    index terms spelled into the word, and near lexicon words.

    The word without proclitics is also looked up whole when its term is shorter: a typo can
    make the stemmer cut an ending the right spelling keeps (ميشستين → ميشست, not ميشوستين).
    """
    searched: dict[str, set[str]] = {}
    readings = _readings(best.folded)
    for number, (prefix, rest) in enumerate(readings, 1):
        rest_term = _term(rest)
        if rest_term is None or len(rest_term) < MIN_LETTERS:
            continue
        lookups = [rest_term]
        if number == len(readings) and rest != rest_term:
            lookups.append(rest)
        for looked_up in lookups:
            if maxdist > 1 and not LONG_WORD <= len(looked_up) <= MAX_FAR_LETTERS:
                continue
            near = searched.get(looked_up)
            if near is None:
                best.budget.spend(probe_count(looked_up))
                near = searched[looked_up] = _terms_near(best.vocabulary, looked_up, maxdist)
            for candidate in near:
                for spelling in _spliced(prefix, rest, looked_up, candidate):
                    best.consider(spelling)
        # Two edits away the lexicon is searched once, without proclitics: ال tells nothing.
        last = number == len(readings)
        if is_arabic_letter(rest[0]) and (maxdist == 1 or (last and len(rest) >= 5)):
            if maxdist > 1 and len(rest) > MAX_FAR_LETTERS:
                continue
            for word in lexicon_near(rest, maxdist):
                best.consider(prefix + word)


def _terms_near(vocabulary: Vocabulary, term: str, maxdist: int) -> set[str]:
    near = set(vocabulary.terms_near(term, maxdist))
    near.update(t for t in transpositions(term) if vocabulary.doc_frequency(t))
    return near


def _best(folded: str, term: str, vocabulary: Vocabulary, budget: _Budget) -> _Best | None:
    """The candidates for one word, or None when it is not to be corrected."""
    if not MIN_LETTERS <= len(folded) <= MAX_LETTERS:
        return None
    letters = alphabet(folded)
    if not letters or not set(folded) <= set(letters):
        # Numbers, and words mixing scripts or letters outside the alphabets, stay as typed.
        return None
    if vocabulary.doc_frequency(term) > COMMON_DF:
        return None
    best = _Best(folded, term, vocabulary, budget)
    _candidates(best, 1)
    if not best.close and len(folded) >= LONG_WORD:
        _candidates(best, 2)
    return best


def _word_options(folded: str, term: str, vocabulary: Vocabulary, budget: _Budget) -> list[str]:
    """The folded spellings to propose for one word, best first; none when it needs no
    correction, or when the query's budget runs out while looking (then no word after it is
    looked at either).
    """
    key = (folded, term)
    if key not in budget.options:
        try:
            budget.options[key] = _options(folded, term, vocabulary, budget)
        except _Exhausted:
            budget.options[key] = []
    return budget.options[key]


def _options(folded: str, term: str, vocabulary: Vocabulary, budget: _Budget) -> list[str]:
    """:func:`_word_options` without the budget's bookkeeping.

    A proposal that itself looks like a typo (a misspelling the corpus repeats: الاسترتجيات →
    الاستراتجيات) is corrected once more (→ الاستراتيجيات).
    """
    best = _best(folded, term, vocabulary, budget)
    proposal = None if best is None else best.accepted()
    if proposal is None:
        return []
    proposal_term = _term(proposal)
    again = None if proposal_term is None else _best(proposal, proposal_term, vocabulary, budget)
    better = None if again is None else again.accepted()
    if better is not None and better != folded:
        return [better]
    return [proposal, *best.alternatives()]


def _restored(surface: str, corrected: str) -> str:
    """``corrected`` (folded) with the researcher's own letters wherever they were kept:
    hamza seats, ة, ى, harakat and capitals as typed.
    """
    pieces: list[str] = []
    folded_chars: list[str] = []
    for char in surface:
        for index, folded_char in enumerate(fold(char)):
            folded_chars.append(folded_char)
            pieces.append(char if index == 0 else "")
        if not fold(char) and pieces:
            # A harakah or tatweel stays with the letter before it.
            pieces[-1] += char
    matcher = SequenceMatcher(None, "".join(folded_chars), corrected, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out.append("".join(pieces[i1:i2]) if tag == "equal" else corrected[j1:j2])
    return "".join(out)


def _correct_text(text: str, vocabulary: Vocabulary, budget: _Budget) -> list:
    """``text`` (free words, no operators) in pieces, each word that needs it corrected as the
    list of its spellings, as long as the budget allows words to be looked at.
    """
    out: list = []
    last = 0
    for token in tokens(text):
        if token.term is None:
            continue
        if budget.words <= 0 or budget.probes <= 0:
            break
        budget.words -= 1
        options = _word_options(token.folded, token.term, vocabulary, budget)
        if options:
            out.append(text[last : token.start])
            out.append([_restored(token.text, option) for option in options])
            last = token.end
    out.append(text[last:])
    return out


def _segments(query: str) -> Iterator[tuple[str, bool]]:
    """(piece of the query, whether it may be corrected), covering the whole query."""
    for kind, text in query_lexemes(query):
        if kind == "word":
            yield from _word_segments(text)
        else:
            yield text, False


def _word_segments(word: str) -> Iterator[tuple[str, bool]]:
    """Free words are corrected, and the word after a field prefix; operators and excluded
    words are kept as written."""
    if word in _OPERATORS or word[0] in "-!":
        yield word, False
        return
    signs = len(word) - len(word.lstrip("+"))
    head, sep, tail = word[signs:].partition(":")
    if sep and head.lower() in FIELD_ALIASES:
        yield word[: signs + len(head) + 1], False
        yield tail, True
        return
    if signs:
        yield word[:signs], False
    yield word[signs:], True


def suggest(query: str, *, vocabulary: Vocabulary) -> str | None:
    """The query with its misspelled words corrected, or None when nothing needs correcting.

    >>> suggest("لافرف في موسكوا", vocabulary=LexiconVocabulary.default())
    'لافروف في موسكو'
    """
    found = suggestions(query, vocabulary=vocabulary)
    return found[0] if found else None


def suggestions(query: str, *, vocabulary: Vocabulary) -> list[str]:
    """Up to ``ALTERNATIVES`` corrected queries, :func:`suggest`'s first: then, one word at a
    time, its other spellings as near as the best (for the caller to try against the index).
    """
    if not query or not query.strip() or len(query) > MAX_QUERY_CHARS:
        return []
    pieces: list = []
    budget = _Budget()
    for piece, free in _segments(query):
        pieces.extend(_correct_text(piece, vocabulary, budget) if free else [piece])
    first = [piece[0] if isinstance(piece, list) else piece for piece in pieces]
    found = ["".join(first)]
    for index, piece in enumerate(pieces):
        for option in piece[1:] if isinstance(piece, list) else ():
            found.append("".join([*first[:index], option, *first[index + 1 :]]))
    found = [text for text in dict.fromkeys(found) if text != query]
    return found[:ALTERNATIVES]


def likeliest(typed: str, texts: list[str], *, count: Callable[[str], int]) -> str | None:
    """Of corrections of ``typed``, the one whose corrected words are most often found with the
    query's other words: the share of the articles holding them that hold every word
    (``الموصول داعش``: الموصل beside داعش, not the commoner الوصول). ``count(text)`` is how many
    articles hold every word of ``text``. A tie, and a one-word query, keep the first.
    """
    if len(texts) <= 1:
        return texts[0] if texts else None
    kept = set(typed.split())
    shares = []
    for text in texts:
        together = count(text)
        changed = " ".join(word for word in text.split() if word not in kept)
        alone = count(changed) if together and changed and changed != text else together
        shares.append(together / alone if alone else 0.0)
    return texts[max(range(len(texts)), key=lambda index: (shares[index], -index))]
