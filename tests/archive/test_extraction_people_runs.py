"""How far a person's name runs, on real Arabic news: the family name after the given names
is part of it, a preposition and a place or a word with tanween are not."""

import json
from pathlib import Path

import pytest

from archive.extraction import extract, people_names
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get
from tests.archive.extraction_helpers import entity
from tests.archive.extraction_helpers import proposed_people as people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]


def jeddah(tmp_path: Path) -> None:
    """Jeddah in the authority file, as the gazetteers hold it."""
    place = {"kind": "place", "name": "جدة", "name_en": "Jeddah", "aliases": []}
    path = tmp_path / "jeddah.json"
    path.write_text(json.dumps({"version": 1, "entities": [place]}), encoding="utf-8")
    authority_file_load(path=path)


def listing(monkeypatch, *names: str) -> None:
    lexicon = people_names.NameLexicon(name.split() for name in names)
    monkeypatch.setattr(people_names, "listed_names", lambda: lexicon)


def test_a_mined_family_name_after_two_given_names():
    text = (
        "التقى نائب الرئيس اليمني رئيس مجلس الوزراء خالد محفوظ بحاح، اليوم في مقر "
        "الحكومة اليمنية المؤقت بالرياض، وزير الدولة الإماراتي للشؤون الخارجية."
    )
    assert "خالد محفوظ بحاح" in people(text)


def test_abu_and_its_word_after_a_lineage():
    text = (
        "وتابع الدكتور هاني بن محمد أبو راس أمين محافظة جدة رئيس لجنة الانتخابات العامة "
        "سير الأعمال في المراكز."
    )
    found = people(text)
    assert "هاني بن محمد أبو راس" in found
    assert "هاني بن محمد" not in found


def test_a_plain_word_closing_the_clause_after_a_lineage_is_the_family_name():
    # مدني is an adjective too ("civil"); after بن عبيد, before the full stop, it is the family.
    text = (
        "ووزير الثقافة والإعلام الدكتور عادل بن زيد الطريفي، ووزير الدولة للشؤون الخارجية "
        "الدكتور نزار بن عبيد مدني. كما حضره سفير روسيا لدى المملكة."
    )
    assert "نزار بن عبيد مدني" in people(text)


def test_a_family_name_closing_a_clause_after_two_given_names():
    text = (
        "وفق ما ذكره المدير الجهوي للصحة بولاية مدنين محمد فيصل شلوف. واضاف ذات المصدر أن "
        "حالات الإصابة سجلت في نفس المنطقة."
    )
    assert "محمد فيصل شلوف" in people(text)


def test_a_word_with_tanween_ends_the_name():
    text = (
        "وأمر بتعيين الأمير خالد بن سلمان بن عبدالعزيز آل سعود سفيراً للمملكة لدى الولايات "
        "المتحدة الأمريكية بمرتبة وزير."
    )
    found = people(text)
    assert "خالد بن سلمان بن عبدالعزيز آل سعود" in found
    assert not any("سفير" in name for name in found)


def test_a_preposition_and_a_place_end_the_name(tmp_path):
    jeddah(tmp_path)
    text = (
        "قال أستاذ الاقتصاد بجامعة الملك عبدالعزيز بجدة، الخبير والكاتب الاقتصادي الدكتور "
        "مقبل الذكير، إن هناك علاقة عكسية بين أسعار الفائدة وسعر الذهب."
    )
    found = people(text)
    assert "مقبل الذكير" in found
    assert not any("بجدة" in name for name in found)


def test_a_listed_name_goes_on_where_its_run_does(monkeypatch):
    listing(monkeypatch, "خالد محفوظ")
    text = "واستقبل خالد محفوظ بحاح، اليوم في الرياض، وفدا من رجال الأعمال."
    found = people(text)
    assert "خالد محفوظ بحاح" in found
    assert "خالد محفوظ" not in found


def test_a_listed_name_with_a_preposition_and_a_place_is_no_name(monkeypatch, tmp_path):
    jeddah(tmp_path)
    listing(monkeypatch, "عبدالعزيز بجده")
    text = "وأعلنت جامعة الملك عبدالعزيز بجدة عن بدء التسجيل في برامج الدراسات العليا."
    assert not any("بجدة" in name for name in people(text))


