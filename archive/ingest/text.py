"""Plain-text clean-up shared by the importer's steps.

``tidy`` makes decoded text uniform (line endings, invisible marks, spaces)
without changing a visible letter. ``fold`` is the search analyzer's
normalization (one copy for the whole project), used here only to *match*
month names, outlet aliases and duplicates; the stored text is never folded.
"""

import re
import unicodedata
from functools import lru_cache

import arabic_text

__all__ = ["fold", "tidy"]

# Bidi controls and the BOM are invisible and break matching; ZWNJ/ZWJ are kept
# because Persian and some Arabic typography need them.
_INVISIBLE = dict.fromkeys(
    [
        0xFEFF,
        0x200B,
        0x200E,
        0x200F,
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
        0x061C,
        0x00AD,
    ],
    None,
)
_SPACES = dict.fromkeys([0x00A0, 0x2007, 0x202F, 0x2009, 0x200A, 0x3000, 0x0009, 0x000B], " ")
# translate() looks every character up; most texts need none of these tables.
_INVISIBLE_RE = re.compile("[" + "".join(map(chr, _INVISIBLE)) + "]")
_SPACES_RE = re.compile("[" + "".join(map(chr, _SPACES)) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MULTISPACE = re.compile(r" {2,}")


def tidy(text: str) -> str:
    """Uniform line endings and spacing; every line stripped."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n").replace("\x0c", "\n")
    if _INVISIBLE_RE.search(text):
        text = text.translate(_INVISIBLE)
    if _SPACES_RE.search(text):
        text = text.translate(_SPACES)
    text = _CONTROL.sub("", text)
    return "\n".join(_MULTISPACE.sub(" ", line).strip() for line in text.split("\n"))


# A line, or the body of a common article; longer texts are folded afresh each time, so the
# memo stays small (at most ~16 MB) whatever is imported.
_FOLD_MEMO_MAX_CHARS = 4000


def fold(text: str) -> str:
    """``arabic_text.fold``, remembered for lines and short bodies: the importer's steps
    fold the same lines (and the same body) several times over."""
    if len(text) > _FOLD_MEMO_MAX_CHARS:
        return arabic_text.fold(text)
    return _fold_memo(text)


@lru_cache(maxsize=1024)
def _fold_memo(text: str) -> str:
    return arabic_text.fold(text)
