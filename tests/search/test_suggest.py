"""“Did you mean”: corrected queries built on the analyzer's vocabulary.

Two vocabularies: the lexicon's (word counts from 41,000 Arabic news articles, no index needed)
and a small Whoosh index of the five seed articles, analyzed like the archive's index.
"""

from pathlib import Path

import pytest
from whoosh import index
from whoosh.fields import ID, TEXT, Schema

from search.backends.whoosh.analyzer import ArabicAnalyzer
from search.backends.whoosh.vocabulary import WhooshVocabulary
from search.suggest import MAX_WORDS, LexiconVocabulary, suggest

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
# A Latin line as the archive gets in English-language bylines and quotes.
LATIN_DOCUMENT = "Sergei Lavrov received Iraqi Foreign Minister Fuad Hussein in Moscow."


@pytest.fixture(scope="module")
def lexicon() -> LexiconVocabulary:
    return LexiconVocabulary.default()


def _seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]


@pytest.fixture(scope="module")
def seed_reader(tmp_path_factory):
    """The seed articles in two segments (two commits, no merge), as a live index grows."""
    directory = tmp_path_factory.mktemp("suggest-index")
    schema = Schema(id=ID(stored=True), text=TEXT(analyzer=ArabicAnalyzer(), phrase=True))
    ix = index.create_in(directory, schema)
    texts = [*_seed_texts(), LATIN_DOCUMENT]
    for batch in (texts[:3], texts[3:]):
        writer = ix.writer()
        for number, text in enumerate(batch):
            writer.add_document(id=str(number), text=text)
        writer.commit(merge=False)
    reader = ix.reader()
    yield reader
    reader.close()


@pytest.fixture
def archive(seed_reader) -> WhooshVocabulary:
    return WhooshVocabulary(seed_reader, fieldname="text")


# --- lexicon vocabulary ------------------------------------------------------------------


def test_alef_maqsura_spelling_is_not_a_typo(lexicon):
    assert suggest("الكاظمى", vocabulary=lexicon) is None


def test_correct_arabic_query_gets_no_suggestion(lexicon):
    assert suggest("التعاون العسكري بين العراق وروسيا", vocabulary=lexicon) is None
    assert suggest("لافروف في موسكو", vocabulary=lexicon) is None


def test_letter_inserted_into_a_name_is_removed(lexicon):
    assert suggest("الكاظيمي", vocabulary=lexicon) == "الكاظمي"


def test_missing_letter_is_restored(lexicon):
    assert suggest("لافرف", vocabulary=lexicon) == "لافروف"
    assert suggest("الارهب", vocabulary=lexicon) == "الارهاب"


def test_extra_final_alef_is_removed(lexicon):
    assert suggest("موسكوا", vocabulary=lexicon) == "موسكو"


def test_typed_proclitic_is_kept(lexicon):
    assert suggest("بموسكوا", vocabulary=lexicon) == "بموسكو"
    assert suggest("والارهب", vocabulary=lexicon) == "والارهاب"


def test_typed_hamza_and_ta_marbuta_are_kept(lexicon):
    assert suggest("الإرهب", vocabulary=lexicon) == "الإرهاب"
    assert suggest("الاستراتجية", vocabulary=lexicon) == "الاستراتيجية"


def test_only_the_misspelled_word_changes(lexicon):
    assert suggest("زيارة لافرف إلى موسكوا", vocabulary=lexicon) == "زيارة لافروف إلى موسكو"


def test_swapped_letters_are_corrected(lexicon):
    assert suggest("مسوكو", vocabulary=lexicon) == "موسكو"


def test_quoted_phrase_is_kept_as_typed(lexicon):
    assert suggest('"لافرف موسكوا" موسكوا', vocabulary=lexicon) == '"لافرف موسكوا" موسكو'
    assert suggest("«لافرف في موسكوا»", vocabulary=lexicon) is None


