"""A city whose name news mostly uses for something else (الخبر, "the news") is found as a
whole item of a list of places named plainly, and not as a word of a sentence."""

import pytest

from archive.extraction import extract
from archive.models import Entity
from archive.services.gazetteer import gazetteer_get


def found_en(text: str) -> set[str]:
    names = dict(Entity.objects.values_list("pk", "name_en"))
    return {names[item.entity_id] for item in extract(text, gazetteer_get()).entities}


@pytest.mark.django_db
def test_a_city_between_commas_in_a_list_of_cities(gazetteers_loaded):
    found = found_en(
        "وأوضح أن الشواطئ المهيأة الآن في كل من الدمام، الخبر، القطيف تحتل مساحات جيدة."
    )
    assert {"Dammam", "Khobar", "Al Qaţīf"} <= found


@pytest.mark.django_db
def test_a_city_joined_by_wa_after_a_city(gazetteers_loaded):
    assert "Khobar" in found_en("وتقع الواجهات البحرية في مدينة الدمام والخبر على الشارع.")


@pytest.mark.django_db
def test_the_news_is_no_city_outside_a_list(gazetteers_loaded):
    assert "Khobar" not in found_en("وقال الخبر إن الدمام شهدت أمطارا غزيرة.")
    # A noun with its complement is no list's item, though a city stands before it.
    assert "Khobar" not in found_en("زار الدمام، الخبر الذي نشرته الصحيفة.")


@pytest.mark.django_db
def test_a_peoples_adjective_in_a_list_is_no_city(gazetteers_loaded):
    # الهندية is a town of Iraq (Al Hindiyah) and the adjective "Indian"; after Ranchi it
    # is the adjective.
    found = found_en("في قرية بمنطقة رانشي، الهندية، وذلك بعد أحداث عنف.")
    assert "Ranchi" in found
    assert "Al Hindīyah" not in found
