"""The tokenizer: words with their offsets, and the column form used by entity extraction."""

import itertools
from pathlib import Path

import pytest

from arabic_text import TokenColumns, analyze, fold, token_columns, tokens
from tests.arabic_text.samples import SEED_NUMBERS, seed, term_of


def test_tokenizer_keeps_diacritics_tatweel_and_joiners_inside_a_word():
    text = seed("000")
    found = {t.text: t.term for t in tokens(text)}
    assert found["وتطلّع"] == found["تطلّعه"] == term_of("تطلع")
    assert found["جدّد"] == "جدد"
    assert [t.text for t in tokens(seed("004"))].count("العراقـية") == 4


def test_tokenizer_splits_at_arabic_punctuation_and_quotes():
    text = 'قال: «العراق»، وروسيا؛ لماذا؟ “ايلاف” "إيلاف"'
    assert [t.text for t in tokens(text)] == [
        "قال",
        "العراق",
        "وروسيا",
        "لماذا",
        "ايلاف",
        "إيلاف",
    ]


def test_digits_glued_to_a_word_are_split_from_it():
    assert analyze("أكثر من 100شركة") == ["اكثر", "100", "شرك"]


def test_invisible_characters_on_a_words_edge_are_trimmed_from_its_offsets():
    text = "\u200fموسكو\u200e بغداد"
    assert [(t.text, t.start, t.end) for t in tokens(text)] == [
        ("موسكو", 1, 6),
        ("بغداد", 8, 13),
    ]


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_tokens_point_back_into_the_original_text(number):
    text = seed(number)
    found = tokens(text)
    assert found
    for token in found:
        assert text[token.start : token.end] == token.text
        assert token.folded == fold(token.text)
    assert [t.term for t in found if t.term] == analyze(text)


SEED_TERMS = Path(__file__).with_name("seed_terms.txt")


def test_index_terms_of_the_seeds_are_the_recorded_ones():
    """A change here changes the index: if it is meant, rebuild the search index and record
    the new terms (one line a seed: its number, then its terms) in seed_terms.txt."""
    recorded = dict(line.split(" ", 1) for line in SEED_TERMS.read_text("utf-8").splitlines())
    assert recorded.keys() == set(SEED_NUMBERS)
    for number in SEED_NUMBERS:
        assert analyze(seed(number)) == recorded[number].split(" "), number


# --- token_columns: the column form of tokens(terms=False) used by entity extraction ---


def _columns_from_tokens(text: str) -> TokenColumns:
    found = tokens(text, terms=False)
    return TokenColumns(
        [t.text for t in found],
        [t.start for t in found],
        [t.end for t in found],
        [t.folded for t in found],
        [t.term is None for t in found],
        [text[a.end : b.start] for a, b in itertools.pairwise(found)],
    )


@pytest.mark.parametrize("number", SEED_NUMBERS)
def test_token_columns_give_the_words_offsets_and_stop_words_of_tokens(number):
    text = seed(number)
    columns = token_columns(text)
    assert columns == _columns_from_tokens(text)
    assert all(
        text[s:e] == w
        for w, s, e in zip(columns.surfaces, columns.starts, columns.ends, strict=True)
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n",
        "وزير الخارجية الروسي سيرغي لافروف",
        "العراقـية\u200f والعراقية",  # a direction mark on a word's edge
        "\u200fموسكو\u200e بغداد",
        "ـــ الكاظمي",  # tatweel alone folds to nothing
        "في على من إلى",  # stop words only
        "Лавров встретился с Фуадом Хусейном",
        "لافروف 2021 ٢٠٢١",
    ],
)
def test_token_columns_match_tokens_on_edge_cases(text):
    assert token_columns(text) == _columns_from_tokens(text)
