"""Open-set detection and names written short or otherwise, on real Arabic news sentences."""

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


def proposed(text: str) -> dict[str, tuple[str, list[str]]]:
    """Proposed name → (kind, forms found in the text)."""
    return {c.name: (c.kind, c.forms) for c in extract(text, gazetteer_get()).candidates}


def known(text: str) -> dict[str, list[str]]:
    """Known entity name → forms found in the text."""
    names = dict(Entity.objects.values_list("pk", "name"))
    return {names[f.entity_id]: f.forms for f in extract(text, gazetteer_get()).entities}


def person(name: str, *aliases: str) -> Entity:
    entity = Entity.objects.create(kind=Entity.Kind.PERSON, name=name)
    for alias in (name, *aliases):
        EntityAlias.objects.get_or_create(entity=entity, name=alias)
    return entity


def test_organizations_are_found_by_their_head_and_completing_words():
    text = (
        "وقال مجلس الأمن القومي الأمريكي إن وكالة المخابرات المركزية الأمريكية "
        "أبلغت وزارة الاقتصاد أن الحزب الديمقراطي رفض الاتهامات."
    )
    found = proposed(text)
    assert found["مجلس الأمن القومي الأمريكي"][0] == "organization"
    assert found["وكالة المخابرات المركزية الأمريكية"][0] == "organization"
    assert found["وزارة الاقتصاد"][0] == "organization"
    assert found["الحزب الديمقراطي"][0] == "organization"


def test_an_organization_name_ends_where_the_sentence_moves_on():
    found = proposed("وطالبت الحكومة العراقية الغارات التركية بالتوقف")
    assert "الحكومة العراقية" in found
    assert not [name for name in found if "الغارات" in name]


def test_a_ministry_in_a_ministers_title_is_no_organization_of_its_own():
    found = proposed("وصل وزير الخارجية الروسي سيرغي لافروف إلى بغداد")
    assert not [name for name, (kind, _f) in found.items() if kind == "organization"]


def test_quoted_outlets_and_agency_credits_are_organizations():
    text = (
        'كشفت مصادر لـ«عكاظ» أن الوفد وصل، بحسب "الفرنسية"، وقالت صحيفة «واشنطن بوست» ذلك.\n'
        "موسكو 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\nالتقى الوزير نظيره."
    )
    found = proposed(text)
    for name in ("عكاظ", "الفرنسية", "واشنطن بوست", "واس"):
        assert found[name][0] == "organization", name


def test_people_after_a_title_cue_and_their_surname_later():
    text = "وعين الرئيس مستشار الأمن القومي مايكل فلين، وقال فلين إن العلاقات مع موسكو ستتحسن."
    found = proposed(text)
    assert found["مايكل فلين"] == ("person", ["مايكل فلين", "فلين"])


def test_people_of_a_lineage_are_found_whole():
    text = "وكان في استقبال الملك الأمير خالد بن سلمان بن عبدالعزيز والأمير منصور بن سعود."
    found = proposed(text)
    assert "خالد بن سلمان بن عبدالعزيز" in found
    assert "منصور بن سعود" in found


def test_foreign_names_are_found_by_their_shape_without_a_title():
    found = proposed("وشارك في اللقاء كيث كيلوج وجاريد كوشنر.")
    assert found["كيث كيلوج"][0] == "person"


def test_ordinary_words_are_not_taken_for_names():
    text = "وأكد المسؤولون أن غطرستها وتحديها لن يغيرا شيئا في المنطقة."
    assert not [n for n, (kind, _f) in proposed(text).items() if kind == "person"]


def test_a_rejected_name_is_not_proposed_again():
    rejected = Entity.objects.create(
        kind=Entity.Kind.ORGANIZATION, name="وزارة الاقتصاد", review=Entity.Review.REJECTED
    )
    EntityAlias.objects.create(entity=rejected, name="وزارة الاقتصاد")
    assert "وزارة الاقتصاد" not in proposed("أعلنت وزارة الاقتصاد أرقاما جديدة")
    assert "وزارة الاقتصاد" not in known("أعلنت وزارة الاقتصاد أرقاما جديدة")


def test_a_later_surname_alone_is_the_person_named_in_full_before():
    person("بشار الأسد")
    found = known("واستقبل الرئيس السوري بشار الأسد الوفد، وقال الأسد إن للأسد رأيا آخر.")
    assert found["بشار الأسد"] == ["بشار الأسد", "الأسد", "للأسد"]


def test_a_surname_shared_by_two_people_of_the_article_resolves_to_neither():
    person("بشار الأسد")
    person("رفعت الأسد")
    found = known("التقى بشار الأسد عمه رفعت الأسد، وقال الأسد إن الخلاف انتهى.")
    assert found["بشار الأسد"] == ["بشار الأسد"]
    assert found["رفعت الأسد"] == ["رفعت الأسد"]


def test_a_royal_title_alias_that_a_lineage_continues_gives_way_to_the_name_after_it():
    person("الملك سلمان بن عبد العزيز", "سلمان بن عبدالعزيز", "الملك سلمان")
    text = (
        "رفع أمير منطقة تبوك العزاء لخادم الحرمين الشريفين الملك سلمان بن عبدالعزيز "
        "حفظه الله، وحضر الأمير فهد بن سلطان بن عبدالعزيز."
    )
    found = known(text)
    # عبدالعزيز ending فهد's lineage is his grandfather, not the king's family name.
    assert found["الملك سلمان بن عبد العزيز"] == ["سلمان بن عبدالعزيز"]


def test_a_title_alias_followed_by_another_persons_lineage_is_not_that_person():
    person("الملك سلمان", "الملك سلمان")
    assert "الملك سلمان" not in known("وصل الملك سلمان بن حمد آل خليفة إلى الرياض")


def test_spelling_variants_resolve_to_the_known_person():
    person("ستافان دي ميستورا")
    person("عادل الجبير")
    text = (
        "واستقبل نائب وزير الخارجية الروسي ميخائيل بغدانوف المبعوث دي مستورا، "
        "وكان وزير الخارجية عادل جبير قد التقى بوجدانوف أمس."
    )
    found = known(text)
    assert found["ميخائيل بوغدانوف"] == ["ميخائيل بغدانوف", "بوجدانوف"]
    assert found["ستافان دي ميستورا"] == ["دي مستورا"]
    assert found["عادل الجبير"] == ["عادل جبير"]


def test_two_different_people_with_similar_names_stay_apart():
    person("محمد بن سلمان")
    person("حسن روحاني")
    text = "وقال الأمير محمد بن سلطان إن الشيخ حسين روحاني زار الرياض."
    found = known(text)
    assert "محمد بن سلمان" not in found
    assert "حسن روحاني" not in found
    assert "محمد بن سلطان" in proposed(text)


def test_a_short_form_maps_to_the_one_organization_it_opens():
    gcc = Entity.objects.create(kind=Entity.Kind.ORGANIZATION, name="مجلس التعاون الخليجي")
    EntityAlias.objects.create(entity=gcc, name="مجلس التعاون لدول الخليج العربية")
    found = known("ودعت دول مجلس التعاون إلى وقف إطلاق النار")
    assert found["مجلس التعاون الخليجي"] == ["مجلس التعاون"]
