"""Articles over time: the model of a server-rendered SVG bar chart of years, months or days.

:func:`timeline_build` turns counts per year, month or day into bars laid out in an SVG
``viewBox``; ``templates/includes/timeline.html`` draws them with one link per bar, so the chart
works without JavaScript, and repeats the counts in a visually hidden table for screen readers.
The caller passes the links (``link(changes)`` gets the parameters to set, ``None`` removing
one, and returns a URL) and the words (:class:`TimelineText`; :func:`django_text` translates).
Bars run oldest first from ``x = 0``; the stylesheet mirrors the chart on right-to-left pages.
:func:`span_level` and :func:`filter_level` choose the level from the span shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from math import ceil

from django.utils import formats
from django.utils.dates import MONTHS_3
from django.utils.translation import ngettext_lazy

from archive.timeline_spans import (
    DAYS_CHARTED,
    MONTHS_CHARTED,
    Level,
    day_of_range,
    day_span,
    filter_level,
    month_bounds,
    month_of_range,
    month_span,
    span_level,
    whole_months,
)

__all__ = [
    "DAYS_CHARTED",
    "MONTHS_CHARTED",
    "Bar",
    "Level",
    "Timeline",
    "TimelineText",
    "TimelineWords",
    "day_of_range",
    "day_span",
    "django_text",
    "filter_level",
    "month_bounds",
    "month_of_range",
    "month_span",
    "span_level",
    "timeline_build",
    "whole_months",
]

LEVELS = ("year", "month", "day")
# A year, a (year, month), or a day.
Period = int | tuple[int, int] | date

VIEW_HEIGHT = 100.0
SLOT_WIDTH = 10.0
BAR_WIDTH = 7.0
# A bar for one article among thousands would vanish at zero height.
MIN_BAR_HEIGHT = 2.0
MAX_AXIS_LABELS = 12
# A mistyped date (year 0201) must not draw eighteen centuries of empty bars.
MAX_BARS = 120
CROWDED_BARS = 8
DENSE_BARS = 24
# A month of days still fits a phone's width (its bars are thin, its labels a week apart).
DENSE_DAYS = 31
# date() accepts years 1–9999; a year bar at 9999 would end on 9999-12-31.
MIN_YEAR, MAX_YEAR = 1, 9999


@dataclass(frozen=True)
class TimelineText:
    """The words of a timeline, as functions so they follow the language active when called."""

    axis_month: Callable[[int], str]
    period_year: Callable[[int], str]
    period_month: Callable[[int, int], str]
    describe: Callable[[str, int], str]
    summary_years: Callable[[str, str, int], str]
    summary_months: Callable[[str, int], str]
    summary_span: Callable[[str, str, int], str]
    summary_year: Callable[[str, int], str] = lambda year, total: f"{year}: {total}"
    undated: Callable[[int], str] = lambda count: str(count)
    axis_day: Callable[[date], str] = lambda day: str(day.day)
    period_day: Callable[[date], str] = date.isoformat
    summary_days: Callable[[str, str, int], str] = lambda first, last, total: f"{first}–{last}"
    summary_month_days: Callable[[str, int], str] = lambda month, total: f"{month}: {total}"


@dataclass(frozen=True)
class TimelineWords:
    """The counted sentences of a timeline, marked for translation with ``ngettext_lazy``:
    ``%(count)s`` is the formatted number, ``n`` the number that chooses the plural form."""

    describe: object
    summary_years: object
    summary_months: object
    summary_span: object
    summary_year: object
    undated: object
    summary_days: object
    summary_month_days: object


ARTICLE_WORDS = TimelineWords(
    describe=ngettext_lazy("%(period)s: %(count)s article", "%(period)s: %(count)s articles", "n"),
    summary_years=ngettext_lazy(
        "Articles per year, %(first)s–%(last)s: %(count)s article in all",
        "Articles per year, %(first)s–%(last)s: %(count)s articles in all",
        "n",
    ),
    summary_months=ngettext_lazy(
        "Articles per month in %(year)s: %(count)s article in all",
        "Articles per month in %(year)s: %(count)s articles in all",
        "n",
    ),
    summary_span=ngettext_lazy(
        "Articles per month, %(first)s–%(last)s: %(count)s article in all",
        "Articles per month, %(first)s–%(last)s: %(count)s articles in all",
        "n",
    ),
    summary_year=ngettext_lazy(
        "Articles in %(year)s: %(count)s article", "Articles in %(year)s: %(count)s articles", "n"
    ),
    undated=ngettext_lazy(
        "%(count)s article has no date and is not in the chart.",
        "%(count)s articles have no date and are not in the chart.",
        "n",
    ),
    summary_days=ngettext_lazy(
        "Articles per day, %(first)s–%(last)s: %(count)s article in all",
        "Articles per day, %(first)s–%(last)s: %(count)s articles in all",
        "n",
    ),
    summary_month_days=ngettext_lazy(
        "Articles per day in %(month)s: %(count)s article in all",
        "Articles per day in %(month)s: %(count)s articles in all",
        "n",
    ),
)


def django_text(words: TimelineWords = ARTICLE_WORDS) -> TimelineText:
    """The timeline's words through Django's translations and locale formats; ``words`` says
    what it counts (articles by default)."""

    def counted(message, count: int, **parts) -> str:
        number = formats.number_format(count, force_grouping=True)
        return message % {**parts, "count": number, "n": count}

    return TimelineText(
        # Django's short names are lowercase in English (jan): title-case them as its date
        # filter does; Arabic has no short month names and gives the full ones.
        axis_month=lambda month: str(MONTHS_3[month]).title(),
        period_year=str,
        period_month=lambda year, month: formats.date_format(
            date(year, month, 1), "YEAR_MONTH_FORMAT"
        ),
        describe=lambda period, count: counted(words.describe, count, period=period),
        summary_years=lambda first, last, total: counted(
            words.summary_years, total, first=first, last=last
        ),
        summary_months=lambda year, total: counted(words.summary_months, total, year=year),
        summary_span=lambda first, last, total: counted(
            words.summary_span, total, first=first, last=last
        ),
        summary_year=lambda year, total: counted(words.summary_year, total, year=year),
        undated=lambda count: counted(words.undated, count),
        # "3 Mar", "3 مارس": the month's name as the month axis writes it, the day's digits.
        axis_day=lambda day: f"{day.day} {str(MONTHS_3[day.month]).title()}",
        period_day=lambda day: formats.date_format(day, "j F Y"),
        summary_days=lambda first, last, total: counted(
            words.summary_days, total, first=first, last=last
        ),
        summary_month_days=lambda month, total: counted(
            words.summary_month_days, total, month=month
        ),
    )


@dataclass(frozen=True)
class Bar:
    """One period: geometry in ``viewBox`` units, words, and where clicking it leads.

    ``href`` is empty for a period without articles: a link to nothing helps nobody.
    """

    period: Period
    start: date
    end: date
    label: str
    number: str
    title: str
    count: int
    x: float
    width: float
    y: float
    height: float
    slot_x: float
    href: str
    aria_label: str
    selected: bool
    show_label: bool


@dataclass(frozen=True)
class Timeline:
    level: Level
    year: int | None
    bars: tuple[Bar, ...]
    total: int
    max_count: int
    summary: str
    up_href: str
    view_width: float
    view_height: float = VIEW_HEIGHT
    slot_width: float = SLOT_WIDTH
    # Articles dated outside the periods drawn (beyond MAX_BARS).
    omitted: int = 0
    # Articles counted beside the chart that have no date, and the sentence that says so.
    undated: int = 0
    undated_note: str = ""

    @property
    def crowded(self) -> bool:
        # Year labels need thinning on a phone.
        return len(self.bars) > CROWDED_BARS

    @property
    def dense(self) -> bool:
        # Bars need a wider chart than a phone's, scrolled sideways.
        return len(self.bars) > (DENSE_DAYS if self.level == "day" else DENSE_BARS)


def _periods(
    level: Level,
    counts: Mapping[Period, int],
    year: int | None,
    span: tuple | None = None,
) -> list[Period]:
    if level == "day":
        days = sorted(key for key in counts if isinstance(key, date))
        if span is not None:
            days = sorted({*days, *span})
        if not days:
            return []
        start = max(days[0], days[-1] - timedelta(days=MAX_BARS - 1))
        return [start + timedelta(days=n) for n in range((days[-1] - start).days + 1)]
    if level == "month":
        if year is not None:
            return [(year, month) for month in range(1, 13)]
        keys = sorted(key for key in counts if isinstance(key, tuple))
        if span is not None:
            keys = sorted({*keys, *span})
        if not keys:
            return []
        (first_year, first_month), (last_year, last_month) = keys[0], keys[-1]
        first, last = first_year * 12 + first_month - 1, last_year * 12 + last_month - 1
        start = max(first, last - MAX_BARS + 1)
        return [(index // 12, index % 12 + 1) for index in range(start, last + 1)]
    years = sorted(key for key in counts if isinstance(key, int))
    if not years:
        return []
    return list(range(max(years[0], years[-1] - MAX_BARS + 1), years[-1] + 1))


def _key(key) -> Period | None:
    """A year, ``(year, month)`` or day from a count's key (facet values may be strings), or
    None."""
    if isinstance(key, date):
        return key
    try:
        if isinstance(key, tuple):
            year, month = int(key[0]), int(key[1])
            if not 1 <= month <= 12:
                return None
        else:
            year, month = int(key), None
    except (TypeError, ValueError, IndexError):
        return None
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return year if month is None else (year, month)


def _normalized(level: Level, counts: Mapping) -> dict[Period, int]:
    """Counts keyed as the level needs (days summed into months or years, months into years);
    keys that are not a year, a month or a day are left out rather than failing the page.
    """
    result: Counter = Counter()
    for raw_key, count in counts.items():
        key = _key(raw_key)
        if key is None or not isinstance(count, int) or count <= 0:
            continue
        if isinstance(key, date):
            result[{"year": key.year, "month": (key.year, key.month)}.get(level, key)] += count
        elif level == "day":
            continue
        elif isinstance(key, tuple):
            result[key[0] if level == "year" else key] += count
        elif level == "year":
            result[key] += count
    return dict(result)


def _bounds(period: Period) -> tuple[date, date]:
    if isinstance(period, date):
        return period, period
    if isinstance(period, tuple):
        return month_bounds(*period)
    return date(period, 1, 1), date(period, 12, 31)


def _bar(
    index: int,
    period: Period,
    count: int,
    *,
    scale: float,
    label_step: int,
    link: Callable[[Mapping[str, object]], str],
    text: TimelineText,
) -> Bar:
    start, end = _bounds(period)
    if isinstance(period, date):
        title, label, number = text.period_day(period), text.axis_day(period), str(period.day)
        changes = {"year": None, "date_from": period, "date_to": period}
    elif isinstance(period, tuple):
        title = text.period_month(*period)
        label, number = text.axis_month(period[1]), str(period[1])
        changes = {"year": period[0], "date_from": start, "date_to": end}
    else:
        title = label = number = text.period_year(period)
        changes = {"year": period, "date_from": None, "date_to": None}
    height = max(count * scale, MIN_BAR_HEIGHT) if count else 0.0
    slot_x = index * SLOT_WIDTH
    return Bar(
        period=period,
        start=start,
        end=end,
        label=label,
        number=number,
        title=title,
        count=count,
        x=round(slot_x + (SLOT_WIDTH - BAR_WIDTH) / 2, 2),
        width=BAR_WIDTH,
        y=round(VIEW_HEIGHT - height, 2),
        height=round(height, 2),
        slot_x=slot_x,
        href=link(changes) if count else "",
        aria_label=text.describe(title, count),
        selected=False,
        show_label=index % label_step == 0,
    )


def _summary(
    level: Level, year: int | None, bars: list[Bar], total: int, text: TimelineText
) -> str:
    if not bars:
        return ""
    if level == "day":
        first, last = bars[0].period, bars[-1].period
        if (first, last) == month_bounds(first.year, first.month):
            return text.summary_month_days(text.period_month(first.year, first.month), total)
        return text.summary_days(bars[0].title, bars[-1].title, total)
    if level == "month" and year is not None:
        return text.summary_months(text.period_year(year), total)
    if level == "month":
        return text.summary_span(bars[0].title, bars[-1].title, total)
    if len(bars) == 1:
        return text.summary_year(bars[0].title, total)
    return text.summary_years(bars[0].title, bars[-1].title, total)


def timeline_build(
    *,
    counts: Mapping[Period, int],
    level: Level,
    year: int | None,
    link: Callable[[Mapping[str, object]], str],
    selected: Period | None = None,
    text: TimelineText,
    span: tuple | None = None,
    undated: int = 0,
) -> Timeline:
    """The chart model for counts per year (``level="year"``), per ``(year, month)``
    (``"month"``) or per day (``"day"``, counts keyed by ``date``); finer counts are summed
    into the level's periods.

    Periods without articles inside the range are drawn as empty slots. At month level
    with ``year`` given, the twelve months of that year are drawn (counts of other years are
    left out); without it, ``span`` (first and last month, :func:`month_span`, or at day level
    first and last day, :func:`day_span`) widens the periods drawn to a filtered range.
    ``selected`` marks the period currently filtered. ``undated``: articles counted beside
    the chart that have no date, said under it.
    Keys that are not a year, a month or a day are ignored; an unknown level or a year outside
    1–9999 is a programming error (ValueError).
    """
    if level not in LEVELS:
        raise ValueError(f"A timeline level is 'year', 'month' or 'day', not {level!r}.")
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"A timeline year is between {MIN_YEAR} and {MAX_YEAR}, not {year!r}.")
    normalized = _normalized(level, counts)
    periods = _periods(level, normalized, year, span if year is None else None)
    values = [normalized.get(period, 0) for period in periods]
    max_count = max(values, default=0)
    scale = VIEW_HEIGHT / max_count if max_count else 0.0
    label_step = _label_step(level, len(periods))
    bars = [
        _bar(index, period, count, scale=scale, label_step=label_step, link=link, text=text)
        for index, (period, count) in enumerate(zip(periods, values, strict=True))
    ]
    bars = [replace(bar, selected=True) if bar.period == selected else bar for bar in bars]
    if level == "day":
        bars = _day_labels(bars, text)
    total = sum(values)
    return Timeline(
        level=level,
        year=year,
        bars=tuple(bars),
        total=total,
        max_count=max_count,
        summary=_summary(level, year, bars, total, text),
        up_href=link({"year": None, "date_from": None, "date_to": None}) if level != "year" else "",
        view_width=len(bars) * SLOT_WIDTH,
        omitted=_omitted(normalized, periods, year),
        undated=max(undated, 0),
        undated_note=text.undated(undated) if undated > 0 else "",
    )


def _label_step(level: Level, bars: int) -> int:
    """Every how many bars the axis is labelled: at most :data:`MAX_AXIS_LABELS` labels;
    days every third day for a couple of weeks, else week by week (every seventh day)."""
    step = max(1, ceil(bars / MAX_AXIS_LABELS))
    if level != "day" or step == 1:
        return step
    return 3 if bars <= 21 else 7 * ceil(bars / (7 * MAX_AXIS_LABELS))


def _day_labels(bars: list[Bar], text: TimelineText) -> list[Bar]:
    """Day digits under the bars, with the month's name at the first label and wherever the
    month changes ("28 Nov, 4 Dec, 10…"): short enough for a phone, never ambiguous."""
    labelled, month = [], None
    for bar in bars:
        if bar.show_label:
            day: date = bar.period
            plain = (day.year, day.month) == month
            label = str(day.day) if plain else text.axis_day(day)
            bar = replace(bar, label=label, number=label)
            month = (day.year, day.month)
        labelled.append(bar)
    return labelled


def _omitted(counts: dict[Period, int], periods: list[Period], year: int | None) -> int:
    """Articles of the periods before the first bar. Only a range cut at MAX_BARS leaves
    articles out; other years of a month chart are simply another chart."""
    if not periods or year is not None:
        return 0
    return sum(count for period, count in counts.items() if period < periods[0])
