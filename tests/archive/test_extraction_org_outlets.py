"""Outlets and companies named without a head: the mined list and the script that mines it."""

import gzip
import json
from pathlib import Path

import pytest

from archive.extraction import org_mine
from archive.services.entities import authority_file_load
from tests.archive.extraction_helpers import proposed_organizations as organizations

SMALL_AUTHORITY = Path(__file__).parent / "gold" / "small_authority.json"


@pytest.fixture
def authority(db):
    authority_file_load(path=SMALL_AUTHORITY)


def test_a_listed_outlet_is_found_alone_with_its_proclitics(authority):
    found = organizations(
        "وكتبت في تغريدة على تويتر أن الاتهامات باطلة، وقال مسؤول لرويترز إن الوفد وصل."
    )
    assert "تويتر" in found
    assert found["رويترز"] == ["لرويترز"]


def test_ordinary_words_and_cities_are_not_listed(authority):
    found = organizations("سبق أن زار الوفد مكة، ثم انتهى الاجتماع دون اتفاق.")
    assert found == {}


def write_corpus(path: Path, texts: list[str]) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"title": "خبر", "content": text}, ensure_ascii=False) + "\n")


def test_the_miner_keeps_names_written_after_an_outlet_word_in_enough_articles(tmp_path):
    corpus = tmp_path / "news.jsonl.gz"
    texts = [f"وقال مصدر أمني لوكالة فرانس برس إن {n} مسلحين قتلوا." for n in range(5)]
    texts += ["وقالت شركة تعمل في المجال إن الأسعار ارتفعت."] * 5
    write_corpus(corpus, texts)
    output = tmp_path / "outlets.txt"
    org_mine.main([str(corpus), "--output", str(output)])
    names = [line for line in output.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    assert names == ["فرانس برس"]


def test_the_miner_skips_the_gold_articles(tmp_path):
    corpus = tmp_path / "news.jsonl.gz"
    write_corpus(corpus, [f"وقال مصدر لوكالة فرانس برس إن {n} جنود أصيبوا." for n in range(5)])
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"articles": [{"corpus": "news", "line": 3}]}), encoding="utf-8")
    output = tmp_path / "outlets.txt"
    org_mine.main([str(corpus), "--exclude", str(gold), "--output", str(output)])
    names = [line for line in output.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    assert names == []
