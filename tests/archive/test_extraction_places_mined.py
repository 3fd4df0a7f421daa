"""City names news mostly uses for something else (``place_mine``, ``data/places_other_words.txt``):
found only with support, while a real city after في is still found."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from archive.extraction import extract, place_mine, places
from archive.extraction.places import OTHER_WORDS_PATH, PlaceDataError, other_words_load
from archive.ingest import parse_document
from archive.models import Entity, EntityAlias
from archive.services.gazetteer import gazetteer_get, gazetteers_load
from archive.services.mentions import extraction_text

GOLD_DIR = Path(__file__).parent / "gold"
SEED_003 = next((Path(__file__).resolve().parents[2] / "fixtures" / "seeds").glob("003_*.txt"))


def found_en(text: str) -> set[str]:
    names = dict(Entity.objects.values_list("pk", "name_en"))
    return {names[item.entity_id] for item in extract(text, gazetteer_get()).entities}


@pytest.mark.django_db
def test_seed_003_names_no_town_for_the_virus(gazetteers_loaded):
    document = parse_document(SEED_003.read_bytes(), filename=SEED_003.name)
    text = extraction_text(
        title=document.title,
        body=document.body,
        title_derived=document.title_derived,
        dateline=document.metadata.get("dateline"),
    )
    assert "فيروس كورونا" in text
    found = extract(text, gazetteer_get()).entities
    forms = {form for item in found for form in item.forms}
    assert not any("كورونا" in form for form in forms)
    assert "Corona" not in found_en(text)
    assert {"Iraq", "Russia"} <= found_en(text)


@pytest.mark.django_db
def test_a_mined_name_is_ambiguous_and_needs_support(gazetteers_loaded):
    corona = EntityAlias.objects.get(normalized="كورونا", entity__origin="geonames")
    assert corona.ambiguous
    assert "Corona" not in found_en("أعلنت وزارة الصحة تسجيل إصابات جديدة بفيروس كورونا")
    assert "Corona" not in found_en("قال الأمين العام للأمم المتحدة بان كي مون إن كورونا خطر")
    # A place word before it is support: the town is still found.
    assert "Corona" in found_en("وقع الحادث في مدينة كورونا بولاية كاليفورنيا")


@pytest.mark.django_db
def test_a_real_city_after_fi_is_still_found(gazetteers_loaded):
    found = found_en("انفجرت سيارة مفخخة في الموصل، ووصل الوزير إلى حلب ثم إلى جدة")
    assert {"Mosul", "Aleppo", "Jeddah"} <= found


@pytest.mark.django_db
def test_loading_again_changes_nothing(gazetteers_loaded):
    before = (Entity.objects.count(), EntityAlias.objects.filter(ambiguous=True).count())
    counts = gazetteers_load()
    assert counts["aliases_created"] == 0
    assert (Entity.objects.count(), EntityAlias.objects.filter(ambiguous=True).count()) == before


@pytest.mark.django_db
def test_a_missing_list_fails_clearly_and_changes_nothing(gazetteers_loaded, monkeypatch, tmp_path):
    before = (Entity.objects.count(), EntityAlias.objects.count())
    missing = tmp_path / "places_other_words.txt"
    monkeypatch.setattr(places, "OTHER_WORDS_PATH", missing)
    monkeypatch.setattr(places.other_words_load, "__defaults__", (missing,))
    with pytest.raises(CommandError, match="Nothing was changed: Cannot read"):
        call_command("load_gazetteers", stdout=io.StringIO())
    assert (Entity.objects.count(), EntityAlias.objects.count()) == before
    with pytest.raises(PlaceDataError):
        other_words_load(missing)


def test_the_mined_list_says_how_it_was_made_and_keeps_real_cities():
    text = OTHER_WORDS_PATH.read_text(encoding="utf-8")
    assert "python -m archive.extraction.place_mine" in text.split("\n", 3)[1]
    words = other_words_load()
    assert {"كورونا", "مون", "كيل", "تويوتا"} <= words
    assert not {"بغداد", "حلب", "موسكو", "الموصل", "جده", "مدريد", "السويس"} & words


def test_mining_tells_a_city_from_a_virus():
    texts = [
        "أعلنت وزارة الصحة تسجيل حالة إصابة جديدة بفيروس كورونا في الرياض.",
        "وتواصل الوزارة مكافحة فيروس كورونا.",
        "وصل الوفد إلى حلب أمس، وقال سكان حلب إن القصف توقف.",
        "وعبرت السفن قناة السويس الجديدة.",
    ]
    uses = place_mine.mine(texts, ["كورونا", "حلب", "السويس", "الرياض", "قناة السويس"])
    assert (uses["كورونا"].total, uses["كورونا"].place) == (2, 0)
    assert (uses["حلب"].total, uses["حلب"].place) == (2, 2)
    assert uses["الرياض"].place == 1
    # The longest name wins: السويس inside قناة السويس is no use of the city's name.
    assert "السويس" not in uses


def test_a_name_is_marked_only_when_used_often_and_seldom_as_a_place():
    uses = {
        "كورونا": place_mine.Uses(total=40, clitic=10, place=1),
        "حلب": place_mine.Uses(total=40, clitic=10, place=15),
        "نادرة": place_mine.Uses(total=5, clitic=0, place=0),
        # With the clitic ب or ل: no evidence either way (بكورونا, ببغداد).
        "بلدة": place_mine.Uses(total=40, clitic=35, place=0),
    }
    assert place_mine.mostly_other_words(uses, list(uses)) == ["كورونا"]


def test_sports_pages_are_left_out():
    sports = "فاز فريق ريال مدريد في مباراة الدوري على ملعبه، وقال مدرب الفريق إن اللاعب أصيب."
    assert place_mine.mine([sports], ["مدريد"]) == {}
    assert place_mine.mine(["قال الوزير في مدريد إن"], ["مدريد"])["مدريد"].place == 1
