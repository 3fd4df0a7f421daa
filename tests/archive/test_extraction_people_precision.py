"""People the extraction must not find, on real Arabic news: a name a facility or a prize
honours, a head noun opening a name, a different person spelled alike, a known lineage that
a family name continues, a people's adjective after a title."""

import json
from pathlib import Path

import pytest

from archive.extraction import extract, people_names
from archive.models import Entity
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]


def people(text: str) -> list[str]:
    """The people found in the text: known ones by their entity's name, proposed ones by
    the name written."""
    found = extract(text, gazetteer_get())
    names = dict(
        Entity.objects.filter(
            pk__in=[f.entity_id for f in found.entities], kind="person"
        ).values_list("pk", "name")
    )
    known = [names[f.entity_id] for f in found.entities if f.entity_id in names]
    return known + [c.name for c in found.candidates if c.kind == "person"]


def known(tmp_path: Path, *people: tuple[str, list[str], list[str]], places=()) -> None:
    """People in the authority file: (name, aliases, ambiguous aliases); places by name."""
    entities = [
        {"kind": "person", "name": name, "aliases": aliases, "ambiguous_aliases": ambiguous}
        for name, aliases, ambiguous in people
    ] + [{"kind": "place", "name": name, "aliases": []} for name in places]
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"version": 1, "entities": entities}), encoding="utf-8")
    authority_file_load(path=path)


KING_SALMAN = ("الملك سلمان بن عبد العزيز", ["سلمان بن عبد العزيز", "الملك سلمان"], [])
KING_ABDULLAH = (
    "الملك عبد الله بن عبد العزيز",
    ["عبد الله بن عبد العزيز", "عبدالله بن عبدالعزيز"],
    ["الملك عبد الله"],
)


# --- names that honour a person --------------------------------------------------------


def test_a_centre_named_after_the_king_does_not_mention_him(tmp_path):
    known(tmp_path, KING_SALMAN)
    text = (
        "وتأتي هذه المساعدات بإشراف من مركز الملك سلمان للإغاثة والأعمال الإنسانية، "
        "بالتنسيق مع خلية الإجلاء والعمليات الإنسانية."
    )
    assert "الملك سلمان بن عبد العزيز" not in people(text)


def test_the_king_named_as_himself_is_still_found(tmp_path):
    known(tmp_path, KING_SALMAN)
    text = (
        "إنفاذا لتوجيهات خادم الحرمين الشريفين الملك سلمان بن عبد العزيز لتقديم المساعدات "
        "العاجلة للشعب اليمني الشقيق."
    )
    assert "الملك سلمان بن عبد العزيز" in people(text)


def test_a_league_named_after_a_businessman_is_no_person():
    text = (
        "ويتصدر الهلال ترتيب دوري عبد اللطيف جميل للمحترفين بعد فوزه على النصر في المباراة "
        "التي جرت أمس."
    )
    assert "عبد اللطيف جميل" not in people(text)


def test_a_hospital_a_stadium_and_a_mosque_named_after_people():
    text = (
        "وتم نقله مساء أمس إلى مستشفى شارل نيكول بعد تعكر حالته الصحية. وأجرى الفريق "
        "تدريباته على ملعب الأمير فيصل بن فهد بالملز، وأدى الصلاة في مسجد عمرو بن العاص."
    )
    found = people(text)
    assert "شارل نيكول" not in found
    assert "فيصل بن فهد" not in found
    assert "عمرو بن العاص" not in found


def test_a_quoted_district_after_the_word_city():
    text = (
        'إثر عملية نوعية تمت بالمدينة الجديدة "علي منجلي" بقسنطينة، صباح اليوم، ألقي '
        "القبض على ثلاثة إرهابيين."
    )
    assert "علي منجلي" not in people(text)


def test_a_quoted_name_after_a_company_is_still_a_person():
    text = (
        'وقال المدير الجديد لشركة الحي اليهودي "إيتي بتسلال" إن الشركة تعد ترتيبات لنقل '
        "عشرات العقارات."
    )
    assert "إيتي بتسلال" in people(text)


def test_a_head_noun_opens_no_persons_name(monkeypatch):
    # The mined full names hold it: a title (القاضي) stands before it in many articles.
    lexicon = people_names.NameLexicon([["ديوان", "المظالم"]])
    monkeypatch.setattr(people_names, "listed_names", lambda: lexicon)
    text = (
        "وقال القاضي السابق في ديوان المظالم حسان السيف في تقرير نشرته صحيفة الحياة إن "
        "تقنين الشريعة أمر ملح."
    )
    found = people(text)
    assert "ديوان المظالم" not in found
    assert "حسان السيف" in found


def test_a_word_that_is_also_a_head_is_a_given_name_after_a_personal_title():
    # شارع is "street" and a given name; after الدكتور it is the man's name.
    text = (
        "وأوضح المشرف العام على المركز الإعلامي بالجامعة الدكتور شارع البقمي، أن تقديم "
        "الطلبات سيكون على العنوان البريدي."
    )
    assert "شارع البقمي" in people(text)


# --- spelling variants keep different people apart --------------------------------------


def test_mandela_is_not_al_mandalawi(tmp_path):
    known(tmp_path, ("محسن المندلاوي", ["المندلاوي", "مندلاوي"], []))
    text = (
        "أثارت الصورة أزمة أثناء حفل تأبين الزعيم الجنوب أفريقي نيلسون مانديلا، وأبرزت "
        "الصحيفة نظرة غضب من ميشيل أوباما."
    )
    assert "محسن المندلاوي" not in people(text)


