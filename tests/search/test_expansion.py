"""Pseudo-relevance feedback: the words common to a plain query's first results are searched
too, at a low weight; an article holding enough of them but none of the query's words joins
the results after those holding the query's words; the page and the API say what was added.

The archive tells the Mistral story as the sources did: three articles name the ships, a
fourth (Egypt buys them) names only the helicopter carriers and Paris.
"""

import json
from datetime import date

import pytest
from django.urls import reverse
from haystack import connections
from whoosh import query as wq

from arabic_text import analyze
from archive.models import Article, Mention
from search import expansion
from search.backends.base import SORT_NEWEST, SearchRequest
from search.backends.elasticsearch import search_body
from search.expansion import feedback_terms
from search.query import query_parse
from search.selectors import search_execute, search_iter_article_ids, search_request
from tests.factories import article_create, entity_create

ARTICLES = {
    "cancel": (
        "فرنسا تلغي صفقة ميسترال مع روسيا",
        "أعلنت فرنسا إلغاء صفقة حاملتي المروحيات ميسترال مع روسيا بعد أزمة أوكرانيا، "
        "وستعيد باريس الأموال إلى موسكو.",
    ),
    "refund": (
        "باريس تعيد أموال ميسترال إلى موسكو",
        "قالت الرئاسة الفرنسية إن باريس ستعيد إلى موسكو أموال حاملتي المروحيات ميسترال "
        "بعد إلغاء الصفقة.",
    ),
    "closed": (
        "بوتين: ملف ميسترال أغلق",
        "قال الرئيس الروسي إن ملف حاملتي المروحيات ميسترال أغلق بعد أن وافقت باريس على "
        "إعادة الأموال.",
    ),
    # The same story without the ships' name.
    "egypt": (
        "مصر تشتري حاملتي المروحيات من فرنسا",
        "اتفقت القاهرة وباريس على شراء حاملتي المروحيات اللتين بنيتا لروسيا بعد إلغاء صفقة موسكو.",
    ),
    "oil": ("أسعار النفط ترتفع", "ارتفعت أسعار النفط في الأسواق العالمية بعد قرار أوبك."),
    "bridge": (
        "العراق يفتتح جسرا في بغداد",
        "افتتحت الحكومة العراقية جسرا جديدا على نهر دجلة في بغداد.",
    ),
    "football": (
        "منتخب روسيا يفوز في موسكو",
        "فاز منتخب روسيا لكرة القدم على منافسه في موسكو أمام جمهوره.",
    ),
    "rain": ("أمطار غزيرة في الرياض", "هطلت أمطار غزيرة على الرياض وأغلقت عدة طرق."),
}
SHIPS = ("cancel", "refund", "closed")
URL = reverse("search:search")
API = reverse("search:api_search")


def mistral_archive(search_index, monkeypatch) -> dict[str, Article]:
    """The articles above, indexed."""
    # A word in half of this small archive still counts as distinctive (in the real one: 5%).
    monkeypatch.setattr(expansion, "COMMON_SHARE", 0.5)
    articles = {
        key: article_create(title=title, body=body, published_on=date(2015, 8, day))
        for day, (key, (title, body)) in enumerate(ARTICLES.items(), start=1)
    }
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())
    return articles


@pytest.fixture
def archive(db, search_index, monkeypatch) -> dict[str, Article]:
    return mistral_archive(search_index, monkeypatch)


def _keys(articles, results) -> list[str]:
    names = {article.pk: key for key, article in articles.items()}
    return [names[hit.article.pk] for hit in results.hits]


def test_words_common_to_the_first_results_are_added_and_named(archive):
    results = search_execute(params={"q": "ميسترال"})
    assert {"المروحيات", "باريس", "حاملتي"} <= set(results.query.expanded)
    assert "ميسترال" not in results.query.expanded
    assert any("المروحيات" in str(message) for message in results.messages)


def test_an_article_with_the_added_words_alone_comes_after_those_with_the_query(archive):
    results = search_execute(params={"q": "ميسترال"})
    keys = _keys(archive, results)
    assert set(keys[:3]) == set(SHIPS)
    assert keys[3:] == ["egypt"]
    assert [hit.all_words for hit in results.hits] == [True, True, True, False]
    assert results.all_words_count == 3


