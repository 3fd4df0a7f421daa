"""Which level a timeline draws: years, months or days, from the span of dates it shows.

A search's date filter (or a chosen year) sets the span on the search page; the first and last
dated article set it on an entity page. Pure functions of dates, shared by both.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

Level = Literal["year", "month", "day"]

# A date range of up to this many months is drawn month by month, a longer one year by year.
MONTHS_CHARTED = 36
# A span of up to this many days (two months) is drawn day by day.
DAYS_CHARTED = 62


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_of_range(date_from: date | None, date_to: date | None) -> tuple[int, int] | None:
    """The ``(year, month)`` a date range covers exactly (as a month bar sets it), or None."""
    if date_from is None or date_to is None or date_from.day != 1:
        return None
    if (date_from.year, date_from.month) != (date_to.year, date_to.month):
        return None
    if date_to != month_bounds(date_from.year, date_from.month)[1]:
        return None
    return date_from.year, date_from.month


def month_span(
    date_from: date | None, date_to: date | None
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first and last ``(year, month)`` of a date range short enough to chart month by
    month (:data:`MONTHS_CHARTED`), or None: no range, an open end, or a longer one."""
    if date_from is None or date_to is None or date_from > date_to:
        return None
    months = (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
    if months > MONTHS_CHARTED:
        return None
    return (date_from.year, date_from.month), (date_to.year, date_to.month)


def day_span(date_from: date | None, date_to: date | None) -> tuple[date, date] | None:
    """The first and last day of a date range short enough to chart day by day
    (:data:`DAYS_CHARTED`), or None: no range, an open end, or a longer one."""
    if date_from is None or date_to is None or date_from > date_to:
        return None
    if (date_to - date_from).days + 1 > DAYS_CHARTED:
        return None
    return date_from, date_to


def day_of_range(date_from: date | None, date_to: date | None) -> date | None:
    """The day a date range covers exactly (as a day bar sets it), or None."""
    return date_from if date_from is not None and date_from == date_to else None


def whole_months(first: date, last: date) -> tuple[date, date]:
    """The days ``first`` to ``last`` widened to whole months when those still fit a day chart
    (one day among the days of its month, a few days of November among all of them)."""
    widened = month_bounds(first.year, first.month)[0], month_bounds(last.year, last.month)[1]
    return widened if day_span(*widened) else (first, last)


def span_level(first: date, last: date) -> Level:
    """The level that draws the days ``first`` to ``last``: days for up to two months, months
    for up to three years, years beyond."""
    if day_span(first, last) is not None:
        return "day"
    if month_span(first, last) is not None:
        return "month"
    return "year"


def filter_level(*, year: int | None, date_from: date | None, date_to: date | None) -> Level:
    """The level a search's filters ask for: the months of a chosen year, else the level of a
    closed date range, else years."""
    if year:
        return "month"
    if date_from is None or date_to is None or date_from > date_to:
        return "year"
    return span_level(date_from, date_to)
