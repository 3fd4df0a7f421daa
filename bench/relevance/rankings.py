"""The rankings the evaluator compares, each a list of article ids for one query.

``current`` is the search page itself (``search_execute`` with the query's filters). The
others are baselines built from the project's own query tree (``search.query.query_parse``)
and run by the same backend, with the same filters:

- ``all-words``: an AND of the query's words (phrases and operators taken word by word, no
  entity widening), with the title bonus of ``query_parse``'s ranking query: the strict
  "every word" match, whatever the page does;
- ``any-word``: an OR of the same words, with the same title bonus;
- ``bm25``: the same OR, ranked by BM25 on the article text only.
"""

from dataclasses import replace

from whoosh import query as wq

NAMES = ("current", "all-words", "any-word", "bm25")


def query_words(node) -> list[str]:
    """The positive words of a query tree, in order, once each (NOT branches left out)."""
    words: list[str] = []

    def walk(item):
        if isinstance(item, wq.Not):
            return
        if isinstance(item, wq.AndNot):
            walk(item.a)
        elif isinstance(item, wq.Term):
            words.append(item.text)
        elif isinstance(item, wq.Phrase):
            words.extend(item.words)
        elif not item.is_leaf():
            for sub in item.children():
                walk(sub)

    if node is not None:
        walk(node)
    return list(dict.fromkeys(words))


def ranking(name: str, params: dict, depth: int) -> tuple[int, list[int]]:
    """``(number of results, the first depth article ids)`` of ranking ``name``."""
    from haystack import connections

    from search.backends.base import SORT_RELEVANCE
    from search.query import TEXT_FIELD, TITLE_FIELD, ParsedQuery, query_parse
    from search.selectors import search_execute, search_request

    if name == "current":
        results = search_execute(params=params, page_size=depth, highlighted=False)
        return results.count, [hit.article.pk for hit in results.hits]
    if name not in NAMES:
        raise ValueError(f"unknown ranking {name!r}; known: {', '.join(NAMES)}")
    parsed = query_parse(params.get("q"))
    words = query_words(parsed.query)
    if not words:
        return 0, []
    terms = [wq.Term(TEXT_FIELD, word) for word in words]
    query = _or(terms) if name != "all-words" else (terms[0] if len(terms) == 1 else wq.And(terms))
    scorer = query
    if name != "bm25":
        scorer = wq.AndMaybe(query, _or([wq.Term(TITLE_FIELD, word) for word in words]))
    stand_in = ParsedQuery(text=parsed.text, query=query, score_query=scorer, highlight_text="-")
    request = search_request(params=params, parsed=stand_in, limit=depth, facet_fields=())
    outcome = connections["default"].get_backend().execute(replace(request, sort=SORT_RELEVANCE))
    return outcome.count, [pk for pk, _score in outcome.hits]


def _or(terms: list) -> wq.Query:
    return terms[0] if len(terms) == 1 else wq.Or(terms)
