"""``word*`` finds the words that begin with it, as the analyzer reads them (folded, clitics
and suffixes removed): روس* finds روسيا, الروسية and روسي, so at least what روسيا finds."""

import pytest
from whoosh import query as wq

from search.query import query_parse
from search.selectors import search_execute
from tests.factories import article_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "prefix"), [("روس*", "روس"), ("الروس*", "روس"), ("لافرو*", "لافرو")]
)
def test_a_trailing_star_is_a_prefix_of_the_analyzed_word(typed, prefix):
    parsed = query_parse(typed)
    assert parsed.query == wq.Prefix("text", prefix)


def test_a_star_inside_a_word_still_separates_words_and_one_letter_is_no_prefix():
    assert not isinstance(query_parse("روس*يا").query, wq.Prefix)
    assert not isinstance(query_parse("ر*").query, wq.Prefix)


def test_a_prefix_in_a_field_and_under_not():
    assert query_parse("title:روس*").query == wq.Prefix("title", "روس")
    assert query_parse("موسكو -روس*").query == wq.And(
        [wq.Term("text", "موسكو"), wq.Not(wq.Prefix("text", "روس"))]
    )


def test_the_star_finds_every_form_the_plain_word_misses(
    search_index, django_capture_on_commit_callbacks
):
    titles = ["زيارة إلى روسيا", "الحكومة الروسية تعلن", "وفد روسي في بغداد", "مباحثات في بغداد"]
    with django_capture_on_commit_callbacks(execute=True):
        articles = [article_create(title=title, body=title) for title in titles]
    star = {hit.article.pk for hit in search_execute(params={"q": "روس*"}, page=1).hits}
    plain = {hit.article.pk for hit in search_execute(params={"q": "روسيا"}, page=1).hits}
    assert star == {article.pk for article in articles[:3]}
    assert plain < star
