"""Beyond the query's exact words: pseudo-relevance feedback, and the entities tied to one a
query names.

The words most distinctive of the first results' titles and leads (in several of them, and
not common in the archive) are added to the query at a low weight: they rank the articles
that hold them a little higher, and an article holding enough of them (but none of the
query's words) joins the results after every article holding the query's words. The page and
the API show the words added (:attr:`search.query.ParsedQuery.expanded`).

Settings (``docs/search-quality.md`` has their measured effect): ``SEARCH_FEEDBACK_TERMS``
(how many words are added; 0 turns feedback off), ``SEARCH_FEEDBACK_DOCS`` (how many first
results are read), ``SEARCH_FEEDBACK_WEIGHT`` (the added words' weight) and
``SEARCH_FEEDBACK_MATCH`` (how many added words an article needs to join the results; 0:
they only rank).

A query naming an entity already finds its articles whatever script they write its names in
(:func:`search.selectors.query_for`); :func:`tie` can also rank higher the articles naming an
entity closely tied to it (``SEARCH_TIED_ENTITY_WEIGHT``; off by default).
"""

import math
from collections import Counter
from dataclasses import replace

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from whoosh import query as wq

from arabic_text import analyze, tokens
from archive.models import Article, Entity, Mention
from search.backends.base import SORT_RELEVANCE
from search.entity_lookup import is_plain
from search.query import TEXT_FIELD, ParsedQuery

# The opening of an article read for feedback: the title and lead say what it is about, and
# reading whole bodies would cost more than the search itself.
LEAD_CHARS = 400
# A word in more than this share of the archive says nothing of a subject.
COMMON_SHARE = 0.05
# A word must stand in at least this many of the results read.
MIN_RESULTS = 3

# An entity is tied to the queried one when each is in at least this share of the other's
# articles (Lavrov and the Russian foreign ministry; not Lavrov and Russia).
TIE_SHARE = 0.5
TIED_CANDIDATES = 10

MSG_TIED = _("Articles that also name %(names)s rank a little higher.")
MSG_EXPANDED = _(
    "Also searched for words common to the first results: %(words)s. The articles found "
    "through them alone are listed after those with all your words."
)


def setting(name: str, default):
    return getattr(settings, name, default)


def expand(params: dict, parsed: ParsedQuery, entity, backend, build) -> ParsedQuery:
    """``parsed`` with the feedback words added (``expanded``, a message, the queries), or as
    it was when feedback is off or does not apply (no plain words, sorted by date, ``literal``
    or ``match=all``, a backend without a vocabulary, no word distinctive enough).

    ``entity``: the entity the query names, if any (:func:`tie`). ``build(params=…,
    parsed=…, limit=…, facet_fields=…)`` makes the backend's request
    (:func:`search.selectors.search_request`): the first results are read with the filters.
    """
    parsed = tie(params, parsed, entity, backend, build)
    count = setting("SEARCH_FEEDBACK_TERMS", 0)
    vocabulary = getattr(backend, "vocabulary", None)
    if count <= 0 or vocabulary is None or not _applies(params, parsed):
        return parsed
    docs = setting("SEARCH_FEEDBACK_DOCS", 10)
    request = build(params=params, parsed=parsed, limit=docs, facet_fields=())
    if request.sort != SORT_RELEVANCE:
        return parsed
    texts = _openings([pk for pk, _score in backend.execute(request).hits])
    own = set(analyze(parsed.text))
    added = feedback_terms(texts, vocabulary(), backend.document_count(), own, count)
    if not added:
        return parsed
    words = tuple(word for _term, word in added)
    return _expanded(
        replace(
            parsed,
            expanded=words,
            messages=[*parsed.messages, MSG_EXPANDED % {"words": "، ".join(words)}],
        ),
        [term for term, _word in added],
    )


def _applies(params: dict, parsed: ParsedQuery) -> bool:
    if parsed.query is None or not parsed.highlight_text:
        return False
    if params.get("literal") or params.get("match") == "all":
        return False
    return is_plain(parsed.text)


def _openings(ids: list[int]) -> list[str]:
    """The title and the start of the body of each article (in any order)."""
    rows = Article.objects.filter(pk__in=ids).values_list("title", "body")
    return [f"{title}\n{body[:LEAD_CHARS]}" for title, body in rows]


