"""The query compiler: the archive's query trees and requests as Elasticsearch's DSL."""

import json
from datetime import date

import pytest
from whoosh import query as wq

from arabic_text import analyze
from search.backends.base import SORT_NEWEST, SORT_OLDEST, SearchRequest
from search.backends.elasticsearch import es_query, search_body
from search.backends.elasticsearch.query import ALL_WORDS_AGG, ALL_WORDS_BOOST
from search.query import query_parse

FACET_FIELDS = ("person", "organization", "place", "source", "year")


def test_query_without_hamza_becomes_a_term_query_on_the_archive_terms():
    parsed = query_parse("الارهاب")
    body = search_body(SearchRequest(query=parsed.query, score_query=parsed.score_query))
    text = json.dumps(body, ensure_ascii=False)
    assert '"text_terms": {"value": "ارهاب"}' in text
    assert analyze("الإرهاب") == ["ارهاب"]


def test_title_words_are_boosted_in_the_ranking_query():
    parsed = query_parse("لافروف")
    body = search_body(
        SearchRequest(query=parsed.query, score_query=parsed.score_query),
        boosts={"text": 1.0, "title": 2.0},
    )
    ranking = body["query"]["bool"]["must"][0]["bool"]
    assert ranking["should"] == [{"term": {"title_terms": {"value": "لافروف", "boost": 2.0}}}]


def test_exact_phrase_becomes_a_phrase_query_over_analyzed_terms():
    parsed = query_parse('"اللجنة العراقية الروسية المشتركة"')
    body = search_body(SearchRequest(query=parsed.query, score_query=parsed.score_query))
    phrase = body["query"]["bool"]["filter"][0]["match_phrase"]["text_terms"]
    assert phrase["query"].split() == analyze("اللجنة العراقية الروسية المشتركة")
    assert phrase["slop"] == 0
    assert phrase["analyzer"] == "archive_terms"


def test_or_and_not_translate_to_should_and_must_not():
    parsed = query_parse("(روسيا OR موسكو) -داعش")
    clause = es_query(parsed.query)
    text = json.dumps(clause, ensure_ascii=False)
    assert '"should"' in text and '"must_not"' in text
    assert analyze("داعش")[0] in json.dumps(clause["bool"]["must_not"], ensure_ascii=False)


def test_only_exclusions_match_everything_else():
    parsed = query_parse("-داعش")
    clause = es_query(parsed.query)
    assert clause["bool"]["must"] == [{"match_all": {}}]
    assert clause["bool"]["must_not"] == [{"term": {"text_terms": {"value": "داعش"}}}]


def test_each_node_type_compiles_to_its_clause():
    term = wq.Term("text", "روسيا")
    assert es_query(None) == es_query(wq.Every()) == {"match_all": {}}
    assert es_query(wq.NullQuery) == {"match_none": {}}
    assert es_query(wq.Prefix("text", "روس")) == {"prefix": {"text_terms": {"value": "روس"}}}
    assert es_query(wq.Wildcard("title", "ر*ا")) == {"wildcard": {"title_terms": {"value": "ر*ا"}}}
    assert es_query(wq.Not(term)) == {
        "bool": {"must": [{"match_all": {}}], "must_not": [es_query(term)]}
    }
    assert es_query(wq.AndNot(term, wq.Term("text", "داعش")))["bool"]["must_not"] == [
        {"term": {"text_terms": {"value": "داعش"}}}
    ]
    # A subclass compiles as its base: the parser's DefaultOr is an Or.
    assert es_query(wq.DefaultOr([term, term])) == es_query(wq.Or([term, term]))


def test_a_node_without_translation_is_refused_by_name():
    with pytest.raises(ValueError, match="FuzzyTerm"):
        es_query(wq.FuzzyTerm("text", "روسيا"))


def test_facet_counts_ignore_their_own_filter_but_not_the_others():
    request = SearchRequest(
        filters={"person": ["1", "2"], "source": ["3"]}, facet_fields=FACET_FIELDS
    )
    body = search_body(request)
    person_filter = {"terms": {"person": ["1", "2"]}}
    source_filter = {"terms": {"source": ["3"]}}
    assert body["post_filter"]["bool"]["filter"] == [person_filter, source_filter]
    assert body["aggs"]["person"]["filter"]["bool"]["filter"] == [source_filter]
    assert body["aggs"]["source"]["filter"]["bool"]["filter"] == [person_filter]
    assert body["aggs"]["place"]["filter"]["bool"]["filter"] == [person_filter, source_filter]
    assert body["aggs"]["year"]["aggs"]["values"]["terms"]["field"] == "year"


def test_date_range_and_sort_orders_put_undated_articles_last():
    newest = search_body(
        SearchRequest(date_from=date(2020, 1, 1), date_to=date(2021, 12, 31), sort=SORT_NEWEST)
    )
    assert newest["query"]["bool"]["filter"] == [
        {"range": {"published_on": {"gte": "2020-01-01", "lte": "2021-12-31"}}}
    ]
    assert newest["sort"][0] == {"published_on": {"order": "desc", "missing": "_last"}}
    oldest = search_body(SearchRequest(sort=SORT_OLDEST))
    assert oldest["sort"][0] == {"published_on": {"order": "asc", "missing": "_last"}}


# --------------------------------------------------------------- most of the words

QUESTION = "مركز تبادل المعلومات الاستخباراتية في بغداد"


