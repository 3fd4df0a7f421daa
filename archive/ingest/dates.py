"""Dates written in Arabic news text.

Both month-name sets (كانون الثاني … and يناير …, plus Maghrebi جانفي …),
paired forms (``30 تشرين الثاني نوفمبر 2021``, ``25 نوفمبر/تشرين الثاني
2020``), a weekday or ``اليوم`` before the date, Arabic-Indic digits and
numeric dates (``27/02/2025``, ``2015-07-21``). Only full dates (day, month,
year) count: ``عام 1944`` or ``حزيران الماضي`` say nothing about the day.

Matching runs on ``fold(line)`` so that أيلول/ايلول and الأربعاء/الاربعاء
are the same word.
"""

import datetime
import re
from dataclasses import dataclass

from archive.ingest.text import fold

_MONTH_NAMES = {
    1: "كانون الثاني|كانون ثاني|يناير|جانفي|جانفييه",
    2: "شباط|فبراير|فيفري|فبرير",
    3: "اذار|مارس",
    4: "نيسان|ابريل|افريل|ابرايل",
    5: "ايار|مايو|ماي|مايس",
    6: "حزيران|يونيو|يونيه|جوان",
    7: "تموز|يوليو|يوليه|جويليه",
    8: "اب|اغسطس|اغسطوس|اوت",
    9: "ايلول|سبتمبر|شتنبر",
    10: "تشرين الاول|تشرين اول|اكتوبر",
    11: "تشرين الثاني|تشرين ثاني|نوفمبر|نونبر",
    12: "كانون الاول|كانون اول|ديسمبر|دجنبر",
}
MONTHS = {fold(name): number for number, names in _MONTH_NAMES.items() for name in names.split("|")}
WEEKDAYS = {
    fold(name): number
    for number, name in enumerate("الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split())
}

_MONTH = "|".join(n.replace(" ", r"\s+") for n in sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_NAMED = re.compile(
    rf"(?<!\w)(?P<day>[0-3]?\d)\s*(?:من\s+)?(?:شهر\s+)?(?P<m1>{_MONTH})"
    rf"(?:\s*[/\-–—(،,]?\s*(?P<m2>{_MONTH})\s*\)?)?"
    rf"\s*[،,]?\s*(?:من\s+)?(?:عام|العام|لعام|سنه)?\s*{_YEAR}"
)
_DMY = re.compile(
    r"(?<![\d/.\-])(?P<day>[0-3]?\d)([/.\-])(?P<month>[01]?\d)\2(?P<year>(?:19|20)\d\d)(?![\d/])"
)
_YMD = re.compile(
    r"(?<![\d/.\-])(?P<year>(?:19|20)\d\d)([/.\-])(?P<month>[01]?\d)\2(?P<day>[0-3]?\d)(?![\d/])"
)
_BEFORE = re.compile(
    rf"(?:(?P<today>اليوم)\s*\(?\s*)?(?:يوم\s+)?(?:(?P<wd>{_WEEKDAY})\s*\)?\s*)?"
    r"[،,:\-–]?\s*(?:الموافق\s*)?$"
)
_NOT_TODAY = re.compile(r"(?:هذا|ذلك|مثل|نفس|ذات)\s*$")
_WEEKDAY_WORD = re.compile(rf"(?<!\w)(?:{_WEEKDAY})(?!\w)")
_ISO_PREFIX = re.compile(r"^\s*((?:19|20)\d\d)-(\d\d)-(\d\d)")
_DMY_VALUE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class DateMention:
    """A full date found in a line; ``start``/``end`` index the folded line."""

    date: datetime.date
    start: int
    end: int
    weekday: int | None = None
    today: bool = False

    @property
    def weekday_matches(self) -> bool:
        return self.weekday is not None and self.weekday == self.date.weekday()

    @property
    def weekday_contradicts(self) -> bool:
        return self.weekday is not None and self.weekday != self.date.weekday()


def find_dates(line: str) -> list[DateMention]:
    """Every full date in a line, in order."""
    folded = fold(line)
    found = []
    for match in _NAMED.finditer(folded):
        month = _named_month(match)
        found.append(_mention(folded, match, month))
    for pattern in (_DMY, _YMD):
        for match in pattern.finditer(folded):
            found.append(_mention(folded, match, int(match["month"])))
    return sorted((m for m in found if m is not None), key=lambda m: m.start)


def _named_month(match: re.Match) -> int | None:
    first = MONTHS[" ".join(match["m1"].split())]
    if match["m2"] and MONTHS[" ".join(match["m2"].split())] != first:
        return None
    return first


def _mention(folded: str, match: re.Match, month: int | None) -> DateMention | None:
    if month is None:
        return None
    try:
        value = datetime.date(int(match["year"]), month, int(match["day"]))
    except ValueError:
        return None
    window = folded[max(0, match.start() - 50) : match.start()]
    before = _BEFORE.search(window)
    weekday = WEEKDAYS[before["wd"]] if before and before["wd"] else None
    # "في مثل هذا اليوم 27 جانفي 2014" is an anniversary, not today.
    today = bool(before and before["today"]) and not _NOT_TODAY.search(window[: before.start()])
    return DateMention(value, match.start(), match.end(), weekday, today)


def weekdays_named(text: str) -> set[int]:
    """Weekdays a text names (``في بغداد الثلاثاء``), dated or not."""
    return {WEEKDAYS[m.group()] for m in _WEEKDAY_WORD.finditer(fold(text))}


def residue_without_dates(line: str, mentions: list[DateMention]) -> str:
    """The folded line with its dates cut out, to tell a date line from a sentence."""
    folded = fold(line)
    pieces, position = [], 0
    for mention in mentions:
        pieces.append(folded[position : mention.start])
        position = mention.end
    pieces.append(folded[position:])
    return " ".join(pieces)


def parse_date_value(value) -> datetime.date | None:
    """A date given as data (JSON-lines ``date``, an HTML meta tag, an editor's override).

    Accepts ``date``/``datetime`` objects, ISO dates and date-times as in the
    corpora (``2015-07-21 02:51:32``, ``2017-01-20T21:43:00+01:00``,
    ``2017-01-22T185600``), day-first numeric dates (``17/05/2015``) and
    Arabic written dates. The date is taken as written, without converting
    time zones. Returns None when no date can be read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = fold(str(value))
    for pattern, order in ((_ISO_PREFIX, (0, 1, 2)), (_DMY_VALUE, (2, 1, 0))):
        match = pattern.match(text)
        if match:
            parts = [int(g) for g in match.groups()]
            try:
                return datetime.date(parts[order[0]], parts[order[1]], parts[order[2]])
            except ValueError:
                return None
    mentions = find_dates(text)
    return mentions[0].date if mentions else None
