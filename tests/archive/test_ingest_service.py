"""The ingest service: raw text → stored article, duplicates, all-or-nothing (issue 2, 7)."""

import codecs
import datetime
from pathlib import Path
from urllib.parse import unquote

import pytest

import archive.services.articles as articles_service
from archive.ingest import BinaryDocument, EmptyDocument, UndecodableDocument, content_hash
from archive.models import Article, Source
from archive.services.articles import (
    DuplicateArticle,
    article_ingest,
    article_publish,
    article_review_done,
    article_unpublish,
    source_resolve,
)
from search.models import IndexTask

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def ingest_seed(prefix: str, **kwargs):
    path = seed(prefix)
    return article_ingest(raw=path.read_bytes(), filename=path.name, **kwargs).article


def test_seed_becomes_a_stored_article_with_what_was_detected():
    article = ingest_seed("003")

    article.refresh_from_db()
    assert article.title.startswith("نقل رئيس الوزراء العراقي مصطفى الكاظمي")
    assert article.published_on == datetime.date(2020, 11, 25)
    assert article.source.name == "تاس"
    assert article.source.name_en == "TASS"
    assert article.status == Article.Status.DRAFT
    assert article.needs_review is True
    assert article.review_reasons == ["title_derived"]
    assert article.original_filename == seed("003").name
    assert article.raw_text == seed("003").read_text(encoding="utf-8")
    assert article.metadata["credits"][-1] == {"kind": "source", "label": "المصدر", "value": "تاس"}
    assert article.content_hash == content_hash(article.body)


def test_publish_flag_makes_the_article_public():
    article = ingest_seed("001", publish=True)

    assert Article.objects.published().filter(pk=article.pk).exists()
    assert article.needs_review is False


def test_fully_detected_article_is_not_flagged_for_review():
    article = ingest_seed("001")

    assert article.review_reasons == []
    assert not Article.objects.needing_review().filter(pk=article.pk).exists()


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("cp1256"),
        lambda text: text.encode("utf-16"),
        lambda text: text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    ],
    ids=["windows-1256", "utf-16-bom", "utf-16-le", "utf-8-bom"],
)
def test_same_seed_reencoded_is_the_identical_article_and_a_duplicate(encode):
    original = ingest_seed("000")
    text = seed("000").read_text(encoding="utf-8")

    with pytest.raises(DuplicateArticle) as duplicate:
        article_ingest(raw=encode(text), filename="000-reencoded.txt")

    assert duplicate.value.existing == original
    assert Article.objects.count() == 1


def test_reencoded_seed_alone_gives_the_same_article_as_utf8():
    text = seed("001").read_text(encoding="utf-8")
    from_utf8 = article_ingest(raw=text.encode("utf-8"), filename="a.txt").article
    fields = (from_utf8.title, from_utf8.body, from_utf8.published_on, from_utf8.source)
    from_utf8.delete()

    from_cp1256 = article_ingest(raw=text.encode("cp1256"), filename="a.txt").article

    assert (from_cp1256.title, from_cp1256.body, from_cp1256.published_on, from_cp1256.source) == (
        fields
    )


def test_second_import_is_refused_and_names_the_existing_permalink():
    first = ingest_seed("002", publish=True)

    with pytest.raises(DuplicateArticle) as duplicate:
        ingest_seed("002")

    assert unquote(first.get_absolute_url()) in str(duplicate.value)
    assert first.title in str(duplicate.value)
    assert Article.objects.count() == 1


def test_respaced_text_without_hamza_is_a_duplicate():
    ingest_seed("004")
    text = seed("004").read_text(encoding="utf-8")
    variant = (
        text.replace("أ", "ا")
        .replace("إ", "ا")
        .replace("ة ", "ه ")
        .replace("ـ", "")
        .replace(" ", "  ")
        .replace("\n", "\n\n")
    )

    with pytest.raises(DuplicateArticle):
        article_ingest(raw=variant, filename="variant.txt")


