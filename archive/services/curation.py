"""Curation: editors correct what extraction found (mentions, merges, candidate names).

Each correction runs in one transaction; the articles whose mentions move or change
are queued for the search index by the signals of those writes.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from archive.models import (
    Article,
    Entity,
    EntityAlias,
    EntityCandidate,
    Mention,
    MentionSuppression,
)
from archive.services.entities import entity_names_sync, name_clean
from archive.services.mentions import articles_reextract
from archive.signals import articles_changed


class CurationError(ValueError):
    """A curation request that cannot be carried out (merging an entity into itself …)."""


def mention_remove(*, mention: Mention, user=None) -> MentionSuppression:
    """Remove a wrong mention and remember it, so re-extraction does not add it back."""
    with transaction.atomic():
        suppression, _created = MentionSuppression.objects.get_or_create(
            article_id=mention.article_id,
            entity_id=mention.entity_id,
            defaults={"created_by": user if user and user.pk else None},
        )
        mention.delete()
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
        _mentions_move(source, target)
        _suppressions_move(source, target)
        _aliases_move(source, target)
        EntityCandidate.objects.filter(entity=source).update(
            entity=target, status=EntityCandidate.Status.ACCEPTED
        )
        # Older redirects point straight at the survivor: one hop, never a chain.
        Entity.objects.filter(merged_into=source).update(
            merged_into=target, updated_at=timezone.now()
        )
        source.merged_into = target
        source.save()
        target.save()
    return target


def _mentions_move(source: Entity, target: Entity) -> None:
    # One save or delete per mention: each one's signal queues its article for the index.
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


def entity_confirm(*, entity: Entity, kind: str | None = None, name: str = "") -> Entity:
    """An editor confirms a detected entity (perhaps with another kind or a fuller name):
    it joins the gazetteer, and the index learns a changed kind without a rebuild."""
    kind = kind or entity.kind
    if kind not in Entity.Kind.values:
        raise CurationError(_("Unknown entity kind: %(kind)s") % {"kind": kind})
    name = name_clean(name) or entity.name
    clash = Entity.objects.filter(kind=kind, name=name).exclude(pk=entity.pk).first()
    if clash is not None:
        return entity_merge(source=entity, target=clash)
    with transaction.atomic():
        kind_changed = kind != entity.kind
        entity.kind, entity.name, entity.review = kind, name, Entity.Review.CONFIRMED
        entity.save()
        entity.aliases.filter(origin=EntityAlias.Origin.DETECTED).update(
            origin=EntityAlias.Origin.EDITOR, updated_at=timezone.now()
        )
        entity_names_sync(entity=entity)
        EntityCandidate.objects.filter(entity=entity).update(
            status=EntityCandidate.Status.ACCEPTED, kind=kind, updated_at=timezone.now()
        )
        if kind_changed:
            ids = list(entity.mentions.values_list("article_id", flat=True))
            articles_changed.send(sender=Entity, article_ids=ids)
    return entity


def entity_reject(*, entity: Entity) -> Entity:
    """An editor rejects a detected entity: its mentions go (the index follows each one),
    and its names are remembered so that detection never proposes them again."""
    if entity.review == Entity.Review.CONFIRMED:
        raise CurationError(
            _("%(entity)s was confirmed; remove its mentions instead.") % {"entity": entity}
        )
    with transaction.atomic():
        for mention in entity.mentions.all():
            mention.delete()
        entity.review = Entity.Review.REJECTED
        entity.save()
        EntityCandidate.objects.filter(entity=entity).update(
            status=EntityCandidate.Status.REJECTED, updated_at=timezone.now()
        )
    return entity


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
    if candidate.entity_id and candidate.entity.review == Entity.Review.PROVISIONAL:
        entity = entity_confirm(entity=candidate.entity, kind=kind, name=name)
        candidate.refresh_from_db()
        articles_reextract(
            articles=Article.objects.filter(pk__in=_candidate_article_ids(candidate, entity))
        )
        return entity
    kind = kind or candidate.kind
    if kind not in Entity.Kind.values:
        raise CurationError(_("Unknown entity kind: %(kind)s") % {"kind": kind})
    name = name_clean(name) or candidate.name
    with transaction.atomic():
        entity = Entity.objects.filter(kind=kind, name=name).first()
        if entity is None:
            entity = Entity.objects.create(
                kind=kind,
                name=name,
                name_en=name_clean(name_en),
                name_ru=name_clean(name_ru),
                description=name_clean(description),
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
    """Reject a proposed name: it is not proposed again, and its unreviewed entity goes."""
    with transaction.atomic():
        entity = candidate.entity
        if entity is not None and entity.review == Entity.Review.PROVISIONAL:
            entity_reject(entity=entity)
        candidate.status = EntityCandidate.Status.REJECTED
        candidate.save(update_fields=["status", "updated_at"])
    return candidate
