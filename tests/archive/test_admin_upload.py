"""The editors' upload desk (issue 6): paste or upload, preview without writing, save or publish.

Every test works as an editor of the Editors group (staff, not a superuser),
through the admin's own pages, with the raw seed texts.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from haystack import connections

from archive.admin.upload_staging import STAGED_UPLOADS_PER_USER
from archive.models import Article, Source
from archive.services.articles import article_ingest
from tests.archive.upload_desk import (
    DETECTED,
    SEEDS,
    preview,
    save,
    search_ids,
    seed_file,
    statuses,
    upload,
    upload_url,
    zip_file,
)
from tests.factories import staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staging_dir", "authority_loaded")]


@pytest.fixture
def search_index():
    backend = connections["default"].get_backend()
    backend.clear()
    yield backend
    backend.clear()


# --- the whole flow ---------------------------------------------------------------------


@pytest.mark.parametrize("number", sorted(DETECTED))
def test_seed_uploaded_by_an_editor_is_previewed_then_published_and_found_by_search(
    number, desk, search_index, django_capture_on_commit_callbacks
):
    title, published_on, source, word = DETECTED[number]

    url = upload(desk, seed_file(number))
    page = preview(desk, url)

    [document] = page.context["previews"]
    assert (document.title, document.source_name or None) == (title, source)
    assert (document.published_on.isoformat() if document.published_on else None) == published_on
    html = page.content.decode()
    assert title in html and word in html
    assert Article.objects.count() == 0
    assert search_ids(Client(), word) == set()

    with django_capture_on_commit_callbacks(execute=True):
        response = save(desk, url, "publish")

    assert statuses(response) == ["created"]
    article = Article.objects.get()
    assert article.is_published and article.title == title
    assert article.created_by.username == "muharrir"
    assert search_ids(Client(), word) == {article.pk}
    assert Client().get(article.get_absolute_url()).status_code == 200


def test_preview_lists_the_entities_the_importer_will_record_and_writes_nothing(desk):
    url = upload(desk, seed_file("004"))

    page = preview(desk, url)

    [document] = page.context["previews"]
    found = {(row.kind, row.name): row.count for row in document.entities}
    assert found[("Person", "سيرغي لافروف")] >= 2
    assert ("Place", "موسكو") in found
    assert "لافروف" in page.content.decode()
    assert document.reasons  # no date and no outlet: flagged for review
    assert document.paragraphs[0].startswith("بحث وزير الخارجية العراقي إبراهيم الجعفري")
    assert Article.objects.count() == 0
    assert not LogEntry.objects.exists()


def test_preview_can_be_reloaded_without_uploading_again(desk):
    url = upload(desk, seed_file("001"))

    first = preview(desk, url).context["previews"][0]
    second = preview(desk, url).context["previews"][0]

    assert first.title == second.title == DETECTED["001"][0]


def test_zip_of_three_files_is_previewed_and_saved_as_three_drafts(desk):
    archive = zip_file(
        "أخبار.zip",
        *[(f"2021/{SEEDS[n].name}", SEEDS[n].read_bytes()) for n in ("000", "001", "004")],
    )

    url = upload(desk, archive)
    page = preview(desk, url)

    assert [d.title for d in page.context["previews"]] == [
        DETECTED[n][0] for n in ("000", "001", "004")
    ]
    assert page.context["ready"] == 3
    response = save(desk, url, "draft")
    assert statuses(response) == ["created"] * 3
    assert Article.objects.drafts().count() == 3
    assert set(Article.objects.values_list("original_filename", flat=True)) == {
        f"أخبار.zip:2021/{SEEDS[n].name}" for n in ("000", "001", "004")
    }


def test_windows_1256_file_is_read_as_arabic(desk):
    text = SEEDS["001"].read_text(encoding="utf-8")
    legacy = SimpleUploadedFile("خبر-قديم.txt", text.encode("cp1256"))

    url = upload(desk, legacy)
    [document] = preview(desk, url).context["previews"]

    assert document.title == DETECTED["001"][0]
    assert document.encoding == "cp1256"
    save(desk, url)
    article = Article.objects.get()
    assert "يتبنى سياسة انفتاح" in article.title
    assert article.metadata["encoding"] == "cp1256"


def test_pasted_text_with_title_and_url_becomes_one_article(desk):
    text = SEEDS["004"].read_text(encoding="utf-8")

    url = upload(
        desk,
        text=text,
        title="لافروف والجعفري في موسكو",
        url="https://www.example.org/news/1",
        filename="jaafari.txt",
        source=Source.objects.create(name="الشرق الأوسط").pk,
    )
    [document] = preview(desk, url).context["previews"]
    assert document.title == "لافروف والجعفري في موسكو"
    assert document.source_name == "الشرق الأوسط"
    save(desk, url)

    article = Article.objects.get()
    assert article.title == "لافروف والجعفري في موسكو"
    assert article.original_url == "https://www.example.org/news/1"
    assert article.source.name == "الشرق الأوسط"
    assert article.original_filename == "jaafari.txt"
    assert "no_source" not in article.review_reasons


def test_duplicate_is_reported_with_a_link_to_the_existing_article(desk):
    existing = article_ingest(raw=SEEDS["003"].read_bytes(), filename="earlier.txt").article
    change_url = reverse("admin:archive_article_change", args=[existing.pk])

    url = upload(desk, seed_file("003"), seed_file("001"))
    page = preview(desk, url)

    assert page.context["previews"][0].duplicate_of == existing
    assert f'href="{change_url}"' in page.content.decode()
    response = save(desk, url)
    assert statuses(response) == ["duplicate", "created"]
    assert f'href="{change_url}"' in response.content.decode()
    assert Article.objects.count() == 2


def test_same_text_twice_in_one_upload_is_saved_once(desk):
    copy = SimpleUploadedFile("نسخة.txt", SEEDS["002"].read_bytes())

    url = upload(desk, seed_file("002"), copy)

    assert preview(desk, url).context["previews"][1].same_as == 1
    assert statuses(save(desk, url)) == ["created", "duplicate"]
    assert Article.objects.count() == 1


def test_oversize_file_is_refused_and_the_other_files_are_saved(desk, settings):
    settings.ARCHIVE_MAX_FILE_BYTES = 5500  # seed 004 is 3.8 KB, seed 002 is 6.2 KB

    url = upload(desk, seed_file("002"), seed_file("004"))
    big, small = preview(desk, url).context["previews"]

    assert "too large" in big.error and "5,500" in big.error
    assert small.ready
    assert statuses(save(desk, url)) == ["error", "created"]
    assert Article.objects.get().title == DETECTED["004"][0]


def test_upload_over_the_upload_limit_is_refused_as_a_whole(desk, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 8000

    response = desk.post(upload_url(), {"files": [seed_file("000"), seed_file("004")]})

    assert response.status_code == 200
    assert "the limit is 8,000 bytes" in response.content.decode()
    assert Article.objects.count() == 0


def test_documents_beyond_the_per_upload_count_are_reported_not_saved(desk, settings):
    settings.ARCHIVE_MAX_UPLOAD_DOCUMENTS = 2
    archive = zip_file("ثلاثة.zip", *[(SEEDS[n].name, SEEDS[n].read_bytes()) for n in SEEDS][:3])

    url = upload(desk, archive)

    assert "at most 2 documents" in preview(desk, url).context["previews"][2].error
    assert statuses(save(desk, url)) == ["created", "created", "error"]


def test_unsupported_empty_and_undecodable_files_get_clear_messages(desk):
    files = [
        SimpleUploadedFile("تقرير.odt", b"PK\x03\x04 ..."),
        SimpleUploadedFile("فارغ.txt", b"   \n"),
        SimpleUploadedFile("مشوه.txt", bytes(range(128, 256)) * 20),
        seed_file("001"),
    ]

    url = upload(desk, *files)
    errors = [document.error for document in preview(desk, url).context["previews"]]

    assert "not a supported file type" in errors[0]
    assert "empty" in errors[1]
    assert "could not be decoded" in errors[2] or "binary" in errors[2]
    assert errors[3] == ""
    assert statuses(save(desk, url)) == ["error", "error", "error", "created"]


def test_script_in_an_html_page_is_removed_from_the_article(desk):
    page = (
        "<html><head><title>زيارة لافروف</title><script>alert('xss-مرحبا')</script></head>"
        "<body><h1>زيارة لافروف إلى بغداد</h1><p>وصل وزير الخارجية الروسي سيرغي لافروف "
        "إلى بغداد في زيارة رسمية.</p><script>document.write('xss-حقن')</script>"
        '<p onclick="alert(1)">وبحث الوزير مع نظيره العراقي العلاقات الثنائية.</p></body></html>'
    )

    url = upload(desk, SimpleUploadedFile("زيارة.html", page.encode()))
    html = preview(desk, url).content.decode()

    assert "xss-" not in html and "alert(" not in html
    save(desk, url)
    article = Article.objects.get()
    assert "xss-" not in article.body and "script" not in article.body
    assert "وبحث الوزير مع نظيره العراقي" in article.body


def test_script_tag_written_in_plain_text_is_shown_escaped(desk):
    text = (
        "زيارة لافروف إلى بغداد\n"
        "<script>alert('نص')</script> وصل وزير الخارجية الروسي سيرغي لافروف إلى بغداد.\n"
    )

    url = upload(desk, text=text, filename="نص.txt")
    html = preview(desk, url).content.decode()

    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html


def test_zip_with_traversal_and_absolute_names_is_refused_entry_by_entry(desk, tmp_path):
    archive = zip_file(
        "hostile.zip",
        ("../evil.txt", "نص خبيث".encode()),
        ("/tmp/evil.txt", "نص خبيث".encode()),
        ("ok/" + SEEDS["004"].name, SEEDS["004"].read_bytes()),
    )

    url = upload(desk, archive)
    previews = preview(desk, url).context["previews"]

    assert ["outside the archive" in d.error for d in previews] == [True, True, False]
    assert statuses(save(desk, url)) == ["error", "error", "created"]
    assert not list(tmp_path.rglob("evil.txt"))


def test_zip_bomb_is_refused_and_nothing_is_saved(desk):
    bomb = zip_file("zeros.zip", ("zeros.txt", bytes(50 * 1024 * 1024)))
    assert bomb.size < 100 * 1024

    url = upload(desk, bomb)
    [document] = preview(desk, url).context["previews"]

    assert "too large" in document.error
    assert preview(desk, url).context["ready"] == 0
    assert statuses(save(desk, url)) == ["error"]
    assert Article.objects.count() == 0


def test_staged_copy_changed_on_the_server_is_not_imported(desk, staging_dir):
    url = upload(desk, seed_file("001"))
    [staged] = staging_dir.glob("*/1.bin")
    staged.write_bytes("نص آخر تماما عن موسكو وبغداد.".encode())

    response = save(desk, url)

    assert statuses(response) == ["error"]
    assert "upload again" in response.context["results"][0].message
    assert Article.objects.count() == 0


def test_staged_files_are_private_to_the_server_account(desk, staging_dir):
    upload(desk, seed_file("001"))

    [folder] = staging_dir.iterdir()
    assert folder.stat().st_mode & 0o077 == 0
    assert all(path.stat().st_mode & 0o077 == 0 for path in folder.iterdir())


def test_an_editor_keeps_only_the_latest_uploads_staged(desk, staging_dir):
    first = upload(desk, seed_file("001"))
    for _ in range(STAGED_UPLOADS_PER_USER):
        upload(desk, seed_file("004"))

    assert len(list(staging_dir.iterdir())) == STAGED_UPLOADS_PER_USER
    assert "expired" in desk.get(first, follow=True).content.decode()


def test_saving_twice_imports_once(desk):
    url = upload(desk, seed_file("001"))

    save(desk, url)
    again = save(desk, url)

    assert again.status_code == 302 and again["Location"] == upload_url()
    assert Article.objects.count() == 1


def test_discarding_an_upload_saves_nothing_and_removes_the_staged_files(desk, staging_dir):
    url = upload(desk, seed_file("001"))

    response = save(desk, url, "cancel")

    assert response.status_code == 302
    assert Article.objects.count() == 0
    assert list(staging_dir.iterdir()) == []


def test_expired_upload_asks_to_upload_again(desk, settings):
    url = upload(desk, seed_file("001"))
    settings.ARCHIVE_UPLOAD_STAGING_SECONDS = -1

    response = desk.get(url, follow=True)

    assert "expired" in response.content.decode()
    assert save(desk, url).status_code == 302
    assert Article.objects.count() == 0


def test_another_editor_cannot_see_or_save_someone_elses_upload(desk, client):
    url = upload(desk, seed_file("001"))
    other = Client()
    other.force_login(staff_user("zameel"))

    assert other.get(url).status_code == 302
    assert other.post(url, {"action": "publish"}).status_code == 302
    assert Article.objects.count() == 0
    assert statuses(save(desk, url)) == ["created"]
