"""A plain query of several words finds the articles holding most of its words, those holding
all of them first; operators and ``match=all`` keep every word required.

The articles are written as the archive's sources write about the joint intelligence centre
in Baghdad: none of them uses every word of the researcher's question (one writes
الاستخبارية where the question has الاستخباراتية, another leaves out Baghdad).
"""

from datetime import date

import pytest
from django.urls import reverse
from haystack import connections

from archive.models import Article
from search.backends.base import SORT_NEWEST
from search.selectors import search_execute, search_iter_article_ids
from tests.factories import article_create, source_create
from tests.languages import english

QUESTION = "مركز تبادل المعلومات الاستخباراتية في بغداد"
# Three words: an article needs two of them; the centre articles hold all three.
THREE_WORDS = "مركز تبادل بغداد"

ARTICLES = {
    # Four articles about the centre, each holding three or four of the question's five words.
    "opening": (
        "مركز تبادل المعلومات الاستخبارية في بغداد يبدأ عمله",
        "بدأ مركز تبادل المعلومات الاستخبارية بين العراق وروسيا وإيران وسوريا عمله في بغداد، "
        "وقال مسؤول عسكري إن المركز سيجمع المعلومات عن تحركات تنظيم داعش.",
        date(2015, 9, 27),
        "elaph",
    ),
    "moscow": (
        "روسيا: المركز المعلوماتي في بغداد يساعد على ضرب داعش",
        "قالت وزارة الدفاع الروسية إن مركز تبادل المعلومات الذي أنشئ في العاصمة العراقية "
        "يتيح تنسيق الضربات الجوية على مواقع التنظيم.",
        date(2015, 10, 2),
        "tass",
    ),
    "abadi": (
        "العبادي: مركز المعلومات الاستخباراتية الرباعي لا يمس السيادة",
        "أكد رئيس الوزراء حيدر العبادي أن المركز الذي يضم العراق وروسيا وإيران وسوريا "
        "لا يمس سيادة البلاد، وأن عمل المركز يقتصر على المعلومات.",
        date(2015, 10, 5),
        "elaph",
    ),
    "alliance": (
        "التحالف الرباعي: تبادل المعلومات الاستخبارية عبر مركز في بغداد",
        "يتبادل ضباط من الدول الأربع المعلومات الاستخبارية يومياً عبر مركز مشترك في بغداد.",
        date(2015, 10, 12),
        "tass",
    ),
    # Two of the question's words or fewer: never a result of the question.
    "culture": (
        "افتتاح مركز ثقافي روسي في بغداد",
        "افتتح مركز ثقافي روسي أبوابه في بغداد، وقال مدير المركز إن بغداد تستحق مركزاً "
        "للثقافة الروسية. المركز في بغداد مفتوح للجميع، ومركز بغداد الثقافي يرحب بالزوار.",
        date(2016, 3, 1),
        "elaph",
    ),
    "prisoners": (
        "تبادل الأسرى بين الطرفين",
        "جرى تبادل الأسرى بين الطرفين بعد تقديم المعلومات عن أسمائهم.",
        date(2016, 1, 10),
        None,
    ),
    "oil": (
        "أسعار النفط ترتفع",
        "ارتفعت أسعار النفط في الأسواق العالمية.",
        date(2016, 2, 1),
        None,
    ),
}
CENTRE = ("opening", "moscow", "abadi", "alliance")


@pytest.fixture
def archive(db, search_index) -> dict[str, Article]:
    sources = {
        "elaph": source_create(name="إيلاف", name_en="Elaph"),
        "tass": source_create(name="تاس", name_en="TASS"),
    }
    articles = {
        key: article_create(title=title, body=body, published_on=day, source=sources.get(source))
        for key, (title, body, day, source) in ARTICLES.items()
    }
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())
    return articles


def _ids(articles, *keys) -> set[int]:
    return {articles[key].pk for key in keys}


def _hits(results) -> list[tuple[int, bool]]:
    return [(hit.article.pk, hit.all_words) for hit in results.hits]


def test_the_natural_question_finds_the_four_centre_articles(archive):
    results = search_execute(params={"q": QUESTION})
    assert {pk for pk, _all in _hits(results)} == _ids(archive, *CENTRE)
    assert results.count == 4
    # None of them holds every word: they are all listed as holding only some.
    assert results.all_words_count == 0
    assert [all_words for _pk, all_words in _hits(results)] == [False] * 4


def test_asking_for_all_the_words_finds_nothing_for_the_same_question(archive):
    results = search_execute(params={"q": QUESTION, "match": "all"})
    assert results.count == 0
    assert results.all_words_count is None


def test_articles_with_all_three_words_come_first_then_those_with_two(archive):
    results = search_execute(params={"q": THREE_WORDS})
    hits = _hits(results)
    assert {pk for pk, all_words in hits if all_words} == _ids(
        archive, "opening", "moscow", "alliance"
    )
    assert hits[-1] == (archive["culture"].pk, False)
    assert results.count == 4
    assert results.all_words_count == 3


def test_all_words_come_first_even_when_a_partial_match_scores_higher(archive, settings):
    # Without groups (an explicit OR), the culture article, dense in two of the words,
    # outranks the Moscow article, which holds all three. (Without the proximity bonus,
    # which the Moscow article's neighbouring words would earn: the scores alone.)
    settings.SEARCH_PROXIMITY_WEIGHT = 0
    either = [hit.article.pk for hit in search_execute(params={"q": "مركز OR تبادل OR بغداد"}).hits]
    assert either.index(archive["culture"].pk) < either.index(archive["moscow"].pk)
    grouped = search_execute(params={"q": THREE_WORDS})
    scores = {hit.article.pk: hit.score for hit in grouped.hits}
    assert scores[archive["culture"].pk] > scores[archive["moscow"].pk]
    assert grouped.hits[-1].article.pk == archive["culture"].pk