def _question_request(**options) -> SearchRequest:
    parsed = query_parse(QUESTION)
    return SearchRequest(
        query=parsed.query,
        score_query=parsed.score_query,
        all_words=parsed.all_words,
        **options,
    )


def test_most_of_the_words_become_should_clauses_with_a_minimum():
    clause = es_query(query_parse(QUESTION).query)["bool"]
    assert clause["minimum_should_match"] == 3
    terms = [should["term"]["text_terms"]["value"] for should in clause["should"]]
    assert terms == analyze(QUESTION)


def test_results_with_all_the_words_score_above_any_other_in_relevance_order():
    body = search_body(_question_request(), boosts={"text": 1.0, "title": 2.0})
    main = body["query"]["bool"]
    [holding] = main["should"]
    assert holding["constant_score"]["boost"] == ALL_WORDS_BOOST
    every_word = holding["constant_score"]["filter"]["bool"]["must"]
    assert [must["term"]["text_terms"]["value"] for must in every_word] == analyze(QUESTION)
    # Selected by most of the words, ranked by the words each holds.
    assert main["filter"][0]["bool"]["minimum_should_match"] == 3
    assert main["must"][0]["bool"]["must"][0]["bool"]["minimum_should_match"] == 1
    assert body["sort"][0] == "_score"


def test_results_with_all_the_words_come_first_in_date_order_too():
    body = search_body(_question_request(sort=SORT_NEWEST))
    [holding] = body["query"]["bool"]["should"]
    assert holding["constant_score"]["boost"] == 1.0
    assert body["sort"][:2] == ["_score", {"published_on": {"order": "desc", "missing": "_last"}}]


def test_the_results_with_all_the_words_are_counted_under_the_same_filters():
    body = search_body(_question_request(filters={"source": ["3"]}, facet_fields=("year",)))
    holding = body["aggs"][ALL_WORDS_AGG]["filter"]["bool"]["filter"]
    assert holding[0] == es_query(query_parse(QUESTION).all_words)
    assert holding[1] == {"terms": {"source": ["3"]}}


def test_a_two_word_topic_needs_one_word_and_ranks_both_words_first():
    parsed = query_parse("سقوط الموصل")
    body = search_body(
        SearchRequest(
            query=parsed.query, score_query=parsed.score_query, all_words=parsed.all_words
        )
    )
    main = body["query"]["bool"]
    assert main["filter"][0]["bool"]["minimum_should_match"] == 1
    [holding] = main["should"]
    both = holding["constant_score"]["filter"]["bool"]["must"]
    assert [must["term"]["text_terms"]["value"] for must in both] == analyze("سقوط الموصل")


def test_added_words_and_entity_ids_compile_to_boosted_and_exact_terms():
    added = [wq.Term("text", word, boost=0.2) for word in analyze("حاملتي المروحيات باريس")]
    tied = wq.Term("person", "12", boost=0.5)
    scorer = wq.Or([wq.Term("text", "ميسترال"), *added, tied])
    selecting = wq.Or([wq.Term("text", "ميسترال"), wq.Or(added, minmatch=2)])
    ranking, filtering = es_query(scorer)["bool"], es_query(selecting)["bool"]
    assert {"term": {"person": {"value": "12", "boost": 0.5}}} in ranking["should"]
    assert {"term": {"text_terms": {"value": "باريس", "boost": 0.2}}} in ranking["should"]
    assert filtering["should"][1]["bool"]["minimum_should_match"] == 2


def test_a_query_with_every_word_required_has_no_groups():
    parsed = query_parse(QUESTION, match_all=True)
    body = search_body(SearchRequest(query=parsed.query, score_query=parsed.score_query))
    assert "should" not in body["query"]["bool"]
    assert ALL_WORDS_AGG not in body.get("aggs", {})
    assert search_body(SearchRequest(query=parsed.query, sort=SORT_NEWEST))["sort"][0] != "_score"


def test_neighbouring_words_of_a_plain_query_become_sloppy_phrases_in_the_ranking(settings):
    settings.SEARCH_PROXIMITY_WEIGHT, settings.SEARCH_PROXIMITY_SLOP = 0.5, 3
    parsed = query_parse("وزير الخارجية الروسي")
    body = search_body(SearchRequest(query=parsed.query, score_query=parsed.score_query))
    phrases = _match_phrases(body["query"]["bool"]["must"])
    # Whoosh's slop counts positions from one word to the next; Elasticsearch's, the moves
    # beyond adjacency.
    assert [p["query"].split() for p in phrases] == [
        analyze("وزير الخارجية"),
        analyze("الخارجية الروسي"),
    ]
    assert {(p["slop"], p["boost"]) for p in phrases} == {(2, 0.5)}


def _match_phrases(node) -> list[dict]:
    """The parameters of each ``match_phrase`` of a compiled query, in order."""
    if isinstance(node, list):
        return [found for item in node for found in _match_phrases(item)]
    if not isinstance(node, dict):
        return []
    if "match_phrase" in node:
        return [node["match_phrase"]["text_terms"]]
    return [found for value in node.values() for found in _match_phrases(value)]


def test_the_best_of_an_entitys_names_becomes_a_dis_max_query():
    node = wq.DisjunctionMax([wq.Term("text", "لافروف", boost=1.5), wq.Term("text", "lavrov")])
    assert es_query(node) == {
        "dis_max": {
            "queries": [
                {"term": {"text_terms": {"value": "لافروف", "boost": 1.5}}},
                {"term": {"text_terms": {"value": "lavrov"}}},
            ],
            "tie_breaker": 0.0,
        }
    }