def test_a_persian_family_name_in_two_words():
    # نعمت reads as a verb ("she enjoyed"); before زاده it is a family name's first half.
    text = (
        "قال وزير الصناعة الايراني محمد رضا نعمت زاده لصحيفة فينر تسايتونج النمساوية في "
        "مقابلة نشرت امس إن بلاده تحتاج إلى استثمارات."
    )
    assert "محمد رضا نعمت زاده" in people(text)


def test_a_definite_family_name_after_a_compound_given_name_and_a_father():
    # الحمد is a frequent word ("praise"); before بقيمة it closes the name.
    text = (
        "ووقعت تونس اتفاقية مع الصندوق العربي للإنماء الاقتصادي والاجتماعي ممثلا في رئيسه "
        "عبد اللطيف يوسف الحمد بقيمة 1.5 مليار دولار على خمس سنوات."
    )
    assert "عبد اللطيف يوسف الحمد" in people(text)


def test_a_definite_adjective_after_a_lineage_is_no_family_name():
    # المتواصل ("continuous") has a feminine (المتواصلة): an adjective, not a family.
    text = (
        "وأشاد ابن محي بدعم أمير منطقة عسير الأمير فيصل بن خالد المتواصل لشباب المنطقة، "
        "وبدعم الدكتور عبدالله بن سليمان الفهد نائب رئيس الجمعية."
    )
    found = people(text)
    assert "عبدالله بن سليمان الفهد" in found
    assert not any("المتواصل" in name for name in found)


def test_an_accusative_after_a_name_is_no_family_name():
    # هدفا ("a goal", accusative): the object of the verb, after the scorer's name.
    text = (
        "بتسديدة من عند حدود منطقة الجزاء وأضاف توماس مولر هدفا ثالثا في الدقيقة 70 "
        "ليؤكد فوز بايرن ميونيخ."
    )
    found = people(text)
    assert "توماس مولر" in found
    assert not any("هدفا" in name for name in found)


def known_people(tmp_path: Path, *people_: tuple[str, list[str]]) -> None:
    """Known people in the authority file: (name, aliases)."""
    entities = [{"kind": "person", "name": n, "aliases": a} for n, a in people_]
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"version": 1, "entities": entities}), encoding="utf-8")
    authority_file_load(path=path)


def found_known(text: str) -> set[str]:
    """The names of the known entities found in the text."""
    from archive.models import Entity

    ids = [e.entity_id for e in extract(text, gazetteer_get()).entities]
    return set(Entity.objects.filter(id__in=ids).values_list("name", flat=True))


def test_a_given_name_before_a_known_surname_is_another_person_of_the_family(tmp_path):
    known_people(tmp_path, ("باراك أوباما", ["أوباما"]))
    text = (
        "وأشارت الصحيفة إلى أن عدسات المصورين أبرزت نظرة غضب من ميشيل أوباما تجاه زوجها "
        "الذي كان يمزح ويلتقط صورة ثلاثية عن طريق هاتف محمول."
    )
    assert "ميشيل أوباما" in people(text)
    assert "باراك أوباما" not in found_known(text)


def test_the_known_persons_own_name_with_his_fathers_is_still_his(tmp_path):
    known_people(tmp_path, ("عادل الجبير", ["الجبير"]))
    text = (
        "واستقبل وزير الخارجية عادل بن أحمد الجبير في مكتبه بالرياض اليوم سفير روسيا لدى المملكة."
    )
    assert not any("الجبير" in name for name in people(text))
    assert "عادل الجبير" in found_known(text)


def test_a_name_set_off_by_commas_runs_to_the_closing_comma(monkeypatch):
    # روحه reads "his soul"; between the commas after the title it ends the minister's name,
    # which the mined list holds cut short.
    listing(monkeypatch, "هاله شيخ")
    text = (
        "أشرفت وزيرة الطاقة والمناجم والطاقات المتجددة، هالة شيخ روحه، اليوم الأربعاء، "
        "على الافتتاح الرسمي للمعرض الدولي حول الطاقات المتجددة."
    )
    found = people(text)
    assert "هالة شيخ روحه" in found
    assert "هالة شيخ" not in found


