"""Snippets and highlights built with the Arabic analyzer, on the seed articles."""

import doctest
import re

import pytest

from search import highlight as highlight_module
from search.highlight import highlight, highlight_full, query_terms
from search.templatetags.search_tags import marked
from tests.conftest import SEEDS_DIR


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
