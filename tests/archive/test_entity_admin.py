"""Editors curate entities in the admin (issue 4, Build 6)."""

from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import get_user_model

from archive.admin.entities import reextract_selected
from archive.models import (
    Article,
    Entity,
    EntityAlias,
    EntityCandidate,
    Mention,
    MentionSuppression,
)
from archive.services.entities import authority_file_load
from archive.services.mentions import article_mentions_refresh
from tests.factories import article_create

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=SMALL_AUTHORITY)


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("curator", "c@example.org", "pw-123456")
    client.force_login(user)
    return client


def changelist(model: str) -> str:
    return f"/admin/archive/{model}/"


def test_merge_action_asks_which_entity_to_keep_then_merges(admin_client):
    duplicate = Entity.objects.create(kind="person", name="بوتن")
    putin = Entity.objects.get(name="فلاديمير بوتين")
    selected = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [duplicate.pk, putin.pk]}

    confirm = admin_client.post(changelist("entity"), selected)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "بوتن" in html and "فلاديمير بوتين" in html
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None  # nothing happens before confirmation

    done = admin_client.post(
        changelist("entity"), {**selected, "confirm": "yes", "target": putin.pk}
    )
    assert done.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into == putin
    assert putin.aliases.filter(name="بوتن").exists()


def test_alias_edited_in_the_admin_is_normalized_and_matched(admin_client):
    bogdanov = Entity.objects.get(name="ميخائيل بوغدانوف")
    url = f"/admin/archive/entity/{bogdanov.pk}/change/"
    aliases = list(bogdanov.aliases.all())
    data = {
        "kind": "person",
        "name": bogdanov.name,
        "name_en": bogdanov.name_en,
        "name_ru": bogdanov.name_ru,
        "description": "نائب وزير الخارجية الروسي",
        "description_en": "",
        "aliases-TOTAL_FORMS": len(aliases) + 1,
        "aliases-INITIAL_FORMS": len(aliases),
        "aliases-MIN_NUM_FORMS": 0,
        "aliases-MAX_NUM_FORMS": 1000,
    }
    for n, alias in enumerate(aliases):
        data |= {
            f"aliases-{n}-id": alias.pk,
            f"aliases-{n}-entity": bogdanov.pk,
            f"aliases-{n}-name": alias.name,
        }
    n = len(aliases)
    data |= {f"aliases-{n}-entity": bogdanov.pk, f"aliases-{n}-name": "بوغدانوفـ"}
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    alias = EntityAlias.objects.get(name="بوغدانوفـ")
    assert alias.origin == EntityAlias.Origin.EDITOR
    assert alias.normalized == "بوغدانوف"


def test_admin_search_finds_an_entity_by_a_name_in_another_script(admin_client):
    response = admin_client.get(changelist("entity"), {"q": "Лавров"})
    assert "سيرغي لافروف" in response.content.decode()


def test_candidates_are_accepted_or_rejected_from_the_admin(admin_client):
    article = article_create(
        title="تقرير",
        body=(
            "بحث الكاظمي مع السفير الروسي لدى بغداد إيلبروس كوتراشيف ووزير الدفاع العراقي جمعة عناد"
        ),
    )
    article_mentions_refresh(article=article)
    ambassador = EntityCandidate.objects.get(name="إيلبروس كوتراشيف")
    minister = EntityCandidate.objects.get(name="جمعة عناد")

    admin_client.post(
        changelist("entitycandidate"),
        {"action": "accept_as_person", ACTION_CHECKBOX_NAME: [ambassador.pk]},
    )
    admin_client.post(
        changelist("entitycandidate"), {"action": "reject", ACTION_CHECKBOX_NAME: [minister.pk]}
    )

    entity = Entity.objects.get(name="إيلبروس كوتراشيف", kind="person")
    assert article.mentions.filter(entity=entity).exists()
    minister.refresh_from_db()
    assert minister.status == EntityCandidate.Status.REJECTED
    assert not Entity.objects.active().filter(name="جمعة عناد").exists()


def test_removing_a_wrong_mention_in_the_admin_keeps_it_removed(admin_client):
    article = article_create(title="تقرير", body="زار الكاظمي موسكو")
    article_mentions_refresh(article=article)
    wrong = article.mentions.get(entity__name="موسكو")
    response = admin_client.post(f"/admin/archive/mention/{wrong.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert MentionSuppression.objects.filter(article=article, entity__name="موسكو").exists()
    article_mentions_refresh(article=article)
    assert not article.mentions.filter(entity__name="موسكو").exists()


class _RecordingAdmin:
    def __init__(self):
        self.messages = []

    def message_user(self, request, message, level=None):
        self.messages.append(str(message))


def test_reextract_selected_action_reruns_extraction_on_the_chosen_articles(rf):
    chosen = article_create(title="تقرير", body="زار الكاظمي موسكو")
    other = article_create(title="تقرير آخر", body="زار الكاظمي بغداد")
    modeladmin = _RecordingAdmin()
    reextract_selected(modeladmin, rf.post("/"), Article.objects.filter(pk=chosen.pk))
    assert set(chosen.mentions.values_list("entity__name", flat=True)) == {"مصطفى الكاظمي", "موسكو"}
    assert not Mention.objects.filter(article=other).exists()
    assert modeladmin.messages == ["Extraction re-run on 1 article. 2 mentions found."]
