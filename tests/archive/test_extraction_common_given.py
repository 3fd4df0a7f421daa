"""Given names that are ordinary words too (ناصر, سالم, بسمة, نور), on real Arabic news: they
open a name before a family name of a sure shape, a rare definite nisba or a family name
mined from the corpora, and in a list of people before a rare nisba."""

import pytest

from tests.archive.extraction_helpers import proposed_people as people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]


def test_a_common_given_name_before_a_rare_family_nisba():
    text = (
        "صدر قريبا عن دار «الوراق» بلندن وبيروت، كتاب «رواد علم الآثار» للراحل سالم "
        "الآلوسي، الذي كان يلقب بشيخ المؤرخين والوثائقيين العراقيين."
    )
    assert "سالم الآلوسي" in people(text)


def test_a_common_given_name_before_a_mined_family_name():
    text = (
        "وسجل للهلال ناصر الشمراني (61) (64) وتياجو نيفيز (70) الذي أهدر ركلة جزاء (66) "
        "ليدخل مباراة الإياب."
    )
    assert "ناصر الشمراني" in people(text)


def test_a_common_given_name_after_its_conjunction_before_a_mined_family_name():
    text = (
        "وأجرى الثلاثي المدافع ياسر الشهراني ولاعبي الوسط سعود كريري وسالم الدوسري "
        "تدريباتهم صباح أمس بالجري حول الملعب على سرعات مختلفة."
    )
    found = people(text)
    assert "سالم الدوسري" in found
    assert "وسالم الدوسري" not in found


def test_a_woman_s_name_that_is_a_word_in_a_list_before_a_rare_family_nisba():
    text = (
        "لجنة فرز الأصوات، المتكونة من النواب وليد جلاد وأنس الحطاب (نداء تونس) وبسمة "
        "الجبالي والبشير الخليفي (حركة النهضة) ونور الدين المرابطي (الاتحاد الوطني الحر) "
        "وحافظ الزواري (آفاق تونس)."
    )
    assert "بسمة الجبالي" in people(text)


def test_a_listed_given_name_with_the_article_in_a_list():
    text = (
        "كما سيقع الاحتفاء بذكرى العفيف الأخضر وعبد القادر المهيري وفاطمة المرنيسي والمنجي "
        "الشملي وكذلك سيقع الاحتفاء بالكاتبة نافلة ذهب."
    )
    assert "المنجي الشملي" in people(text)


def test_a_compound_given_name_in_din_in_a_list():
    text = (
        "وترشح لرئاسة المؤتمر، الذي تجري أشغال جلسته الافتتاحية بالقاعة الرياضية المغطاة "
        "برادس، كل من علي العريض ونور الدين البحيري وعبد اللطيف المكي وعبد الكريم الهاروني "
        "وفريدة العبيدي."
    )
    assert "نور الدين البحيري" in people(text)
