"""``make relevance``: the relevance set searched in a throwaway archive of its pool.

Usage (from the repository root)::

    .venv/bin/python bench/relevance/evaluate.py [--workdir var/relevance] [--reuse]
        [--ranking current|all-words|any-word|bm25|all …] [--queries q01,q02]
        [--judged-only] [--json] [--unjudged FILE [--depth N]]

Builds the archive of ``pool.tsv`` in ``--workdir`` (``build.py``; ``--reuse`` searches the
one an earlier run built), runs every query of ``queries.json`` with its filters through
each ranking asked for (``rankings.py``; default ``current``, the search page) and prints,
per query and overall, nDCG@10, recall@50 and the number of results, and how many queries
found nothing (``metrics.py``; unjudged articles count as not relevant).

``--queries`` keeps the queries named; ``--judged-only`` imports only the judged articles of
the queries kept (a small, quick archive: the test suite's slice). ``--unjudged FILE`` writes
the articles of each ranking's first 20 that have no judgment yet (query, key, rankings,
title, lead), for the judge to read; ``--depth N`` lists each ranking's first N instead
(up to 50, the depth recall is measured at).
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import dataset
import metrics
from build import ROOT, article_keys, prepare

DEFAULT_WORKDIR = ROOT / "var" / "relevance"
NDCG_AT, RECALL_AT, POOL_DEPTH = 10, 50, 20
LEAD_CHARS = 400


def search_params(query: dataset.Query) -> dict:
    """The query's page parameters as ``SearchForm`` cleans them; filters named → ids."""
    from django.http import QueryDict

    from archive.models import Entity, Source
    from search.forms import SearchForm

    data = QueryDict(mutable=True)
    data["q"] = query.q
    for name, value in query.filters.items():
        values = value if isinstance(value, list) else [value]
        if name in ("person", "organization", "place"):
            values = [Entity.objects.get(kind=name, name=v).pk for v in values]
        elif name == "source":
            values = [Source.objects.get(name=v).pk for v in values]
        data.setlist(name, [str(v) for v in values])
    form = SearchForm(data)
    if not form.is_valid():
        raise SystemExit(f"{query.id}: invalid filters {form.errors.as_json()}")
    return form.cleaned_data


def evaluate(queries, judgments, rankings, keys: dict[int, str]) -> dict:
    """Per query and ranking: results, nDCG@10, recall@50 and the ranked keys."""
    from rankings import ranking

    rows = []
    for query in queries:
        params = search_params(query)
        judged = judgments.get(query.id, {})
        row = {"id": query.id, "q": query.q, "kind": query.kind, "rankings": {}}
        for name in rankings:
            count, ids = ranking(name, params, RECALL_AT)
            ranked = [keys.get(pk, f"id:{pk}") for pk in ids]
            row["rankings"][name] = {
                "results": count,
                "ndcg": metrics.ndcg(ranked, judged, NDCG_AT),
                "recall": metrics.recall(ranked, judged, RECALL_AT),
                "top": ranked,
            }
        rows.append(row)
    return {"queries": rows, "summary": summarize(rows, rankings)}


def summarize(rows: list[dict], rankings) -> dict:
    """Means overall and per query kind, and the queries with no result, per ranking."""
    summary = {}
    for name in rankings:
        runs = [(row["kind"], row["rankings"][name]) for row in rows]
        kinds = sorted({kind for kind, _run in runs})
        summary[name] = {
            "queries": len(runs),
            "ndcg": metrics.mean(run["ndcg"] for _k, run in runs),
            "recall": metrics.mean(run["recall"] for _k, run in runs),
            "zero_results": sum(run["results"] == 0 for _k, run in runs),
            "by_kind": {
                kind: {
                    "queries": sum(k == kind for k, _run in runs),
                    "ndcg": metrics.mean(run["ndcg"] for k, run in runs if k == kind),
                    "recall": metrics.mean(run["recall"] for k, run in runs if k == kind),
                }
                for kind in kinds
            },
        }
    return summary


def _f(value) -> str:
    return "  –  " if value is None else f"{value:.3f}"


