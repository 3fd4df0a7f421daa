"""The index keeps each article's story key in step with the stories: an article that joins a
story through the write queue (detection in ``archive.services.stories``) is collapsed with
its other versions, and one that leaves the story stands alone again."""

from datetime import date

import pytest
from django.db import transaction
from haystack import connections

from archive.models import Article
from search.selectors import search_execute
from tests.factories import article_create, source_create
from tests.search.conftest import seed_title_body

# A word of seed 003 only (checked with grep on the seeds).
STORY_WORD = "التمنيات"


@pytest.fixture
def empty_index(transactional_db):
    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


def _reprint(body: str, *, source, day) -> Article:
    """A reprint as an editor saves it: committed, so the index task is applied inline."""
    with transaction.atomic():
        return article_create(
            title="فؤاد حسين ينقل تحيات الكاظمي إلى بوتين",
            body=body,
            published_on=day,
            source=source,
        )


def test_versions_saved_through_the_queue_are_collapsed_and_split_again(empty_index):
    title, body = seed_title_body("003")
    with transaction.atomic():
        first = article_create(
            title=title, body=body, published_on=date(2020, 11, 25), source=source_create()
        )
    paragraphs = body.split("\n")
    second = _reprint(
        "\n".join(paragraphs[:-1]),
        source=source_create(name="روسيا اليوم", name_en="RT Arabic"),
        day=date(2020, 11, 26),
    )
    second.refresh_from_db()
    assert second.story_id is not None
    results = search_execute(params={"q": STORY_WORD})
    assert results.count == 1
    assert results.stories.article_count == 2
    assert results.stories.story(results.hits[0].article.pk) == (f"s{second.story_id}", 2)

    # An edit that makes the second text another story takes it out of the first's.
    with transaction.atomic():
        second.body = "نص مختلف تمامًا عن وزير الخارجية العراقي وزيارته إلى موسكو. " * 3
        second.body += STORY_WORD
        second.save()
    results = search_execute(params={"q": STORY_WORD})
    assert {hit.article.pk for hit in results.hits} == {first.pk, second.pk}
    assert results.count == 2
