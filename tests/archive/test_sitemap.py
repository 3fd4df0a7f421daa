"""sitemap.xml lists what the public may see; robots.txt points to it and keeps crawlers out."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from django.utils import timezone

from archive.models import Article, Entity, Mention
from tests.factories import article_create, entity_create
from tests.languages import english

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _locations(response, tag="url") -> list[str]:
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [node.findtext("sm:loc", namespaces=NS) for node in root.findall(f"sm:{tag}", NS)]


def _lastmods(response) -> list[str]:
    root = ET.fromstring(response.content)
    return [node.findtext("sm:lastmod", namespaces=NS) for node in root.findall("sm:url", NS)]


def test_sitemap_index_points_to_article_and_entity_sections(client):
    locations = _locations(client.get("/sitemap.xml"), tag="sitemap")
    assert locations == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-entities.xml",
    ]


def test_article_sitemap_lists_published_articles_only_with_lastmod(client):
    published = article_create(title="الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات")
    draft = article_create(title="مسودة لم تنشر بعد", status=Article.Status.DRAFT)
    response = client.get("/sitemap-articles.xml")
    locations = _locations(response)
    permalink = published.get_absolute_url()
    assert locations == [f"http://testserver{permalink}", f"http://testserver{english(permalink)}"]
    assert f"/articles/{draft.pk}/" not in response.content.decode()
    assert _lastmods(response) == [timezone.localtime(published.updated_at).date().isoformat()] * 2


def test_each_sitemap_page_names_its_other_language_and_the_arabic_default(client):
    permalink = article_create().get_absolute_url()
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    for url in root.findall("sm:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.iter(xhtml)}
        assert alternates == {
            "ar": f"http://testserver{permalink}",
            "en": f"http://testserver{english(permalink)}",
            "x-default": f"http://testserver{permalink}",
        }


def test_entity_sitemap_lists_entities_with_published_mentions_only(client):
    mentioned = entity_create()
    only_in_draft = entity_create(name="يوري بوريسوف", name_en="Yury Borisov", name_ru="")
    never_mentioned = entity_create(kind=Entity.Kind.PLACE, name="موسكو", name_en="", name_ru="")
    merged = Entity.objects.create(kind=Entity.Kind.PERSON, name="لافروف", merged_into=mentioned)
    published = article_create()
    draft = article_create(status=Article.Status.DRAFT)
    Mention.objects.create(article=published, entity=mentioned)
    Mention.objects.create(article=published, entity=merged)
    Mention.objects.create(article=draft, entity=only_in_draft)
    locations = _locations(client.get("/sitemap-entities.xml"))
    permalink = mentioned.get_absolute_url()
    assert locations == [f"http://testserver{permalink}", f"http://testserver{english(permalink)}"]
    assert never_mentioned.get_absolute_url() not in str(locations)


def test_robots_txt_allows_all_points_to_sitemap_and_keeps_out_admin_and_api(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Disallow: /en/api/" in lines
    assert "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@override_settings(ADMIN_URL="redaction-9f2c/")
def test_robots_txt_follows_the_configured_admin_url(client):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /redaction-9f2c/" in lines
    assert "Disallow: /admin/" not in lines
