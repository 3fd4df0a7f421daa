"""``manage.py load_fixtures``: outlets, entities and the five seed articles, idempotent."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from archive.models import Article, Entity, Source
from archive.services.articles import sources_load

pytestmark = pytest.mark.django_db

SOURCES = Path(__file__).resolve().parents[2] / "fixtures" / "sources.json"


def load() -> str:
    out = io.StringIO()
    call_command("load_fixtures", stdout=out)
    return out.getvalue()


def test_load_fixtures_twice_gives_the_five_published_seed_articles_once():
    first = load()
    counts = (Article.objects.count(), Source.objects.count(), Entity.objects.count())

    second = load()

    assert Article.objects.count() == 5
    assert Article.objects.published().count() == 5
    assert (Article.objects.count(), Source.objects.count(), Entity.objects.count()) == counts
    assert "Seed articles: 5 imported, 0 already present." in first
    assert "Seed articles: 0 imported, 5 already present." in second
    assert "Sources: 0 created, 0 updated" in second
    sources = set(Article.objects.values_list("source__name_en", flat=True))
    assert sources == {"Elaph", "Al-Araby Al-Jadeed", "TASS", None}


def test_outlets_of_the_fixture_file_are_loaded_with_their_aliases():
    counts = sources_load(path=SOURCES)

    elaph = Source.objects.get(name="إيلاف")
    assert counts["created"] == Source.objects.count()
    assert elaph.name_en == "Elaph"
    assert {"ايلاف", "Elaph"} <= set(elaph.aliases)
    assert Source.objects.filter(name_en="Asharq Al-Awsat").exists()


def test_aliases_an_editor_added_survive_a_reload():
    sources_load(path=SOURCES)
    elaph = Source.objects.get(name="إيلاف")
    elaph.aliases = [*elaph.aliases, "إيلاف الإلكترونية"]
    elaph.save()

    counts = sources_load(path=SOURCES)

    assert "إيلاف الإلكترونية" in Source.objects.get(name="إيلاف").aliases
    assert counts["updated"] == 0
