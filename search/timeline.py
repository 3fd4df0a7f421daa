"""The search page's timeline: the level its filters ask for, the date facet that level needs
from the backend, and the chart (:mod:`archive.timeline`) built from the counts.

Years by default; the months of a chosen year or of a range of a few months; the days of a
range of up to two months. A single day (as a day bar sets it) is drawn among the days of its
month, as a chosen month is drawn among the months of its year. Results that all fall in one
year, with no date filter, are drawn as that year's months. The month and day counts that a
chart needs beyond the search's own facets come from one count-only request.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from archive.links import QueryLinks
from archive.timeline import (
    Level,
    Timeline,
    day_of_range,
    day_span,
    django_text,
    filter_level,
    month_of_range,
    month_span,
    timeline_build,
    whole_months,
)
from search.backends.base import DAY_FACET, MONTH_FACET
from search.stories import counts_stories, story_timeline_text

LEVEL_FACETS = {"month": (MONTH_FACET,), "day": (DAY_FACET,), "year": ()}


def timeline_level(params: dict) -> Level:
    """The level the page's chart draws for these cleaned search parameters."""
    return filter_level(
        year=params.get("year"), date_from=params.get("date_from"), date_to=params.get("date_to")
    )


def chart_facets(params: dict) -> tuple[str, ...]:
    """The date facet the chart needs beside the field facets (years come with those)."""
    return LEVEL_FACETS[timeline_level(params)]


def single_year(params: dict, year_counts: dict[int, int]) -> int | None:
    """The one year of a year chart's results, drawn as its months instead."""
    if timeline_level(params) == "year" and len(year_counts) == 1:
        return next(iter(year_counts))
    return None


def month_counts(
    backend, params: dict, parsed, raw: dict, build, *, chart_year: int | None = None
) -> dict[tuple[int, int], int]:
    """Articles per ``(year, month)`` of the chosen year, short date range or ``chart_year``
    (the one year of the results); none otherwise. ``raw`` and ``build`` as for
    :func:`day_counts`.

    When one month of the year is selected, the other months are counted without it, so the
    chart keeps showing the whole year (and the way to another month).
    """
    if chart_year is not None:
        raw = backend.execute(
            build(params=params, parsed=parsed, limit=0, facet_fields=(MONTH_FACET,))
        ).facets
    elif timeline_level(params) != "month":
        return {}
    elif params.get("year") and month_of_range(params.get("date_from"), params.get("date_to")):
        widened = {**params, "date_from": None, "date_to": None}
        request = build(params=widened, parsed=parsed, limit=0, facet_fields=(MONTH_FACET,))
        raw = backend.execute(request).facets
    counts = {}
    for value, count in raw.get(MONTH_FACET, []):
        if value.isdigit():
            year, month = divmod(int(value), 100)
            counts[year, month] = count
    return counts


def day_counts(backend, params: dict, parsed, raw: dict, build) -> dict[date, int]:
    """Articles per day of a short date range; none for another chart.

    ``raw`` holds the search's own facets; ``build`` makes a backend request
    (``search.selectors.search_request``). A single day is counted among the days of its
    month: those are counted without the day filter, so the chart keeps the way to another day.
    """
    if timeline_level(params) != "day":
        return {}
    day = day_of_range(params.get("date_from"), params.get("date_to"))
    if day is not None:
        first, last = whole_months(day, day)
        widened = {**params, "date_from": first, "date_to": last}
        request = build(params=widened, parsed=parsed, limit=0, facet_fields=(DAY_FACET,))
        raw = backend.execute(request).facets
    counts = {}
    for value, count in raw.get(DAY_FACET, []):
        found = _day(value)
        if found is not None:
            counts[found] = count
    return counts


def _day(value: str) -> date | None:
    """The day of a ``yyyymmdd`` facet value, or None for anything else."""
    if len(value) != 8 or not value.isdigit():
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def search_timeline(links: QueryLinks, params: dict, results) -> Timeline:
    """The chart of a search's results at the level of its filters; bars link to narrower
    searches. Undated results are counted beside a year chart (a date filter excludes them)."""
    if results.chart_year is not None:
        return _year_of_results(links, results)
    level = timeline_level(params)
    date_from, date_to = params.get("date_from"), params.get("date_to")
    if level == "day":
        day = day_of_range(date_from, date_to)
        span = whole_months(day, day) if day else day_span(date_from, date_to)
        selected = day
    else:
        span, selected = month_span(date_from, date_to), month_of_range(date_from, date_to)
    counts = {"year": results.year_counts, "month": results.month_counts}
    undated = results.count - sum(results.year_counts.values())
    return timeline_build(
        counts=counts.get(level, results.day_counts),
        level=level,
        year=params.get("year"),
        link=links.changed,
        selected=selected,
        text=story_timeline_text() if counts_stories(results) else django_text(),
        span=span,
        undated=undated if level == "year" else 0,
    )


def _year_of_results(links: QueryLinks, results) -> Timeline:
    """The months of the one year every dated result falls in; nothing to go up to, since no
    date is filtered."""
    timeline = timeline_build(
        counts=results.month_counts,
        level="month",
        year=results.chart_year,
        link=links.changed,
        text=story_timeline_text() if counts_stories(results) else django_text(),
        undated=results.count - sum(results.year_counts.values()),
    )
    return replace(timeline, up_href="")