def test_a_word_before_the_closing_comma_ends_the_name_only_right_before_it():
    text = "نفى رئيس الحكومة المكلف، يوسف الشاهد مساء الجمعة، وجود أية نية لتغيير الدستور الحالي."
    assert not any("مساء" in name for name in people(text))


def test_the_fathers_name_after_bin_even_when_it_is_a_stop_word_elsewhere():
    # خلف is a preposition ("behind") elsewhere; after بن it is the father's name.
    text = "وتضم اللجنة في عضويتها الدكتور فواز بن خلف المطيري والدكتور يوسف بن صالح الحديثي."
    assert "فواز بن خلف المطيري" in people(text)


def test_a_definite_family_name_in_taa_marbuta_after_a_lineage():
    # الربيعة ends like a noun with a pronoun; a definite word never takes one.
    text = (
        "وافق معالي وزير التجارة والصناعة الدكتور توفيق بن فوزان الربيعة،على تأسيس 16 "
        "شركة مساهمة مقفلة خلال الفترة الماضية."
    )
    found = people(text)
    assert "توفيق بن فوزان الربيعة" in found
    assert "توفيق بن فوزان" not in found


def test_a_known_lineage_followed_by_a_family_name_is_another_person(tmp_path):
    known_people(tmp_path, ("الملك عبد الله بن عبد العزيز", ["عبدالله بن عبدالعزيز"]))
    text = (
        "بإشراف ومتابعة مباشرة من معالي المستشار بالديوان الملكي المشرف العام على المركز "
        "الدكتور عبدالله بن عبدالعزيز الربيعة على البرنامج."
    )
    assert "عبدالله بن عبدالعزيز الربيعة" in people(text)
    assert "الملك عبد الله بن عبد العزيز" not in found_known(text)


def test_a_surname_that_needs_support_after_a_compound_given_name(tmp_path):
    # صالح alone may be Barham Salih; after علي عبد الله it is this man's family name.
    ambiguous = {
        "kind": "person",
        "name": "برهم صالح",
        "aliases": [],
        "ambiguous_aliases": ["صالح"],
    }
    path = tmp_path / "salih.json"
    path.write_text(json.dumps({"version": 1, "entities": [ambiguous]}), encoding="utf-8")
    authority_file_load(path=path)
    text = (
        "وكان مقاتلون من الحوثيين ووحدات من الجيش موالية للرئيس السابق علي عبد الله صالح "
        "قد استولوا على عدن في بداية الحرب."
    )
    assert "علي عبد الله صالح" in people(text)


def test_a_known_surname_after_a_compound_given_name_is_another_person(tmp_path):
    known_people(tmp_path, ("عبد الملك الحوثي", ["الحوثي"]))
    text = (
        "ويقول اليمنيون إن عبد الخالق الحوثي شقيق عبد الملك الحوثي زعيم الحوثيين لعب دورا "
        "مهما في استيلاء مقاتليهم على صنعاء."
    )
    assert "عبد الخالق الحوثي" in people(text)
    assert "عبد الملك الحوثي" in found_known(text)


def test_a_preposition_and_its_noun_end_a_name():
    # بدعم ("with the support of"): news writes دعم alone far more often.
    text = (
        "منذ تحريرها من مليشيا التمرد الحوثية والمخلوع علي عبدالله صالح بدعم من قوات "
        "التحالف العربي."
    )
    found = people(text)
    assert "علي عبدالله صالح" in found
    assert not any("بدعم" in name for name in found)


def test_a_compound_given_name_and_a_family_after_al_make_a_long_name():
    # عبد … and آل … each count as one word of the name: five words after the title.
    text = "وقال الشيخ عمر عبد الوهاب آل عيسى التميمي إن موسم الحج يبدأ الأسبوع المقبل."
    assert "عمر عبد الوهاب آل عيسى التميمي" in people(text)


