"""The headline: the first line when it is one, else a short title cut from the lead."""

import re

from archive.ingest.text import fold, tidy

HEADLINE_MAX_WORDS = 20
DERIVED_MAX_WORDS = 14
DERIVED_MIN_WORDS = 6
TITLE_MAX_CHARS = 500

_DATELINE = re.compile(r"^(?P<dateline>[^:\d\"«“]{2,60}?)\s*:\s*(?=\S)")
_DASH_DATELINE = re.compile(r"^(?P<dateline>[^:\"«“\-–—]{2,60}?(?:\([^()]{1,30}\))?)\s+[-–—]\s+")
_SENTENCE = re.compile(r"(?<=[^\d\s])[.!؟?؛](?=\s|$)")
# Words a title can be cut before: prepositions, relatives, purpose (لتعزيز).
_BREAK_BEFORE = frozenset(
    fold(w)
    for w in "في على خلال بعد قبل حيث التي الذي الذين وذلك بهدف بسبب عبر وسط إثر اثر ضمن".split()
)


def split_dateline(paragraph: str) -> tuple[str, str]:
    """``ايلاف من لندن: اجرى …`` → (``ايلاف من لندن``, ``اجرى …``); no dateline → ("", text)."""
    head = paragraph[:80]
    for pattern, max_words in ((_DATELINE, 6), (_DASH_DATELINE, 8)):
        match = pattern.match(head)
        if match and len(match["dateline"].split()) <= max_words:
            return match["dateline"].strip(), paragraph[match.end() :].strip()
    return "", paragraph


def is_headline(line: str, following: list[str]) -> bool:
    """A first line that is short, ends without a full stop and has text after it."""
    if not following:
        return False
    stripped = line.rstrip()
    if stripped.endswith((".", "،", ",", ":", "؛", "…")):
        return False
    if len(stripped.split()) > HEADLINE_MAX_WORDS:
        return False
    dateline, rest = split_dateline(stripped)
    return not (dateline and " من " in f" {dateline} " and rest)


def derive_title(lead: str) -> str:
    """A short title from the lead's first sentence, cut at a natural break."""
    _, text = split_dateline(lead)
    first = _SENTENCE.split(text, maxsplit=1)[0]
    tokens = first.split()
    if len(tokens) > DERIVED_MAX_WORDS:
        tokens = tokens[: _cut(tokens)]
    return clean_title(" ".join(tokens))


def _cut(tokens: list[str]) -> int:
    best = DERIVED_MAX_WORDS
    for index in range(DERIVED_MIN_WORDS, DERIVED_MAX_WORDS + 1):
        if tokens[index - 1].endswith(("،", ",", "؛", ":")):
            best = index
        elif fold(tokens[index]) in _BREAK_BEFORE or fold(tokens[index]).startswith("لت"):
            best = index
    return best


def clean_title(text: str) -> str:
    # tidy() drops NUL and control characters a given title may carry (PostgreSQL refuses NUL).
    text = " ".join(tidy(text).split()).strip(" -–—:،,؛.")
    return text[:TITLE_MAX_CHARS]
