"""The index mapping built from haystack's search fields.

Facet fields are ``keyword`` (never analyzed). Every full-text field gets the Arabic analyzer
and a hidden ``*_terms`` twin holding the terms of :func:`arabic_text.analyze` joined by
spaces: the search page queries the twins, so both engines find the same articles. Field
weights are kept for query time (Elasticsearch 8 has no index-time boosts).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from haystack.constants import DJANGO_CT, DJANGO_ID

from search.backends.elasticsearch.analysis import ARABIC_ANALYZER, TERMS_ANALYZER
from search.backends.fields import FACET_ID

TERMS_SUFFIX = "_terms"
# The article id as a number, for a stable tie-break in sorting (django_id is a keyword).
ID_NUMBER = "article_id"
_DATE_TYPES = ("date", "datetime")
_TEXT_TYPES = ("string", "text")


def terms_field(name: str) -> str:
    """The pre-analyzed twin of the text field ``name``."""
    return f"{name}{TERMS_SUFFIX}"


@dataclass(frozen=True)
class Schema:
    """The mapping and what the backend needs to know of the fields to write and query."""

    content_field: str
    mapping: dict[str, dict]
    terms_fields: tuple[str, ...]
    boosts: dict[str, float]
    date_field: str | None


def _is_date(field_class) -> bool:
    return field_class.indexed and field_class.field_type in _DATE_TYPES


def _plain_mapping(field_class, field_mappings: Mapping[str, dict]) -> dict | None:
    """The mapping of a field that is not full text; None for a full-text field."""
    field_type = field_class.field_type
    if field_type == FACET_ID:
        return {"type": "keyword"}
    if not field_class.indexed:
        return {"type": "keyword", "index": False, "doc_values": False}
    if _is_date(field_class):
        return {"type": "date"}
    if field_type in field_mappings and field_type not in _TEXT_TYPES:
        return dict(field_mappings[field_type])
    return None


def _text_mappings(name: str) -> dict[str, dict]:
    return {
        name: {"type": "text", "analyzer": ARABIC_ANALYZER},
        terms_field(name): {"type": "text", "analyzer": TERMS_ANALYZER, "norms": True},
    }


def build_schema(fields: Mapping, field_mappings: Mapping[str, dict]) -> Schema:
    """The schema of haystack's ``{name: SearchField}``; ``field_mappings`` by field type."""
    mapping = {
        DJANGO_CT: {"type": "keyword"},
        DJANGO_ID: {"type": "keyword"},
        ID_NUMBER: {"type": "long"},
    }
    content_field, date_field = "", None
    terms_fields, boosts = [], {}
    for field_class in fields.values():
        name = field_class.index_fieldname
        if field_class.document:
            content_field = name
        plain = _plain_mapping(field_class, field_mappings)
        if plain is not None:
            mapping[name] = plain
            if _is_date(field_class):
                date_field = name
            continue
        mapping.update(_text_mappings(name))
        terms_fields.append(name)
        boosts[name] = float(field_class.boost)
    return Schema(content_field, mapping, tuple(terms_fields), boosts, date_field)