def test_an_adjective_after_a_compound_given_name_describes_the_person():
    # المقيم ("residing") before في: the president's name ends before it.
    text = (
        "وإعادة الرئيس عبد ربه منصور هادي المقيم في الرياض إلى منصبه بعد انتصار القوات الموالية له."
    )
    found = people(text)
    assert "عبد ربه منصور هادي" in found
    assert not any("المقيم" in name for name in found)


def test_a_lineage_runs_through_a_definite_word_before_another_generation():
    text = (
        "حضر الاستقبال صاحب السمو الملكي الأمير تركي بن عبدالله الفيصل بن عبدالعزيز، "
        "وصاحب السمو الأمير فيصل بن فهد بن مساعد بن سعود بن عبدالعزيز، وغيرهم."
    )
    found = people(text)
    assert "تركي بن عبدالله الفيصل بن عبدالعزيز" in found
    assert "فيصل بن فهد بن مساعد بن سعود بن عبدالعزيز" in found
    assert "تركي بن عبدالله" not in found


def test_any_word_after_al_is_the_family_name():
    # الشيخ is a title elsewhere; after آل it names the family.
    text = (
        "اعتمد المهندس عبداللطيف بن عبدالملك آل الشيخ؛ وزير الشؤون البلدية والقروية، آلية "
        "تصنيف المقاولين."
    )
    assert "عبداللطيف بن عبدالملك آل الشيخ" in people(text)


def test_a_listed_given_name_before_abd_opens_the_name():
    # عمر is an ordinary word too ("age"); before عبد الوهاب it is the writer's given name.
    text = "عمر عبد الوهاب آل عيسى التميمي\nما من موسم يقدم سواء كان شهر رمضان المبارك."
    found = people(text)
    assert "عمر عبد الوهاب آل عيسى التميمي" in found
    assert "عبد الوهاب آل عيسى التميمي" not in found


def test_a_feminine_adjective_or_a_noun_in_taa_after_a_lineage_is_no_family_name():
    # المتوسطة ("intermediate") is the feminine of a frequent word, الجلسة ("the session")
    # has a plural in ات: neither is a family like الربيعة.
    school = "وزار المحافظ مدرسة سعد بن حارثة المتوسطة في حي النسيم."
    session = "وترأس الأمير محمد بن نايف بن عبدالعزيز الجلسة التي عقدها المجلس أمس."
    assert not any("المتوسطة" in name for name in people(school))
    assert not any("الجلسة" in name for name in people(session))


def test_a_given_name_before_a_conjunction_and_abd_is_another_person():
    text = "لوحات إنشادية قدمها المنشدون حامد الضبعان وعيد سعود وعبد المجيد الفوزان وفرقة الإنشاد."
    assert not any(name.startswith("سعود") for name in people(text))


def test_a_nisba_adjective_after_a_lineage_ends_the_name():
    # البطولية ("heroic") agrees with مواقف; news writes بطولية and البطولي too.
    text = (
        "ألقى شيخ مشايخ الساحل كلمة ثمن فيها مواقف خادم الحرمين الشريفين الملك سلمان بن "
        "عبدالعزيز البطولية تجاه اليمن وشعبه."
    )
    found = people(text)
    assert "سلمان بن عبدالعزيز" in found
    assert not any("البطولية" in name for name in found)


def test_a_known_lineage_after_a_known_title_name_is_the_known_person():
    # الملك سلمان gives way to the lineage that follows it; the lineage is his known name.
    king = entity("person", "الملك سلمان بن عبد العزيز", "الملك سلمان", "سلمان بن عبدالعزيز")
    text = (
        "ومنذ شهور أمر خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز حفظه الله، بمنح بعض "
        "القطاعات العاملة في الدولة مبالغ مجزية."
    )
    result = extract(text, gazetteer_get())
    assert king.pk in {f.entity_id for f in result.entities}


def test_a_noun_of_action_or_a_noun_with_its_pronoun_opens_no_name():
    exception = (
        "أكد المتحدث الأمني عدم تعرض أي مقر آخر لقوات الطوارئ الخاصة لمحاولة تفجير "
        "إرهابية، باستثناء المصلى."
    )
    radio = "واصفا ترتيب المراكب في السباق من خلال اتصاله اللاسلكي بحكام المسابقة."
    assert people(exception) == []
    assert people(radio) == []


