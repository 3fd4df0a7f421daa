"""Organizations found by the shape of their names, on real Arabic news sentences: genitive
chains, purposes and postings that complete a name, governments named by their leader or
their country, and titles that name no organization."""

from pathlib import Path

import pytest

from archive.extraction import extract
from archive.models import Entity, EntityAlias
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get
from tests.archive.extraction_helpers import entity
from tests.archive.extraction_helpers import proposed_organizations as organizations

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=SMALL_AUTHORITY)


def known(text: str) -> set[str]:
    names = dict(Entity.objects.values_list("pk", "name"))
    return {names[f.entity_id] for f in extract(text, gazetteer_get()).entities}


def test_a_genitive_chain_completes_the_name():
    found = organizations(
        "وسيضم الفريق خبراء من الأمم المتحدة ومنظمة حظر الأسلحة الكيميائية، "
        "وتسيطر وحدات حماية الشعب الكردية على نحو 400 كيلومتر."
    )
    assert "منظمة حظر الأسلحة الكيميائية" in found
    assert "وحدات حماية الشعب الكردية" in found


def test_a_chain_stops_at_a_preposition_and_generic_bodies_are_left_out():
    found = organizations(
        "وأعلن تحالف لتشكيل الحكومة المقبلة، وراجع مكتب العمل، "
        "وانتشرت قوات الأمن العراقية وقوات الأسد في المدينة."
    )
    assert found == {}


def test_named_forces_count_and_generic_forces_do_not():
    found = organizations("وكان هلال الأسد قائد قوات الدفاع الوطني قبل مقتله")
    assert list(found) == ["قوات الدفاع الوطني"]


def test_a_purpose_with_lam_completes_a_name_after_its_adjective():
    found = organizations(
        "وفق ما أعلن المرصد السوري لحقوق الإنسان الجمعة. وقالت اللجنة الوطنية "
        "لمكافحة الإرهاب إن القوات الخاصة اشتبكت مع المسلحين."
    )
    assert "المرصد السوري لحقوق الإنسان" in found
    assert "اللجنة الوطنية لمكافحة الإرهاب" in found


def test_a_government_takes_no_purpose():
    found = organizations("بالرغم من قلة دعم الحكومة الاتحادية للمدينة")
    assert list(found) == ["الحكومة الاتحادية"]


def test_an_embassy_or_court_takes_its_posting_and_the_place_stays():
    entity("place", "تونس")
    entity("place", "المملكة المتحدة")
    text = (
        "وكانت سفارة المملكة المتحدة بتونس قد نشرت بلاغا، وقال مساعد وكيل الجمهورية "
        "بالمحكمة الابتدائية بتونس إن التحقيق بدأ."
    )
    found = organizations(text)
    assert "سفارة المملكة المتحدة بتونس" in found
    assert "المحكمة الابتدائية بتونس" in found
    assert "تونس" in known(text)


def test_an_organization_named_inside_a_mission_is_mentioned_too():
    entity("organization", "الأمم المتحدة")
    entity("place", "ليبيا")
    text = "كانت بعثة الأمم المتحدة للدعم في ليبيا قد أعربت عن قلقها"
    assert list(organizations(text)) == ["بعثة الأمم المتحدة للدعم في ليبيا"]
    assert {"الأمم المتحدة", "ليبيا"} <= known(text)


def test_a_head_of_government_title_names_no_organization():
    entity("organization", "الحكومة العراقية", "مجلس الوزراء")
    text = (
        "حضر الاستقبال الأمير محمد بن نايف نائب رئيس مجلس الوزراء وزير الداخلية، "
        "ووزير الدولة عضو مجلس الوزراء الدكتور مساعد العيبان."
    )
    assert "الحكومة العراقية" not in known(text)
    assert organizations(text) == {}


def test_a_definite_head_after_a_non_minister_title_is_named():
    found = organizations(
        "وخالد العباد رئيس المراسم الملكية، ومساعد رئيس الديوان الملكي للشؤون التنفيذية"
    )
    assert "المراسم الملكية" in found
    assert "الديوان الملكي" in found


