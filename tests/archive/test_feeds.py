"""Atom feeds of the newest articles and of each entity, read with a real feed parser."""

from datetime import date

import feedparser
import pytest
from django.test import RequestFactory

from archive.feeds import ArticleFeedSpec, article_feed
from archive.models import Article, Entity, Mention
from tests.factories import article_create, entity_create, source_create
from tests.languages import english

pytestmark = pytest.mark.django_db

TITLES = [
    "الكاظمي يستقبل مسؤولاً روسياً: العراق يتبنى سياسة انفتاح على كل الشركاء",
    "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات والتعاون في كافة المجالات",
    "وزير الخارجية العراقي فؤاد حسين يبحث مع لافروف التعاون العسكري",
]
BODY = "بحث وزير الخارجية العراقي إبراهيم الجعفري مع نظيره الروسي سيرغي لافروف في موسكو."


def _parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def articles():
    elaph = source_create()
    days = [date(2021, 4, 22), date(2015, 5, 19), date(2020, 11, 25)]
    return [
        article_create(title=title, body=BODY, published_on=day, source=elaph)
        for title, day in zip(TITLES, days, strict=True)
    ]


def test_latest_feed_lists_published_articles_newest_first_with_absolute_links(client, articles):
    article_create(title="مسودة لم تنشر بعد", body=BODY, status=Article.Status.DRAFT)
    feed = _parse(client.get("/feed/"))
    assert [entry.title for entry in feed.entries] == [TITLES[0], TITLES[2], TITLES[1]]
    newest = feed.entries[0]
    assert newest.link == f"http://testserver{articles[0].get_absolute_url()}"
    assert newest.id == f"http://testserver/articles/{articles[0].pk}/"
    assert newest.author == "إيلاف"
    assert newest.summary.startswith("بحث وزير الخارجية العراقي")
    assert newest.published.startswith("2021-04-22")
    assert feed.feed.link == "http://testserver/"


def test_entry_id_survives_a_title_edit(client, articles):
    before = _parse(client.get("/feed/")).entries[0].id
    articles[0].title = "عنوان معدل: الكاظمي يستقبل بوريسوف"
    articles[0].save()
    after = _parse(client.get("/feed/")).entries[0]
    assert after.id == before
    assert after.link == f"http://testserver{articles[0].get_absolute_url()}"


def test_entity_feed_lists_only_published_articles_mentioning_the_entity(client, articles):
    lavrov = entity_create()
    for article in articles[1:]:
        Mention.objects.create(article=article, entity=lavrov, count=1)
    draft = article_create(title="مسودة عن لافروف", body=BODY, status=Article.Status.DRAFT)
    Mention.objects.create(article=draft, entity=lavrov, count=1)
    feed = _parse(client.get(f"/entities/{lavrov.pk}/feed/"))
    assert [entry.title for entry in feed.entries] == [TITLES[2], TITLES[1]]
    assert "سيرغي لافروف" in feed.feed.title
    assert feed.feed.link == f"http://testserver{lavrov.get_absolute_url()}"


def test_entity_feed_title_uses_english_name_in_english(client):
    lavrov = entity_create()
    feed = _parse(client.get(english(f"/entities/{lavrov.pk}/feed/")))
    assert feed.feed.title == "Articles mentioning Sergey Lavrov"
    assert feed.entries == []


def test_feed_of_a_merged_entity_redirects_to_the_surviving_entity(client):
    survivor = entity_create()
    merged = Entity.objects.create(kind=Entity.Kind.PERSON, name="لافروف", merged_into=survivor)
    response = client.get(f"/entities/{merged.pk}/feed/")
    assert response.status_code == 301
    assert response["Location"] == f"/entities/{survivor.pk}/feed/"


def test_feed_of_unknown_entity_is_404(client):
    assert client.get("/entities/999999/feed/").status_code == 404


def test_any_list_of_articles_becomes_a_feed_in_the_given_order(articles):
    # How a search feed plugs in: the caller chooses the articles and their order.
    spec = ArticleFeedSpec(
        title="بحث: لافروف",
        link="/search/?q=%D9%84%D8%A7%D9%81%D8%B1%D9%88%D9%81",
        articles=articles,
    )
    request = RequestFactory().get("/search/feed/?q=lavrov")
    feed = feedparser.parse(article_feed(request, spec=spec).content)
    assert [entry.title for entry in feed.entries] == TITLES
    assert feed.feed.title == "بحث: لافروف"
    assert feed.feed.link.startswith("http://testserver/search/?q=")
