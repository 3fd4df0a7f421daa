"""Entity writes: the authority file, mentions extracted from articles, curation.

Every function here is a write with keyword-only arguments; reads live on
the QuerySets in ``archive.models``. Changes to an article's mentions queue
the article for the search index in the same transaction.
"""

import json
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.extraction import Extraction, FoundCandidate, FoundEntity, extract
from archive.extraction.gazetteer import Gazetteer, gazetteer_get
from archive.models import (
    Article,
    Entity,
    EntityAlias,
    EntityCandidate,
    Mention,
    MentionSuppression,
)
from search.indexing import index_enqueue

AUTHORITY_FILE_VERSION = 1
_ENTITY_FIELDS = ("name_en", "name_ru", "description", "description_en")


class AuthorityFileError(ValueError):
    """The authority file cannot be loaded; the message says why and where."""


class CurationError(ValueError):
    """A curation request that cannot be carried out (merging an entity into itself …)."""


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
    kind, name = item.get("kind"), _clean(item.get("name"))
    if kind not in Entity.Kind.values:
        raise AuthorityFileError(
            _("%(path)s: entity #%(n)s has unknown kind %(kind)r.") % {**where, "kind": kind}
        )
    if not name:
        raise AuthorityFileError(_("%(path)s: entity #%(n)s has no name.") % where)
    record = {"kind": kind, "name": name}
    for field in _ENTITY_FIELDS:
        record[field] = _clean(item.get(field))
    for field in ("aliases", "ambiguous_aliases"):
        values = item.get(field) or []
        if not isinstance(values, list):
            raise AuthorityFileError(
                _("%(path)s: entity #%(n)s: %(field)s must be a list.") % {**where, "field": field}
            )
        record[field] = [_clean(v) for v in values if _clean(v)]
    return record


def _clean(value) -> str:
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


# --- extraction ----------------------------------------------------------------------------


def extraction_text(
    *, title: str, body: str, title_derived: bool = False, dateline: str | None = None
) -> str:
    """Title and body as extraction sees them (mention offsets refer to this text).

    A title cut from the lead repeats the body's first words, so it is left
    out rather than counted twice. A dateline (``إيلاف من لندن:``) says where
    the outlet wrote from, not what the article is about: it is blanked.
    """
    title, body = (title or "").strip(), body or ""
    if dateline and body.startswith(dateline):
        body = " " * len(dateline) + body[len(dateline) :]
    stem = title.rstrip("….").strip()
    if title_derived or not stem or stem in body[: len(stem) + 200]:
        return body
    return f"{title}\n\n{body}"


def article_extraction_text(article: Article) -> str:
    metadata = article.metadata if isinstance(article.metadata, dict) else {}
    return extraction_text(
        title=article.title,
        body=article.body,
        title_derived="title_derived" in (article.review_reasons or []),
        dateline=metadata.get("dateline"),
    )


def article_mentions_refresh(
    *,
    article: Article,
    gazetteer: Gazetteer | None = None,
    extraction: Extraction | None = None,
    created: bool = False,
) -> list[Mention]:
    """Recompute the article's mentions from its title and body.

    Replaces the extracted mentions in one transaction (the ingest service
    calls this inside its own), keeps mentions editors added by hand, never
    re-adds one an editor removed, and records candidate names. Batch callers
    may pass the gazetteer they hold; by default the process's cached one is used.

    An importer that already ran ``extract()`` on ``article_extraction_text(article)``
    passes its ``extraction``. ``created=True`` says the article was created in the
    caller's still open transaction: it can have no mentions, removals or candidate
    links yet, so none are read or deleted.
    """
    result = extraction
    if result is None:
        result = extract(article_extraction_text(article), gazetteer)
    # A just-created article is inside its creator's transaction: no savepoint of its own.
    with transaction.atomic(savepoint=not created):
        if created:
            mentions = Mention.objects.bulk_create(_new_mentions(article, result.entities))
        else:
            mentions = _mentions_replace(article, result)
        _candidates_record(article, result.candidates, created=created)
    return mentions


def _mentions_replace(article: Article, result: Extraction) -> list[Mention]:
    suppressed = set(article.mention_suppressions.values_list("entity_id", flat=True))
    found = {f.entity_id: f for f in result.entities if f.entity_id not in suppressed}
    article.mentions.filter(added_by_editor=False).delete()
    kept = list(article.mentions.all())
    for mention in kept:
        item = found.pop(mention.entity_id, None)
        if item is not None:
            mention.count, mention.forms, mention.first_offset = (
                item.count,
                item.forms,
                item.first_offset,
            )
            mention.save(update_fields=["count", "forms", "first_offset"])
    created = Mention.objects.bulk_create(_new_mentions(article, found.values()))
    return kept + created


