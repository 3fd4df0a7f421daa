"""Stories: copies of one report across outlets kept together as articles come and go."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from archive.models import Article, Story, StoryBand, StoryFingerprint
from archive.selectors import story_sizes, story_versions
from archive.services.stories import (
    stories_assign,
    stories_rebuild,
    stories_update,
    story_fingerprints_refresh,
)
from tests.archive.story_texts import BASE, COPY, OTHER, SECOND_COPY, SHORT
from tests.factories import article_create, source_create

pytestmark = pytest.mark.django_db

DAY = date(2021, 4, 20)


def _article(body, *, day=DAY, outlet=("واس", "SPA"), **extra):
    source = source_create(name=outlet[0], name_en=outlet[1])
    return article_create(body=body, published_on=day, source=source, **extra)


def _fresh(*articles):
    return [Article.objects.get(pk=a.pk) for a in articles]


def test_an_agency_copy_in_other_spellings_joins_the_story_of_the_earliest_version():
    first = _article(BASE, day=DAY)
    copy = _article(COPY, day=DAY + timedelta(days=1), outlet=("كونا", "KUNA"))
    other = _article(OTHER, day=DAY)

    changed = stories_update(article_ids=[first.pk, copy.pk, other.pk])

    first, copy, other = _fresh(first, copy, other)
    assert first.story_id and first.story_id == copy.story_id
    assert other.story_id is None
    story = Story.objects.get()
    assert (story.first_article_id, story.size) == (first.pk, 2)
    assert first.story_similarity is None
    assert 0.5 < copy.story_similarity <= 1
    assert changed == {first.pk, copy.pk}
    assert [v.pk for v in story_versions(article=copy)] == [first.pk]
    assert story_sizes(article_ids=[first.pk, other.pk]) == {first.pk: 2, other.pk: 1}


def test_short_articles_never_join_a_story_even_word_for_word():
    a, b = _article(SHORT), _article(SHORT, outlet=("كونا", "KUNA"))
    long_one = _article(SHORT + "\n" + BASE)

    stories_update(article_ids=[a.pk, b.pk, long_one.pk])

    assert not Story.objects.exists()
    assert StoryFingerprint.objects.get(article=a).shingles < 25
    assert not StoryBand.objects.filter(article__in=[a, b]).exists()


def test_the_same_words_a_week_later_are_another_report():
    first = _article(BASE, day=DAY)
    later = _article(COPY, day=DAY + timedelta(days=8))
    stories_update(article_ids=[first.pk, later.pk])
    assert not Story.objects.exists()


def test_an_edit_that_makes_two_versions_diverge_splits_the_story():
    first, copy = _article(BASE), _article(COPY, outlet=("كونا", "KUNA"))
    stories_update(article_ids=[first.pk, copy.pk])
    assert Story.objects.count() == 1

    Article.objects.filter(pk=copy.pk).update(body=OTHER)
    changed = stories_update(article_ids=[copy.pk])

    first, copy = _fresh(first, copy)
    assert (first.story_id, copy.story_id) == (None, None)
    assert (first.story_similarity, copy.story_similarity) == (None, None)
    assert not Story.objects.exists()
    assert changed == {first.pk, copy.pk}


def test_deleting_the_earliest_version_keeps_the_story_whole():
    first = _article(BASE, day=DAY)
    copy = _article(COPY, day=DAY + timedelta(days=1), outlet=("كونا", "KUNA"))
    second = _article(SECOND_COPY, day=DAY + timedelta(days=2), outlet=("إينا", "INA"))
    stories_update(article_ids=[first.pk, copy.pk, second.pk])
    story = Story.objects.get()
    assert story.size == 3

    gone = first.pk
    first.delete()
    stories_update(article_ids=[gone])

    copy, second = _fresh(copy, second)
    story.refresh_from_db()
    assert copy.story_id == second.story_id == story.pk
    assert (story.first_article_id, story.size) == (copy.pk, 2)
    assert copy.story_similarity is None and second.story_similarity > 0.3


def test_withdrawing_a_version_takes_it_out_of_the_story():
    first, copy = _article(BASE), _article(COPY, outlet=("كونا", "KUNA"))
    stories_update(article_ids=[first.pk, copy.pk])

    Article.objects.filter(pk=copy.pk).update(status=Article.Status.DRAFT)
    stories_update(article_ids=[copy.pk])

    assert [a.story_id for a in _fresh(first, copy)] == [None, None]
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "order",
    [
        ("print a", "print b", "assign a", "assign b"),
        ("print a", "print b", "assign b", "assign a"),
        ("print a", "assign a", "print b", "assign b"),
        ("print b", "print a", "assign a", "assign b"),
    ],
)
def test_two_copies_imported_at_once_end_in_one_story_whatever_the_interleaving(order):
    """Each worker batch fingerprints its article, then assigns it under the stories lock."""
    articles = {"a": _article(BASE), "b": _article(COPY, outlet=("كونا", "KUNA"))}
    steps = {"print": story_fingerprints_refresh, "assign": stories_assign}
    for step in order:
        action, name = step.split()
        steps[action](article_ids=[articles[name].pk])

    a, b = _fresh(articles["a"], articles["b"])
    assert a.story_id is not None and a.story_id == b.story_id
    assert Story.objects.count() == 1


def test_rebuild_finds_the_same_stories_and_a_second_run_changes_nothing():
    first = _article(BASE, day=DAY)
    copy = _article(COPY, day=DAY + timedelta(days=1), outlet=("كونا", "KUNA"))
    second = _article(SECOND_COPY, day=DAY + timedelta(days=1), outlet=("إينا", "INA"))
    other = _article(OTHER)
    short = _article(SHORT)

    report = stories_rebuild()
    assert report.fingerprinted == 5 and report.stories == 1
    story = Story.objects.get()
    assert set(story.articles.values_list("pk", flat=True)) == {first.pk, copy.pk, second.pk}
    assert {other.pk, short.pk}.isdisjoint(report.changed)

    again = stories_rebuild()
    assert (again.fingerprinted, again.changed, again.stories) == (0, set(), 1)
    assert Story.objects.get().pk == story.pk


def test_rebuild_repairs_stories_written_by_hand():
    first, copy = _article(BASE), _article(COPY, outlet=("كونا", "KUNA"))
    other = _article(OTHER)
    wrong = Story.objects.create(first_article=other, size=2)
    Article.objects.filter(pk__in=[first.pk, other.pk]).update(story=wrong, story_similarity=0.9)

    stories_rebuild()

    first, copy, other = _fresh(first, copy, other)
    assert first.story_id == copy.story_id is not None
    assert other.story_id is None
    assert Story.objects.count() == 1


def test_a_text_edit_recomputes_the_fingerprint_and_nothing_else_is_rehashed():
    first, copy = _article(BASE), _article(COPY, outlet=("كونا", "KUNA"))
    assert story_fingerprints_refresh(article_ids=[first.pk, copy.pk]) == 2
    Article.objects.filter(pk=copy.pk).update(body=SECOND_COPY)
    assert story_fingerprints_refresh(article_ids=[first.pk, copy.pk]) == 1


def test_rebuild_command_reports_and_is_idempotent():
    _article(BASE), _article(COPY, outlet=("كونا", "KUNA"))
    out = StringIO()
    call_command("rebuild_stories", "--no-index", stdout=out)
    assert "stories: 1; articles changed: 2" in out.getvalue()
    out = StringIO()
    call_command("rebuild_stories", "--no-index", stdout=out)
    assert "fingerprints computed: 0; stories: 1; articles changed: 0" in out.getvalue()
