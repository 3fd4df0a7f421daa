"""The search parameters, shared by the search page, the JSON API, exports and feeds.

Every parameter is optional and unknown parameters are ignored. A bad value
(a malformed date, a page that is not a number, an id that names no entity)
is a field error: the page ignores that parameter and says so, the API
answers 400. ``cleaned_data`` is what :mod:`search.selectors` takes as
``params``; it holds only the fields that were valid.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from archive.ingest.authors import author_key
from archive.models import Entity, Source
from search.backends.base import SORT_NEWEST, SORT_OLDEST, SORT_RELEVANCE

SORT_CHOICES = [
    (SORT_RELEVANCE, _("Relevance")),
    (SORT_NEWEST, _("Newest first")),
    (SORT_OLDEST, _("Oldest first")),
]
# A plain query of several words matches most of them (all of them first); "all" asks for all.
MATCH_MOST, MATCH_ALL = "most", "all"
MATCH_CHOICES = [(MATCH_MOST, _("Most of the words")), (MATCH_ALL, _("All the words"))]
# One result per story (the default), or every version of each (``versions=all``).
VERSIONS_CHOICES = [("stories", _("One result per story")), ("all", _("Every version"))]
ENTITY_KINDS = (Entity.Kind.PERSON, Entity.Kind.ORGANIZATION, Entity.Kind.PLACE)
FACET_NAMES = (*ENTITY_KINDS, "source", "year")
MAX_FILTER_IDS = 50
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_PAGE_SIZE = 100


class IdListField(forms.Field):
    """Repeated integer parameters (``?person=3&person=7``), deduplicated, in order."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "invalid": _("“%(value)s” is not a valid id."),
        "too_many": _("At most %(limit)s values can be selected."),
    }

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        ids = []
        for item in value:
            text = str(item).strip()
            if not text:
                continue
            if not text.isascii() or not text.isdigit() or len(text) > 18:
                raise ValidationError(
                    self.error_messages["invalid"], code="invalid", params={"value": text[:30]}
                )
            if int(text) not in ids:
                ids.append(int(text))
        if len(ids) > MAX_FILTER_IDS:
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"limit": MAX_FILTER_IDS}
            )
        return ids


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, strip=True)
    # Search the words only, not the articles of the entity the query names.
    literal = forms.BooleanField(label=_("Literal text only"), required=False)
    match = forms.ChoiceField(label=_("Match"), choices=MATCH_CHOICES, required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )
    source = IdListField(label=_("Source"), required=False)
    author = forms.CharField(label=_("author"), required=False, max_length=200)
    person = IdListField(label=_("People"), required=False)
    organization = IdListField(label=_("Organizations"), required=False)
    place = IdListField(label=_("Places"), required=False)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)
    page_size = forms.IntegerField(
        label=_("Results per page"), required=False, min_value=1, max_value=MAX_PAGE_SIZE
    )
    versions = forms.ChoiceField(label=_("Versions"), choices=VERSIONS_CHOICES, required=False)
    # Which facets show all their values; the name is the URL's, as the page's links write it.
    more = forms.MultipleChoiceField(
        label=_("Facets shown in full"),
        required=False,
        choices=[(name, name) for name in FACET_NAMES],
    )

    def clean_source(self):
        ids = self.cleaned_data["source"]
        if not ids:
            return ids
        known = set(Source.objects.filter(pk__in=ids).values_list("pk", flat=True))
        missing = [pk for pk in ids if pk not in known]
        if missing:
            raise ValidationError(
                _("No source has the id %(ids)s."),
                code="unknown",
                params={"ids": ", ".join(map(str, missing))},
            )
        return ids

    def clean_author(self) -> list[str]:
        """The byline to filter on, folded like the index's (a list, as every filter)."""
        key = author_key(self.cleaned_data["author"])
        return [key] if key else []

    def _clean_entities(self, kind: str) -> list[int]:
        ids = self.cleaned_data[kind]
        if not ids:
            return ids
        found = {
            pk: (entity_kind, merged_into)
            for pk, entity_kind, merged_into in Entity.objects.filter(pk__in=ids).values_list(
                "pk", "kind", "merged_into_id"
            )
        }
        missing = [pk for pk in ids if pk not in found or found[pk][0] != kind]
        if missing:
            raise ValidationError(
                _("No %(kind)s has the id %(ids)s."),
                code="unknown",
                params={
                    "kind": Entity.Kind(kind).label.lower(),
                    "ids": ", ".join(map(str, missing)),
                },
            )
        # An entity merged into another is searched as the one it became.
        resolved = []
        for pk in ids:
            target = found[pk][1] or pk
            if target not in resolved:
                resolved.append(target)
        return resolved

    def clean_person(self):
        return self._clean_entities(Entity.Kind.PERSON)

    def clean_organization(self):
        return self._clean_entities(Entity.Kind.ORGANIZATION)

    def clean_place(self):
        return self._clean_entities(Entity.Kind.PLACE)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


def date_bounds(params: dict) -> tuple[date | None, date | None]:
    """The inclusive date range of ``params``: from/to dates narrowed by the year."""
    start, end = params.get("date_from"), params.get("date_to")
    year = params.get("year")
    if year:
        start = max(start, date(year, 1, 1)) if start else date(year, 1, 1)
        end = min(end, date(year, 12, 31)) if end else date(year, 12, 31)
    return start, end