def _new_mentions(article: Article, found: Iterable[FoundEntity]) -> list[Mention]:
    return [
        Mention(
            article=article,
            entity_id=item.entity_id,
            count=item.count,
            forms=item.forms,
            first_offset=item.first_offset,
        )
        for item in found
    ]


def _candidates_record(
    article: Article, found: list[FoundCandidate], *, created: bool = False
) -> None:
    """Link the article to the proposed candidates it names (creating new ones), unlink it
    from those it no longer names, and recount the articles of every candidate touched."""
    previous = []
    if not created:
        previous = list(article.entity_candidates.filter(status=EntityCandidate.Status.PROPOSED))
        article.entity_candidates.remove(*previous)
    touched = {c.pk for c in previous}
    proposed = [
        c for c in _candidates_get_or_create(found) if c.status == EntityCandidate.Status.PROPOSED
    ]
    if proposed:
        links = EntityCandidate.articles.through
        links.objects.bulk_create(
            [links(entitycandidate_id=c.pk, article_id=article.pk) for c in proposed],
            ignore_conflicts=True,
        )
        touched.update(c.pk for c in proposed)
    if touched:
        _candidate_counts_refresh(touched, unlinked=bool(previous))


def _candidates_get_or_create(found: list[FoundCandidate]) -> list[EntityCandidate]:
    """The candidates of these names, in order; the first finding of a new name creates it."""
    wanted: dict[str, FoundCandidate] = {}
    for item in found:
        wanted.setdefault(item.normalized[:255], item)
    if not wanted:
        return []
    existing = EntityCandidate.objects.in_bulk(list(wanted), field_name="normalized")
    missing = [key for key in wanted if key not in existing]
    if missing:
        # A name another import just created is simply read back.
        EntityCandidate.objects.bulk_create(
            [
                EntityCandidate(
                    normalized=key, name=wanted[key].name[:200], cue=wanted[key].cue[:300]
                )
                for key in missing
            ],
            ignore_conflicts=True,
        )
        existing.update(EntityCandidate.objects.in_bulk(missing, field_name="normalized"))
    return [existing[key] for key in wanted]


def _candidate_counts_refresh(pks: set[int], *, unlinked: bool) -> None:
    """Each candidate's count is its number of articles; one left with none (``unlinked``:
    some lost an article) is dropped."""
    links = EntityCandidate.articles.through.objects.filter(entitycandidate_id=OuterRef("pk"))
    per_candidate = links.order_by().values("entitycandidate_id").annotate(n=Count("pk"))
    EntityCandidate.objects.filter(pk__in=pks).update(
        count=Coalesce(Subquery(per_candidate.values("n")), 0), updated_at=timezone.now()
    )
    if unlinked:
        EntityCandidate.objects.filter(pk__in=pks, count=0).delete()


def articles_reextract(*, articles: Iterable[Article]) -> dict:
    """Run extraction again on these articles (after the authority file or aliases changed).

    Each article is refreshed in its own transaction together with its index
    task. Returns ``{"articles": n, "mentions": m}``.
    """
    counts = {"articles": 0, "mentions": 0}
    gazetteer = gazetteer_get()
    iterator = articles.iterator() if hasattr(articles, "iterator") else iter(articles)
    for article in iterator:
        with transaction.atomic():
            mentions = article_mentions_refresh(article=article, gazetteer=gazetteer)
            index_enqueue(article_ids=[article.pk])
        counts["articles"] += 1
        counts["mentions"] += len(mentions)
    return counts


# --- curation --------------------------------------------------------------------------------


def mention_remove(*, mention: Mention, user=None) -> MentionSuppression:
    """Remove a wrong mention and remember it, so re-extraction does not add it back."""
    with transaction.atomic():
        suppression, _created = MentionSuppression.objects.get_or_create(
            article_id=mention.article_id,
            entity_id=mention.entity_id,
            defaults={"created_by": user if user and user.pk else None},
        )
        article_id = mention.article_id
        mention.delete()
        index_enqueue(article_ids=[article_id])
    return suppression


def mention_add(*, article: Article, entity: Entity, user=None) -> Mention:
    """An editor adds a mention by hand; it survives re-extraction and lifts a removal."""
    with transaction.atomic():
        MentionSuppression.objects.filter(article=article, entity=entity).delete()
        mention, created = Mention.objects.get_or_create(
            article=article, entity=entity, defaults={"added_by_editor": True}
        )
        if not created and not mention.added_by_editor:
            mention.added_by_editor = True
            mention.save(update_fields=["added_by_editor"])
        index_enqueue(article_ids=[article.pk])
    return mention


