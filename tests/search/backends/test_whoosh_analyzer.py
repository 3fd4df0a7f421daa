"""The Arabic pipeline as Whoosh's analyzer: same terms and offsets, queries, pickling."""

import pickle

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from arabic_text import analyze, tokens
from search.backends.whoosh.analyzer import ArabicAnalyzer
from tests.arabic_text.samples import SEED_NUMBERS, seed


@pytest.mark.parametrize("number", SEED_NUMBERS)
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
    for number in SEED_NUMBERS:
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
