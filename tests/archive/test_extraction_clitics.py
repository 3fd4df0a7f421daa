"""A proclitic taken off a word only when the word is not more often an ordinary word whole."""

import pytest

from archive.extraction import extract
from archive.models import Entity
from archive.services.gazetteer import gazetteer_get

pytestmark = pytest.mark.django_db


@pytest.fixture
def kiel_and_baghdad():
    kiel = Entity.objects.create(name="كيل", name_en="Kiel", kind=Entity.Kind.PLACE)
    baghdad = Entity.objects.create(name="بغداد", name_en="Baghdad", kind=Entity.Kind.PLACE)
    return kiel, baghdad


def _found(text: str) -> set[str]:
    names = dict(Entity.objects.values_list("pk", "name_en"))
    return {names[item.entity_id] for item in extract(text, gazetteer_get()).entities}


def test_a_frequent_whole_word_is_not_a_clitic_and_a_town(kiel_and_baghdad):
    text = "والتقى المبعوث الروسي وكيل وزارة الخارجية في بغداد"
    assert _found(text) == {"Baghdad"}


def test_a_name_behind_a_conjunction_or_preposition_is_still_found(kiel_and_baghdad):
    assert _found("وصل الوفد إلى كيل ثم عاد وبغداد تنتظر") == {"Kiel", "Baghdad"}
    assert _found("وصل الوزير لبغداد") == {"Baghdad"}
