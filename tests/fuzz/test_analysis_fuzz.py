"""Random Arabic text: the column tokenizer entity extraction uses agrees with ``tokens()``.

``token_columns()`` takes a fast path when no word carries invisible characters on its edge;
the text drawn here mixes seed words with harakat, tatweel, direction marks, zero-width
characters, digits and punctuation so that both paths are taken.
"""

import itertools
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from arabic_text import token_columns, tokens

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_WORDS = sorted(
    {word for path in SEEDS_DIR.glob("*.txt") for word in path.read_text("utf-8").split()}
)
ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
MARKS = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0640"]
INVISIBLE = ["\u200f", "\u200e", "\u202e", "\u200c", "\u200d", "\ufeff", "\x01"]
PUNCTUATION = list("«»\"'()،؛:.-—/؟!") + [chr(c) for c in range(0x0660, 0x066A)]

piece = st.one_of(
    st.sampled_from(SEED_WORDS),
    st.text(alphabet=st.sampled_from(ARABIC_LETTERS + MARKS + INVISIBLE), min_size=1, max_size=9),
    st.sampled_from(PUNCTUATION + INVISIBLE),
    st.text(max_size=6),
)
texts = st.lists(
    st.tuples(piece, st.sampled_from([" ", "", "\n", "\u00a0", "  "])), max_size=40
).map(lambda pieces: "".join(p + s for p, s in pieces))


@given(texts)
def test_token_columns_always_match_tokens_without_stemming(text):
    found = tokens(text, terms=False)
    columns = token_columns(text)
    assert columns.surfaces == [t.text for t in found]
    assert columns.starts == [t.start for t in found]
    assert columns.ends == [t.end for t in found]
    assert columns.folded == [t.folded for t in found]
    assert columns.stop == [t.term is None for t in found]
    assert columns.gaps == [text[a.end : b.start] for a, b in itertools.pairwise(found)]
