"""The query syntax: what each construct becomes, and that no input makes the parser fail."""

import pytest
from whoosh import query as wq

from arabic_text import analyze
from search.query import (
    MAX_QUERY_CHARS,
    TEXT_FIELD,
    TITLE_FIELD,
    query_lexemes,
    query_parse,
    words_required,
)


def _term(word, fieldname=TEXT_FIELD):
    [term] = analyze(word)
    return wq.Term(fieldname, term)


def test_words_are_analyzed_so_a_query_without_hamza_gives_the_same_term():
    assert query_parse("الارهاب").query == query_parse("الإرهاب").query == _term("الإرهاب")


def test_words_default_to_and():
    parsed = query_parse("روسيا العراق", match_all=True)
    assert parsed.query == wq.And([_term("روسيا"), _term("العراق")])


def test_quoted_text_is_a_phrase_of_analyzed_terms_in_order():
    parsed = query_parse('"اللجنة العراقية الروسية المشتركة"')
    assert parsed.query == wq.Phrase(TEXT_FIELD, analyze("اللجنة العراقية الروسية المشتركة"))


def test_arabic_guillemets_also_make_a_phrase():
    assert query_parse("«الحرب على الإرهاب»").query == query_parse('"الحرب على الإرهاب"').query


def test_or_between_words_and_the_arabic_aw():
    expected = wq.Or([_term("موسكو"), _term("بغداد")])
    assert query_parse("موسكو OR بغداد").query == expected
    assert query_parse("موسكو أو بغداد").query == expected


def test_minus_and_not_exclude_a_word():
    expected = wq.And([_term("روسيا"), wq.Not(_term("داعش"))])
    assert query_parse("روسيا -داعش").query == expected
    assert query_parse("روسيا NOT داعش").query == expected


def test_a_query_of_exclusions_only_means_everything_except_them():
    parsed = query_parse("-داعش")
    assert parsed.query == wq.AndNot(wq.Every(), _term("داعش"))


def test_minus_before_a_phrase_excludes_the_phrase():
    parsed = query_parse('روسيا -"الحرب على الإرهاب"')
    assert parsed.query == wq.And(
        [_term("روسيا"), wq.Not(wq.Phrase(TEXT_FIELD, analyze("الحرب على الإرهاب")))]
    )


def test_title_prefix_searches_the_title_field():
    assert query_parse("title:لافروف").query == _term("لافروف", TITLE_FIELD)
    assert query_parse("عنوان:لافروف").query == _term("لافروف", TITLE_FIELD)
    assert query_parse('title:"وزير الخارجية"').query == wq.Phrase(
        TITLE_FIELD, analyze("وزير الخارجية")
    )


def test_title_prefix_applies_to_a_parenthesized_group():
    parsed = query_parse("title:(موسكو OR بغداد)")
    assert parsed.query == wq.Or([_term("موسكو", TITLE_FIELD), _term("بغداد", TITLE_FIELD)])


def test_parentheses_group_alternatives():
    parsed = query_parse("(موسكو OR روسيا) نفط")
    assert parsed.query == wq.And([wq.Or([_term("موسكو"), _term("روسيا")]), _term("نفط")])


def test_phrases_are_ranked_by_their_words_and_title_words_add_a_bonus():
    parsed = query_parse('"اللجنة العراقية الروسية المشتركة"')
    terms = analyze("اللجنة العراقية الروسية المشتركة")
    assert isinstance(parsed.score_query, wq.AndMaybe)
    ranked, bonus = parsed.score_query.children()
    assert ranked == wq.And([wq.Term(TEXT_FIELD, term) for term in terms])
    assert {t for _f, t in bonus.iter_all_terms()} == set(terms)


def test_excluded_words_are_not_highlighted():
    parsed = query_parse("روسيا -داعش")
    assert parsed.highlight_text == "روسيا"


def test_empty_query_browses_everything():
    parsed = query_parse("   ")
    assert parsed.query is None and parsed.messages == []


def test_a_query_of_stop_words_only_matches_nothing_and_says_why():
    parsed = query_parse("في على من")
    assert parsed.query is wq.NullQuery
    assert parsed.messages


def test_unknown_field_prefix_is_searched_as_words():
    parsed = query_parse("مكان:موسكو")
    assert parsed.all_words == wq.And([_term("مكان"), _term("موسكو")])


@pytest.mark.parametrize(
    ("text", "expected_words", "says_why"),
    [
        ('"اللجنة العراقية', ["اللجنة", "العراقية"], True),  # unbalanced quote
        ("روسيا OR", ["روسيا"], True),  # lone operator at the end
        ("OR روسيا", ["روسيا"], True),
        ("روسيا NOT", ["روسيا"], True),
        ("((روسيا", ["روسيا"], True),  # unclosed parentheses
        (")) روسيا (", ["روسيا"], True),
        ("title:", [], True),
        ("***", [], True),
        ('"', [], True),
        # Symbols of other engines' syntax only separate words.
        ("::: روسيا", ["روسيا"], False),
        ("روسيا^ ~ العراق", ["روسيا", "العراق"], False),
        ("{روسيا} [العراق]", ["روسيا", "العراق"], False),
    ],
)
def test_malformed_queries_give_a_sensible_query_or_a_message(text, expected_words, says_why):
    parsed = query_parse(text)
    found = sorted(t for _f, t in parsed.query.iter_all_terms()) if parsed.query else []
    assert found == sorted(term for word in expected_words for term in analyze(word))
    assert bool(parsed.messages) is says_why