def test_exports_list_the_added_article_in_the_page_order(archive):
    page = search_execute(params={"q": "ميسترال"})
    assert list(search_iter_article_ids(params={"q": "ميسترال"})) == [
        hit.article.pk for hit in page.hits
    ]


def test_the_page_and_the_api_show_the_words_added(client, archive):
    response = client.get(URL, {"q": "ميسترال"})
    html = response.content.decode()
    notices = html.split('class="search-notices"', 1)[1].split("</ul>", 1)[0]
    assert "المروحيات" in notices and "باريس" in notices
    body = client.get(API, {"q": "ميسترال"}).json()
    assert {"المروحيات", "باريس"} <= set(body["expanded"])
    assert body["count"] == 4 and body["all_words_count"] == 3


def test_the_added_words_only_rank_when_no_article_may_join_through_them(archive, settings):
    settings.SEARCH_FEEDBACK_MATCH = 0
    results = search_execute(params={"q": "ميسترال"})
    assert results.query.expanded
    assert set(_keys(archive, results)) == set(SHIPS)


@pytest.mark.parametrize(
    "params",
    [
        {"q": '"ميسترال"'},
        {"q": "ميسترال", "literal": True},
        {"q": "ميسترال", "match": "all"},
        {"q": "ميسترال", "sort": SORT_NEWEST},
        {"q": "ميسترال OR بوتين"},
    ],
)
def test_quotes_operators_literal_match_all_and_date_order_add_nothing(archive, params):
    results = search_execute(params=params)
    assert results.query.expanded == ()
    assert "egypt" not in _keys(archive, results)


def test_feedback_off_adds_nothing(archive, settings):
    settings.SEARCH_FEEDBACK_TERMS = 0
    results = search_execute(params={"q": "ميسترال"})
    assert results.query.expanded == ()
    assert set(_keys(archive, results)) == set(SHIPS)


def test_a_query_with_no_result_adds_nothing(archive):
    results = search_execute(params={"q": "قسطنطينوبول", "literal": True})
    assert results.count == 0 and results.query.expanded == ()


def test_filters_apply_to_the_first_results_and_to_the_added_articles(archive):
    results = search_execute(
        params={"q": "ميسترال", "date_from": date(2015, 8, 2), "date_to": date(2015, 8, 3)}
    )
    # Two first results cannot make a word common to three.
    assert results.query.expanded == ()
    assert set(_keys(archive, results)) == {"refund", "closed"}


# ------------------------------------------------------------------ the words chosen


class _Vocabulary:
    """Document frequencies of a made-up archive of 1,000 articles."""

    def __init__(self, frequencies: dict[str, int]):
        self.frequencies = frequencies

    def doc_frequency(self, term: str) -> int:
        return self.frequencies.get(term, 0)


def _term(word: str) -> str:
    return analyze(word)[0]


def test_a_word_must_stand_in_three_results_and_be_rare_in_the_archive():
    texts = [
        "الحكومة العراقية تناقش صادرات النفط عبر كركوك",
        "الحكومة تعلن زيادة صادرات النفط من كركوك",
        "صادرات النفط العراقي عبر ميناء جيهان وكركوك",
        "الحكومة تبحث الموازنة",
    ]
    vocabulary = _Vocabulary(
        {_term("الحكومة"): 400, _term("صادرات"): 30, _term("كركوك"): 12, _term("جيهان"): 3}
    )
    added = feedback_terms(texts, vocabulary, 1000, {_term("النفط")}, 5)
    # الحكومة is in three texts but in 40% of the archive; جيهان in one text only.
    assert [word for _term_, word in added] == ["كركوك", "صادرات"]


def test_the_word_shown_is_its_shortest_spelling_in_the_results():
    texts = ["وبكركوك اجتماع", "في كركوك اجتماع", "لكركوك اجتماع"]
    vocabulary = _Vocabulary({_term("كركوك"): 5})
    assert feedback_terms(texts, vocabulary, 1000, set(), 5) == [(_term("كركوك"), "كركوك")]


def test_an_empty_archive_gives_no_words():
    texts = ["بغداد موسكو كركوك"] * 3
    assert feedback_terms(texts, _Vocabulary({_term("كركوك"): 1}), 0, set(), 5) == []