def feedback_terms(
    texts: list[str], vocabulary, total: int, own: set[str], count: int
) -> list[tuple[str, str]]:
    """Up to ``count`` ``(index term, word as written)`` pairs distinctive of ``texts``: in at
    least :data:`MIN_RESULTS` of them, not in ``own`` (the query's terms), in at most
    :data:`COMMON_SHARE` of the ``total`` articles; the most texts first, then the rarest."""
    if total <= 0:
        return []
    held: Counter = Counter()
    written: dict[str, str] = {}
    for text in texts:
        terms = set()
        for token in tokens(text):
            if token.term:
                terms.add(token.term)
                # Shown as its shortest spelling: usually the word without a prefix.
                if len(token.text) < len(written.get(token.term, token.text + " ")):
                    written[token.term] = token.text
        held.update(terms - own)
    scored = []
    for term, found in held.items():
        if found < MIN_RESULTS:
            continue
        frequency = vocabulary.doc_frequency(term)
        if 0 < frequency <= max(1, total * COMMON_SHARE):
            scored.append((found * math.log(total / frequency), term))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return [(term, written[term]) for _score, term in scored[:count]]


def _expanded(parsed: ParsedQuery, terms: list[str]) -> ParsedQuery:
    """``parsed`` ranking by the added terms too; with ``SEARCH_FEEDBACK_MATCH``, also matching
    the articles holding that many of them, after those its own query matches."""
    weight = setting("SEARCH_FEEDBACK_WEIGHT", 0.2)
    bonus = [wq.Term(TEXT_FIELD, term, boost=weight) for term in terms]
    scorer = wq.Or([parsed.score_query or parsed.query, *bonus])
    needed = setting("SEARCH_FEEDBACK_MATCH", 0)
    if needed <= 0 or needed > len(terms):
        return replace(parsed, score_query=scorer)
    added = wq.Or([wq.Term(TEXT_FIELD, term) for term in terms], minmatch=needed)
    return replace(
        parsed,
        query=wq.Or([parsed.query, added]),
        score_query=scorer,
        all_words=parsed.all_words or parsed.query,
    )


def tie(params: dict, parsed: ParsedQuery, entity, backend, build) -> ParsedQuery:
    """``parsed`` ranking a little higher the articles that name an entity closely tied to
    the one the query names (``SEARCH_TIED_ENTITY_WEIGHT``; 0: off)."""
    weight = setting("SEARCH_TIED_ENTITY_WEIGHT", 0.0)
    if weight <= 0 or entity is None or parsed.query is None:
        return parsed
    tied = tied_entities(entity, backend, build)
    if not tied:
        return parsed
    bonus = [wq.Term(other.kind, str(other.pk), boost=weight) for other in tied]
    names = "، ".join(other.name for other in tied)
    return replace(
        parsed,
        score_query=wq.Or([parsed.score_query or parsed.query, *bonus]),
        expanded=(*parsed.expanded, *(other.name for other in tied)),
        messages=[*parsed.messages, MSG_TIED % {"names": names}],
    )


def tied_entities(entity, backend, build) -> list:
    """The entities in at least :data:`TIE_SHARE` of ``entity``'s articles and holding it in
    that share of theirs, most shared first."""
    kinds = tuple(Entity.Kind.values)
    # The entity's articles as the query, not a filter: a filtered kind's facet ignores it.
    mentions = ParsedQuery(query=wq.Term(entity.kind, str(entity.pk)), highlight_text="-")
    request = build(params={}, parsed=mentions, limit=0, facet_fields=kinds)
    outcome = backend.execute(request)
    if not outcome.count:
        return []
    shared = {}
    for kind in kinds:
        for value, count in outcome.facets.get(kind, [])[:TIED_CANDIDATES]:
            if value.isdigit() and int(value) != entity.pk and count >= outcome.count * TIE_SHARE:
                shared[int(value)] = count
    totals = dict(
        Mention.objects.filter(entity_id__in=shared)
        .values_list("entity_id")
        .annotate(articles=Count("article_id", distinct=True))
    )
    tied = [pk for pk, count in shared.items() if count >= totals.get(pk, 0) * TIE_SHARE]
    found = Entity.objects.active().in_bulk(tied)
    return [found[pk] for pk in sorted(tied, key=lambda pk: -shared[pk]) if pk in found]
