"""Entity writes: authority file, mention refresh, curation (issue 4, Build 1, 2 and 6)."""

import json
from pathlib import Path

import pytest

from archive.models import (
    Entity,
    EntityAlias,
    EntityCandidate,
    Mention,
    MentionSuppression,
)
from archive.services.curation import (
    CurationError,
    candidate_accept,
    candidate_reject,
    entity_merge,
    mention_add,
    mention_remove,
)
from archive.services.entities import AuthorityFileError, authority_file_load, entity_names_sync
from archive.services.mentions import article_mentions_refresh, articles_reextract
from search.models import IndexTask
from tests.factories import article_create

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db

BODY_001 = (
    "أكد رئيس الوزراء العراقي مصطفى الكاظمي، الخميس، أن بلاده تختط سياسة للانفتاح، وذلك "
    "خلال لقاء جمعه بنائب رئيس الحكومة الروسية يوري بوريسوف، الذي يجري زيارة إلى بغداد. "
    "كما أبلغ الكاظمي تحيات الرئيس الروسي فلاديمير بوتين. وجهود العراق التي تصب في صالح "
    "التهدئة. والتقى الرئيس العراقي برهم صالح نائب رئيس الحكومة الروسية يوري بوريسوف، "
    "بحسب بيان رئاسي نقل عن صالح قوله إن المنطقة بحاجة إلى تخفيف توتراتها."
)


def write_authority(tmp_path, entities) -> Path:
    path = tmp_path / "entities.json"
    path.write_text(json.dumps({"version": 1, "entities": entities}, ensure_ascii=False))
    return path


def article_with(body: str):
    """An article whose title names no entity, so only the body counts."""
    return article_create(title="تقرير إخباري", body=body)


def mentions_of(article) -> dict:
    return {m.entity.name: m for m in article.mentions.select_related("entity")}


@pytest.fixture
def authority():
    return authority_file_load(path=SMALL_AUTHORITY)


# --- authority file -----------------------------------------------------------------------


def test_authority_file_load_creates_entities_with_every_name_as_an_alias(authority):
    assert authority["created"] == 15
    lavrov = Entity.objects.get(name="سيرغي لافروف")
    assert lavrov.name_ru == "Сергей Лавров"
    assert lavrov.description_en == "Foreign Minister of Russia"
    names = set(lavrov.aliases.values_list("name", flat=True))
    assert {"سيرغي لافروف", "Sergey Lavrov", "Сергей Лавров", "لافروف", "Lavrov"} <= names
    assert EntityAlias.objects.get(entity__name="برهم صالح", name="صالح").ambiguous


def test_authority_file_load_twice_changes_nothing(authority):
    entities, aliases = Entity.objects.count(), EntityAlias.objects.count()
    again = authority_file_load(path=SMALL_AUTHORITY)
    assert again["created"] == 0
    assert again["updated"] == 0
    assert again["unchanged"] == 15
    assert again["aliases_created"] == 0
    assert (Entity.objects.count(), EntityAlias.objects.count()) == (entities, aliases)


def test_authority_file_reload_updates_names_and_aliases_but_keeps_editor_aliases(tmp_path):
    entry = {
        "kind": "person",
        "name": "ميخائيل بوغدانوف",
        "name_en": "Mikhail Bogdanov",
        "aliases": ["بوغدانوف", "بوجدانوف"],
    }
    authority_file_load(path=write_authority(tmp_path, [entry]))
    bogdanov = Entity.objects.get(name="ميخائيل بوغدانوف")
    EntityAlias.objects.create(entity=bogdanov, name="ميخائيل بوغدانوڤ")

    entry = {**entry, "name_ru": "Михаил Богданов", "aliases": ["بوغدانوف"]}
    counts = authority_file_load(path=write_authority(tmp_path, [entry]))

    assert counts["updated"] == 1
    assert counts["aliases_removed"] == 1
    bogdanov.refresh_from_db()
    assert bogdanov.name_ru == "Михаил Богданов"
    names = set(bogdanov.aliases.values_list("name", flat=True))
    assert "بوجدانوف" not in names
    assert {"بوغدانوف", "ميخائيل بوغدانوڤ", "Михаил Богданов"} <= names
    assert Entity.objects.filter(name="ميخائيل بوغدانوف").count() == 1


