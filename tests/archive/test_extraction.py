"""Entity extraction on real Arabic from the seeds (issue 4, Build 2).

The entity set is ``tests/archive/gold/small_authority.json``, loaded through
the authority-file service, so these tests do not depend on the full file.
"""

from pathlib import Path

import pytest

from archive.extraction import extract
from archive.models import Entity, EntityAlias
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=SMALL_AUTHORITY)


def found(text: str) -> dict:
    """Entity name → what was found of it."""
    names = dict(Entity.objects.values_list("pk", "name"))
    return {names[item.entity_id]: item for item in extract(text, gazetteer_get()).entities}


def places(text: str) -> set[str]:
    kinds = dict(Entity.objects.values_list("pk", "kind"))
    return {
        Entity.objects.get(pk=item.entity_id).name
        for item in extract(text, gazetteer_get()).entities
        if kinds[item.entity_id] == Entity.Kind.PLACE
    }


def test_full_name_wins_over_the_surname_inside_it():
    result = found("كما أبلغ الكاظمي تحيات الرئيس الروسي فلاديمير بوتين وتطلعه")
    assert result["فلاديمير بوتين"].count == 1
    assert result["فلاديمير بوتين"].forms == ["فلاديمير بوتين"]


def test_joint_commission_is_an_organization_and_not_the_place_iraq():
    text = "والإشارة إلى أعمال اللجنة العراقية الروسية المشتركة ومتابعة توقيع الاتفاقيات"
    result = found(text)
    assert result["اللجنة العراقية الروسية المشتركة"].count == 1
    assert "العراق" not in result
    assert "روسيا" not in result


def test_names_carrying_proclitics_on_their_first_word_are_found():
    text = (
        "جدد بوغدانوف دعوة الرئيس بوتين للكاظمي لزيارة موسكو. "
        "وللعراق سفارة في موسكو ولروسيا سفارة في بغداد. "
        "وتطلع بالعراق وموسكو والكاظمي."
    )
    result = found(text)
    assert set(result["مصطفى الكاظمي"].forms) == {"للكاظمي", "والكاظمي"}
    assert set(result["العراق"].forms) == {"وللعراق", "بالعراق"}
    assert result["روسيا"].forms == ["ولروسيا"]
    assert set(result["موسكو"].forms) == {"موسكو", "وموسكو"}


def test_commission_with_assimilated_article_after_li_is_found():
    text = "يولي أهمية خاصة للاجتماع التاسع المقبل للّجنة الحكومية الدولية الثنائية"
    result = found(text)
    assert result["اللجنة العراقية الروسية المشتركة"].forms == ["للّجنة الحكومية الدولية الثنائية"]


def test_a_name_is_never_found_inside_a_longer_word():
    text = (
        "والتقى الرئيس العراقي برهم صالح الوفد لما فيه مصلحة البلدين الصديقين، "
        "وبما يحقق المصالح المشتركة ومصالح شعبي البلدين في حفل عروس."
    )
    result = found(text)
    assert result["برهم صالح"].forms == ["برهم صالح"]
    assert result["برهم صالح"].count == 1
    assert "روس" not in result


def test_a_definite_word_is_not_the_bare_name():
    # الصالح ("the good") is not صالح, even with the president named in full.
    result = found("برهم صالح يدعو إلى العمل الصالح")
    assert result["برهم صالح"].count == 1


def test_nationality_adjectives_are_not_places():
    text = (
        "وأكد الكاظمي أهمية الدور الروسي التأريخي في المنطقة وبحث العلاقات العراقية الروسية "
        "مع الحكومة العراقية والمسؤولين الروس والجيش العراقي والقيادة الروسية."
    )
    assert places(text) == set()


def test_adjective_with_tanween_is_not_the_country():
    assert places("الكاظمي يستقبل مسؤولاً روسياً في مكتبه") == set()


def test_ambiguous_short_name_alone_is_not_a_person():
    text = "وجهود العراق التي تصب في صالح التهدئة وقال صالح إن"
    assert "برهم صالح" not in found(text)


def test_in_favour_of_is_not_the_president_even_when_he_is_named_in_full():
    text = "التقى الرئيس برهم صالح الوفد. وجهود العراق تصب في صالح التهدئة، ولصالح الاستقرار."
    result = found(text)
    assert result["برهم صالح"].count == 1
    assert result["برهم صالح"].forms == ["برهم صالح"]


