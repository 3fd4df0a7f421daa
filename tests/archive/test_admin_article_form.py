"""The article change form (issue 6, item 2): every field editable, mentions inline,
re-run extraction, status, "view on site" and a visible history, as an editor."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client
from django.urls import reverse
from haystack import connections

from archive.ingest import content_hash
from archive.models import Article, Entity, MentionSuppression, Source
from archive.services.articles import article_ingest
from archive.services.entities import authority_file_load
from tests.factories import entity_create, staff_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SEED_004 = next((ROOT / "fixtures" / "seeds").glob("004_*.txt"))
AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"
CHANGELIST = "admin:archive_article_changelist"


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=AUTHORITY)


@pytest.fixture
def article():
    """Seed 004 (al-Jaafari meets Lavrov in Moscow) as a draft, with its extracted mentions."""
    return article_ingest(raw=SEED_004.read_bytes(), filename=SEED_004.name).article


def change_url(article) -> str:
    return reverse("admin:archive_article_change", args=[article.pk])


def reextract_url(article) -> str:
    return reverse("admin:archive_article_reextract", args=[article.pk])


def form_data(response, **changes) -> dict:
    """What the browser would post back from the change form as it was shown, plus changes."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = "on" if value is True else str(value)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def mention_names(article) -> set[str]:
    return set(article.mentions.values_list("entity__name", flat=True))


def history(article) -> list[str]:
    entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("action_time", "pk")
    return [entry.get_change_message() for entry in entries]


def test_change_form_shows_status_view_on_site_reextract_button_and_history(desk, article):
    html = desk.get(change_url(article)).content.decode()

    assert "Draft: only editors can see this article." in html
    assert 'class="viewsitelink"' in html
    assert f'action="{reextract_url(article)}"' in html
    assert "Re-run extraction" in html
    assert "Recent changes" in html
    assert reverse("admin:archive_article_history", args=[article.pk]) in html


