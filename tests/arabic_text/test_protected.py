"""Protected words and spelling overrides: never reduced, read once from data/protected.txt."""

from arabic_text import analyze, fold, protected_words
from arabic_text.protected import PROTECTED_PATH, final_term


def test_protected_words_are_the_folded_words_of_the_data_file_without_comments():
    words = protected_words()
    assert {"بوتين", "لافروف", "موسكو", "كاظمي", fold("شؤون")} <= words
    assert all(word == fold(word) for word in words)
    text = PROTECTED_PATH.read_text(encoding="utf-8")
    assert "#" in text and not any("#" in word for word in words)
    assert min(map(len, words)) >= 2


def test_a_protected_word_is_its_own_term_and_an_override_maps_a_variant():
    assert final_term("بوتين") == "بوتين"
    assert final_term(fold("سورية")) == "سوريا"
    assert final_term("بوت") is None
    assert analyze("سورية سوريا") == ["سوريا", "سوريا"]
