"""The fast paths give the same answers as the plain ones: multi-process rebuild, highlighting
only around candidate matches."""

from datetime import date, datetime

import pytest
from django.core.management import call_command
from haystack import connections
from whoosh.query import DateRange

from arabic_text import tokens
from archive.models import Article
from search.backends.base import SORT_NEWEST, SearchRequest
from search.highlight import _candidate_matches, highlight, query_marks
from search.query import query_parse
from tests.search.conftest import seed_text, seeds_create

QUERIES = ("الارهاب", "موسكو", '"اللجنة العراقية الروسية المشتركة"', "لافروف OR الجعفري")


def _answers(backend) -> dict:
    answers = {}
    for text in QUERIES:
        parsed = query_parse(text)
        request = SearchRequest(
            query=parsed.query,
            score_query=parsed.score_query,
            sort=SORT_NEWEST,
            limit=50,
            facet_fields=("person", "place", "source", "year"),
        )
        outcome = backend.execute(request)
        answers[text] = (outcome.count, [pk for pk, _ in outcome.hits], outcome.facets)
    return answers


def _index():
    return connections["default"].get_unified_index().get_index(Article)


@pytest.mark.parametrize("procs", [1, 2])
def test_fast_rebuild_indexes_the_same_documents_as_a_plain_update(db, search_index, procs):
    seeds_create()
    index = _index()
    search_index.update(index, index.index_queryset())
    expected = _answers(search_index)
    assert expected["موسكو"][0] == 4

    written = search_index.rebuild(index, [list(index.index_queryset())], procs=procs)

    assert written == 5
    assert search_index.document_count() == 5
    assert _answers(search_index) == expected


def test_rebuild_index_fast_command_replaces_what_the_index_held(db, search_index):
    seeds = seeds_create()
    index = _index()
    search_index.update(index, index.index_queryset())
    unpublished = seeds.articles["004"]
    Article.objects.filter(pk=unpublished.pk).update(status=Article.Status.DRAFT)

    call_command("rebuild_index_fast", procs=2, verbosity=0)

    assert set(search_index.indexed_versions()) == seeds.ids("000", "001", "002", "003")


def test_a_long_text_is_tokenized_only_around_its_matches():
    text = "\n".join(seed_text(number) for number in ("000", "001", "002", "003", "004"))
    words, matches, at_start, at_end = _candidate_matches(text, query_marks("لافروف"), 320)
    assert 0 < len(words) < len(tokens(text)) / 2
    assert matches
    assert (at_start, at_end) == (False, False)
    assert all(text[w.start : w.end] == w.text for w in words)


@pytest.mark.parametrize(
    "query", ["لافروف", "الارهاب", "موسكو بغداد", "مسئول", "تطلع", '"وزير الخارجية" موسكو']
)
def test_highlighting_around_candidates_gives_the_same_snippet_as_tokenizing_everything(
    query, monkeypatch
):
    text = "\n".join(seed_text(number) for number in ("000", "001", "002", "003", "004"))
    snippet = highlight(text, query)
    monkeypatch.setattr("search.highlight._PRESELECT_FACTOR", len(text))  # tokenize it all
    whole = highlight(text, query)

    assert any(segment.marked for segment in snippet)
    assert snippet == whole


def test_a_long_text_without_a_match_gives_its_beginning():
    text = "\n".join(seed_text(number) for number in ("000", "001", "002", "003", "004"))
    (snippet,) = highlight(text, "كلمةغيرموجودة")
    assert not snippet.marked
    assert snippet.text.endswith("…")
    assert snippet.text.startswith(text.split()[0])


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [(date(2021, 1, 1), None), (None, date(2021, 4, 22)), (date(2020, 11, 25), date(2021, 4, 22))],
)
def test_a_date_range_from_the_date_column_matches_whooshs_date_range_query(
    seeds, date_from, date_to
):
    backend = connections["default"].get_backend()
    request = SearchRequest(date_from=date_from, date_to=date_to, limit=50)
    start = datetime(date_from.year, date_from.month, date_from.day) if date_from else None
    end = datetime(date_to.year, date_to.month, date_to.day) if date_to else None
    expected = {
        int(backend.searcher().stored_fields(docnum)["django_id"])
        for docnum in backend.searcher().docs_for_query(DateRange("published_on", start, end))
    }

    found = {pk for pk, _score in backend.execute(request).hits}

    assert found == expected
    assert found  # every range holds a seed: the seeds are dated 2020-11 to 2021-11
