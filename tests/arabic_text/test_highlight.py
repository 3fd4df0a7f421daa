"""Marking words and phrases in real Arabic: names whole, never a lone word of a name."""

import doctest

import pytest

from arabic_text import (
    Marks,
    highlight_full,
    mark_items,
    marks_of,
    marks_text,
    parse_marks,
)
from arabic_text import highlight as highlight_module
from tests.arabic_text.samples import RUSSIA_NAMES

RUSSIA = marks_of(RUSSIA_NAMES)


def marks(segments) -> list[str]:
    return [segment.text for segment in segments if segment.marked]


def plain(segments) -> str:
    return "".join(segment.text for segment in segments)


def test_a_name_of_several_words_is_marked_whole_and_its_words_alone_never():
    text = (
        "فاز الاتحاد العراقي لكرة القدم على نظيره الأردني، وأعلن الاتحاد الروسي دعمه، "
        "فيما قالت جمهورية روسيا الاتحادية إن روسيا ترحب."
    )
    assert marks(highlight_full(text, RUSSIA)) == [
        "الاتحاد الروسي",
        "جمهورية روسيا الاتحادية",
        "روسيا",
    ]


def test_a_name_is_marked_with_its_clitics_and_spelling_variants():
    text = "رحب بالاتحاد الروسي وبجمهورية روسيا الاتحاديه ولروسيا"
    assert marks(highlight_full(text, RUSSIA)) == [
        "بالاتحاد الروسي",
        "وبجمهورية روسيا الاتحاديه",
        "ولروسيا",
    ]


def test_words_with_the_terms_of_a_name_but_other_forms_are_not_that_name():
    # الاتحادية and والاتحاد share a stem, but "and Russia and the federation" is no name.
    text = "اجتمعت وروسيا والاتحاد الأوروبي"
    assert marks(highlight_full(text, RUSSIA)) == ["وروسيا"]


def test_the_longest_name_wins_over_a_shorter_one_inside_it():
    text = "جمهورية روسيا الاتحادية"
    assert marks(highlight_full(text, RUSSIA)) == [text]


def test_a_quoted_phrase_skips_stop_words_as_the_index_does():
    found = highlight_full(
        "قال إن الحرب على الإرهاب مستمرة وإن الحرب طويلة", parse_marks('"الحرب على الإرهاب"')
    )
    assert marks(found) == ["الحرب على الإرهاب"]


def test_a_mark_never_spans_a_line_break():
    found = highlight_full("وأعلن الاتحاد\nالروسي موقفه", RUSSIA)
    assert marks(found) == ["الاتحاد", "الروسي"]
    assert plain(found) == "وأعلن الاتحاد\nالروسي موقفه"


def test_names_in_other_scripts_are_marked_whole():
    found = highlight_full("The Russian Federation and the Federation Council", RUSSIA)
    assert marks(found) == ["Russian Federation"]


def test_a_word_is_found_through_the_analyzer():
    found = highlight_full("والإرهاب للإرهاب والسلام", parse_marks("الارهاب"))
    assert marks(found) == ["والإرهاب", "للإرهاب"]


def test_marks_text_is_read_back_with_names_as_phrases():
    text = marks_text(["روسيا", "الاتحاد الروسي", 'مجموعة "روسيا – العالم الإسلامي"', ""])
    assert text == 'روسيا "الاتحاد الروسي" "مجموعة روسيا – العالم الإسلامي"'
    assert mark_items(text) == ["روسيا", "الاتحاد الروسي", "مجموعة روسيا – العالم الإسلامي"]
    assert parse_marks(text) == marks_of(mark_items(text))


def test_all_quote_marks_and_an_unclosed_quote_give_phrases():
    assert mark_items('«الاتحاد الروسي» “روسيا الاتحادية” "مجلس الأمن') == [
        "الاتحاد الروسي",
        "روسيا الاتحادية",
        "مجلس الأمن",
    ]


def test_items_are_bounded_whole_by_count_and_length():
    words = " ".join(["موسكو"] * 100)
    assert len(mark_items(words, max_items=5)) == 5
    long_phrase = '"' + " ".join(["بغداد"] * 40) + '"'
    # The phrase does not fit: it is dropped whole, never cut into a shorter phrase.
    assert mark_items(f"روسيا {long_phrase} موسكو", max_chars=50) == ["روسيا"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", '""', "«»", "<script>alert(1)</script>", "من في على", "\u202e" * 50, "ا" * 20000],
)
def test_any_text_gives_marks_and_never_fails(text):
    marks_ = parse_marks(text)
    assert isinstance(marks_, Marks)
    assert plain(highlight_full("نص عربي قصير", marks_)) == "نص عربي قصير"


def test_nothing_to_mark_gives_the_text_whole_and_an_empty_text_nothing():
    assert highlight_full("روسيا والعراق", Marks()) == (("روسيا والعراق", False),)
    assert highlight_full("", RUSSIA) == ()


def test_docstring_examples_hold():
    result = doctest.testmod(highlight_module)
    assert result.attempted >= 1
    assert result.failed == 0