def test_ala_before_a_compound_given_name_in_apposition_is_the_name_ali():
    text = (
        "والتجاوزات الخطيرة لحقوق الإنسان في اليمن من جانب جماعة الحوثي والقوات الموالية "
        "للرئيس المخلوع، على عبدالله صالح. وأضاف اليامي أن اللجنة استمعت لعرض."
    )
    found = people(text)
    assert "على عبدالله صالح" in found
    assert "عبدالله صالح" not in found


def test_a_company_or_a_road_named_after_a_person_mentions_no_one():
    company = (
        "كما شملت الموافقة تأسيس شركة سعد ابراهيم الهداب وأولاده القابضة برأسمال 2 مليون ريال."
    )
    road = "وطريق الملك فهد تحديدا دون انتظار مباشرة الحادث من قبل دوريات المرور."
    assert people(company) == []
    assert people(road) == []


def test_by_way_of_is_no_road():
    # عن طريق means "by": the scorer after it is mentioned.
    text = "وأضاف الفريق الإنجليزي هدفين في الشوط الثاني عن طريق جيسي لينجارد وعدنان يانوزاي."
    assert "جيسي لينجارد" in people(text)


def test_a_gulf_chain_of_definite_names_runs_to_the_role_after_it():
    text = (
        "تلقى اتصالا هاتفيا امس من صاحب السمو الشيخ محمد الخالد الحمد الصباح نائب رئيس "
        "مجلس الوزراء وزير الداخلية بدولة الكويت."
    )
    found = people(text)
    assert "محمد الخالد الحمد الصباح" in found
    assert "محمد الخالد" not in found


def test_a_verb_a_preposition_and_its_noun_or_a_eulogy_end_a_name():
    bombed = "وأفاد مراسلنا أن الحوثيين وقوات صالح قصفوا أحياء سكنية في حي الروضة بمدينة تعز."
    eulogy = "فعن سعيد بن زيد رضي الله عنه قال: من مات دون ماله فهو شهيد."
    assert not any("قصفوا" in name for name in people(bombed))
    found = people(eulogy)
    assert "سعيد بن زيد" in found
    assert not any("رضي" in name for name in found)


def test_a_given_name_that_is_a_word_opens_a_full_lineage():
    # سعيد is an ordinary word too ("happy"); before بن محمد and a family name it is a name.
    text = (
        "برئاسة مدير عام التعليم بالمنطقة سعيد بن محمد مخايش, آلية تفعيل فصول الموهوبين في "
        "مدارس التعليم العام."
    )
    assert "سعيد بن محمد مخايش" in people(text)


def test_a_definite_first_name_after_a_title_but_no_adjective():
    # الباجي is almost never written without the article; العمومية is an adjective.
    president = (
        "وأوضح أنه لم يكن له أو لرئيس الجمهورية الباجي قائد السبسي أي علاقة بانسحاب محسن مرزوق."
    )
    minister = (
        "وأكد وزير التجارة الذي أشرف على انطلاق الحملة مع وزير الصحة العمومية سعيد العائدي "
        '"أن الهدف من هذه العملية يكمن في مراقبة ترويج اللحوم".'
    )
    assert "الباجي قائد السبسي" in people(president)
    found = people(minister)
    assert "سعيد العائدي" in found
    assert not any("العمومية" in name for name in found)


def test_the_word_an_age_follows_is_the_family_name():
    text = "ما أدى إلى مقتل الشرطي صالح حسين بارجه (22 عاما)، وإصابة شرطيين آخرين بجراح طفيفة."
    assert "صالح حسين بارجه" in people(text)


def test_a_title_ends_before_a_name_written_after_it():
    text = (
        "أكد الأمين العام للحزب الجمهوري عصام الشابي ضيف بوليتيكا اليوم الخميس أن الأمانة "
        "العامة حمل ثقيل."
    )
    result = extract(text, gazetteer_get())
    cues = [c.cue for c in result.candidates if c.kind == "person"]
    assert not any("عصام الشابي" in cue for cue in cues)
