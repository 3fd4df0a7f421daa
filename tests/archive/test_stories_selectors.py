"""The reads pages use to show a story: the other versions, earliest first, and story sizes."""

from datetime import date

import pytest

from archive.models import Article, Story
from archive.selectors import story_matches, story_sizes, story_versions
from archive.services.stories import stories_update
from tests.archive.story_texts import BASE as REPORT
from tests.archive.story_texts import COPY, OTHER, SHORT
from tests.factories import article_create, source_create

pytestmark = pytest.mark.django_db

BODY = "وقع العراق وروسيا اتفاقية للتعاون في مجال الطاقة خلال زيارة وزير النفط إلى موسكو."


def _story_of(*articles, similarities):
    story = Story.objects.create(first_article=articles[0], size=len(articles))
    for article, similarity in zip(articles, similarities, strict=True):
        Article.objects.filter(pk=article.pk).update(story=story, story_similarity=similarity)
        article.refresh_from_db()
    return story


def test_versions_list_the_other_published_versions_earliest_first_with_their_outlets():
    spa = source_create(name="واس", name_en="SPA")
    kuna = source_create(name="كونا", name_en="KUNA")
    first = article_create(body=BODY, published_on=date(2021, 4, 20), source=spa)
    second = article_create(body=BODY + " وأضاف", published_on=date(2021, 4, 21), source=kuna)
    third = article_create(body=BODY + " وقال", published_on=date(2021, 4, 22), source=spa)
    draft = article_create(body=BODY + " مسودة", status=Article.Status.DRAFT)
    _story_of(first, second, third, draft, similarities=[None, 0.9, 0.8, 0.7])

    versions = story_versions(article=third)

    assert [v.pk for v in versions] == [first.pk, second.pk]
    assert versions[1].source.name_en == "KUNA"
    assert versions[1].story_similarity == pytest.approx(0.9)


def test_an_article_alone_has_no_other_versions_and_counts_one():
    alone = article_create(body=BODY)
    assert story_versions(article=alone) == []
    assert story_sizes(article_ids=[alone.pk]) == {alone.pk: 1}


def test_sizes_give_each_article_the_number_of_versions_of_its_story():
    a, b = article_create(body=BODY), article_create(body=BODY + " ثم")
    alone = article_create(body="خبر آخر تماما عن الزراعة")
    _story_of(a, b, similarities=[None, 0.92])
    assert story_sizes(article_ids=[a.pk, b.pk, alone.pk]) == {a.pk: 2, b.pk: 2, alone.pk: 1}


def test_matches_name_the_published_version_an_uploaded_text_reproduces():
    spa = source_create(name="واس", name_en="SPA")
    original = article_create(body=REPORT, published_on=date(2021, 4, 20), source=spa)
    other = article_create(body=OTHER, published_on=date(2021, 4, 20))
    draft = article_create(body=REPORT + " مسودة", status=Article.Status.DRAFT)
    stories_update(article_ids=[original.pk, other.pk, draft.pk])

    matches = story_matches(body=COPY, published_on=date(2021, 4, 21))

    assert [(article.pk, article.source.name_en) for article, _ in matches] == [
        (original.pk, "SPA")
    ]
    assert 0.5 < matches[0][1] <= 1
    assert story_matches(body=COPY, published_on=date(2021, 6, 1)) == []
    assert story_matches(body=SHORT) == []