def test_authority_file_renaming_an_entity_updates_it_in_place(tmp_path):
    entry = {"kind": "person", "name": "سيرجي لافروف", "name_en": "Sergey Lavrov"}
    authority_file_load(path=write_authority(tmp_path, [entry]))
    lavrov = Entity.objects.get()
    authority_file_load(path=write_authority(tmp_path, [{**entry, "name": "سيرغي لافروف"}]))
    lavrov.refresh_from_db()
    assert Entity.objects.count() == 1
    assert lavrov.name == "سيرغي لافروف"
    assert not lavrov.aliases.filter(name="سيرجي لافروف").exists()


def test_an_entity_renamed_by_an_editor_keeps_its_old_name_as_an_alias(authority):
    bogdanov = Entity.objects.get(name="ميخائيل بوغدانوف")
    bogdanov.name = "ميخائيل ليونيدوفيتش بوغدانوف"
    bogdanov.save()
    entity_names_sync(entity=bogdanov)
    assert Entity.objects.matching("ميخائيل بوغدانوف").get() == bogdanov
    assert Entity.objects.matching("ميخائيل ليونيدوفيتش بوغدانوف").get() == bogdanov
    old = bogdanov.aliases.get(name="ميخائيل بوغدانوف")
    assert old.origin == EntityAlias.Origin.EDITOR


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid UTF-8 JSON"),
        ('{"version": 1}', 'no "entities" list'),
        ('{"version": 2, "entities": []}', "version 2"),
        ('{"version": 1, "entities": [{"kind": "planet", "name": "المريخ"}]}', "unknown kind"),
        ('{"version": 1, "entities": [{"kind": "place", "name": "  "}]}', "has no name"),
    ],
)
def test_bad_authority_file_gives_a_clear_message_and_stores_nothing(tmp_path, content, message):
    path = tmp_path / "entities.json"
    path.write_text(content)
    with pytest.raises(AuthorityFileError, match=message):
        authority_file_load(path=path)
    assert Entity.objects.count() == 0


# --- mentions --------------------------------------------------------------------------------


def test_refresh_stores_counts_forms_and_first_offset(authority):
    article = article_create(title="الكاظمي يستقبل مسؤولاً روسياً", body=BODY_001)
    article_mentions_refresh(article=article)
    mentions = mentions_of(article)
    assert mentions["برهم صالح"].count == 2
    assert mentions["برهم صالح"].forms == ["برهم صالح", "صالح"]
    assert mentions["مصطفى الكاظمي"].count == 3  # title + body
    assert mentions["مصطفى الكاظمي"].first_offset == 0
    assert "روسيا" not in mentions  # روسياً in the title is the adjective


def test_the_dateline_is_not_a_mention_of_the_city_it_names(authority):
    Entity.objects.create(kind="place", name="لندن", name_en="London")
    article = article_create(
        title="تقرير إخباري",
        body="ايلاف من لندن: اجرى مبعوث للرئيس الروسي بوتين في بغداد الثلاثاء مباحثات",
        metadata={"dateline": "ايلاف من لندن"},
    )
    article_mentions_refresh(article=article)
    assert set(mentions_of(article)) == {"فلاديمير بوتين", "بغداد"}


def test_refresh_replaces_previous_mentions(authority):
    article = article_with("زار الكاظمي موسكو")
    article_mentions_refresh(article=article)
    article.body = "زار الكاظمي بغداد"
    article.save()
    article_mentions_refresh(article=article)
    assert set(mentions_of(article)) == {"مصطفى الكاظمي", "بغداد"}


