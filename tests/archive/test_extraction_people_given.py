"""People whose given name the hand lists do not hold: feminine titles, and given names mined
from news (women's, definite Maghrebi, transliterated) that open a name without a title."""

import json
from collections import Counter

import pytest

from archive.extraction import extract, people_lineage, people_mine
from archive.extraction.document import Document
from archive.extraction.gazetteer import Gazetteer
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get
from tests.archive.extraction_helpers import proposed_people as people


@pytest.mark.django_db
def test_a_feminine_title_introduces_a_name():
    found = people(
        "استمعت الحاضرات في خيمة روضة القلوب لمحاضرة للدكتورة قذلة الحواش بعنوان سيدات المحراب."
    )
    assert found == ["قذلة الحواش"]


@pytest.mark.django_db
def test_a_mined_womans_given_name_opens_a_name_without_a_title():
    found = people(
        "ثم درس علمي بعنوان وسائل الثبات على الطاعة، قدمته مريم الأسمري، كما أقيم برنامج للفتيات."
    )
    assert found == ["مريم الأسمري"]


@pytest.mark.django_db
def test_mined_foreign_given_names_open_names_without_a_title():
    found = people(
        "وفي خط الوسط ثلاثة لاعبين هم الأرجنتيني أنخيل دي ماريا والألماني توني كروس "
        "والاسباني أندريس إنييستا."
    )
    assert "توني كروس" in found
    assert "أندريس إنييستا" in found


@pytest.mark.django_db
def test_a_mined_definite_given_name_opens_a_name_after_a_title():
    found = people(
        "وأكد محافظ البنك المركزي الشاذلي العياري أن عجز الميزان التجاري يعد أمرا مقلقا."
    )
    assert found == ["الشاذلي العياري"]


@pytest.mark.django_db
def test_a_mined_definite_given_name_opens_a_name_without_a_title():
    found = people("وتضم الدورة 300 عارض من تونس من بينهم المنصف الوهايبي وعبد المجيد الشرفي.")
    assert "المنصف الوهايبي" in found


def _counts(uses: dict[str, int], words: dict[str, int], before_given: dict[str, int]):
    counts = people_mine.Counts()
    counts.given_uses.update(uses)
    counts.given_articles.update(uses)
    counts.words.update(words)
    counts.before_given.update(before_given)
    return counts


def test_a_definite_word_that_mostly_opens_a_cued_name_is_a_given_name():
    counts = _counts({"المنصف": 13}, {"المنصف": 77}, {})
    assert people_mine.kept_definite(counts, 5) == ["المنصف"]


def test_a_definite_word_seldom_opening_a_name_is_no_given_name():
    counts = _counts({"الحكومه": 40}, {"الحكومه": 9000}, {})
    assert people_mine.kept_definite(counts, 5) == []


def test_a_title_before_given_names_and_a_place_adjective_are_no_given_names():
    # الجنرال stands before listed given names more often than it opens a name; الباكستاني
    # is the adjective of a place the news names often (باكستان).
    counts = _counts(
        {"الجنرال": 30, "الاستاذه": 7, "الباكستاني": 15},
        {"الجنرال": 150, "الاستاذه": 74, "الباكستاني": 89},
        {"الجنرال": 60, "الاستاذ": 775},
    )
    assert people_mine.kept_definite(counts, 5) == []


def test_a_transliterated_given_name_needs_fewer_articles_and_no_place_after_a_title():
    counts = _counts(
        {"يوهانس": 4, "نيوزيلندا": 4},
        {"يوهانس": 11, "نيوزيلندا": 40},
        {"نيوزيلندا": 9},
    )
    assert people_mine.kept_foreign(counts, 0.03) == ["يوهانس"]


def test_the_miner_counts_a_definite_word_opening_a_cued_name_and_titles_before_names():
    counts = people_mine.Counts()
    text = (
        "وأكد محافظ البنك المركزي الشاذلي العياري أن عجز الميزان مقلق، "
        "واستقبل الجنرال محمد العلوي وفدا من رجال الأعمال."
    )
    counts.add(Document(text), Gazetteer([], []))
    assert counts.given_uses["الشاذلي"] == 1
    assert counts.given_uses["المركزي"] == 0  # an adjective of the title
    assert counts.before_given["الجنرال"] == 1


