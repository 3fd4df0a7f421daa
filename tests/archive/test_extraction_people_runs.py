"""How far a person's name runs, on real Arabic news: the family name after the given names
is part of it, a preposition and a place or a word with tanween are not."""

import json
from pathlib import Path

import pytest

from archive.extraction import extract, people_names
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("people_rules_alone")]


def people(text: str) -> list[str]:
    """The people proposed in the text, by name."""
    return [c.name for c in extract(text, gazetteer_get()).candidates if c.kind == "person"]


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