def report(result: dict, rankings) -> str:
    lines = []
    for name in rankings:
        lines.append(f"## {name}")
        lines.append(f"{'query':<6} {'kind':<11} {'nDCG@10':>7} {'R@50':>6} {'results':>7}  text")
        for row in result["queries"]:
            run = row["rankings"][name]
            lines.append(
                f"{row['id']:<6} {row['kind']:<11} {_f(run['ndcg']):>7} {_f(run['recall']):>6} "
                f"{run['results']:>7}  {row['q']}"
            )
        total = result["summary"][name]
        for kind, part in total["by_kind"].items():
            lines.append(
                f"{'kind':<6} {kind:<11} {_f(part['ndcg']):>7} {_f(part['recall']):>6} "
                f"{part['queries']:>7}  queries"
            )
        lines.append(
            f"{'all':<6} {'':<11} {_f(total['ndcg']):>7} {_f(total['recall']):>6} "
            f"{total['queries']:>7}  queries, {total['zero_results']} with zero results"
        )
        lines.append("")
    return "\n".join(lines)


def write_unjudged(
    path: Path, result: dict, judgments: dict, keys: dict[int, str], depth: int = POOL_DEPTH
) -> int:
    """The first ``depth`` of each ranking that are not judged yet, as TSV rows."""
    from archive.models import Article
    from archive.selectors import article_lead

    by_key = {key: pk for pk, key in keys.items()}
    rows = []
    for row in result["queries"]:
        judged = judgments.get(row["id"], {})
        found: dict[str, list[str]] = {}
        for name, run in row["rankings"].items():
            for key in run["top"][:depth]:
                if key not in judged:
                    found.setdefault(key, []).append(name)
        for key, names in found.items():
            article = Article.objects.get(pk=by_key[key])
            lead = article_lead(article, words=70)[:LEAD_CHARS].replace("\t", " ")
            title = article.title.replace("\t", " ")
            rows.append("\t".join([row["id"], key, ",".join(names), title, lead]))
    path.write_text("query\tarticle\trankings\ttitle\tlead\n" + "\n".join(rows) + "\n")
    return len(rows)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--reuse", action="store_true", help="search the archive already built")
    parser.add_argument("--ranking", action="append", help="a ranking, or all (repeatable)")
    parser.add_argument("--queries", help="comma-separated query ids (default: every query)")
    parser.add_argument("--judged-only", action="store_true", help="import judged articles only")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--unjudged", type=Path, help="write the unjudged top 20 to this TSV")
    parser.add_argument(
        "--depth", type=int, default=POOL_DEPTH, help="how deep --unjudged reads (at most 50)"
    )
    args = parser.parse_args(argv)
    from rankings import NAMES

    names = args.ranking or ["current"]
    names = list(NAMES) if "all" in names else names
    unknown = [name for name in names if name not in NAMES]
    if not 1 <= args.depth <= RECALL_AT:
        parser.error(f"--depth must be between 1 and {RECALL_AT}")
    if unknown:
        parser.error(f"unknown ranking {', '.join(unknown)}; known: {', '.join(NAMES)}")
    queries = dataset.queries_read()
    if args.queries:
        wanted = args.queries.split(",")
        queries = [query for query in queries if query.id in wanted]
        if len(queries) != len(wanted):
            parser.error("--queries names an unknown query")
    judgments = dataset.judgments_read()
    keys = dataset.pool_keys()
    if args.judged_only:
        judged = {key for query in queries for key in judgments.get(query.id, {})}
        keys = [key for key in keys if key in judged]
    built = prepare(args.workdir.resolve(), keys, reuse=args.reuse)
    article_ids = article_keys()
    result = evaluate(queries, judgments, names, article_ids)
    result["build"] = built
    if args.unjudged:
        count = write_unjudged(args.unjudged, result, judgments, article_ids, args.depth)
        print(f"{count} unjudged articles written to {args.unjudged}", file=sys.stderr)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(report(result, names))
    return result


if __name__ == "__main__":
    main()
