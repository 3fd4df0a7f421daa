"""A city whose name news mostly uses for another person or thing (``الزرقاء``, ``الزبير``)
is found after ``في`` when the article names the city's country: GeoNames gives each city's
country, linked to the country's entity when the gazetteer is built. Ordinary words of the
mined list (``الخبر`` "the news", ``سنة``) are never found that way."""

from pathlib import Path

import pytest

from archive.extraction import extract
from archive.extraction.places import other_words_load, proper_other_words
from archive.models import Entity
from archive.services.gazetteer import gazetteer_get

GOLD_DIR = Path(__file__).parent / "gold"

# SaudiNewsNet (2015): an article about Jordan's housing investors.
ZARQA = (
    "ولفت العواملة إلى أن عدد أعضاء المستثمرين في قطاع الإسكان يصل إلى 2700 عضو يعملون في "
    "مختلف محافظات المملكة، وتتركز النسبة الكبرى منهم في عمان حيث تصل إلى 60 في المائة، "
    "وفي إربد 15 في المائة، و10 في المائة في الزرقاء، والنسبة الباقية موزعة على باقي مدن "
    "المملكة وأهمها العقبة."
)
JORDAN = "حذر رئيس جمعية المستثمرين في قطاع الإسكان في الأردن كمال عواملة من انهيار القطاع."
# SaudiNewsNet (2015): the life of the poet Ibn Laboun.
ZUBAIR = (
    "وقال الشعر في صغره، ثم سافر قاصدا الزبير، وهو في السابعة عشـرة من عمره، ومكث مدة في "
    "الزبير، وله فيها أخبار وأشعار وأهاجٍ ومدائح، ثم سافر إلى أماكن أخرى حتى استقر في الكويت."
)
IRAQ = "ولم يزل هناك إلى توفي سنة 1247هـ في الطاعون العظيم الذي عم العراق والكويت."


def found_en(text: str) -> set[str]:
    names = dict(Entity.objects.values_list("pk", "name_en"))
    return {names[item.entity_id] for item in extract(text, gazetteer_get()).entities}


@pytest.mark.django_db
def test_a_city_after_fi_is_found_when_the_article_names_its_country(gazetteers_loaded):
    assert {"Zarqa", "Jordan"} <= found_en(JORDAN + "\n" + ZARQA)
    assert {"Az Zubayr", "Iraq"} <= found_en(ZUBAIR + " " + IRAQ)
    protest = (
        "وخرج مئات المتظاهرين في الديوانية احتجاجا على انقطاع الكهرباء، فيما تعهدت الحكومة "
        "بمحاسبة المقصرين في محافظات جنوب العراق."
    )
    assert {"Al Diwaniyah", "Iraq"} <= found_en(protest)


@pytest.mark.django_db
def test_without_its_country_or_with_another_the_city_still_needs_support(gazetteers_loaded):
    assert "Zarqa" not in found_en(ZARQA)
    assert "Az Zubayr" not in found_en(ZUBAIR)
    assert "Zarqa" not in found_en(ZARQA + " وزار الوزير العراق وسوريا.")


@pytest.mark.django_db
def test_a_name_used_as_an_ordinary_word_takes_no_support_from_the_country(gazetteers_loaded):
    saudi = "وأعلنت وزارة الداخلية في السعودية نتائج التحقيق."
    # "in the news that…", "the year", the Saudi men's sitting room: no town.
    text = (
        saudi + " وجاء في الخبر أن عددا من المواطنين السعوديين اضطروا إلى العودة، "
        "ومضت على ذلك أكثر من سنة. تدش الديوانية تقول داش الكونجرس الأميركي."
    )
    assert not {"Khobar", "Al Diwaniyah"} & found_en(text)
    # The town itself, in the same country.
    attack = " وفي عام 2004 اقتحم مسلحون مجمعا سكنيا في الخبر ويحتجزون عشرات الرهائن."
    assert "Khobar" in found_en(saudi + attack)
    assert "Khobar" not in found_en(attack)


@pytest.mark.django_db
def test_each_city_is_linked_to_its_countrys_entity(gazetteers_loaded):
    gazetteer = gazetteer_get()
    by_en = dict(Entity.objects.filter(kind="place").values_list("name_en", "pk"))
    assert gazetteer.countries[by_en["Zarqa"]] == by_en["Jordan"]
    # The authority file's Iraq (the loader attached CLDR's Iraq to it by its English name).
    iraq = Entity.objects.get(name="العراق")
    assert iraq.origin == ""
    assert gazetteer.countries[by_en["Az Zubayr"]] == iraq.pk
    assert gazetteer.countries[by_en["Al Diwaniyah"]] == iraq.pk


def test_only_names_that_are_no_ordinary_word_take_the_countrys_support():
    from arabic_text import lexicon_counts

    proper = proper_other_words(other_words_load(), lexicon_counts())
    assert {"الزرقا", "الزبير", "الديوانيه"} <= proper
    assert not {"سنه", "خبر", "الثوره", "ماء"} & proper
