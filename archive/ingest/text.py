"""Plain-text clean-up shared by the importer's steps.

``tidy`` makes decoded text uniform (line endings, invisible marks, spaces)
without changing a visible letter. ``fold`` is the search analyzer's
normalization (one copy for the whole project), used here only to *match*
month names, outlet aliases and duplicates; the stored text is never folded.
"""

import re
import unicodedata

from search.analysis import fold

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
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MULTISPACE = re.compile(r" {2,}")


def tidy(text: str) -> str:
    """Uniform line endings and spacing; every line stripped."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n").replace("\x0c", "\n")
    text = text.translate(_INVISIBLE).translate(_SPACES)
    text = _CONTROL.sub("", text)
    return "\n".join(_MULTISPACE.sub(" ", line).strip() for line in text.split("\n"))
