"""Snippets and highlights built with the Arabic analyzer, on the seed articles and real
Arabic news text; the results of an entity query and their links."""

import doctest
import re

import pytest
from django.http import QueryDict
from django.urls import reverse
from haystack import connections

from arabic_text import analyze, marks_text
from archive.models import Article, Entity, Mention
from search import highlight as highlight_module
from search.highlight import highlight, highlight_full, query_terms
from search.selectors import search_execute
from search.templatetags.search_tags import marked
from tests.arabic_text.samples import RUSSIA_NAMES
from tests.conftest import SEEDS_DIR
from tests.factories import article_create, entity_create


def seed(number: str) -> str:
    (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def plain(segments) -> str:
    return "".join(segment.text for segment in segments)


def marks(segments) -> list[str]:
    return [segment.text for segment in segments if segment.marked]


def test_query_without_hamza_marks_the_hamza_spelling_in_the_text():
    assert "الإرهاب" in marks(highlight(seed("000"), "الارهاب"))


def test_query_marks_words_with_clitics_as_they_are_written():
    found = marks(highlight_full(seed("000"), "موسكو روسيا"))
    assert {"موسكو", "روسيا", "وروسيا", "ولروسيا"} <= set(found)


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("max_chars", [40, 120, 320])
def test_snippet_never_cuts_a_word(number, max_chars):
    flat = " ".join(seed(number).split())
    snippet = plain(highlight(seed(number), "العراق روسيا", max_chars=max_chars))
    for fragment in snippet.strip("… ").split(" … "):
        at = flat.index(fragment)
        before = flat[at - 1] if at else " "
        after = flat[at + len(fragment)] if at + len(fragment) < len(flat) else " "
        assert not before.isalpha(), fragment
        assert not after.isalpha(), fragment


def test_snippet_marks_text_left_out_with_an_ellipsis_and_respects_the_length():
    text = seed("002")
    snippet = highlight(text, "كوبينكا", max_chars=100, max_fragments=1)
    assert plain(snippet).startswith("… ")
    assert plain(snippet).endswith(" …")
    assert len(plain(snippet)) <= 100 + len("…  …") + 2
    assert marks(snippet) == ["كوبينكا"]


def test_snippet_joins_up_to_two_fragments_around_distant_matches():
    snippet = highlight(seed("000"), "ميخائيل سفارة", max_chars=160)
    assert " … " in plain(snippet)
    assert set(marks(snippet)) == {"ميخائيل", "سفارة"}


def test_snippet_without_a_match_is_the_beginning_cut_at_a_word():
    text = seed("003")
    snippet = highlight(text, "كوبينكا", max_chars=50)
    assert marks(snippet) == []
    assert plain(snippet).endswith("…")
    assert text.startswith(plain(snippet).removesuffix("…"))
    assert len(plain(snippet)) <= 51


def test_script_in_the_text_is_escaped_and_only_our_marks_are_markup():
    text = '<script>alert("x")</script> ' + seed("004")
    for segments in (highlight(text, "لافروف"), highlight_full(text, "لافروف")):
        rendered = marked(segments)
        assert "<script>" not in rendered
        assert "&lt;script&gt;" in rendered
        assert "<mark>لافروف</mark>" in rendered
        assert re.sub(r"</?mark>", "", rendered).count("<") == 0


def test_markup_in_the_query_is_never_echoed():
    segments = highlight(seed("004"), "<img src=x onerror=alert(1)> لافروف")
    assert "<img" not in plain(segments)
    assert set(marks(segments)) == {"لافروف"}


def test_full_text_marks_every_match_and_keeps_the_text_as_written():
    text = seed("004")
    segments = highlight_full(text, "لافروف")
    assert marks(segments) == ["لافروف"] * text.count("لافروف")
    assert plain(segments) == text


def test_negated_words_operators_and_fields_are_not_highlighted():
    assert query_terms('title:"الحرب على" -الإرهاب OR NOT موسكو بغداد') == frozenset(
        {"حرب", "بغداد"}
    )


def test_terms_from_the_search_engine_highlight_like_query_words():
    assert "الإرهاب" in marks(highlight(seed("003"), ["ارهاب"]))


@pytest.mark.parametrize("query", ["", "على في من", "   ", '""', "-"])
def test_queries_without_terms_give_the_beginning_of_the_text(query):
    text = seed("000")
    assert highlight(text, query, max_chars=60) == highlight(text, "zzz", max_chars=60)
    assert highlight_full(text, query) == highlight_full(text, "zzz")


def test_empty_text_gives_an_empty_snippet():
    assert highlight("", "العراق") == ()
    assert highlight_full("", "العراق") == ()


def test_docstring_examples_hold():
    result = doctest.testmod(highlight_module)
    assert result.attempted >= 1
    assert result.failed == 0


# ------------------------------------------------- entity names and snippet choice

# What the search marks for the query روسيا: the query's word, then the entity's names.
RUSSIA_QUERY = f"روسيا {marks_text(RUSSIA_NAMES)}"
# Words of the names of several words that are no name on their own.
NAME_WORDS = {"اتحاد", "روس", "جمهوري", "جمهوريه", "russian", "federation"}
SPORTS = (
    "أعلن الاتحاد العراقي لكرة القدم أن المنتخب سيواجه نظيره الأردني، وقال رئيس الاتحاد إن "
    "الاتحاد الآسيوي وافق على موعد المباراة، وإن جمهورية العراق ستستضيف البطولة المقبلة. "
)
FILLER = (
    "وتناول اللقاء سبل تطوير العلاقات الثنائية في مجالات الطاقة والنقل والتعليم، وأكد "
    "الجانبان أهمية مواصلة التنسيق بين الوزارات المعنية في البلدين. "
)


def lone_name_words(segments) -> list[str]:
    return [
        text
        for text in marks(segments)
        if len(terms := analyze(text)) == 1 and terms[0] in NAME_WORDS
    ]


def test_entity_names_are_marked_whole_never_a_lone_word_of_one():
    text = SPORTS + FILLER + "وقال الوزير إن الاتحاد الروسي وروسيا يدعمان العراق."
    for segments in (highlight(text, RUSSIA_QUERY), highlight_full(text, RUSSIA_QUERY)):
        assert lone_name_words(segments) == []
        assert "الاتحاد الروسي" in marks(segments)
        assert "وروسيا" in marks(segments)
    assert "الاتحاد العراقي" not in plain(highlight(text, RUSSIA_QUERY))


def test_in_a_long_text_the_snippet_finds_the_name_after_many_lone_words_of_it():
    text = SPORTS * 6 + FILLER * 3 + "ورحب الاتحاد الروسي بالخطوة. " + FILLER * 3
    snippet = highlight(text, RUSSIA_QUERY)
    assert marks(snippet) == ["الاتحاد الروسي"]
    assert plain(snippet).startswith("… ")


def test_a_text_with_only_lone_words_of_a_name_has_no_mark():
    assert marks(highlight(SPORTS * 4, RUSSIA_QUERY)) == []
    assert marks(highlight_full(SPORTS, RUSSIA_QUERY)) == []


def test_snippet_is_the_passage_with_the_most_distinct_query_words():
    many_of_one = "زار الوفد موسكو ثم عاد إلى موسكو وغادر موسكو مرة أخرى. "
    both = "ثم وصل الوزير من موسكو إلى بغداد في زيارة رسمية. "
    text = many_of_one + FILLER * 4 + both + FILLER * 4
    snippet = highlight(text, "موسكو بغداد", max_chars=120, max_fragments=1)
    assert marks(snippet) == ["موسكو", "بغداد"]


def test_a_name_counts_as_one_distinct_word_of_the_query():
    three_times = "وقالت روسيا إن روسيا تريد أن تبقى روسيا شريكاً. "
    name_and_word = "وأكد الاتحاد الروسي أن روسيا ستواصل دعمها. "
    text = three_times + FILLER * 4 + name_and_word + FILLER * 4
    snippet = highlight(text, RUSSIA_QUERY, max_chars=120, max_fragments=1)
    assert marks(snippet) == ["الاتحاد الروسي", "روسيا"]


def test_among_passages_with_as_many_distinct_words_the_most_marks_then_the_earliest_win():
    once = "وقالت روسيا إنها تدعم الحوار. "
    thrice = "وقالت روسيا إن روسيا تريد أن تبقى روسيا شريكاً. "
    text = once + FILLER * 4 + thrice + FILLER * 4
    snippet = highlight(text, "روسيا", max_chars=120, max_fragments=1)
    assert marks(snippet) == ["روسيا"] * 3
    text = once + FILLER * 4 + once + FILLER * 4
    assert plain(highlight(text, "روسيا", max_chars=120, max_fragments=1)).startswith("وقالت")


def test_title_marks_the_query_word_and_names_whole():
    title = "الاتحاد الروسي يستقبل وفداً عراقياً والاتحاد العراقي يشيد بروسيا"
    assert marks(highlight_full(title, RUSSIA_QUERY)) == ["الاتحاد الروسي", "بروسيا"]


def test_a_quoted_query_marks_its_phrase_whole():
    text = "بحثت اللجنة العراقية الروسية المشتركة ملف الطاقة، وقالت اللجنة إن الوفد الروسي وصل."
    assert marks(highlight(text, '"اللجنة العراقية الروسية"')) == ["اللجنة العراقية الروسية"]


# ------------------------------------------------------ results of an entity query


@pytest.fixture
def russia_archive(db, search_index):
    """The Russia entity with its names, a story about it and a sports story that mentions it."""
    russia = entity_create(
        kind=Entity.Kind.PLACE,
        name="روسيا",
        name_en="Russia",
        name_ru="Россия",
        aliases=[name for name in RUSSIA_NAMES if name not in {"روسيا", "Russia", "Россия"}],
    )
    politics = article_create(
        title="الاتحاد الروسي يستقبل وفداً عراقياً",
        body=FILLER + "وقال الوزير إن الاتحاد الروسي وروسيا يدعمان العراق.",
    )
    sports = article_create(
        title="الاتحاد العراقي لكرة القدم يحدد موعد المباراة",
        body=SPORTS * 3 + "وسيسافر المنتخب بعدها إلى روسيا لمعسكر تدريبي.",
    )
    for article in (politics, sports):
        Mention.objects.create(article=article, entity=russia, count=1)
    index = connections["default"].get_unified_index().get_index(Article)
    search_index.update(index, index.index_queryset())
    return {"politics": politics, "sports": sports}


def test_results_of_an_entity_query_mark_names_whole_and_no_lone_word(russia_archive):
    results = search_execute(params={"q": "روسيا"})
    assert results.entity is not None
    hits = {hit.article.pk: hit for hit in results.hits}
    assert set(hits) == {article.pk for article in russia_archive.values()}
    for hit in results.hits:
        assert lone_name_words(hit.title) == []
        assert lone_name_words(hit.snippet) == []
    politics, sports = hits[russia_archive["politics"].pk], hits[russia_archive["sports"].pk]
    assert marks(politics.title) == ["الاتحاد الروسي"]
    assert marks(sports.title) == []
    assert marks(sports.snippet) == ["روسيا"]


def test_result_links_carry_the_words_to_mark(russia_archive):
    results = search_execute(params={"q": "روسيا"})
    for hit in results.hits:
        path, _sep, query = hit.url.partition("?")
        assert path == hit.article.get_absolute_url()
        words = QueryDict(query)["hl"]
        assert words.startswith("روسيا ")
        assert '"الاتحاد الروسي"' in words


def test_the_search_page_links_each_result_with_the_words_and_marks_no_lone_word(
    client, russia_archive
):
    html = client.get(reverse("search:search"), {"q": "روسيا"}).content.decode()
    article = russia_archive["politics"]
    assert f'href="{article.get_absolute_url()}?hl=روسيا+' in html
    assert "<mark>الاتحاد الروسي</mark>" in html
    assert "<mark>الاتحاد</mark>" not in html


def test_without_a_query_result_links_are_the_plain_permalinks(russia_archive):
    results = search_execute(params={})
    assert {hit.url for hit in results.hits} == {
        article.get_absolute_url() for article in russia_archive.values()
    }


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_every_mark_is_a_whole_word_or_a_whole_phrase_of_the_query(number):
    text = seed(number)
    words = [w for w in text.split() if len(analyze(w)) == 1]
    phrases = [" ".join(words[i : i + 3]) for i in range(0, len(words) - 3, 37)]
    query = f"{words[5]} {marks_text(phrases)}"
    wanted = {tuple(analyze(words[5]))} | {tuple(analyze(phrase)) for phrase in phrases}
    # A title or a paragraph has no line break; a phrase across one is marked line by line.
    one_line = " ".join(text.split())
    for max_chars in (80, 320):
        snippet = highlight(text, query, max_chars=max_chars)
        for segments in (snippet, highlight_full(one_line, query)):
            found = marks(segments)
            assert found
            assert {tuple(analyze(mark)) for mark in found} <= wanted
