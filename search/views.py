"""The researchers' search page and its help page.

Every state is a GET URL. Parameters that fail validation are ignored with
a notice instead of failing the page.
"""

from datetime import date
from functools import lru_cache
from html import escape as html_escape
from urllib.parse import quote_plus

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.paginator import Paginator
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import FORMAT_SETTINGS
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.timeline import django_text, month_of_range, timeline_build
from search import exports
from search.feeds import PAGE_STATE, search_article_feed, search_feed_spec
from search.forms import ENTITY_KINDS, SORT_CHOICES, SearchForm
from search.selectors import (
    effective_sort,
    search_execute,
    search_iter_article_ids,
    search_suggestion,
)

PAGE_SIZE = 20
FILTER_NAMES = (*ENTITY_KINDS, "source")
FACET_HEADINGS = {
    "person": gettext_lazy("People"),
    "organization": gettext_lazy("Organizations"),
    "place": gettext_lazy("Places"),
    "source": gettext_lazy("Sources"),
    "year": gettext_lazy("Years"),
}


class _Links:
    """Hrefs of the search page's links, from the request's parameters encoded once.

    A page has hundreds of links (a facet value, a chip, a sort order, a timeline bar each):
    copying the ``QueryDict`` and calling ``reverse()`` for every one of them cost more than
    the search itself. Every link goes back to page 1 unless it says otherwise.
    """

    def __init__(self, query: QueryDict, path: str):
        self.path = path
        self.pairs = [(key, _pair(key, value)) for key, value in _items(query)]

    def href(self, *, drop=(), keep_page=False, add=()) -> str:
        """The current search without the ``drop`` keys (or ``(key, value)`` pairs), with the
        ``add`` pairs appended."""
        dropped_keys = {item for item in drop if isinstance(item, str)}
        dropped_pairs = {_pair(*item) for item in drop if not isinstance(item, str)}
        if not keep_page:
            dropped_keys.add("page")
        parts = [
            encoded
            for key, encoded in self.pairs
            if key not in dropped_keys and encoded not in dropped_pairs
        ]
        parts += [_pair(key, value) for key, value in add]
        return f"{self.path}?{'&'.join(parts)}"

    def query(self, *, drop=()) -> str:
        """The current parameters without ``drop`` and the page, as ``?…`` (or "" if none):
        what ``{% querystring %}`` gives, for links to other paths (exports, the feed)."""
        dropped = {"page", *drop}
        parts = [encoded for key, encoded in self.pairs if key not in dropped]
        return f"?{'&'.join(parts)}" if parts else ""

    def without(self, key: str, value=None) -> str:
        return self.href(drop=[key if value is None else (key, value)])

    def with_value(self, key: str, value, *, only: bool = False) -> str:
        drop = [key] if only else [(key, value)]
        return self.href(drop=drop, add=[(key, value)])

    def adding(self, key: str, *, only: bool = False):
        """``with_value(key, value, only=only)`` as a function of ``value``, for the many
        values of one facet: the rest of the link is joined once."""
        kept = [encoded for k, encoded in self.pairs if k != "page" and not (only and k == key)]
        present = {encoded for k, encoded in self.pairs if k == key}
        prefix = f"{self.path}?{'&'.join(kept)}&" if kept else f"{self.path}?"

        def href(value) -> str:
            pair = _pair(key, value)
            if pair in present and not only:
                return self.with_value(key, value, only=only)
            return prefix + pair

        return href

    def timeline(self, changes) -> str:
        """A :func:`archive.timeline.timeline_build` link: ``changes`` set (None removes)."""
        add = [
            (key, value.isoformat() if isinstance(value, date) else value)
            for key, value in changes.items()
            if value is not None
        ]
        return self.href(drop=list(changes), add=add)


def _items(query: QueryDict):
    for key, values in query.lists():
        for value in values:
            yield key, value


def _pair(key: str, value) -> str:
    return _encoded_pair(key, str(value))


@lru_cache(maxsize=8192)
def _encoded_pair(key: str, value: str) -> str:
    # A page encodes the same facet values for several links (and the next page again).
    return f"{quote_plus(key)}={quote_plus(value)}"


def form_notices(form: SearchForm) -> list[str]:
    """One readable sentence per ignored parameter."""
    notices = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        for error in errors:
            notices.append(_("%(label)s was ignored: %(error)s") % {"label": label, "error": error})
    return notices


