"""Most-of-the-words matching on a real Elasticsearch server: the Whoosh backend's answers.

Skipped, with the reason, unless ``DJANGO_TEST_ELASTICSEARCH_URL`` names a server (see
``test_elasticsearch_contract.py``, whose fixtures these tests share).
"""

import pytest

from tests.contract.test_elasticsearch_contract import _request, elastic, pytestmark, seeds, whoosh

__all__ = ["elastic", "pytestmark", "seeds", "whoosh"]

# Plain queries of three to five words over the seed articles.
QUERIES = ("لافروف الكاظمي موسكو", "الكاظمي بوتين موسكو بغداد الجعفري")


@pytest.mark.parametrize("q", QUERIES)
@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_most_words_find_the_same_groups_as_whoosh(whoosh, elastic, seeds, q, sort):
    request = _request(q, sort=sort)
    expected, got = whoosh.execute(request), elastic.execute(request)
    assert (got.count, got.all_words_count) == (expected.count, expected.all_words_count)
    first = expected.all_words_count
    assert {pk for pk, _ in got.hits[:first]} == {pk for pk, _ in expected.hits[:first]}
    assert {pk for pk, _ in got.hits[first:]} == {pk for pk, _ in expected.hits[first:]}
    assert got.facets == expected.facets
