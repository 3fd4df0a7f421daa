"""Ordinary phrases that the shape of names took for people, on real Arabic news: a frequent
word cut behind a proclitic it does not have, a month and its adjective of time, words that
are inflections of frequent stems. Real names next to them are still proposed."""

import pytest

from tests.archive.extraction_helpers import proposed_people as people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]


def test_a_frequent_word_is_not_cut_behind_a_proclitic():
    # فعلا ("indeed") is no ف + the name علا.
    text = (
        "وقال التاجر حسين يوسف لرويترز إن «الشعب التشادي كان ينتظر فعلا المحاكمة. أعتقد "
        "أن استفادة ضحايا هذا الديكتاتور من العدالة مسألة صائبة»."
    )
    assert not any(name.startswith("علا") for name in people(text))


def test_committees_are_no_jean_but_jean_claude_is():
    # لجان ("committees") before a noun; لجان كلود قدسي ("by Jean-Claude Kodsi") before a
    # foreign given name stays a name.
    text = (
        "وأوضح أن آلية المقابلات الشخصية للمرشح تجري من خلال لجان التدقيق والمطابقة والتسجيل. "
        'وتعرض أفلام لبنانية هي "غدي" للمخرج جورج خباز و"إنسان شريف" لجان كلود قدسي.'
    )
    found = people(text)
    assert "جان التدقيق" not in found
    assert "جان كلود قدسي" in found


def test_a_month_and_its_adjective_of_time_is_no_person():
    text = (
        "وفي شأن آخر أصدرت بلدية المبرز خلال شهر رمضان الماضي 265 رخصة خدمية بما يتضمن "
        "رخص البناء والهدم والترميم."
    )
    assert "رمضان الماضي" not in people(text)


def test_inflections_of_frequent_stems_are_no_person():
    # تتناولي ("you take", تناول), أقراصا ("tablets"); تعافيا ("a recovery"), سريعا ("quick").
    text = (
        "يؤدي ذلك إلى قصور في الغدة الدرقية، وسوف يتعين عليك حينئذ أن تتناولي أقراصا لبقية "
        "حياتك. وإذا ما نظرنا إلى فترة الانتخابات العامة، فإن القطاع يسجل تعافيا سريعا."
    )
    found = people(text)
    assert "تتناولي أقراصا" not in found
    assert "تعافيا سريعا" not in found


def test_second_person_forms_are_no_person_but_a_foreign_actor_is():
    # تقدمك بإيقاد ("your progress by kindling"); هاريسون فورد has no stem news writes far
    # more often than the name.
    text = (
        "الحقد: تعطيل مسيرة تقدمك بإيقاد نارها في منتصف طريقك وقلبك. وذكر تقرير للهيئة "
        "الوطنية لسلامة النقل أن الممثل هاريسون فورد لا يتذكر اللحظات التي سبقت سقوط طائرته."
    )
    found = people(text)
    assert "تقدمك بإيقاد" not in found
    assert "هاريسون فورد" in found
