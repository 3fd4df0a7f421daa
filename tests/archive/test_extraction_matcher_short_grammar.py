"""A family name alone where the grammar makes it a person (``short_grammar``): the
possessor of a noun of followers or forces, after an epithet, coordinated with a name; and
the same words where they are ordinary words or the names of groups."""

import pytest

from archive.extraction import extract
from archive.extraction.document import Document
from archive.extraction.short_grammar import after_noun, coordinated
from archive.models import Entity, EntityAlias
from archive.services.gazetteer import gazetteer_get
from tests.archive.extraction_helpers import entity, proposed_people

pytestmark = pytest.mark.django_db


def named(text: str) -> dict[str, list[str]]:
    """Known entity name → the forms the text names it in."""
    names = dict(Entity.objects.values_list("pk", "name"))
    return {names[f.entity_id]: f.forms for f in extract(text, gazetteer_get()).entities}


def person(name: str, *ambiguous: str) -> None:
    """A known person with one-word aliases that need support, as the authority file has."""
    found = entity("person", name)
    for alias in ambiguous:
        EntityAlias.objects.create(entity=found, name=alias, ambiguous=True)


def test_the_possessor_of_a_noun_of_forces_is_a_person():
    doc = Document("وتقدمت قوات حفتر نحو بنغازي بينما انسحب أنصار صالح من المواقع.")
    words = [doc.surfaces[i] for i in range(1, len(doc)) if after_noun(doc, i)]
    assert words == ["حفتر", "صالح"]


def test_a_name_coordinated_behind_its_conjunction():
    doc = Document("الانقلاب الذي نفذه الحوثيون وصالح في صنعاء، ووزارة الدفاع")
    ends = {3}  # الحوثيون
    assert coordinated(doc, 4, ends, set()) == "صالح"
    assert coordinated(doc, 8, {7}, set()) is None  # وزارة: its و is its own letter


def test_forces_named_by_a_known_family_name_name_him():
    entity("person", "خليفة حفتر")
    found = named("وتقدمت قوات حفتر نحو بنغازي وسط اشتباكات عنيفة مع مسلحي مجلس الشورى.")
    assert found["خليفة حفتر"] == ["حفتر"]


def test_the_deposed_saleh_is_proposed_not_linked_to_another_saleh():
    person("برهم صالح", "صالح")
    text = "وطرد متمردي جماعة الحوثي والمخلوع صالح الذين باتوا مهددين في معاقلهم."
    assert "صالح" in proposed_people(text)
    assert "برهم صالح" not in named(text)


def test_militias_of_a_leader_two_known_people_share_propose_the_family_name():
    person("بشار الأسد", "الأسد")
    person("حافظ الأسد", "الأسد")
    text = "وقال مسؤول في المعارضة إن ميليشيات الأسد تواصل القصف على أحياء حلب."
    assert proposed_people(text) == ["الأسد"]


def test_saleh_the_ordinary_word_names_nobody():
    person("برهم صالح", "صالح")
    text = "وقالت الحكومة إن قوات الأمن انتشرت وإن الوضع صالح لعودة السكان."
    assert "صالح" not in proposed_people(text)
    assert "برهم صالح" not in named(text)


def test_a_group_named_after_god_or_religion_is_no_person():
    entity("person", "حسن نصر الله")
    text = "وشاركت جماعة أنصار الله وجماعة أنصار الدين في القتال."
    assert "حسن نصر الله" not in named(text)
    assert proposed_people(text) == []


def test_a_family_name_coordinated_with_a_person_named_alone():
    entity("person", "رجب طيب أردوغان", "أردوغان")
    entity("person", "عبد الفتاح السيسي")
    found = named("وبحث أردوغان والسيسي في اتصال هاتفي الأزمة السورية.")
    assert found["عبد الفتاح السيسي"] == ["والسيسي"]


def test_a_verb_after_a_name_is_no_coordinated_family_name():
    entity("person", "رجب طيب أردوغان", "أردوغان")
    entity("person", "زلماي خليل زاد")
    found = named("وانتقد أردوغان وزاد من الضغوط على الحكومة لمكافحة الفساد.")
    assert "زلماي خليل زاد" not in found


def test_a_coordinated_given_name_that_a_name_goes_on_from_is_someone_else():
    entity("person", "رجب طيب أردوغان", "أردوغان")
    entity("person", "ليندون جونسون")
    found = named("والتقى أردوغان وجونسون آند جونسون في أنقرة.")
    assert "ليندون جونسون" not in found
