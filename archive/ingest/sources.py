"""Which outlet a text comes from, from ``fixtures/sources.json`` and its aliases.

Only strong evidence counts: the dateline (``إيلاف من لندن:``), a credit line
(``المصدر: تاس``), the page's ``og:site_name``, or the outlet named as the
one a source spoke to or the statement was followed by
(``لـ"العربي الجديد"``, ``تابعته "ايلاف"``) — an outlet quoting a source
to itself. An outlet merely cited (``نقلت وكالة تاس``) is not the source.
Each outlet of the fixture file has a ``kind`` (agency, broadcaster,
newspaper) because agencies are quoted by everyone.
"""

import json
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from archive.ingest.text import fold

_QUOTE_OPEN = "\"'«“”„"
_QUOTE_CLOSE = "\"'»”“"


def sources_path() -> Path:
    return Path(settings.BASE_DIR) / "fixtures" / "sources.json"


@lru_cache(maxsize=4)
def load_sources(path: str | None = None) -> tuple[dict, ...]:
    """The outlets of the fixture file: name, name_en, homepage, aliases."""
    with open(path or sources_path(), encoding="utf-8") as handle:
        return tuple(json.load(handle))


def _key(text: str) -> str:
    return " ".join(fold(text).strip(_QUOTE_OPEN + _QUOTE_CLOSE + " ().:،,-").split())


@lru_cache(maxsize=4)
def alias_index(path: str | None = None) -> dict[str, str]:
    """Folded alias → the outlet's canonical (Arabic) name."""
    index = {}
    for source in load_sources(path):
        for alias in [source["name"], source.get("name_en", ""), *source.get("aliases", [])]:
            if alias:
                index.setdefault(_key(alias), source["name"])
    return index


@lru_cache(maxsize=4)
def _alias_pattern(path: str | None = None) -> re.Pattern:
    aliases = sorted(alias_index(path), key=len, reverse=True)
    alternation = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in aliases)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def source_entry(name: str, path: str | None = None) -> dict | None:
    """The fixture entry of a canonical outlet name."""
    return next((s for s in load_sources(path) if s["name"] == name), None)


def resolve_source_name(text: str, path: str | None = None) -> str | None:
    """The canonical name of an outlet written any known way (``aawsat`` → الشرق الأوسط)."""
    key = _key(text)
    index = alias_index(path)
    if key in index:
        return index[key]
    for prefix in ("وكاله ", "صحيفه ", "جريده ", "موقع ", "قناه ", "شبكه "):
        if key.startswith(prefix) and key[len(prefix) :] in index:
            return index[key[len(prefix) :]]
    return None


def find_outlet(text: str, path: str | None = None) -> str | None:
    """The first known outlet named anywhere in a short text (a dateline, a credit)."""
    match = _alias_pattern(path).search(fold(text))
    return alias_index(path)[" ".join(match.group().split())] if match else None


_ADDRESSEE = re.compile(
    rf"(?:(?<!\w)ل\s*|(?:تابعته|تابعتها|تابعه|تابعها|اطلعت\s+عليه|اطلعت\s+عليها)\s*:?\s*)"
    rf"[{_QUOTE_OPEN}]\s*(?P<name>[^{_QUOTE_CLOSE}\n]{{2,40}})[{_QUOTE_CLOSE}]"
)


def find_addressed_outlet(text: str, path: str | None = None) -> tuple[str, str] | None:
    """An outlet the text was told or followed by: ``لـ"العربي الجديد"`` → (name, evidence).

    News agencies are left out: "a minister told «Reuters»" is how every
    other outlet cites an agency's interview, not the agency's own voice.
    """
    for match in _ADDRESSEE.finditer(fold(text)):
        name = resolve_source_name(match["name"], path)
        if name and (source_entry(name, path) or {}).get("kind") != "agency":
            return name, match.group()
    return None
