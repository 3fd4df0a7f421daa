"""The Arabic pipeline of :mod:`arabic_text` as Whoosh's tokenizer, filter and analyzer.

Whoosh pickles analyzers into the index schema: these hold no state (the caches live in
:mod:`arabic_text`), so the pickle stays small and opening an index needs no settings.
"""

from whoosh.analysis import Filter, Tokenizer
from whoosh.analysis import Token as WhooshToken

from arabic_text import fold, spans, word_term


class ArabicTokenizer(Tokenizer):
    """Whoosh tokenizer over the same word spans as :func:`arabic_text.tokens` (surface text)."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = WhooshToken(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize and ("*" in value or "?" in value):
            yield _wildcard(token, value, chars=chars, start_char=start_char)
            return
        # Prefix and fuzzy terms arrive whole (not tokenized): the value is one word.
        words = spans(value) if tokenize else [(value, 0, len(value))]
        for surface, start, end in words:
            token.text = surface
            token.boost = 1.0
            token.stopped = False
            if positions:
                # ArabicFilter numbers the kept terms on from here.
                token.pos = start_pos
            if keeporiginal:
                token.original = surface
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


def _wildcard(token: WhooshToken, value: str, *, chars: bool, start_char: int) -> WhooshToken:
    """A wildcard term as one folded word, never stemmed (a stem of ال*ب means nothing)."""
    token.text = fold(value)
    token.boost = 1.0
    token.stopped = False
    token.wildcard = True
    if chars:
        token.startchar = start_char
        token.endchar = start_char + len(value)
    return token


class ArabicFilter(Filter):
    """Turns surface tokens into index terms; stop words dropped (or marked ``stopped``).

    Positions count the kept terms only, like Whoosh's own StopFilter: the query parser
    builds a phrase from the query's terms alone (it discards their positions), so a gap
    left by a stop word in the index would make "الحرب على الإرهاب" unfindable as a phrase.
    """

    def __call__(self, tokens_):
        pos = None
        for token in tokens_:
            if getattr(token, "wildcard", False):
                yield token
                continue
            term = word_term(token.text)[1]
            if term is None:
                if not token.removestops:
                    token.stopped = True
                    if token.positions and pos is not None:
                        token.pos = pos
                    yield token
                continue
            token.text = term
            token.stopped = False
            if token.positions:
                pos = token.pos if pos is None else pos + 1
                token.pos = pos
            yield token


def ArabicAnalyzer():  # named like Whoosh's analyzer factories (StemmingAnalyzer …)
    """The analysis pipeline as a Whoosh analyzer: the terms of :func:`analyze`, with positions
    and character offsets. Picklable: it holds no state, the caches live at module level.
    """
    return ArabicTokenizer() | ArabicFilter()
