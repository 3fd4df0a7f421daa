"""An organization's name completed by a sport (``الاتحاد الأوروبي لكرة القدم`` is UEFA,
never the European Union) or by a place that closes a genitive chain (``محكمة استئناف
ديالى``, ``حزب حركة نداء تونس``)."""

import pytest

from tests.archive.extraction_helpers import entity, found

pytestmark = pytest.mark.django_db


@pytest.fixture
def known():
    return {
        "eu": entity("organization", "الاتحاد الأوروبي"),
        "diyala": entity("place", "ديالى", "ديالي"),
        "tunisia": entity("place", "تونس"),
        "tangier": entity("place", "طنجة"),
        "khamis": entity("place", "خميس مشيط"),
    }


def test_the_european_union_for_football_is_another_organization(known):
    entities, proposed = found(
        "الاتحاد الأوروبي يرفض معاقبة فريد\n\nرفض الاتحاد الأوروبي لكرة القدم احتجاجا من "
        "فناربخشة التركي، وقال الاتحاد الأوروبي إن اللاعب كان مؤهلا للمشاركة."
    )
    assert known["eu"].pk not in entities
    assert "الاتحاد الأوروبي لكرة القدم" in proposed


def test_a_sport_whose_noun_looks_like_an_adjective_completes_the_name(known):
    _entities, proposed = found("وقال الاتحاد الدولي لألعاب القوى إن العداء سيوقف عامين.")
    assert proposed == {"الاتحاد الدولي لألعاب القوى"}


def test_the_union_of_an_article_without_a_sport_is_the_european_union(known):
    entities, _proposed = found("وقال الاتحاد الأوروبي إن العقوبات على روسيا ستمدد ستة أشهر أخرى.")
    assert entities[known["eu"].pk] == ["الاتحاد الأوروبي"]


def test_a_place_closes_a_chain_of_indefinite_nouns(known):
    entities, proposed = found(
        "وأصدرت محكمة استئناف ديالى حكما بالإعدام، فيما قال مجلس عمالة طنجة إن المشروع تأخر."
    )
    assert proposed == {"محكمة استئناف ديالى", "مجلس عمالة طنجة"}
    assert entities[known["diyala"].pk] == ["ديالى"]  # the place is named too


def test_a_party_named_by_its_movement_and_country(known):
    _entities, proposed = found("وقال القيادي في حزب حركة نداء تونس إن الحكومة باقية.")
    assert proposed == {"حزب حركة نداء تونس"}


def test_a_place_after_a_preposition_is_where_the_body_is_not_its_name(known):
    _entities, proposed = found("وافتتح مركز حضاري بخميس مشيط أمس بحضور المحافظ.")
    assert proposed == set()


def test_a_given_name_opens_no_chain_to_a_place(known):
    entity("place", "بن")
    _entities, proposed = found("ووقعت وشركة محمد بن إبراهيم القاضي عقدا مع الوزارة.")
    assert not any(name.startswith("شركة محمد") for name in proposed)


def test_a_foreign_name_opened_by_a_word_news_writes_otherwise_too(known):
    _entities, proposed = found(
        "ونقلت صحيفة فايننشال تايمز عن مسؤولين في شركة جنرال داينميكس أن العقد وقع."
    )
    assert proposed == {"صحيفة فايننشال تايمز", "شركة جنرال داينميكس"}


def test_the_heads_adjective_or_a_verb_opens_no_foreign_name(known):
    _entities, proposed = found(
        "وشكلت لجنة عليا لمكافحة الفساد، فيما قالت مؤسسة تقدم دروسا مجانية إنها ستتوسع."
    )
    assert not any("لمكافحة" in name or "دروسا" in name for name in proposed)


def test_a_compass_word_before_a_place_opens_no_chain(known):
    entity("place", "باريس")
    _entities, proposed = found("وداهمت الشرطة مجمع سكني غرب باريس فجر اليوم.")
    assert proposed == set()


def test_chaired_by_opens_no_chain_to_a_place(known):
    entity("place", "ظريف")
    _entities, proposed = found("وعقد اجتماع برئاسة جواد ظريف في طهران.")
    assert proposed == set()
