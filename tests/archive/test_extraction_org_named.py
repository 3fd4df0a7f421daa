"""Organizations named with no head word: acronyms written in Arabic letters, radios named
with their band, a coalition the sentence identifies by its leader, and names the corpora
write after a head elsewhere (the mined list and the script that mines it)."""

import gzip
import json
from pathlib import Path

import pytest

from archive.extraction import org_named
from archive.services.entities import authority_file_load
from tests.archive.extraction_helpers import entity
from tests.archive.extraction_helpers import proposed_organizations as organizations

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"


@pytest.fixture
def authority(db):
    authority_file_load(path=SMALL_AUTHORITY)


def test_an_acronym_in_arabic_letters_is_an_organization_with_the_foreign_words_after_it(
    authority,
):
    found = organizations(
        "وقال ريك سبونر كبير محللي الأسواق في (سي إم سي ماركتس) في سيدني إن الأرقام ستؤثر "
        "على الدولار، وذكرت قناة سي إن إن أن الرحلة تأخرت."
    )
    assert "سي إم سي ماركتس" in found
    assert "سي إن إن" in found


def test_letters_that_are_function_words_or_a_model_number_are_no_acronym(authority):
    found = organizations(
        "هل هو في الحاضر أم في الماضي؟ وتبين أن الحطام يعود إلى الرحلة إم إتش 370 فعلا."
    )
    assert found == {}


def test_a_radio_is_named_by_the_word_before_its_band(authority):
    found = organizations(
        "وقال رئيس الجمعية في تصريح للجوهرة أف أم اليوم إن الهدف من الندوة التواصل، "
        "وأكد المصدر لمراسل الجوهرة أف أم في الجهة أن الوضع مستقر."
    )
    assert found == {"الجوهرة أف أم": ["للجوهرة أف أم", "الجوهرة أف أم"]}


def test_a_coalition_identified_by_its_leader_is_named_by_the_head_alone(authority):
    found = organizations(
        "أكد المتحدث باسم التحالف الذي تقوده السعودية أن التحالف يهدف أولا إلى عودة "
        "الحكومة اليمنية إلى عدن، وأن الغارات مستمرة."
    )
    assert found["التحالف"] == ["التحالف"]


def test_a_coalition_not_identified_is_no_organization(authority):
    found = organizations("وأكد أن التحالف بين الحزبين انتهى بعد الانتخابات الأخيرة.")
    assert "التحالف" not in found


def test_a_mined_name_is_found_without_its_head(authority):
    found = organizations(
        'وأكدت النائبة أن نوابا تربطهم علاقات مع "فجر ليبيا" في طرابلس، بحسب ما نقلت الصحيفة.'
    )
    assert "فجر ليبيا" in found


def test_a_mined_name_after_its_head_is_one_organization_with_its_later_short_form(authority):
    entity("place", "تونس")
    found = organizations(
        "وقررت الهيئة السياسية لحركة نداء تونس تجميد عضوية النائبة، وقال قيادي في نداء تونس "
        "إن القرار نهائي."
    )
    # Shown with its head, keyed by the name: both mentions are this one organization.
    assert found["حركة نداء تونس"] == ["نداء تونس"]
    assert "نداء تونس" not in found


def write_corpus(path: Path, texts: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"title": "خبر", "content": text}, ensure_ascii=False) + "\n")


def mined(tmp_path: Path, texts: list[str], *extra: str) -> list[str]:
    corpus = tmp_path / "news.jsonl.gz"
    write_corpus(corpus, texts)
    output = tmp_path / "named.txt"
    org_named.main([str(corpus), "--output", str(output), *extra])
    return [line for line in output.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]


def test_the_miner_keeps_a_name_a_head_introduces_that_is_also_written_alone(tmp_path):
    texts = [f"واشتبكت قوات فجر ليبيا مع {n} مسلحين، وقالت مصادر إن القتال توقف." for n in range(5)]
    texts += ["وقال المتحدث إن فجر ليبيا لن تنسحب من العاصمة."] * 3
    # An ordinary phrase after a head that the corpora write far more often alone.
    texts += ["وأصدرت وزارة شؤون البلدية بيانا، وقال المسؤول إن الخبر صحيح."] * 5
    assert mined(tmp_path, texts) == ["فجر ليبيا"]


def test_the_miner_needs_the_name_written_alone_and_skips_the_gold_articles(tmp_path):
    texts = [f"واشتبكت قوات فجر ليبيا مع {n} مسلحين، وقالت مصادر إن القتال توقف." for n in range(5)]
    assert mined(tmp_path, texts) == []
    texts += ["وقال المتحدث إن فجر ليبيا لن تنسحب من العاصمة."] * 3
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"articles": [{"corpus": "news", "line": 2}]}), encoding="utf-8")
    assert mined(tmp_path, texts, "--exclude", str(gold)) == []


def test_an_institute_named_in_foreign_words_takes_its_purpose(authority):
    found = organizations(
        "وأوضحت الدراسة التي نشرها معهد ليبنيز للأبحاث الاقتصادية أن التوفيرات تجاوزت تكلفة الأزمة."
    )
    assert found == {"معهد ليبنيز للأبحاث الاقتصادية": ["معهد ليبنيز للأبحاث الاقتصادية"]}
