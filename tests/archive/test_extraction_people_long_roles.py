"""People after a title whose complement runs long (``role_phrases``), and given names that
are ordinary or definite words too, mined by their position (``cued_given_mine``): on real
Arabic news, they are names only right after a title."""

import pytest

from archive.extraction import cued_given_mine, cues
from tests.archive.extraction_helpers import proposed_people as people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]


def test_a_definite_given_name_after_a_title():
    text = (
        "أن فتح التحقيق يندرج في إطار حزمة الإجراءات الاستعجالية التي أعلن عنها رئيس "
        "الحكومة الحبيب الصيد لفائدة ولاية قفصة."
    )
    assert "الحبيب الصيد" in people(text)


def test_a_definite_given_name_after_a_minister_s_title():
    text = (
        "نفى وزير الداخلية الهادي مجدوب، نفيا قاطعا وجود شركة إسرائيلية تدرب أعوان الأمن "
        "التونسي، مشيرا إلى وجود بعض التفاصيل في هذا الموضوع."
    )
    assert "الهادي مجدوب" in people(text)


def test_a_given_name_that_is_an_ordinary_word_after_a_long_title():
    text = (
        "وقال الشاهد إن تعيين القيادي في منظمة الأعراف خليل الغرياني مكان عبيد البريكي لا "
        "يحمل أي رسالة موضحا أن الوزير الجديد كفاءة شابة."
    )
    assert "خليل الغرياني" in people(text)


def test_a_title_whose_complement_runs_through_places_and_genitives():
    text = (
        "وأوضح المتحدث الرسمي للإدارة العامة للدفاع المدني بالعاصمة المقدسة الرائد نايف "
        "الشريف، أن مركز التحكم والتوجيه تلقى بلاغا مفاده اشتعال النار في شقة."
    )
    assert "نايف الشريف" in people(text)


def test_the_late_between_a_title_and_the_name():
    text = (
        "يسلط الضوء على أبرز قصص الكفاح التي خاضها الزعيم الراحل الحبيب بورقيبة من أجل "
        "استقلال تونس."
    )
    assert "الحبيب بورقيبة" in people(text)


def test_a_mined_given_name_without_a_title_is_an_ordinary_word():
    text = (
        "على شاطئ الريفيرا الفرنسي، بإمكان الباحث عن الهدوء وجمال الطبيعة أن يختار الإمارة "
        "الصغيرة موناكو وجهة له."
    )
    assert not any("جمال" in name for name in people(text))


def test_a_noun_after_a_long_title_is_no_name():
    text = (
        "بدوره، توقع نواف الشريف مساعد الناطق الرسمي بالرئاسة العامة للأرصاد وحماية البيئة "
        "هطول أمطار رعدية بعد الظهيرة وخلال مساء اليوم على مرتفعات الطائف والباحة وأبها."
    )
    assert not any("هطول" in name for name in people(text))


def test_the_mined_list_holds_definite_given_names_and_no_title_words():
    mined = cues.cued_given_names()
    assert {"الحبيب", "الهادي", "الطيب"} <= mined
    assert not {"نادي", "المكتب", "الوفد", "ديوان"} & mined


def test_a_word_of_the_title_is_never_kept():
    assert cued_given_mine.plain_word_reading("معسكره")  # a noun and its pronoun
    assert cued_given_mine.plain_word_reading("بلديه")  # a frequent plural: بلديات
    assert cued_given_mine.plain_word_reading("لشركه")  # ل and a frequent noun
    assert not cued_given_mine.plain_word_reading("خميس")
