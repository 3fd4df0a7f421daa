"""The Elasticsearch backend's index settings, mapping and queries, checked without a server.

Nothing here opens a connection: the client is created lazily and only the generated JSON is
inspected. The analyzer chain is replayed in Python from the generated settings (mapping char
filter, stop list, pattern replacements) to prove it folds exactly as ``search.analysis``.
"""

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from haystack import connections

from arabic_text import analyze, tokens
from archive.models import Article
from search.backends import elasticsearch as es
from search.backends.base import SORT_NEWEST, SORT_OLDEST, SearchRequest
from search.query import query_parse

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
FACET_FIELDS = ("person", "organization", "place", "source", "year")
# Analysis components Elasticsearch 7 ships without plugins.
BUILTIN_TOKENIZERS = {"standard", "whitespace"}
BUILTIN_FILTERS = {"lowercase", "decimal_digit", "arabic_normalization", "arabic_stem"}


@pytest.fixture(scope="module")
def settings_body():
    return es.index_settings()


@pytest.fixture(scope="module")
def analysis(settings_body):
    return settings_body["settings"]["analysis"]


@pytest.fixture
def backend(db):
    backend = es.ArabicElasticsearchSearchBackend(
        "default", URL="http://127.0.0.1:9", INDEX_NAME="archive-test-no-server"
    )
    fields = connections["default"].get_unified_index().all_searchfields()
    backend.content_field_name, backend.mapping = backend.build_schema(fields)
    return backend


# --- a Python replay of the Elasticsearch analyzer, built from the generated settings ----------


