"""The seeds against the full authority file ``fixtures/entities.json`` and the gold
annotation (issue 4, Show): every entity a careful annotator marks is in the authority
file and is found; the traps never fire. Precision, recall and F1 per kind are measured
by ``bench/extraction_quality.py``.
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

ROOT = Path(__file__).resolve().parents[2]
AUTHORITY = ROOT / "fixtures" / "entities.json"
GOLD = json.loads((Path(__file__).parent / "gold" / "seeds_entities.json").read_text("utf-8"))
SEEDS = ROOT / "fixtures" / "seeds"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def authority(django_db_setup, django_db_blocker):
    # Loaded once for the module: several hundred entities.
    with django_db_blocker.unblock():
        authority_file_load(path=AUTHORITY)
        yield
        Entity.objects.all().delete()


def found_in(filename: str) -> dict:
    document = parse_document((SEEDS / filename).read_bytes(), filename=filename)
    text = extraction_text(
        title=document.title,
        body=document.body,
        title_derived=document.title_derived,
        dateline=document.metadata.get("dateline"),
    )
    entities = Entity.objects.in_bulk()
    return {entities[f.entity_id]: f for f in extract(text, gazetteer_get()).entities}


def resolve(item: dict) -> list[Entity]:
    return list(Entity.objects.active().filter(kind=item["kind"]).matching(item["name"]))


def test_every_gold_entity_is_in_the_authority_file(authority):
    missing = {
        item["name"]
        for seed in GOLD["seeds"].values()
        for item in seed["entities"]
        if not resolve(item)
    }
    assert sorted(missing) == []


@pytest.mark.parametrize("filename", sorted(GOLD["seeds"]))
def test_every_gold_entity_is_found_in_the_seed(authority, filename):
    found = found_in(filename)
    missed = [
        item["name"]
        for item in GOLD["seeds"][filename]["entities"]
        if resolve(item) and not any(e in found for e in resolve(item))
    ]
    assert missed == []


@pytest.mark.parametrize("filename", sorted(GOLD["seeds"]))
def test_traps_never_fire_with_the_full_authority_file(authority, filename):
    for entity, item in found_in(filename).items():
        for trap in GOLD["traps"]:
            if entity.kind == trap["kind"]:
                assert set(trap["forbidden_forms"]).isdisjoint(item.forms), (
                    trap["why"],
                    entity.name,
                    item.forms,
                )


def test_president_salih_counts_twice_in_seed_001_with_the_full_authority_file(authority):
    [expected] = GOLD["seeds"]["001_acf61db0d40e22a5.txt"]["expected_counts"]
    [salih] = resolve(expected)
    assert found_in("001_acf61db0d40e22a5.txt")[salih].count == 2
