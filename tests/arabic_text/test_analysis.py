"""The Arabic analyzer: spellings that must meet, words that must stay apart, offsets, Whoosh."""

import doctest
import itertools
import pickle

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from arabic_text import (
    analysis,
    analyze,
    fold,
    stem,
    strip_proclitics,
    tokens,
)
from search.backends.whoosh.analyzer import ArabicAnalyzer
from tests.arabic_text.lucene_reference import lucene_analyze
from tests.conftest import SEEDS_DIR


def seed(number: str) -> str:
    (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8")


def term_of(word: str) -> str:
    (term,) = analyze(word)
    return term


SAME_WORD = {
    "hamza on alef, article and clitics": ["الإرهاب", "الارهاب", "والإرهاب", "للإرهاب", "بالإرهاب"],
    "nisba, tatweel, conjunction and ta marbuta as heh": [
        "العراقية",
        "العراقـية",
        "والعراقية",
        "العراقيه",
    ],
    "shadda inside the word": ["تطلّع", "تطلع"],
    "dateline with and without hamza": ["إيلاف", "ايلاف"],
    "lone preposition or conjunction before a city": ["موسكو", "بموسكو", "وموسكو", "لموسكو"],
    "lone preposition or conjunction before a country": ["روسيا", "لروسيا", "وروسيا", "بروسيا"],
    "stacked prefixes": ["العراق", "بالعراق", "وللعراق", "وبالعراق", "للعراق"],
    "hamza on waw or on yeh": ["مسؤول", "مسئول"],
    "hamza seat in a plural": ["شؤون", "شئون"],
    "pronoun suffix after ta marbuta": ["زيارة", "زيارته", "لزيارة"],
    "pronoun suffix on a plural": ["العلاقات", "علاقاتها"],
    "dual and plural of a noun": ["البلد", "البلدين"],
    "Arabic-Indic and Persian digits": ["٢٠٢١", "2021", "۲۰۲۱"],
    "presentation forms": ["ﺍﻟﻌﺮﺍﻕ", "العراق"],
    "lam-alef ligature": ["ﻻفروف", "لافروف"],
    "dagger alef": ["الرحمٰن", "الرحمن"],
    "Persian yeh and keheh": ["کرکوک", "كركوك"],
    "final hamza after alef": ["كربلاء", "كربلا"],
    "preposition glued to a committee": ["للجنة", "اللجنة", "للّجنة"],
    "name with and without the article and clitics": ["الكاظمي", "للكاظمي", "والكاظمي"],
    "preposition before a verbal noun": ["لتعزيز", "تعزيز", "وتعزيز"],
    "name with a bidi mark and zero-width joiner inside": ["بوتين", "بو\u200dتين\u200f"],
}


@pytest.mark.parametrize("forms", SAME_WORD.values(), ids=SAME_WORD.keys())
def test_spellings_of_one_word_share_one_term(forms):
    assert {term_of(form) for form in forms} == {term_of(forms[0])}


DIFFERENT_WORDS = {
    "the name Ali and the preposition ala": ("علي", "على"),
    "country and a non-word": ("بلد", "لد"),
    "Baghdad keeps its first letter": ("بغداد", "غداد"),
    "minister is not a water jar": ("وزير", "زير"),
    "Lebanon is not a fingertip": ("لبنان", "بنان"),
    "committee is not paradise": ("لجنة", "جنة"),
    "Putin is not reduced": ("بوتين", "بوت"),
    "Lavrov keeps his lam": ("لافروف", "افروف"),
    "al-Sudani is not Sudan": ("السوداني", "السودان"),
    "Germany is not mania": ("ألمانيا", "مانيا"),
    "Kerry is not sees": ("كيري", "يري"),
}


@pytest.mark.parametrize("pair", DIFFERENT_WORDS.values(), ids=DIFFERENT_WORDS.keys())
def test_different_words_keep_different_terms(pair):
    assert analyze(pair[0]) != analyze(pair[1])


def test_preposition_ala_is_a_stop_word_but_the_name_ali_is_indexed():
    assert analyze("على") == []
    assert analyze("وعلى") == []
    assert analyze("علي") == ["علي"]


NOT_REDUCED = ["بوتين", "لافروف", "بوغدانوف", "موسكو", "بغداد", "روسيا", "تعاون", "شؤون", "سوريا"]


@pytest.mark.parametrize("word", NOT_REDUCED)
def test_names_and_short_words_that_look_affixed_are_not_reduced(word):
    assert term_of(word) == fold(word)


def test_a_name_is_one_term_with_and_without_article_and_never_another_word():
    assert {term_of(w) for w in ("الكاظمي", "كاظمي", "بالكاظمي")} == {"كاظمي"}
    assert term_of("الكاظمي") != term_of("كاظم")


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_suffix_stripping_leaves_three_letters_and_proclitic_stripping_two(number):
    for token in tokens(seed(number)):
        if token.term and len(token.folded) >= 3:
            assert len(token.term) >= 2, token
            if token.term not in strip_proclitics(token.folded):
                assert len(token.term) >= 3, token


def test_latin_and_cyrillic_words_are_lowercased_and_indexed():
    assert analyze("Lavrov وLAVROV Лавров ЛАВРОВ") == ["lavrov", "lavrov", "лавров", "лавров"]


def test_fold_normalizes_without_stemming_or_dropping_words():
    assert fold("وأكّد الكاظميُّ على") == "واكد الكاظمي علي"
    assert fold("ﷲ ﻻ") == "الله لا"
    assert fold("ی ک گ") == "ي ك ك"


def test_strip_proclitics_lists_every_reading_longest_stripped_last():
    assert strip_proclitics("والكاظمي") == ["والكاظمي", "الكاظمي", "كاظمي"]
    assert strip_proclitics("بموسكو") == ["بموسكو", "موسكو"]
    assert strip_proclitics("لروسيا") == ["لروسيا", "روسيا"]
    assert strip_proclitics("بلد") == ["بلد", "لد"]
    assert all(len(form) >= 2 for form in strip_proclitics("ولل"))


def test_stem_takes_a_folded_word():
    assert stem(fold("والإرهاب")) == term_of("والإرهاب")


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


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_tokens_point_back_into_the_original_text(number):
    text = seed(number)
    found = tokens(text)
    assert found
    for token in found:
        assert text[token.start : token.end] == token.text
        assert token.folded == fold(token.text)
    assert [t.term for t in found if t.term] == analyze(text)


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_whoosh_analyzer_yields_the_terms_of_analyze_with_offsets(number):
    text = seed(number)
    whoosh_tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in ArabicAnalyzer()(text, positions=True, chars=True)
    ]
    assert [t[0] for t in whoosh_tokens] == analyze(text)
    assert [t[1] for t in whoosh_tokens] == list(range(len(whoosh_tokens)))
    ours = [t for t in tokens(text) if t.term]
    assert [(t[2], t[3]) for t in whoosh_tokens] == [(t.start, t.end) for t in ours]


