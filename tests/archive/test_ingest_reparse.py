"""Saved pages through the desk and the service: author stored, original kept, read again."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from archive.models import Article
from archive.services.articles import article_ingest
from archive.services.reparse import article_reparse

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parent / "pages"


@pytest.fixture(autouse=True)
def staging_dir(settings, tmp_path):
    settings.ARCHIVE_UPLOAD_STAGING_DIR = str(tmp_path / "staging")


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_the_preview_shows_the_author_and_lists_what_was_left_out(desk):
    upload = SimpleUploadedFile("07-column.html", page("07-column.html"), "text/html")
    response = desk.post(reverse("admin:archive_article_upload"), {"files": [upload]})
    preview = desk.get(response["Location"])

    [document] = preview.context["previews"]
    assert document.author == "محمد شنوان العنزي"
    assert "مقالات أخرى للكاتب" in document.dropped
    assert document.dropped_count > 10
    html = preview.content.decode()
    assert "archive-preview-dropped" in html and "<del>اشترك في النشرة البريدية</del>" in html
    assert Article.objects.count() == 0


def test_an_imported_page_keeps_its_markup_and_its_author():
    article = article_ingest(raw=page("05-wp-newspaper.html"), filename="05.html").article

    assert article.author == "محمد عبدالعظيم"
    assert article.raw_text.startswith("<!DOCTYPE html>")
    assert article.metadata["found"]["author"] == "محمد عبدالعظيم"


def test_a_json_line_author_is_stored_without_its_place():
    overrides = {"title": "إسبانيا توزع حبوب منع الحمل على الحمام", "author": "مدريد: صبيح صادق"}
    text = "بعد تزايد الشكاوى من الارتفاع غير الطبيعي لأعداد طير الحمام في مدينة باديا ديل باجيس."

    article = article_ingest(raw=text, overrides=overrides).article

    assert article.author == "صبيح صادق"


def test_reading_again_replaces_what_the_importer_read_and_keeps_editors_corrections():
    article = article_ingest(raw=page("10-drupal7.html"), filename="10.html").article
    # As an older importer stored it: the "most read" box in the body, no author.
    article.body += "\nالأكثر قراءة"
    article.author = ""
    article.title = "عنوان صححه محرر"
    article.metadata["found"].update(author="", digest=article.content_hash)
    article.content_hash = "0" * 64
    article.metadata["found"]["digest"] = article.content_hash
    article.save()

    changed = article_reparse(article=article)

    article.refresh_from_db()
    assert set(changed) == {"body", "author"}
    assert article.author == "واس"
    assert "الأكثر قراءة" not in article.body
    assert article.title == "عنوان صححه محرر"
    assert article.published_on == datetime.date(2015, 7, 24)


def test_the_command_reads_every_article_again(capsys):
    article_ingest(raw=page("04-agency.html"), filename="04.html")

    call_command("reparse_articles")

    assert "Read again: 1; changed: 0; refused: 0." in capsys.readouterr().out


def test_the_admin_action_reads_the_selected_articles_again(desk):
    article = article_ingest(raw=page("04-agency.html"), filename="04.html").article
    # Imported before authors were read: no author, no record of what was found.
    metadata = {k: v for k, v in article.metadata.items() if k != "found"}
    Article.objects.filter(pk=article.pk).update(author="", metadata=metadata)
    url = reverse("admin:archive_article_changelist")

    response = desk.post(
        url, {"action": "reparse_selected", "_selected_action": [article.pk]}, follow=True
    )

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.author == "واس"
    assert json.loads(json.dumps(article.metadata))["found"]["author"] == "واس"
