"""The article admin: find what needs review, filter, search, publish and unpublish."""

from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.html import escape

from archive.ingest import review_reason_label
from archive.models import Article
from archive.services.articles import DuplicateArticle, article_ingest

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
CHANGELIST = "/admin/archive/article/"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-123456")
    client.force_login(user)
    # The admin speaks the browser's language; these tests read its English messages.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def seeds():
    """The five seeds as drafts, keyed by their number."""
    return {
        path.name[:3]: article_ingest(raw=path.read_bytes(), filename=path.name).article
        for path in sorted(SEEDS.glob("*.txt"))
    }


def listed(response) -> set[int]:
    return {article.pk for article in response.context["cl"].result_list}


def test_changelist_lists_articles_with_their_date_source_and_status(admin_client, seeds):
    response = admin_client.get(CHANGELIST)

    assert response.status_code == 200
    assert listed(response) == {a.pk for a in seeds.values()}
    page = response.content.decode()
    assert "الجعفري يبحث مع لافروف في موسكو" in page
    assert "العربي الجديد" in page
    with translation.override("en"):
        assert escape(review_reason_label("title_derived")) in page


def test_needs_review_filter_is_the_first_filter_and_finds_flagged_articles(admin_client, seeds):
    response = admin_client.get(CHANGELIST, {"review": "yes"})

    filters = response.context["cl"].filter_specs
    assert filters[0].parameter_name == "review"
    assert listed(response) == {seeds[n].pk for n in ("000", "002", "003", "004")}
    assert listed(admin_client.get(CHANGELIST, {"review": "no"})) == {seeds["001"].pk}


def test_review_reason_filter_finds_derived_titles(admin_client, seeds):
    response = admin_client.get(CHANGELIST, {"reason": "title_derived"})

    assert listed(response) == {seeds[n].pk for n in ("000", "002", "003")}


def test_year_filter_and_articles_without_a_date(admin_client, seeds):
    assert listed(admin_client.get(CHANGELIST, {"year": "2021"})) == {
        seeds["000"].pk,
        seeds["001"].pk,
    }
    assert listed(admin_client.get(CHANGELIST, {"year": "none"})) == {
        seeds["002"].pk,
        seeds["004"].pk,
    }


def test_source_and_status_filters(admin_client, seeds):
    elaph = seeds["000"].source

    assert listed(admin_client.get(CHANGELIST, {"source__id__exact": elaph.pk})) == {
        seeds["000"].pk,
        seeds["002"].pk,
    }
    assert listed(admin_client.get(CHANGELIST, {"status__exact": "published"})) == set()


def test_date_hierarchy_drills_down_to_a_month(admin_client, seeds):
    response = admin_client.get(
        CHANGELIST, {"published_on__year": "2021", "published_on__month": "4"}
    )

    assert listed(response) == {seeds["001"].pk}


def test_search_finds_arabic_in_the_body_whatever_the_page(admin_client, seeds):
    response = admin_client.get(CHANGELIST, {"q": "بوغدانوف"})

    assert listed(response) == {seeds["000"].pk}


def test_publish_and_unpublish_actions_go_through_the_services(admin_client, seeds):
    chosen = [seeds["001"].pk, seeds["004"].pk]

    response = admin_client.post(
        CHANGELIST, {"action": "publish_selected", ACTION_CHECKBOX_NAME: chosen}, follow=True
    )

    assert set(Article.objects.published().values_list("pk", flat=True)) == set(chosen)
    assert "2 articles published." in response.content.decode()

    admin_client.post(
        CHANGELIST, {"action": "unpublish_selected", ACTION_CHECKBOX_NAME: [seeds["004"].pk]}
    )
    assert set(Article.objects.published().values_list("pk", flat=True)) == {seeds["001"].pk}


def test_mark_reviewed_action_clears_the_flag(admin_client, seeds):
    admin_client.post(
        CHANGELIST, {"action": "mark_reviewed", ACTION_CHECKBOX_NAME: [seeds["003"].pk]}
    )

    assert not Article.objects.get(pk=seeds["003"].pk).needs_review
    assert Article.objects.needing_review().count() == 3


def test_change_form_shows_what_the_importer_found(admin_client, seeds):
    response = admin_client.get(f"{CHANGELIST}{seeds['000'].pk}/change/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "الرئاسة العراقية" in page  # the caption kept as metadata
    assert "ايلاف من لندن" in page


def change_form_data(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "body": article.body,
        "published_on": article.published_on.isoformat() if article.published_on else "",
        "source": article.source_id or "",
        "original_url": article.original_url,
        "status": article.status,
        "needs_review": "on" if article.needs_review else "",
        "mentions-TOTAL_FORMS": "0",
        "mentions-INITIAL_FORMS": "0",
        "mentions-MIN_NUM_FORMS": "0",
        "mentions-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_editing_a_body_updates_its_duplicate_hash(admin_client, seeds):
    article = seeds["004"]
    new_body = article.body + "\nوأضاف الوزير أن الزيارة ستتم قريبا."

    response = admin_client.post(
        f"{CHANGELIST}{article.pk}/change/", change_form_data(article, body=new_body)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body.endswith("ستتم قريبا.")
    with pytest.raises(DuplicateArticle):
        article_ingest(raw=new_body, filename="again.txt")


def test_editing_a_body_into_another_articles_text_is_refused(admin_client, seeds):
    article, other = seeds["004"], seeds["001"]

    response = admin_client.post(
        f"{CHANGELIST}{article.pk}/change/", change_form_data(article, body=other.body)
    )

    assert response.status_code == 200
    assert "already in the archive" in response.content.decode()
    article.refresh_from_db()
    assert article.body != other.body


def test_adding_an_article_by_hand_stores_it_with_its_duplicate_hash(admin_client):
    body = "بحث وزير الخارجية العراقي مع نظيره الروسي في موسكو سبل تعزيز التعاون."
    data = change_form_data(
        Article(title="مباحثات في موسكو", body=body, status=Article.Status.DRAFT)
    )

    response = admin_client.post(f"{CHANGELIST}add/", data)

    assert response.status_code == 302
    article = Article.objects.get()
    assert article.title == "مباحثات في موسكو"
    assert article.created_by.username == "editor"
    with pytest.raises(DuplicateArticle):
        article_ingest(raw=body, filename="same.txt")
