"""The index mapping built from the archive's search fields, checked without a server."""

import pytest
from haystack import connections
from haystack.backends.elasticsearch7_backend import Elasticsearch7SearchBackend

from search.backends.elasticsearch import ARABIC_ANALYZER
from search.backends.elasticsearch.mapping import build_schema

FACET_FIELDS = ("person", "organization", "place", "source", "year")


@pytest.fixture
def schema(db):
    fields = connections["default"].get_unified_index().all_searchfields()
    return build_schema(fields, Elasticsearch7SearchBackend.FIELD_MAPPINGS)


def test_facet_fields_are_untokenized_keywords(schema):
    for name in FACET_FIELDS:
        assert schema.mapping[name] == {"type": "keyword"}


def test_text_and_title_use_the_arabic_analyzer_with_pre_analyzed_twins(schema):
    assert schema.content_field == "text"
    for name in ("text", "title"):
        assert schema.mapping[name]["analyzer"] == ARABIC_ANALYZER
        assert schema.mapping[f"{name}_terms"]["analyzer"] == "archive_terms"
    assert schema.mapping["published_on"] == {"type": "date"}
    assert schema.boosts["title"] > schema.boosts["text"]


def test_dates_sort_and_ids_break_ties(schema):
    assert schema.date_field == "published_on"
    assert set(schema.terms_fields) == {"text", "title"}
    assert schema.mapping["article_id"] == {"type": "long"}
    assert schema.mapping["updated_at"] == {"type": "keyword", "index": False, "doc_values": False}
