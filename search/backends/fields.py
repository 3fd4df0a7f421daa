"""Haystack field types that the Arabic Whoosh backend maps to untokenized Whoosh fields.

Haystack's own ``faceted=True`` creates ``*_exact`` text fields that run the
English stemmer and split values; facet values here are database ids, so they
must be indexed exactly as given.
"""

from haystack import indexes

FACET_ID = "facet_id"


class FacetIdField(indexes.CharField):
    """One exact value (a source id, a year) for filtering and facet counts."""

    field_type = FACET_ID

    def convert(self, value):
        return None if value is None else str(value)


class FacetIdListField(indexes.MultiValueField):
    """Several exact values (entity ids) for filtering and facet counts."""

    field_type = FACET_ID
