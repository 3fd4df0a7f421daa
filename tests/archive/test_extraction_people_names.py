"""People named without a title, by the full names mined from news (``people_names``), and
the miner itself (``people_names_mine``) on a small corpus of real Arabic sentences."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.extraction import extract, people_names
from archive.extraction.names import name_normalize
from archive.models import Entity
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get

ROOT = Path(__file__).resolve().parents[2]
SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"


@pytest.fixture
def lexicon(monkeypatch):
    """Extraction with a list of full names given here, not the mined file."""
    listed = people_names.NameLexicon(
        [name_normalize(n).split() for n in ("نواز شريف", "مارين لوبان", "صالح مسلم")]
    )
    monkeypatch.setattr(people_names, "listed_names", lambda: listed)
    authority_file_load(path=SMALL_AUTHORITY)
    return listed


def people(text: str) -> dict[str, tuple[int, list[str]]]:
    found = extract(text, gazetteer_get()).candidates
    return {c.name: (c.count, c.forms) for c in found if c.kind == "person"}


@pytest.mark.django_db
def test_a_listed_name_without_a_title_is_a_person_and_its_surname_later_too(lexicon):
    found = people(
        "وأجرى نواز شريف محادثات في الرياض تناولت التعاون العسكري. "
        "وغادر شريف العاصمة السعودية مساء الأحد."
    )
    assert found["نواز شريف"] == (2, ["نواز شريف", "شريف"])


@pytest.mark.django_db
def test_a_listed_name_behind_proclitics_is_found_without_them(lexicon):
    found = people("وقالت الصحيفة إن ومارين لوبان تتقدم في استطلاعات الرأي، ولمارين لوبان أنصار.")
    assert found["مارين لوبان"] == (2, ["ومارين لوبان", "ولمارين لوبان"])


@pytest.mark.django_db
def test_a_known_name_wins_over_a_listed_name_it_overlaps(lexicon):
    text = "وأكد برهم صالح مسلم أن الحوار مستمر، فيما التقى نواز شريف وفدا عراقيا."
    found = people(text)
    assert "صالح مسلم" not in found
    assert "نواز شريف" in found
    known = extract(text, gazetteer_get()).by_entity()
    barham = Entity.objects.get(name="برهم صالح")
    assert known[barham.pk].forms == ["برهم صالح"]


@pytest.mark.django_db
def test_a_lineage_listed_with_abd_apart_and_joined_is_one_person(monkeypatch):
    listed = people_names.NameLexicon(
        [name_normalize(n).split() for n in ("ماجد بن عبد الله القصبي", "ماجد بن عبدالله القصبي")]
    )
    monkeypatch.setattr(people_names, "listed_names", lambda: listed)
    authority_file_load(path=SMALL_AUTHORITY)
    text = (
        "وقدم مدير المركز شكره لماجد بن عبد الله القصبي على دعمه، "
        "وأشاد بما قدمه ماجد بن عبدالله القصبي للمركز."
    )
    assert [name for name in people(text) if name.startswith("ماجد")] == ["ماجد بن عبد الله القصبي"]


@pytest.mark.django_db
def test_listed_words_split_by_punctuation_are_no_name(lexicon):
    found = people("وقال المتحدث إن الاتفاق يحقق الأمن والسلام لكل نواز، شريف القوم ووضيعهم.")
    assert not found


def test_the_mined_list_holds_full_names_and_no_ordinary_words():
    listed = people_names.NameLexicon(people_names.read_names(people_names.NAMES_PATH))
    for name in ("حسني مبارك", "نواز شريف", "محمد مرسي", "باراك اوباما"):
        assert name_normalize(name) in listed
    for words in ("محمد مرسي المنتمي", "رئيس الوزراء", "عضو مجلس"):
        assert name_normalize(words) not in listed


def write_corpus(path: Path, texts: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"title": "خبر", "content": text}, ensure_ascii=False) + "\n")


def mine(tmp_path: Path, texts: list[str], *args: str) -> list[str]:
    """Run the miner in its own process (it sets the mined list aside while it mines)."""
    corpus = tmp_path / "news.jsonl.gz"
    write_corpus(corpus, texts)
    output = tmp_path / "names.txt"
    command = [
        sys.executable,
        "-m",
        "archive.extraction.people_names_mine",
        "--output",
        str(output),
        *args,
        "--",
        str(corpus),
    ]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return [line for line in output.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]


CUED = [
    "وقال رئيس الوزراء الباكستاني نواز شريف إن بلاده تدعم الحل السياسي.",
    "واستقبل رئيس الوزراء الباكستاني نواز شريف وزير الدفاع السعودي.",
    "وأكد رئيس الوزراء الباكستاني نواز شريف أن العلاقات متينة.",
    "وصل رئيس الوزراء الباكستاني نواز شريف إلى الرياض أمس.",
    "وبحث رئيس الوزراء الباكستاني نواز شريف مع ولي العهد التعاون.",
]
UNCUED = ["وأجرى نواز شريف محادثات في جدة.", "ونقلت الصحيفة عن نواز شريف قوله إن الوضع هادئ."]
# A title before ordinary words (the minister "condemns the attack"), five times, and the same
# words written without a title in many more articles.
ORDINARY = ["وقال المتحدث إن الوزير يستنكر الهجوم على القافلة."] * 5 + [
    "والحكومة تتابع التحقيق وتستنكر الهجوم، والمجلس يستنكر الهجوم على المدنيين."
] * 30


def test_the_miner_keeps_names_a_title_often_precedes(tmp_path):
    names = mine(tmp_path, CUED + UNCUED + ORDINARY)
    assert names == [name_normalize("نواز شريف")]


def test_the_miner_leaves_out_a_name_a_title_seldom_precedes(tmp_path):
    # Cued in 5 articles and written without a title in 30 more: under the share.
    assert mine(tmp_path, CUED + UNCUED * 15) == []
    assert mine(tmp_path, CUED + UNCUED * 2) == [name_normalize("نواز شريف")]


def test_the_miner_leaves_out_ordinary_words_a_title_precedes(tmp_path):
    # "The minister condemns the attack" after a title in every article that writes it: a
    # verb opens it, so it is no name however often a title precedes it.
    assert mine(tmp_path, ORDINARY[:5]) == []


def test_the_miner_needs_the_name_in_enough_articles_and_skips_gold_articles(tmp_path):
    assert mine(tmp_path, CUED[:4]) == []
    gold = tmp_path / "gold.json"
    articles = [{"corpus": "news", "line": 1}]
    gold.write_text(json.dumps({"articles": articles}), encoding="utf-8")
    assert mine(tmp_path, CUED, "--exclude", str(gold)) == []
    assert mine(tmp_path, CUED) == [name_normalize("نواز شريف")]
