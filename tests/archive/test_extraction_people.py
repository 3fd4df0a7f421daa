"""People no list holds: how far a name runs, lists joined by و, names before and after
their role, on real Arabic news sentences."""

from pathlib import Path

import pytest

from archive.extraction import extract, shapes
from archive.extraction.names import name_normalize
from archive.models import Entity, EntityAlias
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=SMALL_AUTHORITY)


def people(text: str) -> dict[str, list[str]]:
    """Proposed person → forms found in the text."""
    found = extract(text, gazetteer_get()).candidates
    return {c.name: c.forms for c in found if c.kind == "person"}


def test_a_compound_given_name_takes_the_names_after_it():
    found = people("وطالب الرئيس عبد ربه منصور هادي المقيم في الرياض بالعودة إلى عدن.")
    assert "عبد ربه منصور هادي" in found
    assert "عبد ربه منصور" not in found


def test_a_name_in_a_list_keeps_its_family_name_after_abd():
    text = "وحضر اللقاء وعبد الحميد ابرشان رئيس مجلس عمالة طنجة، وعبد الله أوقصر القائد الجهوي."
    found = people(text)
    assert found["عبد الحميد ابرشان"] == ["وعبد الحميد ابرشان"]
    assert "عبد الله أوقصر" in found


def test_a_lineage_goes_on_to_the_family_after_al():
    text = "وحضر رئيس غرفة قطر الشيخ خليفة بن جاسم آل ثاني ومشاركة عدد من الوزراء."
    assert "خليفة بن جاسم آل ثاني" in people(text)


def test_a_lineage_takes_a_rare_family_name_after_it():
    text = "وحضر الاستقبال وحازم بن مصطفى زقزوق رئيس الشؤون الخاصة."
    assert "حازم بن مصطفى زقزوق" in people(text)


def test_a_foreign_surname_starting_like_the_article_behind_a_clitic_is_kept():
    # فالون is no ف + الون: the word is read whole.
    found = people("كما وصل إلى القاهرة أمس مايكل فالون وزير الدفاع البريطاني.")
    assert "مايكل فالون" in found


def test_a_name_ends_before_the_ordinary_words_that_follow_it():
    text = "وقال الرئيس عبد ربه منصور هادي إن الحكومة ستعود، وأكد الأمير خالد بن سلمان ذلك."
    found = people(text)
    assert "عبد ربه منصور هادي" in found
    assert "خالد بن سلمان" in found
    assert not [name for name in found if "إن" in name.split() or "ذلك" in name.split()]


def test_the_conjunction_is_no_part_of_a_lineage_name():
    text = "وحضر الاستقبال وعقلا بن علي العقلا نائب رئيس الديوان الملكي."
    assert people(text) == {"عقلا بن علي العقلا": ["وعقلا بن علي العقلا"]}


def test_a_name_that_begins_with_waw_keeps_it():
    found = people("وحضر الحفل وليد بن محمد العلي.")
    assert "وليد بن محمد العلي" in found


def test_a_transliterated_name_after_a_title_needs_no_listed_given_name():
    text = (
        "وتحدث ترامب مع رئيس الوزراء الكندي جاستن ترودو ومع الرئيس المكسيكي "
        "انريكي بينا نيتو حول الأمن."
    )
    found = people(text)
    assert "جاستن ترودو" in found
    assert "انريكي بينا نيتو" in found
    assert "انريكي بينا" not in found


def test_the_subject_of_a_verb_of_saying_is_a_person_when_it_looks_like_a_name():
    text = (
        "وقال شون سبايسر المتحدث باسم البيت الأبيض إن الاجتماع تأجل، "
        "وقالت ناتاشا برتود المتحدثة باسم المفوضية للصحفيين إن المبلغ صرف."
    )
    found = people(text)
    assert "شون سبايسر" in found
    assert "ناتاشا برتود" in found


def test_ordinary_words_after_a_verb_of_saying_are_no_name():
    text = (
        "وقال مصدر عسكري إن القوات تقدمت، وأكد مسؤول أمريكي ذلك، "
        "وطالبت مقاتلين آخرين بالتخلي عن البرنامج، وقال عبدالحليم علاقات البلدين جيدة."
    )
    assert people(text) == {}


def test_names_in_a_list_of_officials_are_found_whole():
    text = (
        "واستقبله عبدالإله بنكيران رئيس الحكومة، وفؤاد العماري رئيس الجماعة الحضرية لطنجة، "
        "وعبد السلام ميسار الرئيس الأول لمحكمة الاستئناف، "
        "وخالد بن صالح العباد رئيس المراسم الملكية."
    )
    found = people(text)
    assert found["فؤاد العماري"] == ["وفؤاد العماري"]
    assert found["عبد السلام ميسار"] == ["وعبد السلام ميسار"]
    assert found["خالد بن صالح العباد"] == ["وخالد بن صالح العباد"]


def test_a_nationality_adjective_after_a_given_name_is_no_family_name():
    found = people("وقال الرئيس فؤاد الروسي إن الوفد وصل.")
    assert "فؤاد الروسي" not in found


