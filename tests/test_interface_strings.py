"""What readers and editors read names things in their language: no raw codes or Python values.

The search page explains an ignored parameter by its name in the reader's language; the
admin's mention rows and the upload preview read as sentences, not data structures.
"""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from archive.models import Mention
from tests.factories import article_create, entity_create, staff_user
from tests.languages import english

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seeds" / "004_35b4a7aaf251b579.txt"


@pytest.mark.parametrize(
    ("language", "params", "named"),
    [
        ("ar", {"page_size": "1000"}, "عدد النتائج في الصفحة"),
        ("ar", {"more": "bogus"}, "قوائم التصفية المعروضة كاملة"),
        ("en", {"page_size": "1000"}, "Results per page"),
        ("en", {"more": "bogus"}, "Facets shown in full"),
    ],
)
def test_an_ignored_parameter_is_named_in_the_readers_language(client, language, params, named):
    url = reverse("search:search")
    response = client.get(english(url) if language == "en" else url, {"q": "موسكو", **params})
    notices = response.context["notices"]
    assert len(notices) == 1
    assert named in notices[0]
    assert "None" not in notices[0]


@pytest.fixture
def editor_client(client):
    client.force_login(staff_user("muharrir"))
    return client


@pytest.mark.parametrize(
    ("language", "header", "row"),
    [("ar", "كيان", ": 8 مرات في المقال"), ("en", "Entity", ": 8 times in article")],
)
def test_the_articles_mentions_read_as_labelled_sentences(editor_client, language, header, row):
    article = article_create()
    russia = entity_create(name="روسيا", name_en="Russia", name_ru="")
    Mention.objects.create(article=article, entity=russia, count=8, forms=["لروسيا", "روسيا"])
    url = reverse("admin:archive_article_change", args=[article.pk])
    html = editor_client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    headers = re.findall(r"<th[^>]*>\s*([^<]+?)\s*<", html)
    assert header in headers
    assert row in html
    assert "لروسيا · روسيا" in html
    assert '["لروسيا", "روسيا"]' not in html
    assert "×" not in html


@pytest.mark.parametrize(("language", "read_as"), [("ar", "نص عادي"), ("en", "plain text")])
def test_the_upload_preview_names_the_format_in_the_editors_language(
    editor_client, settings, tmp_path, language, read_as
):
    settings.ARCHIVE_UPLOAD_STAGING_DIR = str(tmp_path)
    upload = SimpleUploadedFile(SEED.name, SEED.read_bytes(), content_type="text/plain")
    url = reverse("admin:archive_article_upload")
    answer = editor_client.post(url, {"files": [upload]}, HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 302
    html = editor_client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE=language).content.decode()
    row = re.search(r"<tr><th scope=\"row\">[^<]+</th><td>([^<]+)</td></tr>", html)
    assert row is not None and row.group(1).startswith(read_as)