def entity_merge(*, source: Entity, target: Entity) -> Entity:
    """Merge ``source`` into ``target``: mentions move (counts summed), every name and
    alias of ``source`` becomes an alias of ``target``, and ``source`` redirects to it."""
    if source.pk == target.pk:
        raise CurationError(_("An entity cannot be merged into itself."))
    if target.merged_into_id:
        raise CurationError(
            _("%(target)s was itself merged into another entity; merge into that one.")
            % {"target": target}
        )
    if source.merged_into_id:
        raise CurationError(_("%(source)s is already merged.") % {"source": source})
    with transaction.atomic():
        article_ids = set(source.mentions.values_list("article_id", flat=True))
        _mentions_move(source, target)
        _suppressions_move(source, target)
        _aliases_move(source, target)
        EntityCandidate.objects.filter(entity=source).update(entity=target)
        # Older redirects point straight at the survivor: one hop, never a chain.
        Entity.objects.filter(merged_into=source).update(
            merged_into=target, updated_at=timezone.now()
        )
        source.merged_into = target
        source.save()
        target.save()
        index_enqueue(article_ids=article_ids)
    return target


def _mentions_move(source: Entity, target: Entity) -> None:
    existing = {m.article_id: m for m in target.mentions.all()}
    for mention in source.mentions.all():
        into = existing.get(mention.article_id)
        if into is None:
            mention.entity = target
            mention.save(update_fields=["entity"])
            continue
        into.count += mention.count
        into.forms = into.forms + [f for f in mention.forms if f not in into.forms]
        offsets = [o for o in (into.first_offset, mention.first_offset) if o is not None]
        into.first_offset = min(offsets) if offsets else None
        into.added_by_editor = into.added_by_editor or mention.added_by_editor
        into.save(update_fields=["count", "forms", "first_offset", "added_by_editor"])
        mention.delete()


def _suppressions_move(source: Entity, target: Entity) -> None:
    mentioned = set(target.mentions.values_list("article_id", flat=True))
    suppressed = set(target.mention_suppressions.values_list("article_id", flat=True))
    for suppression in source.mention_suppressions.all():
        if suppression.article_id in mentioned | suppressed:
            suppression.delete()
        else:
            suppression.entity = target
            suppression.save(update_fields=["entity"])


def _aliases_move(source: Entity, target: Entity) -> None:
    taken = set(target.aliases.values_list("name", flat=True))
    for alias in source.aliases.all():
        if alias.name in taken:
            alias.delete()
            continue
        alias.entity = target
        if alias.origin != EntityAlias.Origin.EDITOR:
            alias.origin = EntityAlias.Origin.MERGE
        alias.save()
        taken.add(alias.name)
    for name in source.own_names():
        if name not in taken:
            EntityAlias.objects.create(entity=target, name=name, origin=EntityAlias.Origin.MERGE)
            taken.add(name)


def candidate_accept(
    *,
    candidate: EntityCandidate,
    kind: str | None = None,
    name: str = "",
    name_en: str = "",
    name_ru: str = "",
    description: str = "",
) -> Entity:
    """Make a proposed name an entity, then re-extract the articles that may mention it.

    ``name`` defaults to the name as found; when an entity of that kind and
    name already exists, the candidate's spelling becomes its alias instead.
    """
    if candidate.status == EntityCandidate.Status.ACCEPTED and candidate.entity_id:
        return candidate.entity
    kind = kind or candidate.kind
    if kind not in Entity.Kind.values:
        raise CurationError(_("Unknown entity kind: %(kind)s") % {"kind": kind})
    name = _clean(name) or candidate.name
    with transaction.atomic():
        entity = Entity.objects.filter(kind=kind, name=name).first()
        if entity is None:
            entity = Entity.objects.create(
                kind=kind,
                name=name,
                name_en=_clean(name_en),
                name_ru=_clean(name_ru),
                description=_clean(description),
            )
        entity_names_sync(entity=entity)
        if candidate.name != name:
            EntityAlias.objects.get_or_create(entity=entity, name=candidate.name)
        candidate.status = EntityCandidate.Status.ACCEPTED
        candidate.kind = kind
        candidate.entity = entity
        candidate.save()
        affected = Article.objects.filter(pk__in=_candidate_article_ids(candidate, entity))
        articles_reextract(articles=affected)
    return entity


def _candidate_article_ids(candidate: EntityCandidate, entity: Entity) -> set[int]:
    ids = set(candidate.articles.values_list("pk", flat=True))
    for name in {candidate.name, *entity.own_names()}:
        ids |= set(Article.objects.filter(body__contains=name).values_list("pk", flat=True))
    return ids


def candidate_reject(*, candidate: EntityCandidate) -> EntityCandidate:
    """Reject a proposed name: it is not proposed again."""
    candidate.status = EntityCandidate.Status.REJECTED
    candidate.save(update_fields=["status", "updated_at"])
    return candidate
