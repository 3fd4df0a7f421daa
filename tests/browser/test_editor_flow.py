"""An editor in a real browser: log in, upload a seed file, preview, publish, find it in search."""

import io
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from archive.models import Article
from tests.browser.pages import RESULTS, path_of

pytestmark = pytest.mark.browser

SEED = "004_35b4a7aaf251b579.txt"
# Only this seed names him: absent from search until the editor publishes it.
WORD = "الجعفري"
USERNAME = "browser-editor"
PASSWORD = "wide-desert-lantern-42"


@pytest.fixture
def editor(monkeypatch) -> None:
    """An editor account, made the way the README tells an operator to make one."""
    monkeypatch.setenv("DJANGO_EDITOR_USERNAME", USERNAME)
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", stdout=io.StringIO())


@pytest.fixture
def archive_without_seed(writable_archive_site, settings, tmp_path):
    """The fixtures less one seed article, which the editor will add; uploads staged in tmp."""
    settings.ARCHIVE_UPLOAD_STAGING_DIR = tmp_path / "staging"
    Article.objects.get(original_filename=SEED).delete()
    return writable_archive_site


def _log_in(page: Page, login_url: str) -> None:
    page.goto(login_url)
    page.locator("#id_username").fill(USERNAME)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#login-form [type='submit']").click()


def _search(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#search-q")).to_have_value(WORD)


def test_editor_uploads_previews_and_publishes_a_seed_then_finds_it(
    archive_without_seed, editor, page, seeds_dir
):
    site = archive_without_seed
    search_url = site(f"/search/?q={quote(WORD)}")
    _search(page, search_url)
    assert page.locator(RESULTS).count() == 0

    _log_in(page, site(reverse("admin:login")))
    expect(page.locator("#archive-upload-desk")).to_be_visible()
    with page.expect_navigation():
        page.locator("#archive-upload-desk a.addlink").click()

    page.locator("#archive-upload-form input[name='files']").set_input_files(seeds_dir / SEED)
    with page.expect_navigation():
        page.locator("#archive-upload-form [type='submit']").click()

    preview = page.locator("#document-1")
    expect(preview.locator(".archive-preview-title")).not_to_be_empty()
    title = preview.locator(".archive-preview-title").inner_text().strip()
    expect(preview.locator(".archive-preview-entities")).to_contain_text(WORD)
    assert not Article.objects.filter(original_filename=SEED).exists(), "preview saved"

    with page.expect_navigation():
        page.locator("#archive-upload-save button[name='action'][value='publish']").click()

    expect(page.locator("#archive-upload-results tr.archive-upload-created")).to_have_count(1)
    article = Article.objects.get(original_filename=SEED)
    assert article.is_published
    assert article.title == title

    _search(page, search_url)
    hits = page.locator(".search-result-title a")
    expect(hits).to_have_count(1)
    expect(hits).to_have_text(article.title)
    with page.expect_navigation():
        hits.click()
    assert path_of(page.url) == path_of(article.get_absolute_url())