def test_groups_also_come_first_in_date_order(archive):
    # The article with two of the words is the newest, yet listed after the others.
    results = search_execute(params={"q": THREE_WORDS, "sort": SORT_NEWEST})
    assert [pk for pk, _all in _hits(results)] == [
        archive[key].pk for key in ("alliance", "moscow", "opening", "culture")
    ]


def test_a_two_word_query_lists_both_words_first_then_either(archive):
    results = search_execute(params={"q": "مركز تبادل"})
    hits = _hits(results)
    assert [all_words for _pk, all_words in hits] == [True] * 3 + [False] * 3
    assert {pk for pk, all_words in hits if all_words} == _ids(
        archive, "opening", "moscow", "alliance"
    )
    # The culture and abadi articles have مركز but not تبادل, the prisoners article the reverse.
    assert {pk for pk, all_words in hits if not all_words} == _ids(
        archive, "abadi", "culture", "prisoners"
    )
    assert results.all_words_count == 3


def test_two_words_stay_both_required_when_the_setting_says_so(archive, settings):
    settings.SEARCH_ALL_WORDS_UP_TO = 2
    results = search_execute(params={"q": "مركز تبادل"})
    assert {pk for pk, _all in _hits(results)} == _ids(archive, "opening", "moscow", "alliance")
    assert results.all_words_count is None
    assert all(all_words for _pk, all_words in _hits(results))


@pytest.mark.parametrize(
    "q",
    [
        '"مركز تبادل" بغداد',
        "مركز AND تبادل بغداد",
        "+مركز تبادل بغداد",
        "مركز تبادل +بغداد",
        "title:مركز تبادل بغداد",
        "(مركز تبادل) بغداد",
    ],
)
def test_quotes_and_operators_keep_every_word_required(archive, q):
    results = search_execute(params={"q": q})
    assert archive["culture"].pk not in {pk for pk, _all in _hits(results)}
    assert results.all_words_count is None


def test_counts_facets_and_timeline_cover_both_groups(archive):
    results = search_execute(params={"q": THREE_WORDS})
    sources = {value.name_en: value.count for value in results.facets["source"].values}
    # Elaph: the opening (all words) and the culture article (some words); TASS: two.
    assert sources == {"Elaph": 2, "TASS": 2}
    assert results.year_counts == {2015: 3, 2016: 1}
    assert sum(results.year_counts.values()) == results.count


def test_a_filter_narrows_both_groups_and_their_counts(archive):
    elaph = archive["opening"].source.pk
    results = search_execute(params={"q": THREE_WORDS, "source": [elaph]})
    assert _hits(results) == [(archive["opening"].pk, True), (archive["culture"].pk, False)]
    assert (results.count, results.all_words_count) == (2, 1)


def test_a_page_inside_the_second_group_flags_its_results(archive):
    results = search_execute(params={"q": THREE_WORDS}, page=2, page_size=2)
    assert [all_words for _pk, all_words in _hits(results)] == [True, False]
    assert results.hits[1].article.pk == archive["culture"].pk


def test_exports_list_the_articles_in_the_page_order(archive):
    ids = list(search_iter_article_ids(params={"q": THREE_WORDS}))
    page = [pk for pk, _all in _hits(search_execute(params={"q": THREE_WORDS}))]
    assert ids == page
    assert ids[-1] == archive["culture"].pk


# --------------------------------------------------------------------- page and API


def test_the_page_heads_each_group_and_counts_them(client, archive):
    response = client.get(english(reverse("search:search")), {"q": THREE_WORDS})
    html = response.content.decode()
    first = html.index("Articles with all your words")
    second = html.index("Articles with only some of your words")
    # Titles are marked up: each result is found by its link.
    assert first < html.index(archive["opening"].get_absolute_url()) < second
    assert second < html.index(archive["culture"].get_absolute_url())
    assert "With all your words: 3 · with only some of them: 1." in html
    assert "match=all" in html


def test_a_page_with_only_partial_matches_has_a_single_heading(client, archive):
    response = client.get(english(reverse("search:search")), {"q": QUESTION})
    html = response.content.decode()
    assert "Articles with only some of your words" in html
    assert "Articles with all your words" not in html
    assert "With all your words: 0 · with only some of them: 4." in html


def test_the_match_all_box_keeps_every_word_and_offers_the_wider_search(client, archive):
    response = client.get(english(reverse("search:search")), {"q": THREE_WORDS, "match": "all"})
    html = response.content.decode()
    assert response.context["results"].count == 3
    assert 'name="match" value="all" checked' in html
    assert "Also show the articles with most of the words" in html
    assert "Articles with only some of your words" not in html


def test_the_api_flags_each_result_and_counts_those_with_all_words(client, archive):
    data = client.get("/api/search", {"q": THREE_WORDS}).json()
    assert (data["count"], data["all_words_count"]) == (4, 3)
    flags = {item["id"]: item["all_words"] for item in data["results"]}
    assert flags == {pk: pk != archive["culture"].pk for pk in flags}
    assert [item["all_words"] for item in data["results"]] == [True, True, True, False]


def test_the_api_match_all_answers_only_articles_with_every_word(client, archive):
    data = client.get("/api/search", {"q": THREE_WORDS, "match": "all"}).json()
    assert (data["count"], data["all_words_count"]) == (3, 3)
    assert all(item["all_words"] for item in data["results"])


def test_the_api_refuses_an_unknown_match_value(client, archive):
    response = client.get("/api/search", {"q": THREE_WORDS, "match": "any"})
    assert response.status_code == 400
    assert "match" in response.json()["errors"]
