"""The researchers' search page and its help page.

Every state is a GET URL. Parameters that fail validation are ignored with
a notice instead of failing the page.
"""

from datetime import date
from functools import lru_cache

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from archive.links import QueryLinks
from search import exports
from search.feeds import PAGE_STATE, search_article_feed, search_feed_spec, search_feed_url
from search.forms import MATCH_ALL, SORT_CHOICES, SearchForm
from search.no_results import fewer_words, resembling_entities
from search.selectors import (
    FILTER_FIELDS,
    effective_sort,
    search_execute,
    search_iter_article_ids,
    search_suggestion,
)
from search.stories import story_row
from search.timeline import search_timeline

PAGE_SIZE = 20
FACET_HEADINGS = {
    "person": gettext_lazy("People"),
    "organization": gettext_lazy("Organizations"),
    "place": gettext_lazy("Places"),
    "source": gettext_lazy("Sources"),
    "year": gettext_lazy("Years"),
    "author": gettext_lazy("Authors"),
}


def form_notices(form: SearchForm) -> list[str]:
    """One readable sentence per ignored parameter."""
    notices = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        for error in errors:
            notices.append(_("%(label)s was ignored: %(error)s") % {"label": label, "error": error})
    return notices


def _chips(links: QueryLinks, params, results) -> list[dict]:
    chips = []
    for kind in FILTER_FIELDS:
        facet = results.facets.get(kind)
        names = {value.id: value for value in facet.values} if facet else {}
        for pk in params.get(kind) or []:
            value = names.get(pk)
            chips.append(
                {
                    "kind": FACET_HEADINGS[kind],
                    "label": value.name if value else str(pk),
                    "label_en": value.name_en if value else "",
                    "href": links.href(drop=[(kind, pk)]),
                }
            )
    if params.get("year"):
        chips.append(
            {
                "kind": FACET_HEADINGS["year"],
                "label": str(params["year"]),
                "href": links.href(drop=["year"]),
            }
        )
    for name, heading in (("date_from", _("From")), ("date_to", _("To"))):
        if params.get(name):
            chips.append(
                {
                    "kind": heading,
                    "label": params[name].isoformat(),
                    "href": links.href(drop=[name]),
                }
            )
    return chips


def _facet_groups(params, results) -> list[dict]:
    """Each facet with its heading and the ``more`` values of its link that shows all of its
    values (or fewer again); the facet_values tag writes the values."""
    expanded = list(params.get("more") or [])
    groups = []
    for name, facet in results.facets.items():
        shown = name in expanded
        others = [other for other in expanded if other != name]
        groups.append(
            {
                "name": name,
                "heading": FACET_HEADINGS[name],
                "facet": facet,
                "expanded": shown,
                "more": others if shown else [*expanded, name],
            }
        )
    return groups


def _sort_links(current: str) -> list[dict]:
    return [
        {"value": value, "label": label, "current": value == current}
        for value, label in SORT_CHOICES
    ]


@lru_cache(maxsize=4096)
def _long_date(day: date, language: str) -> str:
    """A result's date as readers see it ("22 إبريل 2021"). Remembered: Django's date filter
    costs more than the rest of a result's row, and days repeat across results and pages."""
    return date_filter(day, "j F Y")


def _source_label(source, english: bool) -> str:
    if source is None:
        return ""
    return source.name_en if english and source.name_en else source.name


def _group_heading(results, index: int, hit) -> str:
    """The heading above a result that starts a group on this page, else ``""``."""
    if not results.grouped:
        return ""
    if index == 0 and hit.all_words:
        return _("Articles with all your words")
    previous = results.hits[index - 1] if index else None
    if not hit.all_words and (previous is None or previous.all_words):
        return _("Articles with only some of your words")
    return ""


def _result_rows(results) -> list[dict]:
    """What each result shows, looked up once here: the template reads plain keys (every
    attribute chain it follows costs a dictionary miss first)."""
    language = get_language()
    english = language == "en"
    rows = []
    for index, hit in enumerate(results.hits):
        article = hit.article
        day = article.published_on
        rows.append(
            {
                "url": hit.url,
                "title": hit.title,
                "snippet": hit.snippet,
                "iso_date": day.isoformat() if day else "",
                "long_date": _long_date(day, language) if day else "",
                "source": _source_label(article.source, english),
                "all_words": hit.all_words,
                "number": results.start_index + index,
                "heading": _group_heading(results, index, hit),
                **story_row(results.stories, article.pk, english=english),
            }
        )
    return rows


def _did_you_mean(params, results) -> str | None:
    """The correction to offer when few articles hold all the words, whatever holds only
    some of them; none when the results are already a correction's or it was asked for."""
    if results.corrected_from is not None or results.suggestion_asked:
        return None
    return search_suggestion(text=params.get("q"), count=results.count - results.some_words_count)


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
    links = QueryLinks(request.GET, reverse("search:search"))
    # Exports and feeds of a corrected query are those of the query whose results are shown.
    shown = request.GET.copy()
    if results.corrected_from is not None:
        shown["q"] = results.query.text
    hidden_filters = [
        (name, value)
        for name in (*FILTER_FIELDS, "more", "versions")
        for value in request.GET.getlist(name)
    ]
    context = {
        "form": form,
        "results": results,
        "rows": _result_rows(results),
        "match_all": params.get("match") == MATCH_ALL,
        # Exports and feeds cover every result: no page state; a feed is always newest first.
        "export_query": QueryLinks(shown).query(drop=PAGE_STATE),
        "feed_url": search_feed_url(shown),
        "page": page,
        "notices": notices,
        "chips": _chips(links, params, results),
        "links": links,
        "facet_groups": _facet_groups(params, results),
        "sort_links": _sort_links(effective_sort(params, results.query)),
        "hidden_filters": hidden_filters,
        "query_text": params.get("q", ""),
        "timeline": search_timeline(links, params, results),
        "suggestion": _did_you_mean(params, results),
    }
    if not results.count:
        context.update(_no_results(params, links, context["chips"]))
    return render(request, "search/search.html", context)


def _no_results(params, links: QueryLinks, chips: list[dict]) -> dict:
    """Ways on from a search that found nothing: the query with a word fewer, entities
    whose names resemble it, and the search without each of its filters (the chips)."""
    text = params.get("q") or ""
    return {
        "fewer_words": [
            {"text": shorter, "href": links.changed({"q": shorter})}
            for shorter in fewer_words(text)
        ],
        "resembling": resembling_entities(text),
        "without_filters": chips,
    }


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
    query = QueryLinks(request.GET).query(drop=PAGE_STATE)
    return request.build_absolute_uri(reverse("search:search") + query)


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
