"""The researchers' query syntax, parsed into Whoosh queries with the Arabic analyzer.

Syntax (see the help page ``search:help``)::

    روسيا العراق                 both words first, then either of them
    مركز تبادل المعلومات في بغداد  most words: articles with all of them first
    "اللجنة العراقية الروسية"     the exact phrase (also «…» and “…”)
    روسيا OR موسكو               either word (also أو and |)
    NOT داعش   -داعش             without the word (also -"a phrase")
    title:لافروف                 the word in the title (also عنوان:)
    (روسيا OR موسكو) نفط          grouping

Every word and phrase goes through :func:`arabic_text.analyze`, the analyzer
that built the index, so a query without hamza finds the hamza spelling and a
phrase compares the same positions the index stored. :func:`query_lexemes` is
the one lexer of this syntax (the did-you-mean suggestion reads queries with it).

A plain query of two words or more (no quotes, operators, field prefixes or
parentheses) matches the articles holding most of its words
(:func:`words_required`; one of two); ``all_words`` then says which hold every one, and
the search lists those first. Any operator, or ``match_all``, keeps every word required.

:func:`query_parse` never raises: unbalanced quotes or parentheses, a lone
operator, stray symbols and very long input all give a sensible query plus
a message for the researcher.
"""

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from whoosh import query as wq

from arabic_text import analyze
from search.query_scoring import TEXT_FIELD, TITLE_FIELD, score_query

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 64
MAX_DEPTH = 16
# Words inside quotes, all phrases together: a phrase's cost grows with its words times the
# articles holding them; the words past it are searched as plain (still required) words.
MAX_PHRASE_WORDS = 10
# A plain query of up to this many words needs them all (``SEARCH_ALL_WORDS_UP_TO``); a longer
# one needs this share of them, rounded down (one of two, two of three, three of four or five).
ALL_WORDS_UP_TO = 1
MOST_WORDS_SHARE = 0.75

FIELD_ALIASES = {"title": TITLE_FIELD, "عنوان": TITLE_FIELD, "العنوان": TITLE_FIELD}
OR_WORDS = {"OR", "|", "||", "أو", "او"}
AND_WORDS = {"AND", "&", "&&"}
NOT_WORDS = {"NOT", "!"}
OPEN_QUOTES = {'"': '"', "«": "»", "“": "”", "„": "“", "”": "”", "»": "«"}

MSG_TRUNCATED = _("Your query was very long; only its first %(limit)s characters were used.")
MSG_QUOTE = _("A quotation mark was not closed, so it was ignored.")
MSG_PAREN = _("Unbalanced parentheses were ignored.")
MSG_OPERATOR = _("An operator (OR, NOT) had nothing to apply to and was ignored.")
MSG_TOO_MANY = _("Your query had too many words; only the first %(limit)s were used.")
MSG_LONG_PHRASE = _(
    "Your quoted phrases were very long: past their first %(limit)s words, a phrase's words "
    "were searched anywhere in the article, not side by side."
)
MSG_NOTHING = _(
    "Your query has no searchable words (only very common words or symbols). "
    "Try more specific words."
)