def test_whoosh_positions_of_a_later_value_continue_from_start_pos():
    analyzed = ArabicAnalyzer()("على الحرب على الإرهاب", positions=True, start_pos=7)
    assert [(t.text, t.pos) for t in analyzed] == [("حرب", 7), ("ارهاب", 8)]


def test_whoosh_analyzer_marks_stop_words_when_asked_to_keep_them():
    kept = [(t.text, t.stopped) for t in ArabicAnalyzer()("الحرب على الإرهاب", removestops=False)]
    assert kept == [("حرب", False), ("على", True), ("ارهاب", False)]


def test_whoosh_analyzer_survives_pickling_without_its_caches():
    analyzer = ArabicAnalyzer()
    analyze(seed("000"))
    data = pickle.dumps(analyzer)
    restored = pickle.loads(data)
    assert restored == analyzer
    assert [t.text for t in restored(seed("001"))] == analyze(seed("001"))
    assert len(data) < 500


@pytest.fixture(scope="module")
def seed_index():
    schema = Schema(number=ID(stored=True), body=TEXT(analyzer=ArabicAnalyzer()))
    index = RamStorage().create_index(schema)
    writer = index.writer()
    for number in ("000", "001", "002", "003", "004"):
        writer.add_document(number=number, body=seed(number))
    writer.commit()
    return index


