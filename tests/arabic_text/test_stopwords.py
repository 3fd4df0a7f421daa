"""Stop words: told apart before folding, so function words go and look-alike names stay."""

from arabic_text import STOP_WORDS, analyze, raw_stop_words, stop_key


def test_preposition_ala_is_a_stop_word_but_the_name_ali_is_indexed():
    assert analyze("على") == []
    assert analyze("وعلى") == []
    assert analyze("علي") == ["علي"]


def test_stop_words_are_held_in_stop_key_form_with_every_spelling_of_hamza_on_alef():
    assert {"ان", "الى", "على", "ومن", "فان"} <= STOP_WORDS
    assert "إلى" in raw_stop_words() and "إلى" not in STOP_WORDS
    assert STOP_WORDS == {stop_key(word) for word in raw_stop_words()}


def test_a_conjunction_glued_to_a_stop_word_is_a_stop_word_except_listed_content_words():
    assert analyze("ومن فإن وعلى") == []
    assert analyze("ولي العهد") == ["ولي", "عهد"]


def test_one_letter_arabic_words_are_stop_words():
    assert analyze("ب ع ق") == []