def test_refresh_records_candidates_once_per_article(authority):
    first = article_with("بحث الكاظمي مع نائب رئيس الحكومة الروسية يوري بوريسوف")
    second = article_with("والتقى الرئيس صالح نائب رئيس الحكومة الروسية يوري بوريسوف")
    for article in (first, second, first):
        article_mentions_refresh(article=article)
    candidate = EntityCandidate.objects.get()
    assert candidate.name == "يوري بوريسوف"
    assert candidate.cue == "نائب رئيس الحكومة الروسية"
    assert candidate.count == 2
    assert set(candidate.articles.all()) == {first, second}


def test_removed_mention_is_not_added_back_by_reextraction(authority):
    article = article_with("زار الكاظمي موسكو")
    article_mentions_refresh(article=article)
    mention_remove(mention=article.mentions.get(entity__name="موسكو"))
    articles_reextract(articles=[article])
    assert set(mentions_of(article)) == {"مصطفى الكاظمي"}
    assert MentionSuppression.objects.filter(article=article, entity__name="موسكو").exists()


def test_mention_added_by_an_editor_survives_reextraction_and_lifts_a_removal(authority):
    article = article_with("زار الكاظمي موسكو")
    article_mentions_refresh(article=article)
    mention_remove(mention=article.mentions.get(entity__name="موسكو"))
    mention_add(article=article, entity=Entity.objects.get(name="العراق"))
    mention_add(article=article, entity=Entity.objects.get(name="موسكو"))
    articles_reextract(articles=[article])
    mentions = mentions_of(article)
    assert set(mentions) == {"مصطفى الكاظمي", "موسكو", "العراق"}
    assert mentions["موسكو"].count == 1
    assert mentions["موسكو"].added_by_editor


def test_reextraction_queues_the_articles_for_the_search_index(authority):
    article = article_with("زار الكاظمي موسكو")
    IndexTask.objects.all().delete()
    counts = articles_reextract(articles=[article])
    assert counts == {"articles": 1, "mentions": 2}
    assert list(IndexTask.objects.values_list("article_id", flat=True)) == [article.pk]


# --- merge ------------------------------------------------------------------------------------


