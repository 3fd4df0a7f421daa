"""Detected entities: unreviewed where readers see them; confirmed, merged or rejected by
editors in the admin, with the search index following each decision without a rebuild."""

from pathlib import Path

import pytest
from django.urls import reverse
from haystack import connections

from archive.extraction import extract
from archive.models import Entity, EntityCandidate, Mention
from archive.services.articles import article_ingest
from archive.services.curation import entity_merge
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get
from archive.services.mentions import articles_reextract

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"
SEARCH = reverse("search:api_search")
CHANGELIST = reverse("admin:archive_entity_changelist")
TEXT = (
    "موسكو تستضيف محادثات اقتصادية\n\n"
    "أعلنت وزارة الاقتصاد الروسية أن مستشار الأمن القومي كيث كيلوج سيزور موسكو الأسبوع "
    "المقبل، وقال كيلوج إن المحادثات ستتناول التعاون مع العراق."
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def archive_with_index(settings):
    settings.SEARCH_INDEX_INLINE = True
    backend = connections["default"].get_backend()
    backend.clear()
    authority_file_load(path=SMALL_AUTHORITY)
    yield
    backend.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what the archive does after a commit (the index applies its queue)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def article(committed):
    with committed():
        return article_ingest(raw=TEXT, filename="kellogg.txt", publish=True).article


def detected(name: str) -> Entity:
    return Entity.objects.get(name=name, origin=Entity.Origin.DETECTED)


def indexed_ids(client, kind: str, entity: Entity) -> set[int]:
    data = client.get(SEARCH, {kind: entity.pk}).json()
    return {result["id"] for result in data["results"]}


def test_detected_names_become_unreviewed_entities_mentioned_in_the_article(article):
    ministry = detected("وزارة الاقتصاد الروسية")
    kellogg = detected("كيث كيلوج")
    assert (ministry.kind, ministry.review) == ("organization", "provisional")
    assert (kellogg.kind, kellogg.review) == ("person", "provisional")
    mention = Mention.objects.get(article=article, entity=kellogg)
    assert (mention.count, mention.forms) == (2, ["كيث كيلوج", "كيلوج"])


def test_unreviewed_entities_are_marked_on_the_article_page_in_facets_and_the_api(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('class="unreviewed"') == 2
    kellogg = detected("كيث كيلوج")
    data = client.get(SEARCH, {"q": "كيلوج"}).json()
    [value] = [v for v in data["facets"]["person"] if v["id"] == kellogg.pk]
    assert value["unreviewed"] is True
    search_page = client.get(reverse("search:search"), {"q": "كيلوج"}).content.decode()
    assert 'class="unreviewed"' in search_page


def test_confirming_puts_the_name_in_the_gazetteer(desk, article):
    kellogg = detected("كيث كيلوج")
    response = desk.post(
        CHANGELIST, {"action": "confirm_selected", "_selected_action": [kellogg.pk]}
    )
    assert response.status_code == 302
    kellogg.refresh_from_db()
    assert kellogg.review == Entity.Review.CONFIRMED
    result = extract("وصل كيث كيلوج إلى بغداد", gazetteer_get())
    assert kellogg.pk in {f.entity_id for f in result.entities}
    page = desk.get(article.get_absolute_url()).content.decode()
    assert page.count('class="unreviewed"') == 1


def test_rejecting_removes_the_mentions_from_the_index_and_is_remembered(
    client, desk, article, committed
):
    ministry = detected("وزارة الاقتصاد الروسية")
    assert indexed_ids(client, "organization", ministry) == {article.pk}
    with committed():
        desk.post(CHANGELIST, {"action": "reject_selected", "_selected_action": [ministry.pk]})
    ministry.refresh_from_db()
    assert ministry.review == Entity.Review.REJECTED
    assert indexed_ids(client, "organization", ministry) == set()
    articles_reextract(articles=[article])
    assert not Mention.objects.filter(entity=ministry).exists()
    candidate = EntityCandidate.objects.get(entity=ministry)
    assert candidate.status == EntityCandidate.Status.REJECTED
    assert "وزارة الاقتصاد الروسية" not in {
        c.name for c in extract(TEXT, gazetteer_get()).candidates
    }


def test_merging_into_an_existing_entity_moves_the_article_in_the_index(client, article, committed):
    ministry = detected("وزارة الاقتصاد الروسية")
    target = Entity.objects.create(
        kind=Entity.Kind.ORGANIZATION, name="وزارة التنمية الاقتصادية الروسية"
    )
    assert indexed_ids(client, "organization", target) == set()
    with committed():
        entity_merge(source=ministry, target=target)
    assert indexed_ids(client, "organization", target) == {article.pk}
    articles_reextract(articles=[article])
    assert Mention.objects.filter(article=article, entity=target).exists()
    assert not Mention.objects.filter(entity=ministry).exists()
