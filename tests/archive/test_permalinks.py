"""Permalinks: canonical URLs, 301s from short and old URLs, drafts, and page metadata."""

import json
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import set_script_prefix

from archive.models import Article, Mention
from tests.factories import article_create, entity_create, source_create

pytestmark = pytest.mark.django_db

TITLE = "الجعفري يبحث مع لافروف في موسكو تعزيز العلاقات والتعاون في كافة المجالات"
BODY = (
    "بحث وزير الخارجية العراقي إبراهيم الجعفري مع نظيره الروسي سيرغي لافروف في العاصمة موسكو "
    "العلاقات الثنائيّة بين بغداد وموسكو.\n"
    "ووصل الجعفري إلى موسكو أمس الإثنين، لترؤس وفد العراق في اجتماعات الدورة السابعة."
)
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture
def article():
    return article_create(title=TITLE, body=BODY, source=source_create())


def _user(*, staff: bool):
    return get_user_model().objects.create_user(
        username="muharrir" if staff else "qari", password="x", is_staff=staff
    )


def _json_ld(response) -> dict:
    scripts = JSON_LD.findall(response.content.decode())
    assert len(scripts) == 1
    return json.loads(scripts[0])


def test_canonical_url_keeps_arabic_slug_percent_encoded_and_answers_200(client, article):
    url = article.get_absolute_url()
    assert url.startswith(f"/articles/{article.pk}/%D8%A7%D9%84%D8%AC%D8%B9%D9%81%D8%B1%D9%8A-")
    assert url.isascii()
    response = client.get(url)
    assert response.status_code == 200
    assert TITLE in response.content.decode()


def test_canonical_url_typed_with_unencoded_arabic_answers_200(client, article):
    response = client.get(f"/articles/{article.pk}/{article.slug}/")
    assert response.status_code == 200