_TOKEN_RE = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<quote>["«»“”„])
  | (?P<word>[^\s()"«»“”„]+)
    """,
    re.VERBOSE,
)
# A trailing * asks for the words that begin with these letters (at least this many).
MIN_PREFIX_LETTERS = 2
# Symbols with a meaning in other engines' syntax: here they separate words.
_STRAY_RE = re.compile(r"[*?~^{}\[\]\\/<>=+;,،؛:]+")


@dataclass
class ParsedQuery:
    """A parsed query.

    ``query`` selects documents; ``score_query`` ranks them (phrases scored
    by their words, with a bonus for words in the title); ``highlight_text``
    holds the positive words and phrases to mark in snippets. ``query`` is
    ``None`` for an empty query (browse everything) and a query matching
    nothing when the text had no searchable word. ``all_words`` is set when ``query``
    accepts articles holding only most of a plain query's words: it selects those
    holding all of them (the search lists them first). ``relaxable``: the query is plain
    and long enough for most of its words to do (even if ``match_all`` kept them all).
    """

    text: str = ""
    query: wq.Query | None = None
    score_query: wq.Query | None = None
    all_words: wq.Query | None = None
    relaxable: bool = False
    highlight_text: str = ""
    messages: list = field(default_factory=list)
    # Words added beyond the query's own (:mod:`search.expansion`), to show the researcher.
    expanded: tuple[str, ...] = ()


# ------------------------------------------------------------------- lexer


class Lexeme(NamedTuple):
    """A piece of a query as typed: ``space``, ``open`` or ``close`` (a parenthesis),
    ``phrase`` (with its quotes), ``quote`` (one that is never closed) or ``word``."""

    kind: str
    text: str


def query_lexemes(text: str) -> Iterator[Lexeme]:
    """The query cut into lexemes that cover it whole, so a caller can rebuild it.

    A phrase ends at its closing quote or at a plain ``"``; an opening quote without either
    is a lexeme of its own, and the words after it are free words.
    """
    pos = 0
    while pos < len(text):
        match = _TOKEN_RE.match(text, pos)
        kind, pos = match.lastgroup, match.end()
        if kind == "quote":
            closing = OPEN_QUOTES[match.group()]
            ends = [at for at in (text.find(q, pos) for q in {closing, '"'}) if at >= 0]
            if ends:
                yield Lexeme("phrase", text[match.start() : min(ends) + 1])
                pos = min(ends) + 1
                continue
        yield Lexeme(kind, match.group())


def _bounded_phrases(text: str) -> tuple[str, bool]:
    """``text`` with every phrase past ``MAX_PHRASE_WORDS`` words (all phrases together) made
    a group of its words, ``"a b c"`` → ``(a b c)``: the same words required, no positions
    compared. Returns the text and whether any phrase was."""
    pieces: list[str] = []
    words = 0
    grouped = False
    for kind, value in query_lexemes(text):
        if kind == "phrase":
            inner = value[1:-1].split()
            words += len(inner)
            if words > MAX_PHRASE_WORDS:
                grouped = True
                if pieces and pieces[-1] in ("-", "!"):
                    pieces[-1] = "NOT "  # -( is no negation in this syntax; NOT ( is
                value = "(" + " ".join(_plain_words(inner)) + ")"
        pieces.append(value)
    return "".join(pieces), grouped


def _plain_words(words: list[str]) -> Iterator[str]:
    """Words of a phrase without the syntax they would have outside quotes."""
    for word in words:
        if word in OR_WORDS or word in AND_WORDS or word in NOT_WORDS:
            continue
        word = re.sub(r"[():]", " ", word).strip().lstrip("-+!")
        if word:
            yield word


# --------------------------------------------------------------- tokenizer


@dataclass(frozen=True)
class _Tok:
    kind: str  # word | phrase | open | close | or | not | field | prefix
    value: str = ""


def _lex_word(word: str, out: list, syntax: set) -> None:
    """Append the tokens of one word; ``syntax`` records the operators used."""
    if word in OR_WORDS or word in NOT_WORDS or word in AND_WORDS:
        syntax.add(word)
    if word in OR_WORDS:
        out.append(_Tok("or"))
        return
    if word in NOT_WORDS:
        out.append(_Tok("not"))
        return
    if word in AND_WORDS:
        return
    negate = False
    prefix = word[: len(word) - len(word.lstrip("-+!"))]
    if prefix and word[len(prefix) :]:
        syntax.add(prefix)
    while word[:1] in ("-", "+", "!"):
        negate = negate or word[0] != "+"
        word = word[1:]
    head, sep, tail = word.partition(":")
    if sep and head.lower() in FIELD_ALIASES:
        syntax.add(":")
        if negate:
            out.append(_Tok("not"))
        out.append(_Tok("field", FIELD_ALIASES[head.lower()]))
        word, negate = tail, False
    pieces = [piece for piece in _STRAY_RE.split(word) if piece.strip("-_.")]
    if not pieces:
        return
    if negate:
        out.append(_Tok("not"))
    if len(pieces) == 1 and word.endswith("*"):
        syntax.add("*")
        out.append(_Tok("prefix", pieces[0]))
    elif len(pieces) == 1:
        out.append(_Tok("word", pieces[0]))
    else:
        # "a:b" or "a*b": keep the parts together as one clause
        out.append(_Tok("open"))
        out.extend(_Tok("word", piece) for piece in pieces)
        out.append(_Tok("close"))


def _tokenize(text: str, notes: set, syntax: set) -> list[_Tok]:
    """The parser's tokens; ``syntax`` records quotes, parentheses and operators."""
    out: list[_Tok] = []
    lexemes = list(query_lexemes(text))
    for index, (kind, value) in enumerate(lexemes):
        if kind == "space":
            continue
        if kind != "word":
            syntax.add(kind)
        if kind in ("open", "close"):
            out.append(_Tok(kind))
        elif kind == "quote":
            notes.add(MSG_QUOTE)
        elif kind == "phrase":
            if value[1:-1].strip():
                out.append(_Tok("phrase", value[1:-1]))
        elif _glued_to_quote(value, lexemes[index + 1 : index + 2]):
            # -"phrase" / title:"phrase": the prefix applies to the quoted phrase
            head = value.rstrip(":").lstrip("-+!")
            if value.startswith(("-", "!")):
                out.append(_Tok("not"))
            if head.lower() in FIELD_ALIASES:
                out.append(_Tok("field", FIELD_ALIASES[head.lower()]))
            elif head:
                _lex_word(head, out, syntax)
        else:
            _lex_word(value, out, syntax)
    return out


def _glued_to_quote(word: str, following: list[Lexeme]) -> bool:
    prefix = word.endswith(":") or word in ("-", "+", "!")
    return prefix and bool(following) and following[0].kind in ("phrase", "quote")


# ------------------------------------------------------------------ parser


class _Parser:
    """Recursive descent over the tokens; forgiving about every kind of mistake."""

    def __init__(self, tokens: list[_Tok], notes: set):
        self.tokens = tokens
        self.pos = 0
        self.notes = notes
        self.depth = 0
        self.clauses = 0
        self.positive: list[str] = []
        self.positive_terms: list[tuple[str, str]] = []
        self.fieldname = TEXT_FIELD  # title:( … ) applies to the whole group

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> wq.Query | None:
        result = self.or_expr()
        while self.peek() is not None:  # a stray ")" at the top level
            self.pos += 1
            self.notes.add(MSG_PAREN)
            more = self.or_expr()
            result = _and([result, more])
        return result

    def or_expr(self) -> wq.Query | None:
        alternatives = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.pos += 1
            alternatives.append(self.and_expr())
        present = [alt for alt in alternatives if alt is not None]
        if len(alternatives) > 1 and len(present) < len(alternatives):
            self.notes.add(MSG_OPERATOR)
        if not present:
            return None
        return present[0] if len(present) == 1 else wq.Or(present)

    def and_expr(self) -> wq.Query | None:
        clauses = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", "close"):
            clause = self.unary()
            if clause is not None:
                clauses.append(clause)
        return _and(clauses)

    def unary(self) -> wq.Query | None:
        tok = self.peek()
        if tok.kind == "not":
            self.pos += 1
            following = self.peek()
            if following is None or following.kind in ("or", "close", "not"):
                self.notes.add(MSG_OPERATOR)
                return None
            saved = self.positive, self.positive_terms
            self.positive, self.positive_terms = [], []  # negated words are not highlighted
            operand = self.unary()
            self.positive, self.positive_terms = saved
            return wq.Not(operand) if operand is not None else None
        return self.primary(self.fieldname)

    def primary(self, fieldname: str) -> wq.Query | None:
        tok = self.peek()
        self.pos += 1
        if tok.kind == "field":
            following = self.peek()
            if following is None or following.kind not in ("word", "phrase", "open", "prefix"):
                return None
            return self.primary(tok.value)
        if tok.kind == "open":
            saved, self.fieldname = self.fieldname, fieldname
            try:
                return self.group()
            finally:
                self.fieldname = saved
        if tok.kind == "close":  # handled by and_expr; unreachable in practice
            return None
        if self.clauses >= MAX_CLAUSES:
            self.notes.add(MSG_TOO_MANY)
            return None
        self.clauses += 1
        if tok.kind == "prefix":
            return self.prefix(tok.value, fieldname)
        return self.words(tok.value, fieldname, phrase=tok.kind == "phrase")

    def group(self) -> wq.Query | None:
        if self.depth >= MAX_DEPTH:
            self.notes.add(MSG_PAREN)
            return None
        self.depth += 1
        inner = self.or_expr()
        self.depth -= 1
        tok = self.peek()
        if tok is not None and tok.kind == "close":
            self.pos += 1
        else:
            self.notes.add(MSG_PAREN)
        return inner

    def prefix(self, text: str, fieldname: str) -> wq.Query | None:
        """``word*``: the index terms that begin with the word as the analyzer reads it
        (folded, clitics and suffix removed), so روس* finds روسيا, الروسية and روسي. A word
        the analyzer splits or reduces below two letters is searched as a plain word."""
        terms = analyze(text)
        if len(terms) != 1 or len(terms[0]) < MIN_PREFIX_LETTERS:
            return self.words(text, fieldname, phrase=False)
        self.positive.append(text)
        return wq.Prefix(fieldname, terms[0])

    def words(self, text: str, fieldname: str, *, phrase: bool) -> wq.Query | None:
        terms = analyze(text)
        if not terms:
            return None
        self.positive.append(f'"{text}"' if phrase else text)
        self.positive_terms.extend((fieldname, term) for term in terms)
        if len(terms) == 1:
            return wq.Term(fieldname, terms[0])
        if phrase or len(text.split()) == 1:
            # A word the analyzer splits (al-Qaeda, 2021/11) stays a phrase.
            return wq.Phrase(fieldname, terms)
        return wq.And([wq.Term(fieldname, term) for term in terms])


def _and(clauses: list) -> wq.Query | None:
    clauses = [c for c in clauses if c is not None]
    if not clauses:
        return None
    if all(isinstance(c, wq.Not) for c in clauses):
        # Only exclusions: everything except them. (Whoosh normalizes
        # And([Every(), Not(x)]) to Every(), hence AndNot.)
        excluded = [c.query for c in clauses]
        return wq.AndNot(wq.Every(), excluded[0] if len(excluded) == 1 else wq.Or(excluded))
    return clauses[0] if len(clauses) == 1 else wq.And(clauses)


# ------------------------------------------------------------- most words


def words_required(count: int) -> int:
    """How many of a plain query's ``count`` words an article must hold.

    Up to ``SEARCH_ALL_WORDS_UP_TO`` words (one by default): all of them. More: three
    quarters, rounded down and at least one, so a topic or a question keeps its results
    when one of its words (a spelling variant, a place name) is not in the article; those
    holding every word still come first.
    """
    up_to = getattr(settings, "SEARCH_ALL_WORDS_UP_TO", ALL_WORDS_UP_TO)
    if count <= up_to:
        return count
    return max(up_to, 1, math.floor(count * MOST_WORDS_SHARE))


def _most_words(query: wq.Query, syntax: set) -> wq.Query | None:
    """The query accepting the articles with most of a plain query's words; ``None`` when
    every word stays required (operators, one or two words)."""
    if syntax or not isinstance(query, wq.And):
        return None
    clauses = list(query.subqueries)
    required = words_required(len(clauses))
    if required >= len(clauses):
        return None
    return wq.Or(clauses, minmatch=required)


# ------------------------------------------------------------------ public


def query_parse(text: str | None, *, match_all: bool = False) -> ParsedQuery:
    """Parse the researcher's query; never raises. See the module docstring.

    ``match_all`` keeps every word of a plain query required.
    """
    raw = (text or "").strip()
    messages = []
    if len(raw) > MAX_QUERY_CHARS:
        cut = raw[:MAX_QUERY_CHARS]
        # cut at a word boundary so no half word is searched
        raw = cut.rsplit(None, 1)[0] if " " in cut else cut
        messages.append(MSG_TRUNCATED % {"limit": MAX_QUERY_CHARS})
    if not raw:
        return ParsedQuery(messages=messages)
    raw, unquoted = _bounded_phrases(raw)
    if unquoted:
        messages.append(MSG_LONG_PHRASE % {"limit": MAX_PHRASE_WORDS})
    notes: set = set()
    syntax: set = set()
    parser = _Parser(_tokenize(raw, notes, syntax), notes)
    query = parser.parse()
    for note in (MSG_QUOTE, MSG_PAREN, MSG_OPERATOR, MSG_TOO_MANY):
        if note in notes:
            messages.append(note % {"limit": MAX_CLAUSES} if note is MSG_TOO_MANY else note)
    if query is None:
        messages.append(MSG_NOTHING)
        return ParsedQuery(text=raw, query=wq.NullQuery, messages=messages)
    query = query.normalize()
    most = _most_words(query, syntax)
    relaxable = most is not None
    if match_all:
        most = None
    return ParsedQuery(
        text=raw,
        query=most or query,
        score_query=score_query(most or query, parser.positive_terms, plain=not syntax),
        all_words=query if most is not None else None,
        relaxable=relaxable,
        highlight_text=" ".join(parser.positive),
        messages=messages,
    )
