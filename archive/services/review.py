"""Detected entities: created unreviewed, then confirmed, merged or rejected by editors.

Detection proposes a name (``EntityCandidate``, one per folded name, which remembers the
editors' decision) and the archive creates an entity for it at once, ``provisional``, so
that it is found in facets, on article pages and in the API, marked as unreviewed. A name
editors rejected is never proposed again; one they merged mentions the entity it was
merged into.
"""

from archive.extraction import FoundCandidate, FoundEntity
from archive.models import Entity, EntityAlias, EntityCandidate


def provisional_mentions(
    found: list[FoundCandidate], candidates: list[EntityCandidate]
) -> list[FoundEntity]:
    """The entity each found name stands for, created unreviewed when it is new."""
    by_key = {c.normalized: c for c in candidates}
    ids = {c.entity_id for c in candidates if c.entity_id}
    states = {
        pk: (merged_into, review)
        for pk, merged_into, review in Entity.objects.filter(pk__in=ids).values_list(
            "pk", "merged_into_id", "review"
        )
    }
    mentions = []
    for item in found:
        candidate = by_key.get(item.normalized[:255])
        if candidate is None or candidate.status == EntityCandidate.Status.REJECTED:
            continue
        entity_id = candidate.entity_id
        if entity_id is None:
            entity_id = _provisional_entity(candidate)
        else:
            merged_into, review = states.get(entity_id, (None, Entity.Review.REJECTED))
            entity_id = None if review == Entity.Review.REJECTED else merged_into or entity_id
        if entity_id is not None:
            mentions.append(
                FoundEntity(entity_id, item.count, list(item.forms), first_offset=item.offset)
            )
    return mentions


def _provisional_entity(candidate: EntityCandidate) -> int | None:
    """A new unreviewed entity for the candidate (or the entity that has its name)."""
    entity, created = Entity.objects.get_or_create(
        kind=candidate.kind,
        name=candidate.name[:200],
        defaults={"review": Entity.Review.PROVISIONAL, "origin": Entity.Origin.DETECTED},
    )
    if entity.merged_into_id:
        entity = entity.merged_into
    if entity.review == Entity.Review.REJECTED:
        return None
    if created:
        EntityAlias.objects.create(
            entity=entity, name=entity.name, origin=EntityAlias.Origin.DETECTED
        )
    candidate.entity = entity
    candidate.save(update_fields=["entity", "updated_at"])
    return entity.pk
