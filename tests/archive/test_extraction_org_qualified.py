"""A known organization followed only by the adjective of a people is that organization
(``قوات البيشمركة الكردية`` is the Peshmerga), while a longer name of its own stays
another organization (``مجلس الأمن القومي``, ``مجلس النواب الأردني``)."""

import pytest

from archive.extraction.places import language_adjectives
from tests.archive.extraction_helpers import entity, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    """Organizations of the authority file, with the short names it gives them."""
    entity("place", "الأردن")
    entity("place", "العراق")
    return {
        "peshmerga": entity("organization", "قوات البيشمركة", "البيشمركة"),
        "pkk": entity("organization", "حزب العمال الكردستاني", "العمال الكردستاني"),
        "unsc": entity("organization", "مجلس الأمن الدولي", "مجلس الأمن"),
        "iraqi_parliament": entity("organization", "مجلس النواب العراقي", "مجلس النواب"),
        "syrian_army": entity("organization", "الجيش السوري"),
    }


def test_the_peshmerga_with_their_peoples_adjective_are_the_peshmerga(known):
    entities, proposed = found(
        "وتمكنت قوات البيشمركة الكردية من استعادة السيطرة على قرى في محيط سنجار"
    )
    assert entities[known["peshmerga"].pk] == ["قوات البيشمركة الكردية"]
    assert proposed == set()


def test_a_known_party_with_a_countrys_adjective_is_that_party(known):
    entities, proposed = found(
        "وشنت المقاتلات غارات على مواقع لحزب العمال الكردستاني التركي في جبال قنديل"
    )
    assert entities[known["pkk"].pk] == ["لحزب العمال الكردستاني التركي"]
    assert proposed == set()


def test_a_longer_name_of_its_own_stays_another_organization(known):
    entities, proposed = found(
        "واجتمع مجلس الأمن القومي برئاسة الرئيس، فيما قاتل الجيش السوري الحر في حلب، "
        "وتقدمت قوات البيشمركة الكردية نحو الموصل"
    )
    assert {"مجلس الأمن القومي", "الجيش السوري الحر"} <= proposed
    assert known["unsc"].pk not in entities
    assert known["syrian_army"].pk not in entities
    assert known["peshmerga"].pk in entities


def test_a_short_name_of_one_countrys_body_with_another_countrys_adjective_is_another(known):
    entities, proposed = found(
        "وصوت مجلس النواب الأردني على القانون، ودعا مجلس الأمن الإيراني إلى ضبط النفس، "
        "ورحب مجلس النواب العراقي بالقرار، وأعلنت قوات البيشمركة الكردية النفير"
    )
    assert {"مجلس النواب الأردني", "مجلس الأمن الإيراني"} <= proposed
    assert entities[known["iraqi_parliament"].pk] == ["مجلس النواب العراقي"]
    assert known["unsc"].pk not in entities
    assert known["peshmerga"].pk in entities


def test_adjectives_of_peoples_come_from_cldrs_language_names():
    adjectives = language_adjectives()
    assert {"الكرديه", "الكردي", "التركيه", "الالماني", "الفارسيه"} <= adjectives
    assert not {"الدوليه", "الدولي", "القومي", "الوطنيه", "الحر"} & adjectives
