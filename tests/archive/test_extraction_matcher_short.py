"""People named by the family name alone (``surnames``): a word that ends the full name of a
person the archive knows, with a title, a government or a verb of saying before it; and the
same word as an ordinary word, a given name or a title's adjective, which names nobody."""

import pytest

from archive.extraction import extract
from archive.extraction.document import Document
from archive.extraction.names import name_tokens
from archive.extraction.surnames import listed_surnames, pure_lineage, short_mentions
from archive.extraction.variants import person_identity, surname_of
from archive.models import Entity, EntityAlias
from archive.services.gazetteer import gazetteer_get
from tests.archive.extraction_helpers import entity, proposed_people

pytestmark = pytest.mark.django_db


def named(text: str) -> dict[str, list[str]]:
    """Known entity name → the forms the text names it in."""
    names = dict(Entity.objects.values_list("pk", "name"))
    return {names[f.entity_id]: f.forms for f in extract(text, gazetteer_get()).entities}


def test_a_government_named_by_a_family_name_names_the_person():
    entity("person", "يوسف الشاهد")
    found = named("عصام الشابي: حكومة الشاهد حكومة إنقاذ ولا يجب أن تتحول لحكومة تصريف أعمال")
    assert found["يوسف الشاهد"] == ["الشاهد"]


def test_the_witness_is_no_person():
    entity("person", "يوسف الشاهد")
    assert "يوسف الشاهد" not in named("وقال الشاهد العيان إن السيارة انفجرت قرب السوق.")
    assert "يوسف الشاهد" not in named("وقال الشاهد إن الأمر خطير، وطلب حماية الشرطة.")


def test_a_president_named_by_a_family_name_that_is_a_given_name_too():
    entity("person", "عبد ربه منصور هادي")
    found = named("وأشاد سرحان بمواقف الرئيس هادي والتحالف العربي في تعز.")
    assert found["عبد ربه منصور هادي"] == ["هادي"]
    assert "عبد ربه منصور هادي" not in named("وكان البحر هادي والجو صحو طوال الرحلة.")


def test_a_given_name_that_a_name_goes_on_from_names_someone_else():
    entity("person", "سليمان الحبيب")
    found = named("لم يجدد الشاهد ثقته في أعضاء حكومة الحبيب الصيد المستقيلة.")
    assert "سليمان الحبيب" not in found


def test_an_adjective_of_the_title_is_no_family_name():
    entity("person", "عبدالعزيز المكلف")
    entity("person", "عبد الله الثاني")
    found = named(
        "وحضر نائب رئيس الديوان الملكي المكلف، والأمير محمد بن سلمان ولي ولي العهد "
        "النائب الثاني لرئيس مجلس الوزراء."
    )
    assert "عبدالعزيز المكلف" not in found
    assert "عبد الله الثاني" not in found


def test_a_family_name_after_a_verb_of_saying():
    entity("person", "سيرغي لافروف")
    found = named("وقال لافروف إن موسكو لن تغير موقفها من الأزمة.")
    assert found["سيرغي لافروف"] == ["لافروف"]


def test_a_family_name_several_people_have_is_proposed_alone():
    entity("person", "أحمد عسيري")
    entity("person", "مبارك عسيري")
    text = "وأضاف عسيري في مقابلة أن المهمة الأولى هي تأمين عدن."
    assert "عسيري" in proposed_people(text)
    assert not {"أحمد عسيري", "مبارك عسيري"} & named(text).keys()


def test_a_family_name_of_a_person_named_in_full_stays_his():
    entity("person", "أحمد عسيري")
    entity("person", "مبارك عسيري")
    text = "وقال المتحدث أحمد عسيري إن التحالف مستمر. وأضاف عسيري أن عدن آمنة."
    assert named(text)["أحمد عسيري"] == ["أحمد عسيري", "عسيري"]
    assert "عسيري" not in proposed_people(text)


def test_a_mined_full_name_is_what_its_family_name_alone_names():
    listed = listed_surnames([("يوسف", "الشاهد"), ("عبد", "ربه", "منصور", "هادي")])
    doc = Document("ودعت الحركة إلى دعم حكومة الشاهد في الأشهر المقبلة.")
    found = short_mentions(doc, set(), set(), gazetteer_get(), listed)
    assert [(doc.surfaces[m.index], m.owner) for m in found] == [("الشاهد", "يوسف الشاهد")]


