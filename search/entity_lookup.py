"""The entity a query names, and entities for autocompletion, looked up by any of their names.

A query names an entity only when it is plain words (:func:`is_plain`): ``-word`` is NOT,
but a hyphen, apostrophe or dot inside a word belongs to the name (``Nouri al-Maliki``,
``Kata'ib Hezbollah``, ``George W. Bush``).
"""

from whoosh import query as wq

from arabic_text import analyze, is_arabic_letter
from archive.extraction.names import name_lookup_keys
from archive.models import Entity, EntityAlias
from search.query import AND_WORDS, NOT_WORDS, OR_WORDS, TEXT_FIELD, ParsedQuery, query_lexemes

ENTITY_SUGGESTIONS = 10
_OPERATORS = frozenset(OR_WORDS | AND_WORDS | NOT_WORDS)


def is_plain(text: str) -> bool:
    """Whether ``text`` is plain words: no quotes, parentheses, operators, excluded or
    required words (``-word``, ``+word``) nor field prefixes.

    A hyphen, apostrophe or dot inside a word is part of it (``al-Maliki``, ``Ba'ath``,
    ``U.S.``): only a leading ``-`` is the NOT operator.
    """
    for kind, value in query_lexemes(text):
        if kind == "space":
            continue
        if kind != "word" or value in _OPERATORS or value[0] in "-+!" or ":" in value:
            return False
    return True


def query_entity(text: str | None) -> Entity | None:
    """The one entity that the whole query names, in any script (``Lavrov``, ``Лавров``).

    Only unambiguous names count: a common word that is also a short name
    (صالح) never turns a text search into an entity search.
    """
    text = (text or "").strip()
    if not text or len(text) > 200 or not is_plain(text):
        return None
    keys = name_lookup_keys(text)
    if not keys:
        return None
    # One list of ids from indexed lookups (the name fields, the alias keys): an OR of
    # conditions on the entity table, or a join, would have SQLite read every entity.
    named = Entity.objects.named(text).order_by().values("pk")
    aliases = EntityAlias.objects.filter(normalized__in=keys, ambiguous=False)
    candidates = named.union(aliases.order_by().values("entity_id"))
    found = list(Entity.objects.active().filter(pk__in=candidates)[:2])
    return found[0] if len(found) == 1 else None


def entity_suggestions(
    *, text: str, kind: str | None = None, limit: int = ENTITY_SUGGESTIONS
) -> list[Entity]:
    """Entities whose name or alias, in any script, equals or starts with ``text``.

    Exact matches (``Lavrov``, ``Лавров``, ``لافروف``) come first, then
    names that start with what was typed, so it serves autocompletion.
    """
    text = (text or "").strip()[:200]
    if not text:
        return []
    base = Entity.objects.active()
    if kind:
        base = base.filter(kind=kind)
    found: list[Entity] = list(base.matching(text).order_by("name")[:limit])
    if len(found) < limit:
        seen = {entity.pk for entity in found}
        more = base.name_startswith(text).exclude(pk__in=seen).order_by("name")
        found += list(more[: limit - len(found)])
    return found


def arabic_name_terms(names: list[str], parsed: ParsedQuery) -> list[wq.Term]:
    """For a query naming an entity in another script (``Nouri al-Maliki``), the words of
    its Arabic ``names``, to rank by: the articles write it in Arabic, so the typed words
    score nothing. None for a query with Arabic letters, which ranks by its own words.
    """
    if any(is_arabic_letter(char) for char in parsed.text):
        return []
    arabic = [name for name in names if any(map(is_arabic_letter, name))]
    terms = sorted({term for name in arabic for term in analyze(name)})
    return [wq.Term(TEXT_FIELD, term) for term in terms]
