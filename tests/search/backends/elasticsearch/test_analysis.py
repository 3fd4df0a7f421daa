"""The generated index settings fold as :mod:`arabic_text` does, checked without a server.

The analyzer chain is replayed in Python from the generated settings (mapping char filter,
stop list, pattern replacements), so these tests read the JSON that Elasticsearch receives.
"""

import json
import re
import unicodedata

import pytest

from arabic_text import analyze, fold, stop_key, tokens
from search.backends.elasticsearch import ArabicElasticsearchSearchBackend, index_settings
from search.backends.elasticsearch.analysis import (
    ARABIC_ANALYZER,
    MAX_RESULT_WINDOW,
    covered_codepoints,
)

# Analysis components Elasticsearch 7 ships without plugins.
BUILTIN_TOKENIZERS = {"standard", "whitespace"}
BUILTIN_FILTERS = {"lowercase", "decimal_digit", "arabic_normalization", "arabic_stem"}


@pytest.fixture(scope="module")
def settings_body():
    return index_settings()


@pytest.fixture(scope="module")
def analysis(settings_body):
    return settings_body["settings"]["analysis"]


# --- a Python replay of the Elasticsearch analyzer, built from the generated settings ----------


def _parse_rule_side(text: str) -> str:
    """Elasticsearch's MappingCharFilterFactory.parseString, for \\uXXXX escapes."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text.strip())


def _char_map(analysis: dict) -> dict[str, str]:
    char_map = {}
    for rule in analysis["char_filter"]["archive_arabic_chars"]["mappings"]:
        key, value = rule.split("=>")
        char_map[_parse_rule_side(key)] = _parse_rule_side(value)
    return char_map


def _replay_chain(analysis: dict):
    char_map = _char_map(analysis)
    stop = set(analysis["filter"]["archive_arabic_stop"]["stopwords"])
    chain = analysis["analyzer"][ARABIC_ANALYZER]["filter"]
    replaces = [
        analysis["filter"][name]
        for name in chain
        if analysis["filter"].get(name, {}).get("type") == "pattern_replace"
    ]

    def run(surface: str) -> str | None:
        """The token after folding, before stemming; None when the stop filter drops it."""
        token = "".join(char_map.get(char, char) for char in surface).lower()
        if not token or token in stop:
            return None
        for replace in replaces:
            pattern = replace["pattern"]
            token = re.sub(pattern, replace["replacement"], token)
        return token

    return run


def _archive_token(word: str) -> tuple[bool, str | None]:
    """Whether ``word`` is one archive token, and its folded form (None: a stop word)."""
    found = tokens(word)
    if len(found) != 1 or found[0].text != word:
        return False, None
    return True, None if found[0].term is None else found[0].folded


def test_arabic_analyzer_uses_only_builtin_components(analysis):
    analyzer = analysis["analyzer"][ARABIC_ANALYZER]
    assert analyzer["tokenizer"] in BUILTIN_TOKENIZERS
    for name in analyzer["filter"]:
        assert name in BUILTIN_FILTERS or name in analysis["filter"], name
    for name in analyzer["char_filter"]:
        assert name in analysis["char_filter"]
    defined_types = {spec["type"] for spec in analysis["filter"].values()}
    assert defined_types <= {"stop", "pattern_replace", "stemmer_override", "ngram", "edge_ngram"}
    assert {"arabic_normalization", "arabic_stem", "decimal_digit", "lowercase"} <= set(
        analyzer["filter"]
    )
    # Stop words go before folding, stemming last.
    chain = analyzer["filter"]
    assert chain.index("archive_arabic_stop") < chain.index("arabic_normalization")
    assert chain[-1] == "arabic_stem"


def test_index_settings_are_plain_json_and_keep_haystack_ngram_analyzers(settings_body):
    text = json.dumps(settings_body)
    assert json.loads(text) == settings_body
    analyzers = settings_body["settings"]["analysis"]["analyzer"]
    assert {"ngram_analyzer", "edgengram_analyzer", ARABIC_ANALYZER} <= set(analyzers)
    assert settings_body["settings"]["index"]["max_result_window"] == MAX_RESULT_WINDOW
    assert ArabicElasticsearchSearchBackend.DEFAULT_SETTINGS == settings_body


def test_char_filter_removes_tatweel_marks_and_joiners_and_unifies_alef(analysis):
    run = _replay_chain(analysis)
    assert run("العراقـية") == run("العراقية")
    assert run("تطلّع") == run("تطلع")
    assert run("روسيا\u200c") == run("روسيا")
    assert run("الإرهاب") == run("الارهاب") == "الارهاب"
    assert run("٢٠٢١") == "2021"


def test_char_filter_and_lowercase_give_the_stop_key_of_every_covered_character(analysis):
    char_map = _char_map(analysis)
    checked = 0
    for char in covered_codepoints():
        assert char_map.get(char, char).lower() == stop_key(char), f"U+{ord(char):04X}"
        checked += 1
    assert checked > 1000


def _char_filter_rule(char: str) -> str:
    """What the char filter must do to one character of NFKC text, in terms of ``fold``:
    drop what fold drops, unify alef, ASCII digits, keep every other letter as written.
    """
    folded = fold(char)
    if folded == "ا" or (folded.isascii() and folded.isdigit()):
        return folded
    return char if folded else ""


def test_stop_key_is_the_char_filter_rule_on_every_covered_character():
    for char in covered_codepoints():
        normalized = unicodedata.normalize("NFKC", char).casefold()
        expected = "".join(_char_filter_rule(part) for part in normalized)
        assert stop_key(char) == expected, f"U+{ord(char):04X}"


def test_replayed_analyzer_folds_every_seed_word_as_the_archive_analyzer(analysis, seed_paths):
    run = _replay_chain(analysis)
    compared = 0
    for path in seed_paths:
        for token in tokens(path.read_text(encoding="utf-8")):
            expected = None if token.term is None else token.folded
            assert run(token.text) == expected, token.text
            compared += 1
    assert compared > 1000


def test_replayed_analyzer_folds_every_covered_character_as_the_archive_analyzer(analysis):
    # Alone (single letters are stop words) and inside a word.
    run = _replay_chain(analysis)
    compared = 0
    for char in covered_codepoints():
        for word in (char, f"ب{char}ر"):
            is_token, expected = _archive_token(word)
            if is_token:
                assert run(word) == expected, f"U+{ord(char):04X} in {word!r}"
                compared += 1
    assert compared > 1000


def test_stop_filter_keeps_the_name_ali_apart_from_the_preposition_ala(analysis):
    run = _replay_chain(analysis)
    assert run("على") is None
    assert run("علي") == "علي"
    assert run("إلى") is None
    assert run("والي") == "والي"


def test_single_letters_are_stop_words_in_any_script_the_archive_folds(analysis):
    run = _replay_chain(analysis)
    assert run("و") is None
    assert run("ی") is None
    assert run("گ") is None
    assert run("یک") == "يك"


def test_hamza_seats_and_persian_letters_fold_as_in_the_archive(analysis):
    run = _replay_chain(analysis)
    assert run("مسؤول") == run("مسئول")
    assert run("كربلاء") == run("كربلا")
    assert run("علی") == run("علي")
    assert run("العراقيه") == run("العراقية")


def test_protected_names_and_their_clitic_forms_get_the_archive_stem(analysis):
    rules = analysis["filter"]["archive_protected"]["rules"]
    overrides = {}
    for rule in rules:
        forms, term = rule.split(" => ")
        for form in forms.split(", "):
            overrides[form] = term
    # Lucene's light stemmer would make بوت of بوتين.
    assert overrides["بوتين"] == "بوتين"
    assert overrides["وبوتين"] == "بوتين"
    assert overrides["بموسكو"] == analyze("بموسكو")[0] == "موسكو"