def test_merge_moves_and_sums_mentions_keeps_aliases_and_redirects(authority, client):
    duplicate = Entity.objects.create(kind="person", name="بوتن", name_en="V. Putin")
    putin = Entity.objects.get(name="فلاديمير بوتين")
    both = article_with("الرئيس فلاديمير بوتين")
    only_duplicate = article_with("قال بوتن")
    Mention.objects.create(article=both, entity=putin, count=1, forms=["فلاديمير بوتين"])
    Mention.objects.create(article=both, entity=duplicate, count=2, forms=["بوتن"])
    Mention.objects.create(article=only_duplicate, entity=duplicate, count=1, forms=["بوتن"])

    entity_merge(source=duplicate, target=putin)

    assert Mention.objects.get(article=both, entity=putin).count == 3
    assert Mention.objects.get(article=both, entity=putin).forms == ["فلاديمير بوتين", "بوتن"]
    assert Mention.objects.get(article=only_duplicate).entity == putin
    assert not duplicate.mentions.exists()
    assert {"بوتن", "V. Putin"} <= set(putin.aliases.values_list("name", flat=True))
    response = client.get(duplicate.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == putin.get_absolute_url()


def queued_ids() -> list[int]:
    return sorted(set(IndexTask.objects.values_list("article_id", flat=True)))


def test_a_merge_queues_exactly_the_articles_whose_mentions_moved(authority):
    duplicate = Entity.objects.create(kind="person", name="بوتن")
    putin = Entity.objects.get(name="فلاديمير بوتين")
    both = article_with("الرئيس فلاديمير بوتين")
    only_duplicate = article_with("قال بوتن")
    untouched = article_with("الرئيس فلاديمير بوتين في موسكو")
    Mention.objects.create(article=both, entity=putin, count=1, forms=["فلاديمير بوتين"])
    Mention.objects.create(article=both, entity=duplicate, count=2, forms=["بوتن"])
    Mention.objects.create(article=only_duplicate, entity=duplicate, count=1, forms=["بوتن"])
    Mention.objects.create(article=untouched, entity=putin, count=1, forms=["فلاديمير بوتين"])
    IndexTask.objects.all().delete()

    entity_merge(source=duplicate, target=putin)

    assert queued_ids() == sorted([both.pk, only_duplicate.pk])


def test_removing_and_adding_a_mention_queue_its_article(authority):
    article = article_with("زار الكاظمي موسكو")
    article_mentions_refresh(article=article)
    IndexTask.objects.all().delete()
    mention_remove(mention=article.mentions.get(entity__name="موسكو"))
    assert queued_ids() == [article.pk]

    IndexTask.objects.all().delete()
    mention_add(article=article, entity=Entity.objects.get(name="موسكو"))
    assert queued_ids() == [article.pk]


def test_a_refresh_that_only_adds_mentions_in_bulk_still_queues_the_article(authority):
    article = article_with("زار الكاظمي موسكو")
    IndexTask.objects.all().delete()

    mentions = article_mentions_refresh(article=article)

    assert {m.entity.name for m in mentions} == {"مصطفى الكاظمي", "موسكو"}
    assert queued_ids() == [article.pk]


def test_after_a_merge_the_old_spelling_finds_the_surviving_entity(authority):
    duplicate = Entity.objects.create(kind="person", name="بوتن")
    putin = Entity.objects.get(name="فلاديمير بوتين")
    entity_merge(source=duplicate, target=putin)
    article = article_with("قال بوتن إن")
    article_mentions_refresh(article=article)
    assert set(mentions_of(article)) == {"فلاديمير بوتين"}
    assert list(Entity.objects.active().matching("بوتن")) == [putin]


def test_merge_into_itself_or_into_a_merged_entity_is_refused(authority):
    putin = Entity.objects.get(name="فلاديمير بوتين")
    with pytest.raises(CurationError):
        entity_merge(source=putin, target=putin)
    gone = Entity.objects.create(kind="person", name="بوتن")
    entity_merge(source=gone, target=putin)
    with pytest.raises(CurationError):
        entity_merge(source=Entity.objects.get(name="سيرغي لافروف"), target=gone)


# --- candidates -----------------------------------------------------------------------------


def test_accepting_a_candidate_creates_the_entity_and_reextracts_its_articles(authority):
    article = article_with(
        "بحث الكاظمي مع السفير الروسي لدى بغداد إيلبروس كوتراشيف. وقال كوتراشيف إن"
    )
    article_mentions_refresh(article=article)
    candidate = EntityCandidate.objects.get(name="إيلبروس كوتراشيف")

    entity = candidate_accept(candidate=candidate, kind="person", name_en="Elbrus Kutrashev")

    assert entity.name == "إيلبروس كوتراشيف"
    assert mentions_of(article)["إيلبروس كوتراشيف"].forms == ["إيلبروس كوتراشيف", "كوتراشيف"]
    candidate.refresh_from_db()
    assert candidate.status == EntityCandidate.Status.ACCEPTED
    assert candidate.entity == entity


def test_rejected_candidate_is_not_proposed_again(authority):
    article = article_with("الرئيس الكاظمي مع وزير الدفاع العراقي جمعة عناد")
    article_mentions_refresh(article=article)
    candidate = EntityCandidate.objects.get(name="جمعة عناد")
    candidate_reject(candidate=candidate)
    articles_reextract(articles=[article])
    candidate.refresh_from_db()
    assert candidate.status == EntityCandidate.Status.REJECTED
    assert EntityCandidate.objects.filter(status=EntityCandidate.Status.PROPOSED).count() == 0
    assert not Entity.objects.active().filter(name="جمعة عناد").exists()