def test_a_10_kb_query_is_truncated_with_a_message():
    title = "الكاظمي يستقبل مسؤولاً روسياً"
    parsed = query_parse((title + " ") * 400)
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert any("characters" in str(message) for message in parsed.messages)
    assert parsed.query is not None


def test_deeply_nested_parentheses_do_not_exhaust_the_parser():
    parsed = query_parse("(" * 5000 + "روسيا" + ")" * 5000)
    assert parsed.messages


def test_lexemes_cover_the_query_as_typed():
    text = 'title:"الحرب على" -داعش (روسيا OR موسكو) «غير مغلق'
    lexemes = list(query_lexemes(text))
    assert "".join(lexeme.text for lexeme in lexemes) == text
    assert [(kind, value) for kind, value in lexemes if kind != "space"] == [
        ("word", "title:"),
        ("phrase", '"الحرب على"'),
        ("word", "-داعش"),
        ("open", "("),
        ("word", "روسيا"),
        ("word", "OR"),
        ("word", "موسكو"),
        ("close", ")"),
        ("quote", "«"),
        ("word", "غير"),
        ("word", "مغلق"),
    ]


# ---------------------------------------------------------------- most of the words

QUESTION = "مركز تبادل المعلومات الاستخباراتية في بغداد"


@pytest.mark.parametrize(
    ("count", "required"), [(1, 1), (2, 1), (3, 2), (4, 3), (5, 3), (6, 4), (8, 6), (64, 48)]
)
def test_words_required_one_of_two_then_three_quarters_rounded_down(count, required):
    assert words_required(count) == required


@pytest.mark.parametrize(("count", "required"), [(1, 1), (2, 2), (3, 2), (4, 3), (6, 4)])
def test_words_required_all_of_two_when_the_setting_says_so(settings, count, required):
    settings.SEARCH_ALL_WORDS_UP_TO = 2
    assert words_required(count) == required


def test_a_natural_question_matches_most_of_its_words_and_knows_all_of_them():
    parsed = query_parse(QUESTION)
    # في is a stop word: five words count, three are required.
    terms = [_term(word) for word in ["مركز", "تبادل", "المعلومات", "الاستخباراتية", "بغداد"]]
    assert isinstance(parsed.query, wq.Or)
    assert list(parsed.query.subqueries) == terms
    assert parsed.query.minmatch == 3
    assert parsed.all_words == wq.And(terms)
    assert parsed.relaxable


def test_the_ranking_of_most_words_sums_the_words_each_article_holds():
    ranked, _bonus = query_parse(QUESTION).score_query.children()
    assert isinstance(ranked, wq.Or) and not ranked.minmatch


def test_one_word_stays_required_and_two_words_need_one_of_them():
    parsed = query_parse("روسيا")
    assert parsed.all_words is None and not parsed.relaxable
    both = wq.And([_term("روسيا"), _term("العراق")])
    parsed = query_parse("روسيا العراق")
    assert parsed.query == wq.Or(list(both.subqueries), minmatch=1)
    assert parsed.all_words == both and parsed.relaxable
    assert query_parse("روسيا العراق", match_all=True).query == both


def test_a_repeated_word_counts_once():
    parsed = query_parse("روسيا روسيا العراق")
    assert parsed.all_words == wq.And([_term("روسيا"), _term("العراق")])
    assert parsed.query.minmatch == 1


def test_punctuation_between_words_keeps_a_query_plain():
    parsed = query_parse("روسيا، العراق؛ النفط")
    assert isinstance(parsed.query, wq.Or) and parsed.query.minmatch == 2


@pytest.mark.parametrize(
    "text",
    [
        '"مركز تبادل" المعلومات بغداد',
        "مركز AND تبادل المعلومات",
        "مركز & تبادل المعلومات",
        "+مركز تبادل المعلومات",
        "مركز OR تبادل المعلومات",
        "مركز تبادل المعلومات -بغداد",
        "مركز تبادل NOT المعلومات",
        "title:مركز تبادل المعلومات",
        "(مركز تبادل) المعلومات",
        "«مركز تبادل المعلومات",
    ],
)
def test_quotes_operators_and_prefixes_keep_every_word_required(text):
    parsed = query_parse(text)
    assert parsed.all_words is None and not parsed.relaxable
    assert not isinstance(parsed.query, wq.Or) or not parsed.query.minmatch


def test_match_all_keeps_every_word_required_and_says_more_was_possible():
    parsed = query_parse(QUESTION, match_all=True)
    assert parsed.query == query_parse(QUESTION).all_words
    assert parsed.all_words is None
    assert parsed.relaxable


def test_a_lone_dash_between_words_is_punctuation_not_an_operator():
    parsed = query_parse("روسيا - العراق النفط")
    assert parsed.all_words is not None
