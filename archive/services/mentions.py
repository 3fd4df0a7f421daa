"""Mentions: the entities extraction finds in an article, written with the article's candidates.

Mentions editors added by hand survive a refresh and mentions they removed are
never added back. Mentions are written in bulk, which sends no model signal, so a
refresh of an existing article announces it with ``archive.signals.articles_changed``
(the search index queues the article in the same transaction).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from archive.extraction import Extraction, FoundCandidate, FoundEntity, extract
from archive.extraction.bylines import dateline_name
from archive.extraction.gazetteer import Gazetteer
from archive.models import Article, EntityCandidate, Mention
from archive.services.gazetteer import gazetteer_get
from archive.services.review import provisional_entities, provisional_mentions
from archive.signals import articles_changed


def extraction_text(
    *, title: str, body: str, title_derived: bool = False, dateline: str | None = None
) -> str:
    """Title and body as extraction sees them (mention offsets refer to this text).

    A title cut from the lead repeats the body's first words, so it is left
    out rather than counted twice. A dateline (``إيلاف من لندن:``) says where
    the outlet wrote from, not what the article is about: it is blanked, all but the
    reporter's name it credits (``bylines.dateline_name``).
    """
    title, body = (title or "").strip(), body or ""
    if dateline and body.startswith(dateline):
        name = dateline_name(dateline) or (0, 0)
        kept = " " * name[0] + dateline[name[0] : name[1]]
        body = kept.ljust(len(dateline)) + body[len(dateline) :]
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
    links yet, so none are read or deleted, and its creation already told the followers.
    Otherwise the refresh sends ``articles_changed`` inside its transaction.
    """
    result = extraction
    if result is None:
        result = extract(article_extraction_text(article), gazetteer or gazetteer_get())
    # A just-created article is inside its creator's transaction: no savepoint of its own.
    with transaction.atomic(savepoint=not created):
        detected = _candidates_record(article, result.candidates, created=created)
        found = _found_merge(result.entities, detected)
        if created:
            mentions = Mention.objects.bulk_create(_new_mentions(article, found))
        else:
            mentions = _mentions_replace(article, found)
            articles_changed.send(sender=Article, article_ids=[article.pk])
    return mentions


def _found_merge(found: list[FoundEntity], detected: list[FoundEntity]) -> list[FoundEntity]:
    """Known and detected entities of one article, one item per entity."""
    by_id = {item.entity_id: item for item in found}
    for item in detected:
        same = by_id.get(item.entity_id)
        if same is None:
            by_id[item.entity_id] = item
            continue
        same.count += item.count
        same.forms += [f for f in item.forms if f not in same.forms]
        same.first_offset = min(same.first_offset, item.first_offset)
    return list(by_id.values())


def _mentions_replace(article: Article, entities: list[FoundEntity]) -> list[Mention]:
    suppressed = set(article.mention_suppressions.values_list("entity_id", flat=True))
    found = {f.entity_id: f for f in entities if f.entity_id not in suppressed}
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
) -> list[FoundEntity]:
    """Link the article to the proposed candidates it names (creating new ones), unlink it
    from those it no longer names, and recount the articles of every candidate touched.

    Returns the mentions of the candidates' entities: an unreviewed entity is created for
    a new name, an accepted name mentions its entity, a rejected one nothing."""
    previous = []
    if not created:
        previous = list(article.entity_candidates.filter(status=EntityCandidate.Status.PROPOSED))
        article.entity_candidates.remove(*previous)
    touched = {c.pk for c in previous}
    candidates = _candidates_get_or_create(found)
    detected = provisional_mentions(found, candidates)
    proposed = [c for c in candidates if c.status == EntityCandidate.Status.PROPOSED]
    if proposed:
        links = EntityCandidate.articles.through
        links.objects.bulk_create(
            [links(entitycandidate_id=c.pk, article_id=article.pk) for c in proposed],
            ignore_conflicts=True,
        )
        touched.update(c.pk for c in proposed)
    if created and proposed:
        # A new article adds one to each of its candidates: no recount needed.
        EntityCandidate.objects.filter(pk__in=touched).update(
            count=F("count") + 1, updated_at=timezone.now()
        )
    elif touched:
        _candidate_counts_refresh(touched, unlinked=bool(previous))
    return detected


def _candidates_get_or_create(found: list[FoundCandidate]) -> list[EntityCandidate]:
    """The candidates of these names, in order; the first finding of a new name creates it."""
    wanted: dict[str, FoundCandidate] = {}
    for item in found:
        wanted.setdefault(item.normalized[:255], item)
    if not wanted:
        return []
    # Unordered: a dict by a unique key, so the model's ordering would only cost its SQL.
    existing = EntityCandidate.objects.order_by().in_bulk(list(wanted), field_name="normalized")
    missing = [key for key in wanted if key not in existing]
    if missing:
        # A new name gets its unreviewed entity at once; a name another import just
        # created is simply read back.
        entities = provisional_entities([(wanted[k].kind, wanted[k].name[:200]) for k in missing])
        EntityCandidate.objects.bulk_create(
            [
                EntityCandidate(
                    normalized=key,
                    name=wanted[key].name[:200],
                    cue=wanted[key].cue[:300],
                    kind=wanted[key].kind,
                    entity_id=entities.get((wanted[key].kind, wanted[key].name[:200])),
                )
                for key in missing
            ],
            ignore_conflicts=True,
        )
        existing.update(
            EntityCandidate.objects.order_by().in_bulk(missing, field_name="normalized")
        )
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

    Each article is refreshed in its own transaction, together with what its
    followers record (its index task). Returns ``{"articles": n, "mentions": m}``.
    """
    counts = {"articles": 0, "mentions": 0}
    gazetteer = gazetteer_get()
    iterator = articles.iterator() if hasattr(articles, "iterator") else iter(articles)
    for article in iterator:
        mentions = article_mentions_refresh(article=article, gazetteer=gazetteer)
        counts["articles"] += 1
        counts["mentions"] += len(mentions)
    return counts