def test_a_government_named_by_its_leader_is_one_organization_and_the_leader_stays():
    entity("person", "بشار الأسد", "الأسد")
    text = "وكان التعذيب داخل سجون نظام الأسد من أبرز الأسباب، وقال فورد إن نظام بشار الأسد جثة."
    found = extract(text, gazetteer_get())
    keys = {c.normalized for c in found.candidates if c.kind == "organization"}
    assert len(keys) == 1
    assert {c.name for c in found.candidates} >= {"نظام الأسد"}
    assert "بشار الأسد" in known(text)


def test_a_regime_is_named_by_its_country_not_by_any_adjective():
    found = organizations(
        "واشنطن تتهم النظام السوري بشن هذه الهجمات، ويعتمد النظام الإلكتروني الجديد على البصمة"
    )
    assert list(found) == ["النظام السوري"]


def test_a_foreign_name_after_an_outlet_word_names_the_outlet_later_alone():
    text = (
        "وأكد مصدر تركي لوكالة فرانس برس وصول ست طائرات أمريكية، "
        "وقالت فرانس برس إن الطائرات أقلعت من قاعدة إيطالية."
    )
    found = extract(text, gazetteer_get()).candidates
    outlets = [c for c in found if c.kind == "organization"]
    assert [c.name for c in outlets] == ["وكالة فرانس برس"]
    assert outlets[0].count == 2


def test_a_foreign_name_after_another_head_keeps_the_head():
    found = organizations("واستنكر عسيري اتهامات منظمة هيومن رايتس ووتش بأن طائرات قصفت مدنيين")
    assert list(found) == ["منظمة هيومن رايتس ووتش"]


def test_ordinary_words_after_an_outlet_word_are_no_foreign_name():
    found = organizations("وقالت شركة تعمل في المجال إن وكالة أمس لم ترد")
    assert found == {}


def test_a_quoted_name_after_any_head_is_the_organization():
    found = organizations(
        'وأعلنت جماعة "المرابطون" المتطرفة مسؤوليتها، وقالت إذاعة "شمس أف أم" إن الهجوم وقع.'
    )
    assert "المرابطون" in found
    assert "شمس أف أم" in found


def test_a_quoted_outlet_named_like_a_place_is_the_outlet():
    entity("place", "الرياض")
    text = 'وكشف مفتي الديار العراقية ل"الرياض" أن الأوضاع تسوء في الأنبار، وزار الوفد الرياض.'
    assert "الرياض" in organizations(text)
    assert "الرياض" in known(text)  # the city, named unquoted


def test_a_known_outlet_quoted_after_a_company_word_needs_no_other_support():
    shell = Entity.objects.create(kind="organization", name="شل")
    EntityAlias.objects.create(entity=shell, name="شل", ambiguous=True)
    assert "شل" not in known("وقال إن شل الحركة في المدينة استمر")
    assert "شل" in known("وقعت غازبروم مذكرة تفاهم مع شركة «شل» حول التعاون")


def test_movement_in_the_sense_of_traffic_and_a_board_are_no_organizations():
    found = organizations(
        "وعادت الحركة المرورية إلى طبيعتها، وقرر مجلس الإدارة توزيع الأرباح، "
        "فيما أعلنت حركة النهضة موقفها."
    )
    assert list(found) == ["حركة النهضة"]


def test_a_name_stops_at_a_line_break_a_weapon_and_a_weekday():
    found = organizations(
        "حجز سلاح كلاشنيكوف وذخيرة\n\nقامت الوحدات بمداهمة المنزل، وصادق مجلس نواب الشعب "
        "الأربعاء المنقضي على القانون."
    )
    assert list(found) == ["مجلس نواب الشعب"]


def test_a_ministry_takes_no_purpose():
    found = organizations("وقد اجتمعت وزارة الصحة العمومية لتدارس السبل الكفيلة بمقاومة الوباء")
    assert list(found) == ["وزارة الصحة العمومية"]


def test_a_force_with_one_adjective_is_a_power_not_an_organization():
    text = "في مختلف المجالات، وتعزيز القوة الدفاعية، وتراجع القوة الشرائية للمواطنين"
    assert organizations(text) == {}
    named = organizations("وأعلنت القوة الجوية العراقية تنفيذ ضربات")
    assert list(named) == ["القوة الجوية العراقية"]