def _chips(links: _Links, params, results) -> list[dict]:
    chips = []
    for kind in FILTER_NAMES:
        facet = results.facets.get(kind)
        names = {value.id: value for value in facet.values} if facet else {}
        for pk in params.get(kind) or []:
            value = names.get(pk)
            chips.append(
                {
                    "kind": FACET_HEADINGS[kind],
                    "label": value.name if value else str(pk),
                    "label_en": value.name_en if value else "",
                    "href": links.without(kind, pk),
                }
            )
    if params.get("year"):
        chips.append(
            {
                "kind": FACET_HEADINGS["year"],
                "label": str(params["year"]),
                "href": links.without("year"),
            }
        )
    for name, heading in (("date_from", _("From")), ("date_to", _("To"))):
        if params.get(name):
            chips.append(
                {
                    "kind": heading,
                    "label": params[name].isoformat(),
                    "href": links.without(name),
                }
            )
    return chips


def _decorate_facets(links: _Links, params, results) -> list[dict]:
    groups = []
    expanded = set(params.get("more") or [])
    language = get_language()
    english = language == "en"
    remove_title = escape(_("Remove this filter"))
    for name, facet in results.facets.items():
        items = []
        adding = links.adding(name, only=name == "year")
        for value in facet.values:
            if value.selected:
                href = links.without(name, value.id)
            else:
                href = adding(value.id)
            label = value.name_en if english and value.name_en else value.name
            count = _grouped_count(value.count, language)
            items.append(_facet_item(href, label, count, value.selected, remove_title))
        if name in expanded:
            more_href = links.href(drop=[("more", name)], keep_page=True)
        else:
            more_href = links.href(keep_page=True, add=[("more", name)])
        groups.append(
            {
                "name": name,
                "heading": FACET_HEADINGS[name],
                "facet": facet,
                "items": mark_safe("".join(items)),  # every part escaped in _facet_item
                "expanded": name in expanded,
                "more_href": more_href,
            }
        )
    return groups


@lru_cache(maxsize=4096)
def _grouped_count(count: int, language: str) -> str:
    """A facet count with the language's digit grouping, escaped; counts repeat across
    facets and pages, and Django's number formatting looks up the locale on every call."""
    return escape(intcomma(count))


@receiver(setting_changed)
def _number_formats_changed(*, setting, **kwargs):
    # The settings for which Django forgets its own cached formats.
    if setting in FORMAT_SETTINGS or setting == "USE_THOUSAND_SEPARATOR":
        _grouped_count.cache_clear()


def _facet_item(href: str, label: str, count: str, selected: bool, remove_title: str) -> str:
    """One facet value as a list item (``count`` and ``remove_title`` already escaped).

    The standard library's ``escape`` gives what Django's does for a plain string, without
    the lazy-string check of every call (hundreds on an expanded page)."""
    if selected:
        opening = f'<li class="selected">\n      <a href="{html_escape(href)}" aria-current="true"'
        opening += f' title="{remove_title}">'
        check = "☑"
    else:
        opening = f'<li>\n      <a href="{html_escape(href)}">'
        check = "☐"
    return (
        f"\n    {opening}\n"
        f'        <span class="facet-check" aria-hidden="true">{check}</span>\n'
        f'        <span class="facet-name">{html_escape(label)}</span>\n'
        f'        <span class="count">{count}</span>\n'
        "      </a>\n    </li>"
    )


def _sort_links(links: _Links, current: str) -> list[dict]:
    return [
        {
            "value": value,
            "label": label,
            "href": links.href(drop=["sort"], add=[("sort", value)]),
            "current": value == current,
        }
        for value, label in SORT_CHOICES
    ]


def _timeline(links: _Links, params, results):
    """Articles per year of the results, or per month of the chosen year; bars link to them."""
    year = params.get("year")
    return timeline_build(
        counts=results.month_counts if year else results.year_counts,
        level="month" if year else "year",
        year=year,
        link=links.timeline,
        selected=month_of_range(params.get("date_from"), params.get("date_to")),
        text=django_text(),
    )


@lru_cache(maxsize=4096)
def _long_date(day: date, language: str) -> str:
    """A result's date as readers see it ("22 إبريل 2021"); days repeat across results."""
    return date_filter(day, "j F Y")