def test_different_article_is_not_a_duplicate():
    ingest_seed("000")
    ingest_seed("002")

    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"", EmptyDocument),
        (b"\n \n", EmptyDocument),
        (b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n", BinaryDocument),
        (bytes(range(256)) * 4, BinaryDocument),
        ("Сергей Лавров провел переговоры в Москве в среду".encode("koi8_r"), UndecodableDocument),
    ],
)
def test_bad_input_gives_a_clear_message_and_stores_nothing(raw, error):
    with pytest.raises(error) as refused:
        article_ingest(raw=raw, filename="bad.txt")

    assert str(refused.value)
    assert Article.objects.count() == 0
    assert Source.objects.count() == 0
    assert IndexTask.objects.count() == 0


def test_failure_after_saving_leaves_nothing_half_saved(monkeypatch):
    def broken_extraction(**kwargs):
        raise RuntimeError("extraction failed")

    monkeypatch.setattr(articles_service, "article_mentions_refresh", broken_extraction)

    with pytest.raises(RuntimeError):
        ingest_seed("003")

    assert Article.objects.count() == 0
    assert Source.objects.count() == 0
    assert IndexTask.objects.count() == 0


def test_ingest_queues_the_article_for_the_search_index():
    article = ingest_seed("001", publish=True)

    assert IndexTask.objects.filter(article_id=article.pk).exists()


def test_given_fields_win_over_detection():
    text = seed("000").read_text(encoding="utf-8")

    article = article_ingest(
        raw=text,
        overrides={
            "title": "مبعوث بوتين في بغداد",
            "published_on": "2021-12-01 08:00:00",
            "source": "Reuters",
            "url": "https://www.reuters.com/world/middle-east/example",
        },
    ).article

    assert article.title == "مبعوث بوتين في بغداد"
    assert article.published_on == datetime.date(2021, 12, 1)
    assert article.source.name == "رويترز"
    assert article.original_url == "https://www.reuters.com/world/middle-east/example"
    assert "title_derived" not in article.review_reasons
    assert "date_from_caption" not in article.review_reasons


def test_an_explicit_source_wins_over_detection_and_given_fields():
    article = ingest_seed("000", source="روسيا اليوم", overrides={"source": "Reuters"})

    assert article.source.name == "روسيا اليوم"


def test_title_given_separately_keeps_the_first_line_in_the_body():
    content = "وصل وزير الخارجية العراقي إلى موسكو\nوبحث مع نظيره الروسي العلاقات الثنائية."

    article = article_ingest(raw=content, overrides={"title": "زيارة إلى موسكو"}).article

    assert article.title == "زيارة إلى موسكو"
    assert article.body.split("\n")[0] == "وصل وزير الخارجية العراقي إلى موسكو"


def test_unreadable_given_date_is_flagged_not_guessed():
    article = ingest_seed("004", overrides={"published_on": "قريبا"})

    assert article.published_on is None
    assert "date_unreadable" in article.review_reasons
    assert article.metadata["unreadable_date"] == "قريبا"


def test_invalid_url_is_kept_in_metadata_not_in_the_url_field():
    article = ingest_seed("004", overrides={"url": "not a url"})

    assert article.original_url == ""
    assert article.metadata["unusable_url"] == "not a url"


def test_unknown_outlet_is_created_once_and_reused():
    first, created = source_resolve(name="صحيفة البينة الجديدة")
    again, created_again = source_resolve(name="  صحيفة البينة الجديدة ")

    assert created and not created_again
    assert first == again


def test_outlet_resolves_through_aliases_an_editor_added():
    source = Source.objects.create(name="موقع الخبر العراقي", aliases=["alkhabar-iq"])

    assert source_resolve(name="alkhabar-iq") == (source, False)


def test_fixture_outlet_is_created_with_its_english_name_and_aliases():
    source, created = source_resolve(name="ايلاف")

    assert created
    assert (source.name, source.name_en) == ("إيلاف", "Elaph")
    assert "ايلاف" in source.aliases


def test_publish_and_unpublish_change_what_the_public_sees():
    article = ingest_seed("003")

    article_publish(article=article)
    assert Article.objects.published().filter(pk=article.pk).exists()

    article_unpublish(article=article)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_review_done_clears_the_flag_and_keeps_the_reasons():
    article = ingest_seed("002")

    article_review_done(article=article)

    article.refresh_from_db()
    assert article.needs_review is False
    assert "title_derived" in article.review_reasons