def _parse_rule_side(text: str) -> str:
    """Elasticsearch's MappingCharFilterFactory.parseString, for \\uXXXX escapes."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text.strip())


def _replay_chain(analysis: dict):
    char_map = {}
    for rule in analysis["char_filter"]["archive_arabic_chars"]["mappings"]:
        key, value = rule.split("=>")
        char_map[_parse_rule_side(key)] = _parse_rule_side(value)
    stop = set(analysis["filter"]["archive_arabic_stop"]["stopwords"])
    chain = analysis["analyzer"][es.ARABIC_ANALYZER]["filter"]
    replaces = [
        analysis["filter"][name]
        for name in chain
        if analysis["filter"].get(name, {}).get("type") == "pattern_replace"
    ]

    def run(surface: str) -> str | None:
        """The token after folding, before stemming; None when the stop filter drops it."""
        token = "".join(char_map.get(char, char) for char in surface).lower()
        if not token or token in stop:
            return None
        for replace in replaces:
            pattern = replace["pattern"]
            token = re.sub(pattern, replace["replacement"], token)
        return token

    return run


def test_arabic_analyzer_uses_only_builtin_components(analysis):
    analyzer = analysis["analyzer"][es.ARABIC_ANALYZER]
    assert analyzer["tokenizer"] in BUILTIN_TOKENIZERS
    for name in analyzer["filter"]:
        assert name in BUILTIN_FILTERS or name in analysis["filter"], name
    for name in analyzer["char_filter"]:
        assert name in analysis["char_filter"]
    defined_types = {spec["type"] for spec in analysis["filter"].values()}
    assert defined_types <= {"stop", "pattern_replace", "stemmer_override", "ngram", "edge_ngram"}
    assert {"arabic_normalization", "arabic_stem", "decimal_digit", "lowercase"} <= set(
        analyzer["filter"]
    )
    # Stop words go before folding, stemming last.
    chain = analyzer["filter"]
    assert chain.index("archive_arabic_stop") < chain.index("arabic_normalization")
    assert chain[-1] == "arabic_stem"


def test_index_settings_are_plain_json_and_keep_haystack_ngram_analyzers(settings_body):
    text = json.dumps(settings_body)
    assert json.loads(text) == settings_body
    analyzers = settings_body["settings"]["analysis"]["analyzer"]
    assert {"ngram_analyzer", "edgengram_analyzer", es.ARABIC_ANALYZER} <= set(analyzers)
    assert es.ArabicElasticsearchSearchBackend.DEFAULT_SETTINGS == settings_body


def test_char_filter_removes_tatweel_marks_and_joiners_and_unifies_alef(analysis):
    run = _replay_chain(analysis)
    assert run("العراقـية") == run("العراقية")
    assert run("تطلّع") == run("تطلع")
    assert run("روسيا\u200c") == run("روسيا")
    assert run("الإرهاب") == run("الارهاب") == "الارهاب"
    assert run("٢٠٢١") == "2021"


def test_replayed_analyzer_folds_every_seed_word_as_the_archive_analyzer(analysis):
    run = _replay_chain(analysis)
    compared = 0
    for path in SEEDS:
        for token in tokens(path.read_text(encoding="utf-8")):
            expected = None if token.term is None else token.folded
            assert run(token.text) == expected, token.text
            compared += 1
    assert compared > 1000


def test_stop_filter_keeps_the_name_ali_apart_from_the_preposition_ala(analysis):
    run = _replay_chain(analysis)
    assert run("على") is None
    assert run("علي") == "علي"
    assert run("إلى") is None
    assert run("والي") == "والي"


def test_hamza_seats_and_persian_letters_fold_as_in_the_archive(analysis):
    run = _replay_chain(analysis)
    assert run("مسؤول") == run("مسئول")
    assert run("كربلاء") == run("كربلا")
    assert run("علی") == run("علي")
    assert run("العراقيه") == run("العراقية")


def test_protected_names_and_their_clitic_forms_get_the_archive_stem(analysis):
    rules = analysis["filter"]["archive_protected"]["rules"]
    overrides = {}
    for rule in rules:
        forms, term = rule.split(" => ")
        for form in forms.split(", "):
            overrides[form] = term
    # Lucene's light stemmer would make بوت of بوتين.
    assert overrides["بوتين"] == "بوتين"
    assert overrides["وبوتين"] == "بوتين"
    assert overrides["بموسكو"] == analyze("بموسكو")[0] == "موسكو"


def test_facet_fields_are_untokenized_keywords(backend):
    for name in FACET_FIELDS:
        assert backend.mapping[name] == {"type": "keyword"}


def test_text_and_title_use_the_arabic_analyzer_with_pre_analyzed_twins(backend):
    assert backend.content_field_name == "text"
    for name in ("text", "title"):
        assert backend.mapping[name]["analyzer"] == es.ARABIC_ANALYZER
        assert backend.mapping[f"{name}_terms"]["analyzer"] == "archive_terms"
    assert backend.mapping["published_on"] == {"type": "date"}
    assert backend.boosts["title"] > backend.boosts["text"]


def test_indexed_document_carries_the_archive_terms_of_the_seed(backend, seeds):
    article = seeds.articles["003"]
    index = connections["default"].get_unified_index().get_index(Article)
    doc = backend.prepare_document(index, article)
    assert doc["article_id"] == article.pk
    assert doc["text_terms"].split() == analyze(f"{article.title}\n{article.body}")
    assert doc["title_terms"].split() == analyze(article.title)
    assert doc["person"] == sorted(
        (str(seeds.entities[key].pk) for key in ("kazimi", "lavrov", "putin")), key=int
    )
    assert doc["source"] == str(seeds.sources["tass"].pk)
    assert doc["published_on"].startswith("2020-11-25")


def test_query_without_hamza_becomes_a_term_query_on_the_archive_terms():
    parsed = query_parse("الارهاب")
    body = es.search_body(SearchRequest(query=parsed.query, score_query=parsed.score_query))
    text = json.dumps(body, ensure_ascii=False)
    assert '"text_terms": {"value": "ارهاب"}' in text
    assert analyze("الإرهاب") == ["ارهاب"]


def test_title_words_are_boosted_in_the_ranking_query():
    parsed = query_parse("لافروف")
    body = es.search_body(
        SearchRequest(query=parsed.query, score_query=parsed.score_query),
        boosts={"text": 1.0, "title": 2.0},
    )
    ranking = body["query"]["bool"]["must"][0]["bool"]
    assert ranking["should"] == [{"term": {"title_terms": {"value": "لافروف", "boost": 2.0}}}]


def test_exact_phrase_becomes_a_phrase_query_over_analyzed_terms():
    parsed = query_parse('"اللجنة العراقية الروسية المشتركة"')
    body = es.search_body(SearchRequest(query=parsed.query, score_query=parsed.score_query))
    phrase = body["query"]["bool"]["filter"][0]["match_phrase"]["text_terms"]
    assert phrase["query"].split() == analyze("اللجنة العراقية الروسية المشتركة")
    assert phrase["slop"] == 0
    assert phrase["analyzer"] == "archive_terms"


def test_or_and_not_translate_to_should_and_must_not():
    parsed = query_parse("(روسيا OR موسكو) -داعش")
    clause = es.es_query(parsed.query)
    text = json.dumps(clause, ensure_ascii=False)
    assert '"should"' in text and '"must_not"' in text
    assert analyze("داعش")[0] in json.dumps(clause["bool"]["must_not"], ensure_ascii=False)


def test_only_exclusions_match_everything_else():
    parsed = query_parse("-داعش")
    clause = es.es_query(parsed.query)
    assert clause["bool"]["must"] == [{"match_all": {}}]
    assert clause["bool"]["must_not"] == [{"term": {"text_terms": {"value": "داعش"}}}]


def test_facet_counts_ignore_their_own_filter_but_not_the_others():
    request = SearchRequest(
        filters={"person": ["1", "2"], "source": ["3"]}, facet_fields=FACET_FIELDS
    )
    body = es.search_body(request)
    person_filter = {"terms": {"person": ["1", "2"]}}
    source_filter = {"terms": {"source": ["3"]}}
    assert body["post_filter"]["bool"]["filter"] == [person_filter, source_filter]
    assert body["aggs"]["person"]["filter"]["bool"]["filter"] == [source_filter]
    assert body["aggs"]["source"]["filter"]["bool"]["filter"] == [person_filter]
    assert body["aggs"]["place"]["filter"]["bool"]["filter"] == [person_filter, source_filter]
    assert body["aggs"]["year"]["aggs"]["values"]["terms"]["field"] == "year"


def test_date_range_and_sort_orders_put_undated_articles_last():
    newest = es.search_body(
        SearchRequest(date_from=date(2020, 1, 1), date_to=date(2021, 12, 31), sort=SORT_NEWEST)
    )
    assert newest["query"]["bool"]["filter"] == [
        {"range": {"published_on": {"gte": "2020-01-01", "lte": "2021-12-31"}}}
    ]
    assert newest["sort"][0] == {"published_on": {"order": "desc", "missing": "_last"}}
    oldest = es.search_body(SearchRequest(sort=SORT_OLDEST))
    assert oldest["sort"][0] == {"published_on": {"order": "asc", "missing": "_last"}}


def test_response_becomes_the_same_outcome_the_whoosh_backend_gives():
    request = SearchRequest(facet_fields=("person",), limit=2)
    response = {
        "hits": {
            "total": {"value": 3, "relation": "eq"},
            "hits": [
                {"_id": "archive.article.7", "_score": 1.5, "_source": {"django_id": "7"}},
                {"_id": "archive.article.5", "_score": 1.2, "_source": {"django_id": "5"}},
            ],
        },
        "aggregations": {
            "person": {
                "doc_count": 3,
                "values": {"buckets": [{"key": "4", "doc_count": 1}, {"key": "9", "doc_count": 3}]},
            }
        },
    }
    outcome = es.outcome_from_response(request, response, 0)
    assert outcome.count == 3
    assert outcome.hits == [(7, 1.5), (5, 1.2)]
    assert outcome.facets == {"person": [("9", 3), ("4", 1)]}


def test_month_facet_counts_publication_months_of_the_results_as_whoosh_keys_them():
    request = SearchRequest(filters={"source": ["3"]}, facet_fields=("year", "month"))
    body = es.search_body(request)
    month = body["aggs"]["month"]
    assert month["filter"] == {"bool": {"filter": [{"terms": {"source": ["3"]}}]}}
    assert month["aggs"]["values"]["date_histogram"] == {
        "field": "published_on",
        "calendar_interval": "month",
        "format": "yyyyMM",
        "min_doc_count": 1,
    }
    response = {
        "hits": {"total": {"value": 3, "relation": "eq"}, "hits": []},
        "aggregations": {
            "year": {"values": {"buckets": [{"key": "2021", "doc_count": 3}]}},
            "month": {
                "values": {
                    "buckets": [
                        {"key_as_string": "202104", "key": 1617235200000, "doc_count": 1},
                        {"key_as_string": "202111", "key": 1635724800000, "doc_count": 2},
                    ]
                }
            },
        },
    }
    outcome = es.outcome_from_response(request, response, 0)
    assert outcome.facets["month"] == [("202111", 2), ("202104", 1)]
    assert outcome.facets["year"] == [("2021", 3)]


def test_elasticsearch_url_in_the_environment_selects_the_arabic_engine():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ELASTICSEARCH_URL": "http://127.0.0.1:9",
        "DJANGO_ELASTICSEARCH_INDEX": "archive-probe",
    }
    code = (
        "import django; django.setup();"
        "from haystack import connections;"
        "b = connections['default'].get_backend();"
        "print(type(b).__name__, b.index_name)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ArabicElasticsearchSearchBackend", "archive-probe"]