def search_numbers(index, query: str) -> set[str]:
    with index.searcher() as searcher:
        parsed = QueryParser("body", index.schema).parse(query)
        return {hit["number"] for hit in searcher.search(parsed, limit=None)}


def test_query_without_hamza_finds_articles_written_with_hamza(seed_index):
    assert "الإرهاب" in seed("003") and "الارهاب" not in seed("003")
    assert "003" in search_numbers(seed_index, "الارهاب")


def test_phrase_query_finds_the_exact_phrase(seed_index):
    found = search_numbers(seed_index, '"اللجنة العراقية الروسية المشتركة"')
    assert found == {"000", "001", "002"}


def test_phrase_with_a_stop_word_inside_finds_the_phrase(seed_index):
    assert search_numbers(seed_index, '"الحرب على الإرهاب"') == {"000"}


def test_wildcard_query_is_folded_like_the_index(seed_index):
    assert search_numbers(seed_index, "لافرو*") == {"003", "004"}


LUCENE_MISSES = {
    "stacked prefixes": ("وللعراق", "العراق"),
    "lone preposition before a city": ("بموسكو", "موسكو"),
    "lone preposition before a country": ("لروسيا", "روسيا"),
    "pronoun suffix": ("زيارته", "زيارة"),
    "hamza seat": ("مسؤول", "مسئول"),
    "dagger alef": ("هٰذه المنظمة", "هذه المنظمة"),
    "presentation forms": ("ﺍﻟﻌﺮﺍﻕ", "العراق"),
    "Persian letters": ("کرکوک", "كركوك"),
}


@pytest.mark.parametrize("pair", LUCENE_MISSES.values(), ids=LUCENE_MISSES.keys())
def test_we_join_spellings_that_lucene_keeps_apart(pair):
    assert analyze(pair[0]) == analyze(pair[1])
    assert lucene_analyze(pair[0]) != lucene_analyze(pair[1])


LUCENE_CONFLATES = {
    "minister and water jar": ("وزير", "زير"),
    "Ali and a non-word": ("علي", "عل"),
    "cooperation and a non-word": ("تعاون", "تعا"),
    "affairs and a non-word": ("شؤون", "شؤ"),
    "Putin and a non-word": ("بوتين", "بوت"),
}


@pytest.mark.parametrize("pair", LUCENE_CONFLATES.values(), ids=LUCENE_CONFLATES.keys())
def test_we_avoid_lucenes_over_stemming(pair):
    assert lucene_analyze(pair[0]) == lucene_analyze(pair[1])
    assert analyze(pair[0]) != analyze(pair[1])


def test_docstring_examples_hold():
    result = doctest.testmod(analysis)
    assert result.attempted > 5
    assert result.failed == 0


# --- token_columns: the column form of tokens(terms=False) used by entity extraction ---


def _columns_from_tokens(text: str) -> analysis.TokenColumns:
    found = tokens(text, terms=False)
    return analysis.TokenColumns(
        [t.text for t in found],
        [t.start for t in found],
        [t.end for t in found],
        [t.folded for t in found],
        [t.term is None for t in found],
        [text[a.end : b.start] for a, b in itertools.pairwise(found)],
    )


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_token_columns_give_the_words_offsets_and_stop_words_of_tokens(number):
    text = seed(number)
    columns = analysis.token_columns(text)
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
    assert analysis.token_columns(text) == _columns_from_tokens(text)
