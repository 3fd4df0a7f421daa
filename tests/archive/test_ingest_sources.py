"""Outlets: the fixture file, its aliases, and which mentions of an outlet make it the source."""

import gzip
import json

import pytest

from archive.ingest import parse_document
from archive.ingest.sources import alias_index, load_sources, resolve_source_name
from archive.ingest.text import fold


def test_every_alias_names_exactly_one_outlet():
    owners = {}
    for source in load_sources():
        for alias in [source["name"], source["name_en"], *source["aliases"]]:
            key = " ".join(fold(alias).split())
            assert owners.setdefault(key, source["name"]) == source["name"], alias


def test_every_outlet_has_arabic_and_english_names_and_a_kind():
    for source in load_sources():
        assert source["name"] and source["name_en"] and source["homepage"].startswith("http")
        assert source["kind"] in {"agency", "broadcaster", "newspaper"}


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("ايلاف", "إيلاف"),
        ("إيلاف", "إيلاف"),
        ("Elaph", "إيلاف"),
        ("تاس", "تاس"),
        ("TASS", "تاس"),
        ("وكالة تاس", "تاس"),
        ("العربي الجديد", "العربي الجديد"),
        ("روسيا اليوم", "روسيا اليوم"),
        ("RT Arabic", "روسيا اليوم"),
        ("سبوتنيك", "سبوتنيك"),
        ("رووداو", "روداو"),
        ("السومرية نيوز", "السومرية نيوز"),
        ("شفق نيوز", "شفق نيوز"),
        ("واع", "وكالة الأنباء العراقية"),
        ("وكالة الانباء العراقية", "وكالة الأنباء العراقية"),
        ("الشرق الاوسط", "الشرق الأوسط"),
        ("فرانس برس", "وكالة الصحافة الفرنسية"),
        ("الاناضول", "الأناضول"),
        ("aawsat", "الشرق الأوسط"),
        ("okaz", "عكاظ"),
    ],
)
def test_outlet_names_resolve_whatever_the_spelling(written, name):
    assert resolve_source_name(written) == name


def test_every_source_key_of_the_corpora_is_a_known_outlet(corpora_dir):
    keys = set()
    for path in corpora_dir.glob("*.jsonl.gz"):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if number % 50 == 0:
                    keys.add(json.loads(line)["source"])
    keys.discard(None)

    assert keys
    assert {key: resolve_source_name(key) for key in keys if not resolve_source_name(key)} == {}


def test_unknown_outlet_is_not_resolved():
    assert resolve_source_name("صحيفة لا وجود لها") is None
    assert "صحيفه لا وجود لها" not in alias_index()


LEAD = "أكد وزير الخارجية العراقي أهمية تطوير العلاقات مع روسيا في المجالات كافة."


def test_an_agency_merely_quoted_is_not_the_source():
    parsed = parse_document(
        LEAD + "\nوقال مسؤول عراقي لـ«رويترز» إن المحادثات كانت مثمرة.\nونقلت وكالة تاس ذلك.",
        filename="a.txt",
    )

    assert parsed.source_name is None


def test_an_outlet_a_source_spoke_to_is_the_source():
    parsed = parse_document(
        LEAD + "\nوقال مسؤول عراقي لـ«الشرق الأوسط» إن المحادثات كانت مثمرة.", filename="a.txt"
    )

    assert parsed.source_name == "الشرق الأوسط"


def test_credit_line_names_the_source_even_with_an_agency_prefix():
    parsed = parse_document(LEAD + "\nالمصدر: وكالة سبوتنيك", filename="a.txt")

    assert parsed.source_name == "سبوتنيك"
    assert "المصدر" not in parsed.body