def test_a_phrase_is_read_as_the_parser_reads_it(lexicon):
    # A typographic quote closed by a plain one is a phrase for the search, so it is kept.
    assert suggest('«لافرف" موسكوا', vocabulary=lexicon) == '«لافرف" موسكو'


def test_words_after_an_unclosed_quote_are_corrected(lexicon):
    # The query parser ignores a quotation mark that is never closed.
    assert suggest('"لافرف موسكوا', vocabulary=lexicon) == '"لافروف موسكو'


def test_operators_are_kept(lexicon):
    assert suggest("لافرف OR موسكوا", vocabulary=lexicon) == "لافروف OR موسكو"
    assert suggest("(لافرف أو موسكوا) NOT بغداد", vocabulary=lexicon) == (
        "(لافروف أو موسكو) NOT بغداد"
    )


def test_excluded_word_is_kept_as_typed(lexicon):
    assert suggest("لافرف -موسكوا", vocabulary=lexicon) == "لافروف -موسكوا"


def test_field_prefix_is_kept_and_its_word_corrected(lexicon):
    assert suggest("title:لافرف", vocabulary=lexicon) == "title:لافروف"
    assert suggest("عنوان:موسكوا", vocabulary=lexicon) == "عنوان:موسكو"


def test_empty_and_symbol_only_queries_get_no_suggestion(lexicon):
    for query in ("", "   ", '"', "()", "-", "2021", "OR"):
        assert suggest(query, vocabulary=lexicon) is None


def test_only_the_first_words_of_a_pasted_text_are_corrected(lexicon):
    query = " ".join(["موسكوا"] * (MAX_WORDS + 3))
    words = suggest(query, vocabulary=lexicon).split()
    assert words == ["موسكو"] * MAX_WORDS + ["موسكوا"] * 3


def test_word_mixing_scripts_is_left_alone(lexicon):
    assert suggest("موسكواOR", vocabulary=lexicon) is None


def test_latin_typo_without_latin_vocabulary_gets_no_suggestion(lexicon):
    assert suggest("Lavrof", vocabulary=lexicon) is None


def test_rare_real_word_next_to_a_common_one_is_kept(lexicon):
    # قطار (a train) is one letter from قطر (Qatar), a far commoner word.
    assert suggest("قطار", vocabulary=lexicon) is None


# --- Whoosh vocabulary ------------------------------------------------------------------


def test_index_vocabulary_corrects_names_of_the_archive(archive):
    assert suggest("الكاظيمي", vocabulary=archive) == "الكاظمي"
    assert suggest("لافرف في موسكوا", vocabulary=archive) == "لافروف في موسكو"


def test_name_found_only_in_the_index_is_suggested(archive):
    # ميشوستين (the Russian prime minister) is in a seed article but not in the lexicon.
    assert suggest("ميشستين", vocabulary=archive) == "ميشوستين"


def test_latin_typo_is_corrected_when_the_index_has_the_word(archive):
    assert suggest("Lavrof", vocabulary=archive) == "Lavrov"


def test_word_of_the_index_gets_no_suggestion(archive):
    assert suggest("الكاظمي يستقبل لافروف", vocabulary=archive) is None


def test_terms_are_found_in_every_segment(seed_reader, archive):
    assert len(seed_reader.leaf_readers()) == 2
    assert "لافروف" in set(archive.terms_near("لافرف", 1))
    assert "ميشوستين" in set(archive.terms_near("ميشستين", 1))


def test_two_edits_are_allowed_in_a_long_word(archive):
    assert "ميشوستين" in set(archive.terms_near("ميشستبن", 2))
    assert suggest("ميشستبن", vocabulary=archive) == "ميشوستين"


def test_vocabulary_of_a_field_the_index_lacks_suggests_nothing(seed_reader):
    vocabulary = WhooshVocabulary(seed_reader, fieldname="body")
    assert vocabulary.doc_frequency("موسكو") == 0
    assert suggest("موسكوا", vocabulary=vocabulary) is None