def test_a_name_right_before_its_role_is_a_person():
    text = (
        "وحضر ومحمد يعقوبي والي طنجة، وعز الدين الخويلي القائد الجهوي. "
        "قال روبيرت فورد، السفير الأمريكي السابق في سوريا، إن النظام انتهى. "
        "ويحتل دانييل سكيولي، حاكم بوينس آيرس، صدارة القائمة."
    )
    found = people(text)
    assert found["محمد يعقوبي"] == ["ومحمد يعقوبي"]
    assert "عز الدين الخويلي" in found
    assert "روبيرت فورد" in found
    assert "دانييل سكيولي" in found


def test_a_country_or_a_verb_before_a_role_is_no_name():
    country = Entity.objects.create(kind=Entity.Kind.PLACE, name="تركمانستان")
    EntityAlias.objects.create(entity=country, name="تركمانستان")
    text = (
        "إلا أن سلطات تركمانستان أبلغت رئيس الوزراء الباكستاني أن المشروع سيبدأ، "
        "وقالت الجمعيتان إنهما تنويان ملاحقة المرشح للرئاسة."
    )
    assert people(text) == {}


def test_words_behind_a_preposition_or_a_pronoun_do_not_lengthen_a_name():
    text = (
        "وقدم الأمير خالد بن عبدالعزيز بشرق المملكة، وذكرت بأنني سأضم صوتي، "
        "وقال مدير البرامج بلجنة تراحم إن العمل مستمر."
    )
    found = people(text)
    assert "خالد بن عبدالعزيز" in found
    assert not [name for name in found if "بشرق" in name or "بأنني" in name or "بلجنة" in name]


def test_a_word_before_abd_and_its_tail_is_a_given_name():
    text = "حسب ما أفاد به القيادي بحزب آفاق تونس فوزي عبد الرحمان في اتصال هاتفي."
    assert "فوزي عبد الرحمان" in people(text)


def test_a_joined_compound_given_name_takes_the_family_name_after_it():
    text = "ونجا عضو الهيئة التأسيسية أحمد أبوبكر محجوب من محاولة اغتيال."
    found = people(text)
    assert "أحمد أبوبكر محجوب" in found
    assert "أحمد أبوبكر" not in found


def test_a_known_short_name_after_a_given_name_is_another_persons_family_name():
    text = "وقال المرصد إن سليمان الأسد قتل العقيد، وعمر بن صالح العباد شاهد."
    found = people(text)
    assert "عمر بن صالح العباد" in found


def test_unseen_inflected_words_and_words_with_tanween_are_no_name():
    text = (
        "وأصبح الفريق متماسكاً متعاوناً، والمشجعون يحتقرون بروكسل، "
        "وكانتا عدوتين متطرفتين، وقال إنهم نغصوا حياتنا."
    )
    assert people(text) == {}


def test_a_transliterated_pair_is_a_name_but_not_a_place_before_a_verb():
    text = "وكان في الوفد تيموثي ليندركينج، وقال إن صهره جاريد كوشنر سيفاوض."
    found = people(text)
    assert "جاريد كوشنر" in found


def test_the_opening_of_a_known_persons_longer_name_is_no_new_person():
    jubeir = Entity.objects.create(kind=Entity.Kind.PERSON, name="عادل الجبير")
    for alias in ("عادل الجبير", "الجبير"):
        EntityAlias.objects.create(entity=jubeir, name=alias)
    text = "وحضر اللقاء وزير الخارجية الأستاذ عادل بن أحمد الجبير وعدد من المسؤولين."
    assert "عادل بن أحمد" not in people(text)


def test_verbs_and_words_behind_a_preposition_are_told_from_names():
    # What ends a name after a title (الملك سعود يتولى الحكم, الملك فهد بإجمالي تعويض).
    for word in ("يتولى", "سيفاوض"):
        assert shapes.has_prefix_reading(name_normalize(word)), word
    for word in ("بإجمالي", "بلجنة"):
        assert shapes.has_clitic_reading(name_normalize(word)), word
    for word in ("زحالقة", "كوشنر", "ترودو", "كوما", "جاريد"):
        folded = name_normalize(word)
        assert not shapes.has_prefix_reading(folded), word
        assert not shapes.has_clitic_reading(folded), word


def test_a_common_word_and_a_title_behind_a_preposition_are_no_name_before_a_role():
    text = "وذلك خلال لقاء جمعه بنائب رئيس الحكومة الروسية يوري بوريسوف."
    found = people(text)
    assert "جمعه بنائب" not in found
    assert "يوري بوريسوف" in found


def test_a_word_behind_a_preposition_ends_a_name_but_names_starting_with_its_letter_stay():
    text = (
        "وسجل متعب بتسديدة قوية، ووصل الأمير خالد بحائل، "
        "وقال المدرب لوران بلان إن اللاعب خالد بوعلي جاهز."
    )
    found = people(text)
    assert not [name for name in found if "بتسديدة" in name or "بحائل" in name]
    assert "لوران بلان" in found
    assert "خالد بوعلي" in found


def test_a_noun_behind_a_preposition_before_a_nisba_is_no_given_name():
    text = "بأمن واستقرار العراق وسيادته وإعادته لدوره المحوري الفاعل في المنطقة"
    assert people(text) == {}
    assert list(people("وقالت صابرين القوبنطيني إن الاجتماع انتهى")) == ["صابرين القوبنطيني"]