@pytest.mark.django_db
def test_a_title_supports_a_person_not_a_place_of_the_same_name(tmp_path):
    authority = tmp_path / "authority.json"
    place = {
        "kind": "place",
        "name": "قرية نايف",
        "aliases": [],
        "ambiguous_aliases": ["نايف"],
    }
    authority.write_text(
        json.dumps({"version": 1, "entities": [place]}, ensure_ascii=False), encoding="utf-8"
    )
    authority_file_load(path=authority)

    def places(text: str) -> list[int]:
        found = extract(text, gazetteer_get()).entities
        return [f.entity_id for f in found]

    assert places("واستقبل الأمير نايف وفدا من رجال الأعمال في الرياض.") == []
    assert len(places("ووصل الوفد إلى قرية نايف ثم زار مدينة نايف صباح الأحد.")) == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قالت المواطنة التونسية علياء الجلاصي اليوم الخميس إنها تتعرض للمضايقة.", "علياء الجلاصي"),
        ("أما المحامي موسى النمراني، فقد كتب على صفحته بفيسبوك قائلا.", "موسى النمراني"),
        ("نشرت الصحيفة مقالا للكاتب ويل تيرنر، الذي شارك في عمليات الإنقاذ.", "ويل تيرنر"),
        ("وبدأ المدرب رينارد ستامب المباراة بتشكيلة مكونة من الحارس والمدافعين.", "رينارد ستامب"),
        (
            "ووفقا للمؤرخ عيسى بن علوي القصير، فقد قدرت مشاركة الشعب بأكثر من ذلك.",
            "عيسى بن علوي القصير",
        ),
        ("شقيق الشهيد سعيد الغزلاني يدخل في اعتصام مفتوح بمقر المعتمدية.", "سعيد الغزلاني"),
    ],
)
def test_a_noun_of_standing_introduces_a_name_as_a_title_does(text, name):
    assert people(text) == [name]


@pytest.mark.django_db
def test_a_noun_of_standing_before_an_ordinary_phrase_introduces_no_name():
    assert people("وقال الناشط إن جرافات الاحتلال اقتحمت القرية فجر اليوم.") == []
    assert people("وأكد الصحفي الفلسطيني أن الاعتداء وقع أمام منزله.") == []


def test_the_miner_reads_a_noun_of_standing_as_a_cue_but_no_nationality_as_a_given_name():
    counts = people_mine.Counts()
    text = (
        "وقالت الناشطة سميرة الحمادي إن القرار جائر، "
        "وسجل اللاعب الأوروغوياني غوتيريز هدفا في الشوط الأول."
    )
    counts.add(Document(text), Gazetteer([], []))
    assert counts.given_uses["سميره"] == 1
    assert counts.given_uses["الاوروغوياني"] == 0


def _lineage_counts(*texts: str):
    counts = people_lineage.LineageCounts()
    for text in texts:
        counts.add(Document(text))
    return counts


def test_the_lineage_miner_counts_the_words_around_bin_and_bint():
    counts = _lineage_counts(
        "وقال المتحدث الرسمي لهيئة الهلال الأحمر السعودي خالد بن مساعد السهلي لـ سبق.",
        "نوف بنت طلال - جامعة الأميرة نورة",
    )
    assert counts.before_articles["خالد"] == 1
    assert counts.after_articles["مساعد"] == 1
    assert counts.before_articles["نوف"] == 1
    assert counts.after_articles["طلال"] == 1
    assert counts.uses["السهلي"] == 0


def test_the_lineage_miner_reads_no_cousin_as_a_lineage():
    counts = _lineage_counts("وأضافت الصحيفة أن ابن عم ليوناردو وهو جيفرسون دا كونسيساو البالغ.")
    assert counts.uses["عم"] == 0
    assert counts.uses["ليوناردو"] == 0


def _kept(counts, words: dict[str, int]):
    return people_lineage.kept(counts, Counter(words), people_mine._name_shaped)


def test_a_word_a_lineage_surrounds_in_enough_articles_is_a_given_name():
    counts = _lineage_counts(
        *(f"وقدم فهيد بن {father} العتيبي التهنئة." for father in ("سعد", "علي", "فهد")),
        *(f"وحضر عبدالله بن فهيد {family} الحفل." for family in ("العتيبي", "الشمري")),
    )
    assert _kept(counts, {"فهيد": 20}) == ["فهيد"]
    # Written far more often elsewhere than in a lineage, the word is no given name.
    assert _kept(counts, {"فهيد": 200}) == []


def test_a_town_after_bin_and_a_club_before_it_are_no_given_names():
    counts = _lineage_counts(
        *(f"وشهدت مدينة بن قردان {n} مواجهات." for n in ("أمس", "اليوم", "مجددا", "ليلا", "فجرا")),
        *(f"وفاز سبورتنغ بن عروس {n} على ضيفه." for n in ("أمس", "اليوم", "مجددا", "ليلا", "فجرا")),
    )
    assert _kept(counts, {"قردان": 6, "سبورتنغ": 6}) == []


@pytest.mark.django_db
def test_a_given_name_mined_from_lineages_opens_a_name_without_a_title():
    found = people(
        "وأوضح حمدان العمري مساعد مدير شؤون المعلمين، أن محمد المرشد المدير العام للتعليم "
        "سيحضر الحفل."
    )
    assert "حمدان العمري" in found


@pytest.mark.django_db
def test_the_subject_of_a_verb_of_saying_in_the_present_is_a_name():
    found = people("بينما يقول خالد المالكي: إن عيد الفطر له وضعه الخاص بعد الصيام.")
    assert found == ["خالد المالكي"]