def test_no_more_words_than_asked_and_none_of_the_querys_own():
    texts = ["بغداد موسكو كركوك البصرة"] * 3
    vocabulary = _Vocabulary({_term(w): 5 for w in ("بغداد", "موسكو", "كركوك", "البصرة")})
    added = feedback_terms(texts, vocabulary, 1000, {_term("بغداد")}, 2)
    assert len(added) == 2 and _term("بغداد") not in {term for term, _word in added}


# -------------------------------------------------------------------- Elasticsearch


def test_the_expanded_query_compiles_for_elasticsearch(archive):
    parsed = query_parse("ميسترال")
    expanded = expansion.expand(
        {"q": "ميسترال"}, parsed, None, connections["default"].get_backend(), search_request
    )
    body = search_body(search_request(params={"q": "ميسترال"}, parsed=expanded))
    text = json.dumps(body, ensure_ascii=False)
    # The added words: at least two of them admit an article, and they rank at a low weight.
    selecting = body["query"]["bool"]["filter"][0]["bool"]["should"][1]["bool"]
    assert selecting["minimum_should_match"] == 2
    assert {"term": {"text_terms": {"value": _term("المروحيات")}}} in selecting["should"]
    assert '"boost": 0.2' in text
    # The articles with the query's own word come first.
    first = body["query"]["bool"]["should"][0]["constant_score"]
    assert first["filter"] == {"term": {"text_terms": {"value": _term("ميسترال")}}}


# ------------------------------------------------------------------ tied entities

TIED = {
    # Lavrov alone, named three times: the best text score for the query.
    "alone": "لافروف يستقبل نظيره الصيني. وقال لافروف إن المحادثات مثمرة، وأضاف لافروف: ستستمر.",
    "doha": "التقى لافروف وكيري في الدوحة لبحث الأزمة السورية.",
    "geneva": "بحث لافروف وكيري في جنيف الهدنة في سوريا.",
    "washington": "كيري يستقبل وزير الخارجية الصيني في واشنطن.",
}


@pytest.fixture
def tied_archive(db, search_index) -> dict[str, Article]:
    lavrov = entity_create(aliases=("لافروف",))
    kerry = entity_create(name="جون كيري", name_en="John Kerry", name_ru="", aliases=("كيري",))
    articles = {key: article_create(title=body[:30], body=body) for key, body in TIED.items()}
    for article in articles.values():
        if "لافروف" in article.body:
            Mention.objects.create(article=article, entity=lavrov, count=1)
        if "كيري" in article.body:
            Mention.objects.create(article=article, entity=kerry, count=1)
    _reindex(search_index)
    return articles


def _reindex(search_index) -> None:
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())


def test_articles_naming_a_tied_entity_rank_higher_when_asked(tied_archive, settings):
    settings.SEARCH_FEEDBACK_TERMS = 0
    settings.SEARCH_TIED_ENTITY_WEIGHT = 0
    assert _keys(tied_archive, search_execute(params={"q": "لافروف"}))[0] == "alone"
    settings.SEARCH_TIED_ENTITY_WEIGHT = 5
    results = search_execute(params={"q": "لافروف"})
    assert set(_keys(tied_archive, results)[:2]) == {"doha", "geneva"}
    assert results.query.expanded == ("جون كيري",)
    assert any("جون كيري" in str(message) for message in results.messages)
    # Kerry's own article is not added: the tie ranks, it does not match.
    assert "washington" not in _keys(tied_archive, results)


def test_an_entity_in_a_minority_of_the_articles_is_not_tied(tied_archive, search_index, settings):
    # Kerry now in one of Lavrov's three articles.
    Mention.objects.filter(article=tied_archive["geneva"], entity__name="جون كيري").delete()
    search_index.clear()
    _reindex(search_index)
    settings.SEARCH_TIED_ENTITY_WEIGHT = 5
    results = search_execute(params={"q": "لافروف"})
    assert "جون كيري" not in results.query.expanded


def test_the_articles_of_an_entity_compile_to_its_exact_field_for_elasticsearch():
    body = search_body(SearchRequest(query=wq.Or([_text("لافروف"), wq.Term("person", "7")])))
    assert {"term": {"person": {"value": "7"}}} in body["query"]["bool"]["must"][0]["bool"][
        "should"
    ]


def _text(word: str) -> wq.Term:
    return wq.Term("text", _term(word))
