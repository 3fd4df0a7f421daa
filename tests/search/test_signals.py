"""The search index follows the archive through signals, never through calls from it.

Model saves and ``archive.signals.articles_changed`` queue index tasks inside the
sender's transaction; ``import_started`` … ``import_finished`` hold back the inline
application of the queue and apply it once at the end.
"""

import pytest
from django.db import transaction

from archive.models import Article
from archive.signals import articles_changed, import_finished, import_started
from search.indexing import indexed_versions
from search.models import IndexTask
from tests.factories import article_create

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def queued_ids() -> list[int]:
    return sorted(set(IndexTask.objects.values_list("article_id", flat=True)))


def test_articles_changed_queues_those_articles_and_rolls_back_with_the_sender():
    first = article_create(body="أكد الكاظمي أن بلاده تختط سياسة للانفتاح على روسيا.")
    second = article_create(body="استقبل الكاظمي السفير الروسي في بغداد.")
    IndexTask.objects.all().delete()

    with pytest.raises(RuntimeError), transaction.atomic():
        articles_changed.send(sender=Article, article_ids=[first.pk])
        assert queued_ids() == [first.pk]
        raise RuntimeError("the change fails")
    assert queued_ids() == []

    with transaction.atomic():
        articles_changed.send(sender=Article, article_ids=[first.pk, second.pk])
    assert queued_ids() == sorted([first.pk, second.pk])


def test_an_import_queues_each_save_and_applies_the_queue_once_at_the_end(
    django_capture_on_commit_callbacks,
):
    IndexTask.objects.all().delete()
    import_started.send(sender=None)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with transaction.atomic():
                article = article_create(body="وصل وفد روسي إلى بغداد لبحث التعاون.")
        assert callbacks == []  # no inline application
        assert queued_ids() == [article.pk]
    finally:
        responses = import_finished.send(sender=None, imported=1, follow_up=True)

    assert [value for _receiver, value in responses] == [1]
    assert queued_ids() == []
    assert article.pk in indexed_versions()


def test_after_an_import_saves_are_applied_inline_again(django_capture_on_commit_callbacks):
    import_started.send(sender=None)
    responses = import_finished.send(sender=None, imported=0, follow_up=True)
    assert [value for _receiver, value in responses] == [0]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            article = article_create(body="بحث لافروف مع نظيره العراقي الملفات المشتركة.")
    assert len(callbacks) == 1
    assert queued_ids() == []
    assert article.pk in indexed_versions()


def test_an_import_left_to_the_indexer_keeps_its_queue(django_capture_on_commit_callbacks):
    IndexTask.objects.all().delete()
    import_started.send(sender=None)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article = article_create(body="أعلنت موسكو وبغداد عن اتفاق جديد للطاقة.")
    responses = import_finished.send(sender=None, imported=1, follow_up=False)

    assert [value for _receiver, value in responses] == [0]
    assert queued_ids() == [article.pk]
    assert article.pk not in indexed_versions()
