"""What a search that found nothing offers instead: the query with a word fewer, and the
entities whose names resemble it (a name misspelt, or written in another script).

Only a page with no results reads these, so their cost never touches an ordinary search.
"""

from rapidfuzz import fuzz, process

from archive.extraction.names import name_normalize
from archive.models import Entity, EntityAlias
from search.entity_lookup import is_plain
from search.query import query_lexemes

# A query of more words than this is rarely helped by dropping one of them.
FEWER_WORDS_MAX = 6
RESEMBLING_LIMIT = 5
# rapidfuzz's similarity (0–100) from which a name resembles the query.
RESEMBLING_SCORE = 75


def fewer_words(text: str | None) -> list[str]:
    """A plain query of two or more words with each of its words left out in turn."""
    text = (text or "").strip()
    if not text or not is_plain(text):
        return []
    words = [value for kind, value in query_lexemes(text) if kind == "word"]
    if not 2 <= len(words) <= FEWER_WORDS_MAX:
        return []
    shorter = [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))]
    return list(dict.fromkeys(shorter))


def resembling_entities(text: str | None, *, limit: int = RESEMBLING_LIMIT) -> list[Entity]:
    """Active entities with a name or alias that resembles the query or one of its words,
    most alike first (rapidfuzz on the folded names, so spelling variants count)."""
    text = (text or "").strip()
    if not text or not is_plain(text):
        return []
    keys = {name_normalize(text), *(name_normalize(word) for word in text.split())}
    keys = {key for key in keys if key and len(key) >= 3}
    if not keys:
        return []
    rows = list(
        EntityAlias.objects.filter(entity__merged_into__isnull=True)
        .exclude(normalized="")
        .values_list("normalized", "entity_id")
    )
    names = [name for name, _pk in rows]
    scores: dict[int, float] = {}
    for key in keys:
        for _name, score, index in process.extract(
            key,
            names,
            scorer=fuzz.ratio,
            score_cutoff=RESEMBLING_SCORE,
            limit=limit * 3,
        ):
            pk = rows[index][1]
            scores[pk] = max(score, scores.get(pk, 0))
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    entities = Entity.objects.in_bulk(best)
    return [entities[pk] for pk in best if pk in entities]