def test_a_family_name_is_not_a_fathers_name():
    assert surname_of(["محمد", "بن", "سلمان"]) is None
    assert surname_of(["يوسف", "الشاهد"]) == "الشاهد"
    assert person_identity(["عبد", "ربه", "منصور", "هادي"]) == person_identity(
        ["عبدربه", "منصور", "هادي"]
    )


def test_a_given_and_family_name_after_the_lineage_is_one_person():
    people = proposed_people(
        "واستعرض اللقاء بحضور الأمين العام للغرفة عبدالرحمن بن عبدالله الوابل ما شهدته "
        "إجازة العيد. واستقبل عبدالحكيم العمار بحضور نجيب السيهاتي وعبدالرحمن الوابل الوفد."
    )
    assert [p for p in people if p.endswith("الوابل")] == ["عبدالرحمن بن عبدالله الوابل"]


def test_two_lineages_leave_their_short_form_alone():
    people = proposed_people(
        "وحضر الأمين العام للغرفة محمد بن خالد الوابل ومدير الفرع محمد بن سعد الوابل. "
        "وقال المتحدث محمد الوابل إن اللقاء ناجح."
    )
    assert "محمد الوابل" in people


def test_a_lineage_opening_with_a_known_name_named_alone_too_is_that_person():
    entity("person", "محمد بن سلمان", "الأمير محمد بن سلمان")
    text = (
        "شدد الأمير محمد بن سلمان بن عبد العزيز ولي ولي العهد على أن المباحثات ناجحة. "
        "وكان في وداع الأمير محمد بن سلمان لدى مغادرته القاهرة الفريق صدقي صبحي."
    )
    assert "محمد بن سلمان" in named(text)
    assert not [p for p in proposed_people(text) if p.startswith("محمد بن سلمان")]


def test_a_lineage_with_a_family_name_of_its_own_is_no_pure_lineage():
    assert pure_lineage(name_tokens("محمد بن سلمان بن عبدالعزيز"))
    assert pure_lineage(name_tokens("سلمان بن عبدالعزيز آل سعود"))
    assert not pure_lineage(name_tokens("محمد بن عبدالرحمن المخرج"))
    assert not pure_lineage(name_tokens("عبدالله بن عبدالعزيز الربيعة"))


def test_a_family_name_the_article_writes_after_another_given_name_is_not_the_known_one():
    entity("person", "أسعد الشيباني")
    text = (
        "أفاد المكلف بالإعلام خليفة الشيباني أن الأعوان أحبطوا العملية. "
        "وأضاف الشيباني أن التحقيق جار."
    )
    assert "أسعد الشيباني" not in named(text)


def test_a_known_persons_family_name_written_after_another_given_name_is_not_his():
    entity("person", "أسعد الشيباني")
    EntityAlias.objects.create(
        entity=Entity.objects.get(name="أسعد الشيباني"), name="الشيباني", ambiguous=True
    )
    text = (
        "أكد المكلف بالإعلام والاتصال بالإدارة العامة للحرس الوطني خليفة الشيباني في تصريح "
        "أن الأعوان أحبطوا العملية. وأضاف الشيباني أن التحقيق جار."
    )
    assert "أسعد الشيباني" not in named(text)


def test_a_government_named_with_a_preposition_names_its_leader():
    entity("person", "عبد ربه منصور هادي")
    found = named("تستمر المعارك بين القوات الموالية لحكومة هادي والحوثيين وحلفائهم.")
    assert found["عبد ربه منصور هادي"] == ["هادي"]


def test_a_known_one_word_name_that_a_family_continues_is_someone_elses():
    person = entity("person", "برهم صالح")
    EntityAlias.objects.create(entity=person, name="صالح", ambiguous=True)
    text = "جاء ذلك في خطاب شكر تلقاه الشيخ صالح آل الشيخ من أمير المنطقة."
    assert "برهم صالح" not in named(text)
    assert "صالح آل الشيخ" in proposed_people(text)
