"""The process's gazetteer, built from the entities and aliases in the database.

Built once per process and rebuilt only when entities or aliases changed (a
cheap signature of counts and last-modified times is compared on each use), so
import runs do not rebuild it per article.
"""

import threading

from django.db import connection

from archive.extraction.gazetteer import EntityInfo, Gazetteer, NameRecord
from archive.models import Entity, EntityAlias

_lock = threading.Lock()
_cache: dict[str, object] = {"signature": None, "gazetteer": None}


def _signature() -> tuple:
    """Counts and last change times of entities and aliases, in one query.

    Any create, edit or delete of an entity or alias changes it, in any
    process, so a cached gazetteer is never used after the names changed.
    """
    entity, alias = (m._meta.db_table for m in (Entity, EntityAlias))
    quote = connection.ops.quote_name
    parts = [
        f"(SELECT {agg} FROM {quote(table)})"
        for table in (entity, alias)
        for agg in ("COUNT(*)", f"MAX({quote('updated_at')})")
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def gazetteer_build() -> Gazetteer:
    """A fresh gazetteer of every active entity's names and aliases."""
    active = Entity.objects.active()
    entities, names = [], []
    for pk, kind, name, name_en, name_ru in active.values_list(
        "pk", "kind", "name", "name_en", "name_ru"
    ):
        entities.append(EntityInfo(pk, kind, name, name_en))
        # The name fields count even when their alias rows are missing.
        names += [NameRecord(pk, n) for n in (name, name_en, name_ru) if n]
    aliases = EntityAlias.objects.filter(entity__merged_into__isnull=True)
    names += [
        NameRecord(entity_id, alias, ambiguous)
        for entity_id, alias, ambiguous in aliases.values_list("entity_id", "name", "ambiguous")
    ]
    return Gazetteer(entities, names)


def gazetteer_get() -> Gazetteer:
    """The process's gazetteer, rebuilt when entities or aliases changed."""
    signature = _signature()
    with _lock:
        if _cache["gazetteer"] is None or _cache["signature"] != signature:
            _cache["gazetteer"] = gazetteer_build()
            _cache["signature"] = signature
        return _cache["gazetteer"]
