"""Who may use the editors' upload desk, the history it writes, and its address.

Every test works through the admin's own pages, with the raw seed texts.
"""

import importlib

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse

from archive.models import Article
from archive.roles import EDITORS_GROUP
from tests.archive.upload_desk import (
    SEEDS,
    preview,
    save,
    seed_file,
    statuses,
    upload,
    upload_url,
)
from tests.factories import staff_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staging_dir", "authority_loaded")]


# --- history --------------------------------------------------------------------------------


def test_upload_writes_a_history_entry_naming_the_file_and_the_editor(desk, editor):
    url = upload(desk, seed_file("001"))

    save(desk, url, "publish")

    article = Article.objects.get()
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.action_flag == ADDITION and entry.user == editor
    assert SEEDS["001"].name in entry.get_change_message()
    assert "published" in entry.get_change_message()


# --- who may do what ------------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(upload_url())

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_member_without_permissions_is_refused(client):
    client.force_login(staff_user("zaer", group=None))

    assert client.get(upload_url()).status_code == 403
    response = client.post(upload_url(), {"files": [seed_file("001")]})
    assert response.status_code == 403
    assert Article.objects.count() == 0


def test_logged_in_non_staff_user_is_sent_to_the_login_page(client):
    user = get_user_model().objects.create_user("qari", password="كلمة-سر-طويلة-2021")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)

    assert client.get(upload_url()).status_code == 302


def test_uploader_without_change_permission_saves_drafts_but_cannot_publish(client):
    client.force_login(staff_user("mutadarrib", group=None, perms=["add_article"]))
    url = upload(client, seed_file("001"))

    page = preview(client, url)
    assert 'value="publish"' not in page.content.decode()
    assert client.post(url, {"action": "publish"}).status_code == 403
    assert Article.objects.count() == 0
    assert statuses(save(client, url, "draft")) == ["created"]
    assert not Article.objects.get().is_published


def test_uploaded_draft_is_not_public(desk):
    url = upload(desk, seed_file("004"))
    save(desk, url, "draft")
    article = Article.objects.get()

    assert Client().get(article.get_absolute_url()).status_code == 404
    assert desk.get(reverse("admin:archive_article_change", args=[article.pk])).status_code == 200


def test_posts_without_the_csrf_token_are_rejected(editor):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)

    refused = strict.post(upload_url(), {"files": [seed_file("001")]})
    assert refused.status_code == 403

    lenient = Client()
    lenient.force_login(editor)
    url = upload(lenient, seed_file("001"))
    assert strict.post(url, {"action": "publish"}).status_code == 403
    assert Article.objects.count() == 0


def test_admin_front_page_and_article_list_link_to_the_upload_desk(desk):
    for page in (reverse("admin:index"), reverse("admin:archive_article_changelist")):
        assert f'href="{upload_url()}"' in desk.get(page).content.decode()


def test_upload_form_names_the_size_limits(desk, settings):
    settings.ARCHIVE_MAX_FILE_BYTES = 2 * 1024 * 1024

    html = desk.get(upload_url()).content.decode()

    assert "up to 2.0\xa0MB" in html and "up to 50.0\xa0MB" in html
    assert '<input type="file" name="files" multiple' in html


@pytest.fixture
def admin_at_another_url(settings):
    """The admin mounted where DJANGO_ADMIN_URL says, as config.urls reads it at start-up."""
    import config.urls

    settings.ADMIN_URL = "maktab-7a1/"
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    with override_settings(ADMIN_URL="admin/"):
        importlib.reload(config.urls)
    clear_url_caches()


def test_upload_desk_follows_the_configured_admin_url(admin_at_another_url, desk):
    assert upload_url() == "/maktab-7a1/archive/article/upload/"

    url = upload(desk, seed_file("001"))

    assert url.startswith("/maktab-7a1/archive/article/upload/")
    assert statuses(save(desk, url)) == ["created"]
    assert desk.get("/admin/archive/article/upload/").status_code == 404
