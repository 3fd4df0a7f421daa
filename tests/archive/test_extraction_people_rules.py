"""People after titles on news no rule was written from: one name word is enough after a
title, a title's complement before the name, an adjective after it, on real Arabic."""

from pathlib import Path

import pytest

from archive.extraction import extract, shapes
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


def test_one_name_word_after_a_title_is_enough():
    # شريف is an ordinary word too ("honest"); نواز is a name no ordinary use explains.
    text = "واستقبل رئيس الوزراء الباكستاني نواز شريف في إسلام آباد وفدا سعوديا."
    assert "نواز شريف" in people(text)


def test_one_name_word_after_a_title_is_no_name_beside_a_frequent_word():
    # حرص ("keenness") is a word news writes often: the surname, then the sentence.
    text = "وأكد معالي السفير بيتر ثومسون ومعالي السفير ثومسون حرص البلدين على التعاون."
    found = people(text)
    assert "بيتر ثومسون" in found
    assert "ثومسون حرص" not in found


def test_a_verb_after_a_title_is_no_name_word():
    text = "وأعلنت الجامعة أن وزير التعليم يرعى الحفل الختامي للجائزة مساء اليوم."
    assert not any("يرعى" in name for name in people(text))


def test_a_title_with_its_complement_before_the_name():
    text = (
        "وقال المفوض الاوروبي لشؤون التوسيع يوهانس هان خلال لقاء مع الوزير التركي "
        "للشؤون الاوروبية فولكان بوزكير ان الاتحاد يعترف بحق تركيا."
    )
    found = people(text)
    assert "يوهانس هان" in found
    assert "فولكان بوزكير" in found


def test_a_place_behind_a_preposition_after_a_complement_is_no_name():
    text = "وأوضح الناطق الإعلامي للهلال الأحمر بجازان بيشي الصرخي أن الفرق باشرت الحادث."
    found = people(text)
    assert not any(name.startswith("بجازان") for name in found)


def test_an_adjective_before_a_preposition_ends_the_name():
    text = "عقب عزل الرئيس السابق محمد مرسي المنتمي لها في يوليو تموز 2013."
    found = people(text)
    assert "محمد مرسي" in found
    assert "محمد مرسي المنتمي" not in found


def test_an_adjective_has_a_plural_and_a_family_name_none():
    assert shapes.is_definite_adjective("المنتمي")
    assert shapes.is_definite_adjective("المعتقل")
    assert not shapes.is_definite_adjective("القحطاني")
    assert not shapes.is_definite_adjective("الجبير")


def test_a_family_name_after_a_lineage_stays_though_it_has_a_plural():
    text = "وقائد الكلية الحربية اللواء ركن ظافر بن علي الشهري في الحفل."
    assert any(name.endswith("بن علي الشهري") for name in people(text))
