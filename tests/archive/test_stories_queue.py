"""Stories follow the index write queue: the indexer assigns them when it applies a batch."""

from datetime import date

import pytest
from haystack import connections

from archive.models import Article, Story
from search.indexing import index_queue_drain
from search.models import IndexTask
from tests.archive.story_texts import BASE, COPY
from tests.factories import article_create, source_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_index():
    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


def test_the_indexer_puts_two_queued_copies_in_one_story(empty_index):
    spa, kuna = source_create(name="واس", name_en="SPA"), source_create(name="كونا", name_en="KUNA")
    first = article_create(body=BASE, published_on=date(2021, 4, 20), source=spa)
    copy = article_create(body=COPY, published_on=date(2021, 4, 21), source=kuna)
    assert IndexTask.objects.filter(article_id__in=[first.pk, copy.pk]).exists()

    report = index_queue_drain()

    first, copy = Article.objects.get(pk=first.pk), Article.objects.get(pk=copy.pk)
    assert first.story_id == copy.story_id == Story.objects.get().pk
    assert report.indexed == 2 and not IndexTask.objects.exists()


def test_withdrawing_a_copy_through_the_queue_dissolves_its_story(empty_index):
    first = article_create(body=BASE, published_on=date(2021, 4, 20))
    copy = article_create(body=COPY, published_on=date(2021, 4, 20))
    index_queue_drain()
    assert Story.objects.count() == 1

    copy.status = Article.Status.DRAFT
    copy.save()
    index_queue_drain()

    assert not Story.objects.exists()
    assert Article.objects.get(pk=first.pk).story_id is None