def test_an_arabic_word_is_no_variant_of_an_arabic_surname(tmp_path):
    known(tmp_path, ("قاسم سليماني", ["سليماني"], []), ("حيدر العبادي", ["العبادي", "عبادي"], []))
    text = (
        "وأكد أن المركز نسق مع الحكومة اليمنية ليعود العالقون إلى بلادهم سالمين. وطالب "
        "المعلمون بإطلاق سراح النشطاء أمثال إسماعيل عبدي ورسول بداقي."
    )
    found = people(text)
    assert "قاسم سليماني" not in found
    assert "حيدر العبادي" not in found


def test_al_thinni_is_not_king_abdullah_the_second(tmp_path):
    known(tmp_path, ("الملك عبد الله الثاني", ["عبد الله الثاني", "عبدالله الثاني"], []))
    text = (
        "جدد رئيس الحكومة الليبية المؤقتة عبدالله الثني موقف حكومة بلاده الرافض لأي تدخل "
        "عسكري أجنبي على الأراضي الليبية."
    )
    assert "الملك عبد الله الثاني" not in people(text)


def test_a_transliterated_surname_spelled_otherwise_is_still_resolved():
    text = "وبحث نائب وزير الخارجية الروسي بغدانوف مع السفير العراقي العلاقات بين البلدين."
    assert "ميخائيل بوغدانوف" in people(text)


# --- a known name inside a longer one ----------------------------------------------------


def test_a_family_name_after_a_known_lineage_is_another_person(tmp_path):
    known(tmp_path, KING_ABDULLAH)
    text = (
        "وأكد حرص ومتابعة معالي المستشار بالديوان الملكي المشرف العام على المركز الدكتور "
        "عبدالله بن عبدالعزيز الربيعة على البرنامج."
    )
    assert "الملك عبد الله بن عبد العزيز" not in people(text)


def test_the_known_lineage_before_a_comma_is_still_the_king(tmp_path):
    known(tmp_path, KING_ABDULLAH)
    text = "وأشاد بمبادرة الملك عبدالله بن عبدالعزيز، رحمه الله، للحوار بين أتباع الأديان."
    assert "الملك عبد الله بن عبد العزيز" in people(text)


# --- an adjective after a title ----------------------------------------------------------

SUDANI = ("محمد شياع السوداني", ["شياع السوداني", "محمد السوداني"], ["السوداني"])


def test_the_sudanese_president_is_not_al_sudani(tmp_path):
    known(tmp_path, SUDANI, places=["السودان"])  # the gazetteers hold every country
    text = "أصدر الرئيس السوداني عمر البشير قرارا بالعفو عن 101 من الصيادين المصريين."
    found = people(text)
    assert "محمد شياع السوداني" not in found
    assert "عمر البشير" in found


def test_al_sudani_named_in_full_is_still_found_after_a_title(tmp_path):
    known(tmp_path, SUDANI)
    text = (
        "استقبل رئيس الوزراء محمد شياع السوداني وفدا روسيا. وقال رئيس الوزراء السوداني "
        "إن العلاقات مع موسكو متينة."
    )
    assert "محمد شياع السوداني" in people(text)


# --- a feminine adjective ends no name ---------------------------------------------------


def test_a_feminine_participle_ends_no_name(monkeypatch):
    # The mined full names hold "شحن تابعة": a title's complement stood before it.
    lexicon = people_names.NameLexicon([["شحن", "تابعه"]])
    monkeypatch.setattr(people_names, "listed_names", lambda: lexicon)
    text = (
        "وأمر وزير الدفاع بتأمين طائرات شحن تابعة لقيادة القوات الجوية الملكية السعودية "
        "لتسيير جسر جوي لنقل المساعدات."
    )
    assert "شحن تابعة" not in people(text)


def test_a_nisba_family_name_written_feminine_is_still_a_name():
    text = (
        "غيب الموت منذ أيام شيخ المعماريين العرب العراقي محمد مكية في أحد مستشفيات لندن "
        "عن عمر ناهز المئة."
    )
    assert "محمد مكية" in people(text)


# --- words that follow a name, and a title before one ------------------------------------


def test_a_noun_behind_a_preposition_opens_no_name():
    # رصاص is mostly written الرصاص: برصاص is "by the bullets of".
    text = (
        "بعد مقتل الشاب الأعزل مايكل براون البالغ من العمر 18 عاما برصاص الشرطي دارن ولسن "
        "في التاسع من أغسطس."
    )
    assert "برصاص الشرطي" not in people(text)


def test_a_known_nickname_right_before_a_name_is_a_title(tmp_path, monkeypatch):
    known(tmp_path, ("أبو مهدي المهندس", ["أبومهدي المهندس"], ["المهندس"]))
    lexicon = people_names.NameLexicon([["خالد", "محفوظ", "بحاح"]])  # as the mined list
    monkeypatch.setattr(people_names, "listed_names", lambda: lexicon)
    text = (
        "قال نائب الرئيس اليمني المهندس خالد محفوظ بحاح: إن زيارته إلى محافظة عدن تأتي "
        "لتطبيع الحياة في مختلف مديرياتها."
    )
    found = people(text)
    assert "أبو مهدي المهندس" not in found
    assert "خالد محفوظ بحاح" in found


def test_the_nickname_named_in_full_is_still_found(tmp_path):
    known(tmp_path, ("أبو مهدي المهندس", ["أبومهدي المهندس"], ["المهندس"]))
    text = (
        "وقال نائب رئيس هيئة الحشد الشعبي أبو مهدي المهندس إن الفصائل ستشارك في العملية. "
        "وأضاف المهندس أن الاستعدادات اكتملت."
    )
    assert "أبو مهدي المهندس" in people(text)
