"""People found by given names mined from news (``people_mine``), without a title before them,
and the miner itself on small corpora of real Arabic sentences."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.extraction import cues, extract
from archive.extraction.names import name_normalize
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get

ROOT = Path(__file__).resolve().parents[2]
SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"


def people(text: str) -> dict[str, list[str]]:
    found = extract(text, gazetteer_get()).candidates
    return {c.name: c.forms for c in found if c.kind == "person"}


@pytest.mark.django_db
def test_a_mined_given_name_makes_a_person_without_a_title():
    authority_file_load(path=SMALL_AUTHORITY)
    assert name_normalize("جاستن") not in cues._folded_set(cues._GIVEN_NAMES)
    found = people("وفي أوتاوا التقى جاستن ترودو بممثلي الجالية العربية مساء الأحد.")
    assert "جاستن ترودو" in found


@pytest.mark.django_db
def test_a_mined_given_name_before_ordinary_words_is_no_person():
    authority_file_load(path=SMALL_AUTHORITY)
    found = people("وأكد أن بنيامين أمس لم يحضر، وأن الاجتماع تأجل إلى الخميس.")
    assert not any(name.startswith("بنيامين") for name in found)


@pytest.mark.django_db
def test_a_name_ends_before_a_noun_with_its_pronoun():
    authority_file_load(path=SMALL_AUTHORITY)
    found = people("وقدم المجلس منجي بوصفها لجنة مستقلة تتابع الملف.")
    assert "منجي بوصفها" not in found


def test_the_mined_lists_hold_names_and_no_ordinary_words():
    given, family = cues.given_names(), cues.family_names()
    for name in ("جاستن", "بنيامين", "دونالد", "فلاديمير"):
        assert name_normalize(name) in given
    for word in ("مجلس", "عضو", "تحيات", "لانتخابات", "يستنكر", "قرارا"):
        assert name_normalize(word) not in given
    assert name_normalize("نتنياهو") in family


def write_corpus(path: Path, texts: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"title": "خبر", "content": text}, ensure_ascii=False) + "\n")


def mine(tmp_path: Path, texts: list[str], *exclude: str) -> tuple[list[str], list[str]]:
    """Run the miner in its own process (it sets the mined lists aside while it mines)."""
    corpus = tmp_path / "news.jsonl.gz"
    write_corpus(corpus, texts)
    given, family = tmp_path / "given.txt", tmp_path / "family.txt"
    args = ["--given-output", str(given), "--family-output", str(family)]
    if exclude:
        args += ["--exclude", *exclude]
    command = [sys.executable, "-m", "archive.extraction.people_mine", *args, "--", str(corpus)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    read = [p.read_text(encoding="utf-8").splitlines() for p in (given, family)]
    return tuple([w for w in lines if w[:1] != "#"] for lines in read)


SENTENCES = [
    "وقال الرئيس الفرنسي فرنسوا هولاند إن بلاده ستواصل دعمها.",
    "واستقبل الرئيس الفرنسي فرنسوا هولاند نظيره المصري في باريس.",
    "وأكد الرئيس الفرنسي فرنسوا هولاند أن الاتفاق سيوقع قريبا.",
    "ودعا الرئيس الفرنسي فرنسوا هولاند إلى اجتماع عاجل.",
    "وأعلن الرئيس الفرنسي فرنسوا هولاند عن خطة جديدة.",
]


def test_the_miner_keeps_the_first_and_last_words_of_names_after_titles(tmp_path):
    # مجلس opens a run after رئيس in five articles too, but it is an ordinary word (المجلس)
    # and الشورى after it is no family name.
    texts = SENTENCES + ["واجتمع رئيس مجلس الشورى بالأعضاء في مجلس المدينة."] * 5
    texts += ["وناقش مجلس الوزراء الميزانية، وأقر مجلس الشورى القانون."] * 20
    given, family = mine(tmp_path, texts)
    assert given == [name_normalize("فرنسوا")]
    assert family == [name_normalize("هولاند")]


def test_the_miner_skips_the_gold_articles(tmp_path):
    gold = tmp_path / "gold.json"
    # Two articles left: fewer than even a transliterated given name needs.
    lines = [{"corpus": "news", "line": n} for n in (2, 3, 4)]
    gold.write_text(json.dumps({"articles": lines}), encoding="utf-8")
    given, family = mine(tmp_path, SENTENCES, str(gold))
    assert given == [] and family == []