def _source_label(source, english: bool) -> str:
    if source is None:
        return ""
    return source.name_en if english and source.name_en else source.name


def _result_rows(hits) -> list[dict]:
    """What each result shows, looked up once here: the template reads plain keys (every
    attribute chain it follows costs a dictionary miss first)."""
    language = get_language()
    english = language == "en"
    rows = []
    for hit in hits:
        article = hit.article
        day = article.published_on
        rows.append(
            {
                "url": article.get_absolute_url(),
                "title_html": hit.title_html,
                "snippet": hit.snippet,
                "iso_date": day.isoformat() if day else "",
                "long_date": _long_date(day, language) if day else "",
                "source": _source_label(article.source, english),
            }
        )
    return rows


@require_GET
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.cleaned_data
    results = search_execute(params=params, page=params.get("page") or 1, page_size=PAGE_SIZE)
    notices = form_notices(form) + [str(message) for message in results.messages]
    if results.page != results.requested_page:
        notices.append(
            _("There is no page %(page)s; this is the last page.")
            % {"page": results.requested_page}
        )
    page = Paginator(range(results.count), PAGE_SIZE).get_page(results.page)
    links = _Links(request.GET, reverse("search:search"))
    hidden_filters = [
        (name, value) for name in (*FILTER_NAMES, "more") for value in request.GET.getlist(name)
    ]
    context = {
        "form": form,
        "results": results,
        "rows": _result_rows(results.hits),
        # Exports and feeds cover every result: no page state; a feed is always newest first.
        "export_query": links.query(drop=["page_size", "more"]),
        "feed_query": links.query(drop=["page_size", "more", "sort"]),
        "page": page,
        "notices": notices,
        "chips": _chips(links, params, results),
        "facet_groups": _decorate_facets(links, params, results),
        "sort_links": _sort_links(links, effective_sort(params, results.query)),
        "hidden_filters": hidden_filters,
        "query_text": params.get("q", ""),
        "timeline": _timeline(links, params, results),
        "suggestion": search_suggestion(text=params.get("q"), count=results.count),
    }
    return render(request, "search/search.html", context)


@require_GET
def search_help(request):
    return render(request, "search/help.html")


# Errors in these only change the page or the order shown, not which articles match.
_HARMLESS_ERRORS = (*PAGE_STATE, "sort")


def _refused_params(form: SearchForm) -> list[str]:
    """Why an export or a feed must not run: a filter that failed would widen the result set."""
    notices = []
    for name, errors in form.errors.items():
        if name in _HARMLESS_ERRORS:
            continue
        label = form.fields[name].label if name in form.fields else name
        notices += [f"{label}: {error}" for error in errors]
    return notices


def _search_url(request) -> str:
    params = request.GET.copy()
    for name in PAGE_STATE:
        params.pop(name, None)
    query = params.urlencode()
    return request.build_absolute_uri(reverse("search:search") + (f"?{query}" if query else ""))


@require_GET
def search_export(request, fmt):
    """All matching articles as CSV, JSON or RIS; see :mod:`search.exports`."""
    if fmt not in exports.FORMATS:
        raise Http404(_("Unknown export format."))
    form = SearchForm(request.GET)
    form.is_valid()
    search_url = _search_url(request)
    refused = _refused_params(form)
    if refused:
        message = _("Nothing was exported: correct these parameters and try again.")
        return exports.export_error(fmt, "\n".join([message, *refused]), errors=refused)
    params = form.cleaned_data
    # Only ids are held: articles are read and written batch by batch while streaming.
    ids = list(search_iter_article_ids(params=params))
    cap = exports.export_max()
    if len(ids) > cap:
        return exports.export_too_large(fmt, count=len(ids), cap=cap, search_url=search_url)
    return exports.export_response(
        fmt=fmt,
        ids=ids,
        params=params,
        search_url=search_url,
        today=timezone.localdate(),
        absolute_url=request.build_absolute_uri,
    )


@require_GET
def search_feed(request):
    """Atom feed of the newest articles matching a search; see :mod:`search.feeds`."""
    form = SearchForm(request.GET)
    form.is_valid()
    refused = _refused_params(form)
    if refused:
        message = _("This feed cannot be built: correct these parameters.")
        return HttpResponse(
            "\n".join([message, *refused]) + "\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    spec = search_feed_spec(params=form.cleaned_data, query=request.GET)
    return search_article_feed(request, spec=spec)