def test_every_editable_field_is_saved_through_the_service(desk, article, editor):
    source = Source.objects.create(name="العربي الجديد", name_en="Al-Araby Al-Jadeed")
    body = article.body + "\nوأكد الرئيس فلاديمير بوتين دعم بلاده للعراق."
    form = desk.get(change_url(article))

    response = desk.post(
        change_url(article),
        form_data(
            form,
            title="الجعفري ولافروف يبحثان التعاون في موسكو",
            body=body,
            published_on="2015-09-29",
            source=str(source.pk),
            original_url="https://www.alaraby.co.uk/news/jaafari-lavrov",
            status="published",
            needs_review=None,
        ),
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "الجعفري ولافروف يبحثان التعاون في موسكو"
    assert article.slug.startswith("الجعفري-ولافروف")
    assert article.published_on == date(2015, 9, 29)
    assert article.source == source
    assert article.original_url == "https://www.alaraby.co.uk/news/jaafari-lavrov"
    assert article.is_published and not article.needs_review
    assert article.content_hash == content_hash(body)
    assert "فلاديمير بوتين" in mention_names(article)
    entry = LogEntry.objects.get(object_id=str(article.pk), action_flag=CHANGE)
    assert entry.user == editor
    assert "Title" in entry.get_change_message() and "Status" in entry.get_change_message()
    page = desk.get(change_url(article)).content.decode()
    assert "Published: the public can read this article." in page
    assert "muharrir" in page and "Changed" in page


def test_publishing_from_the_form_makes_the_article_public_and_searchable(
    desk, article, django_capture_on_commit_callbacks
):
    backend = connections["default"].get_backend()
    backend.clear()
    form = desk.get(change_url(article))

    with django_capture_on_commit_callbacks(execute=True):
        desk.post(change_url(article), form_data(form, status="published"))

    assert Client().get(article.get_absolute_url()).status_code == 200
    hits = Client().get("/search/", {"q": "الجعفري"}).context["results"].hits
    assert [hit.article.pk for hit in hits] == [article.pk]
    backend.clear()


def test_removing_a_mention_inline_is_remembered_by_reextraction(desk, article):
    lavrov = Entity.objects.get(name="سيرغي لافروف")
    form = desk.get(change_url(article))
    forms = form.context["inline_admin_formsets"][0].formset.forms
    index = next(i for i, f in enumerate(forms) if f.instance.entity_id == lavrov.pk)

    desk.post(change_url(article), form_data(form, **{f"mentions-{index}-DELETE": "on"}))

    assert "سيرغي لافروف" not in mention_names(article)
    assert MentionSuppression.objects.filter(article=article, entity=lavrov).exists()
    desk.post(reextract_url(article))
    assert "سيرغي لافروف" not in mention_names(article)
    assert any("Deleted mention" in message for message in history(article))


def test_adding_a_mention_inline_keeps_it_through_reextraction(desk, article):
    salih = Entity.objects.get(name="برهم صالح")
    form = desk.get(change_url(article))
    data = form_data(form)
    n = int(data["mentions-TOTAL_FORMS"])
    data.update(
        {
            "mentions-TOTAL_FORMS": str(n + 1),
            f"mentions-{n}-entity": str(salih.pk),
            f"mentions-{n}-article": str(article.pk),
        }
    )

    response = desk.post(change_url(article), data)

    assert response.status_code == 302
    mention = article.mentions.get(entity=salih)
    assert mention.added_by_editor
    desk.post(reextract_url(article))
    assert article.mentions.filter(entity=salih).exists()


def test_reextract_button_finds_a_new_entity_and_records_it_in_the_history(desk, article):
    # The full name as the authority file writes it; the article has only الجعفري of it.
    full_name = "إبراهيم الأشيقر الجعفري"
    assert full_name not in mention_names(article)
    entity_create(name=full_name, name_en="Ibrahim al-Jaafari", aliases=("الجعفري",))

    response = desk.post(reextract_url(article), follow=True)

    assert response.redirect_chain[-1][0] == change_url(article)
    assert full_name in mention_names(article)
    assert "Entity extraction re-run" in history(article)[-1]
    assert "Entity extraction re-run" in response.content.decode()


def test_reextract_button_accepts_only_posts_and_editors_who_may_change(client, article):
    viewer = staff_user("qari", group=None, perms=["view_article"])
    client.force_login(viewer)

    assert client.post(reextract_url(article)).status_code == 403
    editor_client = Client()
    editor_client.force_login(staff_user("muharrir"))
    assert editor_client.get(reextract_url(article)).status_code == 405
    assert not LogEntry.objects.exists()


def test_list_actions_leave_history_entries(desk, article):
    changelist = reverse(CHANGELIST)
    for action in ("publish_selected", "mark_reviewed", "reextract_selected", "unpublish_selected"):
        desk.post(changelist, {"action": action, ACTION_CHECKBOX_NAME: [article.pk]})

    assert history(article) == [
        "Published.",
        "Marked as reviewed.",
        history(article)[2],
        "Taken back to draft.",
    ]
    assert history(article)[2].startswith("Entity extraction re-run:")
    assert set(LogEntry.objects.values_list("user__username", flat=True)) == {"muharrir"}


def test_history_page_shows_who_changed_the_article(desk, article):
    desk.post(
        reverse(CHANGELIST), {"action": "publish_selected", ACTION_CHECKBOX_NAME: [article.pk]}
    )

    page = desk.get(reverse("admin:archive_article_history", args=[article.pk]))

    assert page.status_code == 200
    assert "muharrir" in page.content.decode() and "Published." in page.content.decode()


def test_add_form_of_a_user_who_may_not_publish_saves_drafts_only(client):
    client.force_login(staff_user("mutadarrib", group=None, perms=["add_article", "view_article"]))
    add_url = reverse("admin:archive_article_add")
    body = "بحث وزير الخارجية العراقي مع نظيره الروسي في موسكو سبل تعزيز التعاون."

    response = client.post(
        add_url,
        {
            "title": "مباحثات في موسكو",
            "body": body,
            "status": "published",
            "mentions-TOTAL_FORMS": "0",
            "mentions-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    assert Article.objects.get().status == Article.Status.DRAFT
