"""Entity writes: the authority file and the names of each entity.

Every function here is a write with keyword-only arguments; reads live on the
QuerySets in ``archive.models``. Mentions found in articles are written by
``archive.services.mentions``; editors' corrections by ``archive.services.curation``.
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from archive.models import Entity, EntityAlias

AUTHORITY_FILE_VERSION = 1
_ENTITY_FIELDS = ("name_en", "name_ru", "description", "description_en")


class AuthorityFileError(ValueError):
    """The authority file cannot be loaded; the message says why and where."""


# --- names and aliases -------------------------------------------------------------------


def entity_names_sync(*, entity: Entity, old_names_origin: str = EntityAlias.Origin.EDITOR) -> None:
    """Keep one alias row per name field, so every name is found by the indexed lookup.

    A name the entity no longer has stays as an alias (an old spelling still
    finds the entity); ``old_names_origin`` says who owns it from now on.
    """
    wanted = set(entity.own_names())
    existing = {alias.name: alias for alias in entity.aliases.all()}
    for name, alias in existing.items():
        if alias.origin == EntityAlias.Origin.NAME and name not in wanted:
            alias.origin = old_names_origin
            alias.save()
    for name in wanted - existing.keys():
        EntityAlias.objects.create(entity=entity, name=name, origin=EntityAlias.Origin.NAME)


# --- the authority file ------------------------------------------------------------------


def authority_file_load(*, path) -> dict:
    """Create or update entities from the authority file (``fixtures/entities.json``).

    Idempotent: a second run changes nothing. Names, roles and the file's
    aliases are updated in place; aliases that editors added (or that came
    from a merge) are never deleted. An entity that editors merged away is
    left alone. Returns counts: ``created``, ``updated``, ``unchanged``,
    ``merged_skipped``, ``aliases_created``, ``aliases_removed``.
    """
    records = _authority_records(Path(path))
    counts = dict.fromkeys(
        ("created", "updated", "unchanged", "merged_skipped", "aliases_created", "aliases_removed"),
        0,
    )
    with transaction.atomic():
        by_key = {(e.kind, e.name): e for e in Entity.objects.all()}
        by_en = {(e.kind, e.name_en): e for e in Entity.objects.active().exclude(name_en="")}
        for record in records:
            entity = by_key.get((record["kind"], record["name"]))
            if entity is None and record["name_en"]:
                entity = by_en.get((record["kind"], record["name_en"]))
            if entity is not None and entity.merged_into_id:
                counts["merged_skipped"] += 1
                continue
            status, entity = _authority_entity_upsert(entity, record)
            counts[status] += 1
            by_key[(entity.kind, entity.name)] = entity
            created, removed = _authority_aliases_sync(entity, record)
            counts["aliases_created"] += created
            counts["aliases_removed"] += removed
    return counts


def _authority_records(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise AuthorityFileError(
            _("Cannot read %(path)s: %(error)s")
            % {
                "path": path,
                "error": error.strerror or error,
            }
        ) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AuthorityFileError(
            _("%(path)s is not valid UTF-8 JSON: %(error)s") % {"path": path, "error": error}
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("entities"), list):
        raise AuthorityFileError(_('%(path)s has no "entities" list.') % {"path": path})
    if data.get("version", AUTHORITY_FILE_VERSION) != AUTHORITY_FILE_VERSION:
        raise AuthorityFileError(
            _("%(path)s has version %(version)s; version %(expected)s is supported.")
            % {"path": path, "version": data.get("version"), "expected": AUTHORITY_FILE_VERSION}
        )
    return [_authority_record(item, n, path) for n, item in enumerate(data["entities"], 1)]


def _authority_record(item, n: int, path: Path) -> dict:
    where = {"path": path, "n": n}
    if not isinstance(item, dict):
        raise AuthorityFileError(_("%(path)s: entity #%(n)s is not an object.") % where)
    kind, name = item.get("kind"), name_clean(item.get("name"))
    if kind not in Entity.Kind.values:
        raise AuthorityFileError(
            _("%(path)s: entity #%(n)s has unknown kind %(kind)r.") % {**where, "kind": kind}
        )
    if not name:
        raise AuthorityFileError(_("%(path)s: entity #%(n)s has no name.") % where)
    record = {"kind": kind, "name": name}
    for field in _ENTITY_FIELDS:
        record[field] = name_clean(item.get(field))
    for field in ("aliases", "ambiguous_aliases"):
        values = item.get(field) or []
        if not isinstance(values, list):
            raise AuthorityFileError(
                _("%(path)s: entity #%(n)s: %(field)s must be a list.") % {**where, "field": field}
            )
        record[field] = [name_clean(v) for v in values if name_clean(v)]
    return record


def name_clean(value) -> str:
    """A name or text field on one line, single-spaced (``None`` gives an empty string)."""
    return " ".join(str(value).split()) if value is not None else ""


def _authority_entity_upsert(entity: Entity | None, record: dict) -> tuple[str, Entity]:
    if entity is None:
        entity = Entity(kind=record["kind"], name=record["name"])
        for field in _ENTITY_FIELDS:
            setattr(entity, field, record[field][:500])
        entity.save()
        return "created", entity
    changed = False
    for field in ("name", *_ENTITY_FIELDS):
        value = record[field][:500]
        if getattr(entity, field) != value:
            setattr(entity, field, value)
            changed = True
    if changed:
        entity.save()
    return ("updated" if changed else "unchanged"), entity


def _authority_aliases_sync(entity: Entity, record: dict) -> tuple[int, int]:
    # A name the file no longer gives is an authority alias: kept only if still listed.
    entity_names_sync(entity=entity, old_names_origin=EntityAlias.Origin.AUTHORITY)
    wanted = {name: False for name in record["aliases"]}
    wanted.update({name: True for name in record["ambiguous_aliases"]})
    created = removed = 0
    existing = {alias.name: alias for alias in entity.aliases.all()}
    for name, alias in existing.items():
        if alias.origin != EntityAlias.Origin.AUTHORITY:
            continue
        if name not in wanted:
            alias.delete()
            removed += 1
        elif alias.ambiguous != wanted[name]:
            alias.ambiguous = wanted[name]
            alias.save()
    # A name already present (an entity name, an editor's alias) keeps its row and flag.
    for name in wanted.keys() - existing.keys():
        EntityAlias.objects.create(
            entity=entity,
            name=name[:200],
            ambiguous=wanted[name],
            origin=EntityAlias.Origin.AUTHORITY,
        )
        created += 1
    return created, removed
