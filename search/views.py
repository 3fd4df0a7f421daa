"""The researchers' search page and its help page.

Every state is a GET URL. Parameters that fail validation are ignored with
a notice instead of failing the page.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from search import exports
from search.feeds import PAGE_STATE, search_article_feed, search_feed_spec
from search.forms import ENTITY_KINDS, SORT_CHOICES, SearchForm
from search.selectors import effective_sort, search_execute, search_iter_article_ids

PAGE_SIZE = 20
FILTER_NAMES = (*ENTITY_KINDS, "source")
FACET_HEADINGS = {
    "person": gettext_lazy("People"),
    "organization": gettext_lazy("Organizations"),
    "place": gettext_lazy("Places"),
    "source": gettext_lazy("Sources"),
    "year": gettext_lazy("Years"),
}


def _params_without(query: QueryDict, key: str, value=None) -> QueryDict:
    """``query`` back on page 1 without one value of ``key`` (or without ``key``)."""
    params = query.copy()
    params.pop("page", None)
    values = [] if value is None else [v for v in params.getlist(key) if v != str(value)]
    if values:
        params.setlist(key, values)
    else:
        params.pop(key, None)
    return params


def _params_with(query: QueryDict, key: str, value, *, only: bool = False) -> QueryDict:
    """``query`` back on page 1 with ``value`` added to ``key`` (or as its only value)."""
    params = query.copy()
    params.pop("page", None)
    values = [] if only else [v for v in params.getlist(key) if v != str(value)]
    params.setlist(key, [*values, str(value)])
    return params


def form_notices(form: SearchForm) -> list[str]:
    """One readable sentence per ignored parameter."""
    notices = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        for error in errors:
            notices.append(_("%(label)s was ignored: %(error)s") % {"label": label, "error": error})
    return notices


def _chips(request, params, results) -> list[dict]:
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
                    "params": _params_without(request.GET, kind, pk),
                }
            )
    if params.get("year"):
        chips.append(
            {
                "kind": FACET_HEADINGS["year"],
                "label": str(params["year"]),
                "params": _params_without(request.GET, "year"),
            }
        )
    for name, heading in (("date_from", _("From")), ("date_to", _("To"))):
        if params.get(name):
            chips.append(
                {
                    "kind": heading,
                    "label": params[name].isoformat(),
                    "params": _params_without(request.GET, name),
                }
            )
    return chips


def _decorate_facets(request, params, results) -> list[dict]:
    groups = []
    expanded = set(params.get("more") or [])
    for name, facet in results.facets.items():
        for value in facet.values:
            if value.selected:
                value.params = _params_without(request.GET, name, value.id)
            else:
                value.params = _params_with(request.GET, name, value.id, only=name == "year")
        more = request.GET.copy()
        if name in expanded:
            more.setlist("more", [m for m in more.getlist("more") if m != name])
        else:
            more.appendlist("more", name)
        groups.append(
            {
                "name": name,
                "heading": FACET_HEADINGS[name],
                "facet": facet,
                "expanded": name in expanded,
                "more_params": more,
            }
        )
    return groups


def _sort_links(request, current: str) -> list[dict]:
    links = []
    for value, label in SORT_CHOICES:
        params = request.GET.copy()
        params.pop("page", None)
        params["sort"] = value
        links.append(
            {"value": value, "label": label, "params": params, "current": value == current}
        )
    return links


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
    hidden_filters = [
        (name, value) for name in (*FILTER_NAMES, "more") for value in request.GET.getlist(name)
    ]
    context = {
        "form": form,
        "results": results,
        "page": page,
        "notices": notices,
        "chips": _chips(request, params, results),
        "facet_groups": _decorate_facets(request, params, results),
        "sort_links": _sort_links(request, effective_sort(params, results.query)),
        "hidden_filters": hidden_filters,
        "query_text": params.get("q", ""),
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