def test_ambiguous_short_name_counts_right_after_a_title():
    result = found('حيث أكّد الرئيس صالح "ضرورة الحفاظ على الحوار والتلاقي في قضايا المنطقة"')
    assert result["برهم صالح"].count == 1


def test_ambiguous_short_name_counts_after_title_and_nationality():
    result = found("وقال الوزير حسين: اسمحوا لي. ثم تحدث وزير الخارجية العراقي حسين")
    assert result["فؤاد حسين"].count == 2


def test_ambiguous_short_name_counts_when_the_full_name_is_in_the_text():
    text = "اجرى مبعوث بوتين مباحثات مع الكاظمي وصالح. والتقى الرئيس العراقي برهم صالح المبعوث."
    result = found(text)
    assert result["برهم صالح"].count == 2
    assert result["برهم صالح"].forms == ["وصالح", "برهم صالح"]


def test_multi_word_name_does_not_span_punctuation():
    result = found("في الموعد الذي حدده فلاديمير، بوتين وصل")
    assert result["فلاديمير بوتين"].forms == ["بوتين"]


def test_forms_are_original_text_and_offsets_point_at_the_first_occurrence():
    text = "وتطلّع العراق إلى مزيد من التعاون، وللعراق سفارة في موسكو"
    item = found(text)["العراق"]
    assert item.forms == ["العراق", "وللعراق"]
    assert item.count == 2
    assert item.first_offset == text.index("العراق")


def test_cross_script_aliases_in_text_are_matched():
    result = found("Sergey Lavrov met Putin; Лавров сказал")
    assert result["سيرغي لافروف"].count == 2
    assert result["فلاديمير بوتين"].count == 1


def test_people_introduced_by_a_title_are_proposed_as_candidates():
    text = (
        "وكان رئيس الوزراء العراقي مصطفى الكاظمي قد بحث مع السفير الروسي لدى بغداد "
        "إيلبروس كوتراشيف تحضيرات انعقاد اللجنة. ومن جهته يشارك وزير الدفاع العراقي "
        "جمعة عناد حاليا في المنتدى، مع نائب رئيس الوزراء الروسي يوري بوريسوف."
    )
    candidates = {c.name: c.cue for c in extract(text, gazetteer_get()).candidates}
    assert candidates == {
        "إيلبروس كوتراشيف": "السفير الروسي لدى بغداد",
        "جمعة عناد": "وزير الدفاع العراقي",
        "يوري بوريسوف": "نائب رئيس الوزراء الروسي",
    }


def test_known_people_and_ordinary_words_after_a_title_are_not_candidates():
    text = (
        "بحث وزير الخارجية الروسي سيرغي لافروف مع الرئيس العراقي برهم صالح. "
        "فيما وصل الى موسكو الاثنين وزير الخارجية العراقي لترؤس وفد بلاده. "
        "الكاظمي استقبل نائب رئيس الحكومة الروسية اليوم (فيسبوك). "
        "المبعوث الخاص للرئيس الروسي بوتين للشرق الأوسط."
    )
    people = [c for c in extract(text, gazetteer_get()).candidates if c.kind == "person"]
    assert people == []


def test_candidates_are_never_entities_by_themselves():
    before = Entity.objects.count()
    extract("السفير الروسي لدى بغداد إيلبروس كوتراشيف", gazetteer_get())
    assert Entity.objects.count() == before


def test_a_new_alias_is_matched_without_restarting():
    assert "فلاديمير بوتين" not in found("الرئيس بوتن")
    putin = Entity.objects.get(name="فلاديمير بوتين")
    EntityAlias.objects.create(entity=putin, name="بوتن")
    assert found("الرئيس بوتن")["فلاديمير بوتين"].forms == ["بوتن"]


def test_entities_merged_away_are_not_matched():
    isis = Entity.objects.get(name="داعش")
    isis.merged_into = Entity.objects.get(name="روسيا")
    isis.save()
    assert "داعش" not in found("ملاحقة تنظيم داعش الإرهابي")


def test_places_named_inside_an_organization_name_are_mentioned_too():
    Entity.objects.create(kind="organization", name="مؤتمر الكويت الدولي لإعادة إعمار العراق")
    Entity.objects.create(kind="place", name="الكويت")
    text = "شاركت بفاعلية في مؤتمر الكويت الدولي لإعادة إعمار العراق من خلال ترؤس الوفد"
    result = found(text)
    assert result["مؤتمر الكويت الدولي لإعادة إعمار العراق"].count == 1
    assert result["الكويت"].forms == ["الكويت"]
    assert result["العراق"].forms == ["العراق"]
