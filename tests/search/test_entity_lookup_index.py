"""The entity a query names is found by any of its names through indexes: the search page
asks on every query, and the entity table holds tens of thousands of gazetteer and detected
names.

Entities made by the factories have no alias rows for their own name fields: those fields
are looked up themselves (the Arabic name as written, the English and Russian ones in any
case), each through its own index.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from archive.models import Entity, EntityAlias
from search.entity_lookup import query_entity
from tests.factories import entity_create

sqlite_plans = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the plans checked are SQLite's EXPLAIN QUERY PLAN"
)

NAMES = [
    ("يفغيني بريماكوف", "primakov"),
    ("Yevgeny Primakov", "primakov"),
    ("yevgeny primakov", "primakov"),
    ("Евгений Примаков", "primakov"),
    ("البصرة", "basra"),
    ("وبصرة", "basra"),
    ("BASRA", "basra"),
]


@pytest.fixture
def entities(db):
    primakov = entity_create(
        kind=Entity.Kind.PERSON,
        name="يفغيني بريماكوف",
        name_en="Yevgeny Primakov",
        name_ru="Евгений Примаков",
    )
    basra = entity_create(kind=Entity.Kind.PLACE, name="البصرة", name_en="Basra", name_ru="")
    EntityAlias.objects.create(entity=basra, name="بصرة")
    # Others around them, as the gazetteers put thousands in the table.
    for number in range(30):
        entity_create(kind=Entity.Kind.PLACE, name=f"قرية {number}", name_en=f"Village {number}")
    return {"primakov": primakov, "basra": basra}


def _plans(queries) -> list[str]:
    details = []
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            details += [row[-1] for row in cursor.fetchall()]
    return details


@pytest.mark.parametrize(("typed", "key"), NAMES)
def test_an_entity_is_found_by_each_of_its_names(entities, typed, key):
    assert query_entity(typed) == entities[key]


@sqlite_plans
@pytest.mark.parametrize(("typed", "key"), NAMES)
def test_an_entity_is_found_by_each_of_its_names_without_reading_the_whole_table(
    entities, typed, key
):
    with CaptureQueriesContext(connection) as queries:
        found = query_entity(typed)
    assert found == entities[key]
    plans = _plans(queries.captured_queries)
    reads = [detail for detail in plans if detail.startswith(("SCAN", "SEARCH"))]
    assert reads, "the lookup asks the database"
    # No table read whole; the entity table itself only by the ids the indexes gave.
    assert not [detail for detail in reads if detail.startswith("SCAN")], plans
    for detail in reads:
        if detail.startswith("SEARCH archive_entity "):
            assert "rowid=?" in detail or "PRIMARY KEY" in detail, plans
    for index in ("entity_name ", "entity_name_en_lower", "entity_name_ru_lower", "normalized"):
        assert any(index in detail for detail in reads), (index, plans)


def test_a_merged_or_rejected_entity_is_not_the_one_a_query_names(entities):
    primakov = entities["primakov"]
    primakov.review = Entity.Review.REJECTED
    primakov.save()
    assert query_entity("Yevgeny Primakov") is None
    basra = entities["basra"]
    survivor = entity_create(kind=Entity.Kind.PLACE, name="مدينة البصرة", name_en="", name_ru="")
    basra.merged_into = survivor
    basra.save()
    assert query_entity("Basra") is None


def test_a_name_no_entity_has_names_none(entities):
    assert query_entity("Primakov Yevgeny") is None
    assert query_entity("البصره الجديدة") is None
