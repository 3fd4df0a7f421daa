"""The researchers' search page and its help page.

Every state is a GET URL. Parameters that fail validation are ignored with
a notice instead of failing the page.
"""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from search.forms import ENTITY_KINDS, SORT_CHOICES, SearchForm
from search.selectors import effective_sort, search_execute

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
