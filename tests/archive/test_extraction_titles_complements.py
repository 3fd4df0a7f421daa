"""The grammar between a title and the name, and other sure positions of a name, on real
Arabic news: a title's complement behind a preposition, an age after the name, Mauritanian
ولد inside a name."""

import pytest

from tests.archive.extraction_helpers import proposed_people as people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]


def test_a_title_its_genitives_and_a_complement_behind_a_preposition():
    text = (
        "قام سفير جمهورية البوسنة والهرسك لدى المملكة حارث هارلي، بزيارة لجامعة نايف "
        "العربية للعلوم الأمنية."
    )
    assert "حارث هارلي" in people(text)


def test_a_complement_behind_a_preposition_is_no_title_without_a_cue():
    text = "وذهب أهالي المدينة إلى المملكة حارث هارلي بزيارة."
    assert "حارث هارلي" not in people(text)


def test_a_name_before_its_age_in_brackets():
    text = "وكانت سابيتري سامال ( 37 عاما) تغسل الصحون في خور بالقرب من منزلها في منطقة كيندرابارا."
    assert "سابيتري سامال" in people(text)


def test_an_ordinary_phrase_before_an_age_is_no_name():
    text = "وأوضح أن المتهم الرئيسي (43 عاما) سلم نفسه للشرطة."
    assert people(text) == []


def test_ould_joins_a_mauritanian_name():
    text = (
        "وجدد بادي دعوة الحكومة إلى مبعوث الأمم المتحدة إلى اليمن إسماعيل ولد الشيخ أحمد "
        "لزيارة سريعة وعاجلة إلى محافظة عدن."
    )
    assert "إسماعيل ولد الشيخ أحمد" in people(text)


def test_ould_the_verb_ends_a_name():
    text = "وقال الكاتب محمد الأمين إن الشاعر ولد في نواكشوط عام 1950."
    assert all("ولد" not in name for name in people(text))


def test_a_quoted_name_after_a_title_closes_at_the_quotation_mark():
    text = 'وأخرى تظهر إعدام بعض الرهائن من بينهم الصحفي الأمريكي "جايمس فولي" الذي تم إعدامه.'
    assert "جايمس فولي" in people(text)


def test_the_next_title_after_a_complement_is_no_name():
    text = (
        "مندوب المملكة الدائم لدى جامعة الدول العربية عميد السلك الدبلوماسي العربي أحمد بن "
        "عبدالعزيز قطان، منتخب المملكة للكاراتيه."
    )
    assert "عميد السلك" not in people(text)


def test_a_dual_noun_ends_a_lineage():
    text = (
        "وأدى صاحب السمو الملكي الأمير محمد بن نايف بن عبدالعزيز ركعتين في المسجد الحرام "
        "بمكة المكرمة."
    )
    names = people(text)
    assert all("ركعتين" not in name for name in names)


def test_a_quoted_title_after_a_noun_and_its_nationality_is_no_name():
    text = 'وعرضت القناة الفيلم الأمريكي "ذا إنترفيو" الذي أثار غضب بيونغ يانغ.'
    assert people(text) == []