def test_short_url_redirects_301_to_canonical(client, article):
    response = client.get(f"/articles/{article.pk}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_wrong_slug_redirects_301_to_canonical_with_ascii_location(client, article):
    response = client.get(f"/articles/{article.pk}/not-the-title/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert response["Location"].isascii()
    assert client.get(response["Location"]).status_code == 200


def test_old_slug_redirects_after_title_is_edited(client, article):
    old_url = article.get_absolute_url()
    article.title = "الكاظمي يستقبل مسؤولاً روسياً: العراق يتبنى سياسة انفتاح على كل الشركاء"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert response["Location"] != old_url


@pytest.mark.parametrize("path", ["/articles/{pk}/", "/articles/{pk}/not-the-title/"])
def test_short_and_old_urls_keep_the_words_to_mark(client, article, path):
    response = client.get(path.format(pk=article.pk), {"hl": 'لافروف "وزير الخارجية"'})
    assert response.status_code == 301
    location = urlsplit(response["Location"])
    assert location.path == article.get_absolute_url()
    assert parse_qs(location.query) == {"hl": ['لافروف "وزير الخارجية"']}
    assert response["Location"].isascii()
    html = client.get(response["Location"]).content.decode()
    assert "<h1>الجعفري يبحث مع <mark>لافروف</mark>" in html
    assert '<mark id="first-match" tabindex="-1">وزير الخارجية</mark>' in html


@pytest.mark.parametrize("hl", ["", "  ", "من في", "//evil.example/x"])
def test_a_redirect_carries_only_words_to_mark(client, article, hl):
    response = client.get(f"/articles/{article.pk}/", {"hl": hl, "other": "1"})
    assert response.status_code == 301
    location = urlsplit(response["Location"])
    assert (location.scheme, location.netloc) == ("", "")
    assert location.path == article.get_absolute_url()
    assert set(parse_qs(location.query)) <= {"hl"}


def test_url_without_trailing_slash_reaches_canonical(client, article):
    response = client.get(f"/articles/{article.pk}", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1] == (article.get_absolute_url(), 301)


def test_unknown_article_is_404(client, article):
    assert client.get(f"/articles/{article.pk + 1000}/").status_code == 404


def test_draft_is_404_for_anonymous_visitor_on_every_url(client):
    draft = article_create(title=TITLE, body=BODY, status=Article.Status.DRAFT)
    for url in (draft.get_absolute_url(), f"/articles/{draft.pk}/", f"/articles/{draft.pk}/x/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert TITLE not in response.content.decode()


def test_draft_is_404_for_logged_in_non_staff_user(client):
    draft = article_create(title=TITLE, body=BODY, status=Article.Status.DRAFT)
    client.force_login(_user(staff=False))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_sees_draft_with_preview_banner_and_noindex(client):
    draft = article_create(title=TITLE, body=BODY, status=Article.Status.DRAFT)
    client.force_login(_user(staff=True))
    response = client.get(draft.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="preview-banner"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_published_article_has_no_preview_banner(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "preview-banner" not in html
    assert 'content="noindex"' not in html


def test_canonical_link_is_absolute(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    expected = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{expected}">' in html


def test_open_graph_tags_describe_the_article(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert f'<meta property="og:title" content="{TITLE}">' in html
    assert (
        f'<meta property="og:url" content="http://testserver{article.get_absolute_url()}">' in html
    )
    assert '<meta property="og:description" content="بحث وزير الخارجية العراقي' in html
    assert '<meta property="article:published_time" content="2021-04-22">' in html


def test_json_ld_is_a_news_article_with_its_fields(client, article):
    lavrov = entity_create()
    moscow = entity_create(kind="place", name="موسكو", name_en="Moscow", name_ru="Москва")
    Mention.objects.create(article=article, entity=lavrov, count=2)
    Mention.objects.create(article=article, entity=moscow, count=3)
    data = _json_ld(client.get(article.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == TITLE
    assert data["datePublished"] == "2021-04-22"
    assert data["inLanguage"] == "ar"
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"
    assert data["publisher"] == {"@type": "Organization", "name": "إيلاف", "alternateName": "Elaph"}
    mentions = {m["name"]: m for m in data["mentions"]}
    assert mentions["سيرغي لافروف"]["@type"] == "Person"
    assert mentions["موسكو"]["@type"] == "Place"
    assert mentions["موسكو"]["url"] == f"http://testserver{moscow.get_absolute_url()}"
    assert all("sameAs" not in m for m in data["mentions"])


def test_json_ld_omits_date_and_publisher_that_are_unknown(client):
    undated = article_create(title=TITLE, body=BODY, published_on=None)
    data = _json_ld(client.get(undated.get_absolute_url()))
    assert "datePublished" not in data
    assert "publisher" not in data
    assert "mentions" not in data


def test_script_tag_in_title_cannot_break_out_of_json_ld(client):
    title = 'لافروف </script><script>alert("x")</script> <!-- موسكو'
    article = article_create(title=title, body=BODY, published_on=date(2020, 11, 25))
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert '<script>alert("x")' not in html
    assert _json_ld(response)["headline"] == title


def test_links_carry_the_script_prefix_of_a_site_served_under_a_path(client, article):
    path = article.get_absolute_url()
    # What the WSGI handler does for a site mounted under /archive (the test client does not).
    set_script_prefix("/archive/")
    try:
        under_a_path = client.get("/").content.decode()
    finally:
        set_script_prefix("/")
    at_the_root = client.get("/").content.decode()
    assert f'href="/archive{path}"' in under_a_path
    assert f'href="{path}"' in at_the_root
    assert f'href="/archive{path}"' not in at_the_root


def test_entity_permalink_follows_a_renamed_entity(client):
    entity = entity_create(name="سيرغي لافروف", name_en="Sergey Lavrov")
    old_url = entity.get_absolute_url()
    entity.name_en = "Sergey Viktorovich Lavrov"
    entity.save()
    assert entity.get_absolute_url() == f"/entities/{entity.pk}/sergey-viktorovich-lavrov/"
    assert old_url == f"/entities/{entity.pk}/sergey-lavrov/"
    assert client.get(old_url).status_code == 301
