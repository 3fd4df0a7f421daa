"""Bylines: a person or an agency credit (``(أ ف ب)``, ``وكالات``), written as the page does.

``clean_author`` turns what a page, a JSON line or a byline line gives into the
name alone: no ``بقلم``/``كتب``/``By`` label, no place before a colon
(``لندن: رنيم حنوش``), no date after a bar, no enclosing brackets or quotes.
"""

import html
import re

from archive.ingest.sources import resolve_source_name
from archive.ingest.text import fold

AUTHOR_MAX = 200

_LABEL = re.compile(
    r"^(?:بقلم|كتب|كتبت|بواسطة|إعداد|اعداد|تحرير|المحرر|الكاتب|الكاتبة|by|written by)"
    r"\s*[:：\-–—]?\s+",
    re.IGNORECASE,
)
_EDGES = " \t:：-–—،,|«»\"“”'[]"
_PARENTHESISED = re.compile(r"^\(([^()]{1,60})\)$")
# Agency credits as Arabic news prints them (outlets of the sources table count too).
_AGENCY_CREDITS = frozenset(
    fold(credit)
    for credit in (
        "وكالات",
        "الوكالات",
        "أ ف ب",
        "ا ف ب",
        "أ.ف.ب",
        "د ب أ",
        "د.ب.أ",
        "رويترز",
        "أ ب",
        "يو بي آي",
        "واس",
        "وات",
        "قنا",
        "كونا",
        "وام",
        "بنا",
        "سانا",
        "واع",
        "الأناضول",
        "سبأ",
        "شينخوا",
    )
)


def clean_author(value) -> str:
    """The author's name from a byline as written; "" when nothing is left."""
    if not isinstance(value, str):
        return ""
    text = " ".join(html.unescape(value).replace("\xa0", " ").split())
    text = text.split("|")[0].strip()
    if ":" in text.strip(_EDGES):
        before, _, after = text.strip(_EDGES).partition(":")
        if after.strip(_EDGES) and len(before.split()) <= 4:
            text = after
    text = _LABEL.sub("", text.strip(_EDGES + " ")).strip()
    match = _PARENTHESISED.match(text)
    if match:
        text = match.group(1)
    text = text.strip(_EDGES)
    if text.count("(") != text.count(")"):
        text = text.strip("()" + _EDGES)
    return text[:AUTHOR_MAX]


def is_agency(name: str) -> bool:
    """An agency's or outlet's credit (``أ ف ب``, ``وكالات``, ``تاس``) rather than a person."""
    key = " ".join(fold(name).split())
    return key in _AGENCY_CREDITS or resolve_source_name(name) is not None


def author_key(name: str) -> str:
    """The author as searched: folded, so every spelling of one byline is one filter value."""
    return " ".join(fold(clean_author(name)).split())
