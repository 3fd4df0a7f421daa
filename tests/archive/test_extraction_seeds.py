"""The five seeds through the real importer parse and extraction, checked against the gold
annotation in ``tests/archive/gold/seeds_entities.json`` (issue 4, Show).

``small_authority.json`` holds only part of the gold entities: every gold entity it
knows must be found, and the traps must never fire. The same checks against the full
authority file live in ``test_extraction_gold.py``.
"""

import json
from pathlib import Path

import pytest

from archive.extraction import extract
from archive.ingest import parse_document
from archive.models import Entity
from archive.services.entities import authority_file_load
from archive.services.gazetteer import gazetteer_get
from archive.services.mentions import extraction_text

GOLD_DIR = Path(__file__).parent / "gold"
GOLD = json.loads((GOLD_DIR / "seeds_entities.json").read_text(encoding="utf-8"))
SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def authority():
    authority_file_load(path=GOLD_DIR / "small_authority.json")


def seed_extraction(filename: str) -> tuple[str, dict]:
    """(extraction text, {entity: found}) for a seed, as the importer would see it."""
    document = parse_document((SEEDS / filename).read_bytes(), filename=filename)
    text = extraction_text(
        title=document.title,
        body=document.body,
        title_derived=document.title_derived,
        dateline=document.metadata.get("dateline"),
    )
    entities = {e.pk: e for e in Entity.objects.all()}
    return text, {entities[f.entity_id]: f for f in extract(text, gazetteer_get()).entities}


def gold_entity(item: dict) -> Entity | None:
    return Entity.objects.active().filter(kind=item["kind"]).matching(item["name"]).first()


def is_letter(char: str) -> bool:
    return char.isalpha() or "\u064b" <= char <= "\u0652"


@pytest.mark.parametrize("filename", sorted(GOLD["seeds"]))
def test_every_gold_entity_the_authority_knows_is_found(filename):
    _, found = seed_extraction(filename)
    known = [gold_entity(item) for item in GOLD["seeds"][filename]["entities"]]
    missed = [e.name for e in known if e is not None and e not in found]
    assert missed == []
    assert len([e for e in known if e is not None]) >= 5


@pytest.mark.parametrize("filename", sorted(GOLD["seeds"]))
def test_nothing_outside_the_gold_annotation_is_found(filename):
    _, found = seed_extraction(filename)
    gold = {gold_entity(item) for item in GOLD["seeds"][filename]["entities"]}
    assert [e.name for e in found if e not in gold] == []


@pytest.mark.parametrize("filename", sorted(GOLD["seeds"]))
def test_traps_never_fire(filename):
    _, found = seed_extraction(filename)
    for trap in GOLD["traps"]:
        forbidden = set(trap["forbidden_forms"])
        for entity, item in found.items():
            if entity.kind == trap["kind"]:
                assert forbidden.isdisjoint(item.forms), (trap["why"], entity.name, item.forms)


@pytest.mark.parametrize("filename", sorted(GOLD["seeds"]))
def test_every_form_found_is_a_whole_word_sequence_of_the_text(filename):
    text, found = seed_extraction(filename)
    for item in found.values():
        start = item.first_offset
        assert text[start : start + len(item.forms[0])] == item.forms[0]
        for form in item.forms:
            positions = [i for i in range(len(text)) if text.startswith(form, i)]
            assert any(
                (i == 0 or not is_letter(text[i - 1]))
                and (i + len(form) == len(text) or not is_letter(text[i + len(form)]))
                for i in positions
            ), form


def test_seed_001_counts_president_salih_twice_and_not_in_favour_of_calm():
    [expected] = GOLD["seeds"]["001_acf61db0d40e22a5.txt"]["expected_counts"]
    _, found = seed_extraction("001_acf61db0d40e22a5.txt")
    salih = found[gold_entity(expected)]
    assert salih.count == expected["count"] == 2
    assert salih.forms == ["برهم صالح", "صالح"]


def test_seed_000_finds_salih_only_in_his_own_spellings():
    [expected] = GOLD["seeds"]["000_ce81c0b2699a3f96.txt"]["expected_forms"]
    _, found = seed_extraction("000_ce81c0b2699a3f96.txt")
    salih = found[gold_entity(expected)]
    assert set(salih.forms) <= set(expected["allowed_forms"])
    assert "برهم صالح" in salih.forms
    assert "وصالح" in salih.forms  # "مع الكاظمي وصالح": supported by the full name
