"""Detected entities: created unreviewed, then confirmed, merged or rejected by editors.

Detection proposes a name (``EntityCandidate``, one per folded name, which remembers the
editors' decision) and the archive creates an entity for it at once, ``provisional``, so
that it is found in facets, on article pages and in the API, marked as unreviewed. A name
editors rejected is never proposed again; one they merged mentions the entity it was
merged into.
"""

from archive.extraction import FoundCandidate, FoundEntity
from archive.extraction.names import name_normalize
from archive.models import Entity, EntityAlias, EntityCandidate, unicode_slug


def provisional_mentions(
    found: list[FoundCandidate], candidates: list[EntityCandidate]
) -> list[FoundEntity]:
    """The entity each found name stands for, created unreviewed when it is new.

    A few queries per article whatever the number of names: new entities, their name
    rows and the candidates' links are written in bulk.
    """
    by_key = {c.normalized: c for c in candidates}
    new = [
        c for c in candidates if c.entity_id is None and c.status == EntityCandidate.Status.PROPOSED
    ]
    if new:
        _provisional_entities(new)
    ids = {c.entity_id for c in candidates if c.entity_id}
    states = {
        pk: (merged_into, review)
        for pk, merged_into, review in Entity.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "merged_into_id", "review")
    }
    mentions = []
    for item in found:
        candidate = by_key.get(item.normalized[:255])
        if candidate is None or candidate.status == EntityCandidate.Status.REJECTED:
            continue
        merged_into, review = states.get(candidate.entity_id, (None, Entity.Review.REJECTED))
        if review == Entity.Review.REJECTED:
            continue
        mentions.append(
            FoundEntity(
                merged_into or candidate.entity_id,
                item.count,
                list(item.forms),
                first_offset=item.offset,
            )
        )
    return mentions


def _provisional_entities(candidates: list[EntityCandidate]) -> None:
    """Link candidates found before detection created entities (or whose entity went)."""
    entities = provisional_entities([(c.kind, c.name[:200]) for c in candidates])
    for candidate in candidates:
        candidate.entity_id = entities.get((candidate.kind, candidate.name[:200]))
    EntityCandidate.objects.bulk_update(candidates, ["entity"])


def provisional_entities(wanted: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The entity of each (kind, name), created unreviewed (with its name row) if none."""
    wanted = set(wanted)
    existing = _entities_named(wanted)
    missing = wanted - existing.keys()
    if not missing:
        return existing
    Entity.objects.bulk_create(
        [
            Entity(
                kind=kind,
                name=name,
                slug=unicode_slug(name, "entity"),
                review=Entity.Review.PROVISIONAL,
                origin=Entity.Origin.DETECTED,
            )
            for kind, name in missing
        ],
        ignore_conflicts=True,
    )
    created = _entities_named(missing)
    EntityAlias.objects.bulk_create(
        [
            EntityAlias(
                entity_id=pk,
                name=name,
                normalized=name_normalize(name),
                origin=EntityAlias.Origin.DETECTED,
            )
            for (_kind, name), pk in created.items()
        ],
        ignore_conflicts=True,
    )
    return existing | created


def _entities_named(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    kinds = {kind for kind, _name in wanted}
    names = {name for _kind, name in wanted}
    # Unordered: (kind, name) is unique, so the model's ordering would only cost its SQL.
    rows = (
        Entity.objects.filter(kind__in=kinds, name__in=names)
        .order_by()
        .values_list("pk", "kind", "name")
    )
    return {(kind, name): pk for pk, kind, name in rows if (kind, name) in wanted}
